import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startEmulator } from '../../emulator/index.js'
import type { Emulator } from '../../emulator/index.js'
import type { EsvSecret, EsvSecretVersion, PagedList } from '../../src/tenant/types.js'
import { b64, call, tokenFor } from './client.js'
import type { Answer, CallOptions } from './client.js'

let emulator: Emulator
let token: string
/** Every answer body the tests received, to check no stored value ever leaves the emulator. */
const answers: string[] = []

beforeAll(async () => {
  emulator = await startEmulator()
  token = await tokenFor(emulator, 'lower')
})
afterAll(() => emulator.close())

async function api<T>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
  const answer = await call<T>(emulator, 'lower', method, path, { token, ...options })
  answers.push(answer.text)
  return answer
}

const create = (id: string, value: string, extra: Record<string, unknown> = {}) =>
  api<EsvSecret>('PUT', `/environment/secrets/${id}`, {
    body: { encoding: 'generic', useInPlaceholders: true, valueBase64: b64(value), ...extra }
  })
const addVersion = (id: string, value: string) =>
  api<EsvSecretVersion>('POST', `/environment/secrets/${id}/versions?_action=create`, { body: { valueBase64: b64(value) } })
const versions = async (id: string) => (await api<EsvSecretVersion[]>('GET', `/environment/secrets/${id}/versions`)).body

describe('secrets', () => {
  test('the seed has secrets with several versions, all loaded', async () => {
    const list = await api<PagedList<EsvSecret>>('GET', '/environment/secrets')
    expect(list.body.result.map((s) => s._id)).toEqual(['esv-hmac-key', 'esv-signing-key', 'esv-smtp-password'])
    expect(list.body.result.every((s) => s.loaded && s.loadedVersion === s.activeVersion)).toBe(true)
    expect((await versions('esv-hmac-key')).map((v) => [v.version, v.status])).toEqual([
      ['1', 'DESTROYED'],
      ['2', 'DISABLED'],
      ['3', 'ENABLED']
    ])
  })

  test('PUT creates a secret with version 1, pending until a restart', async () => {
    const answer = await create('esv-api-key', 'first', { description: 'API key' })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      _id: 'esv-api-key',
      activeVersion: '1',
      description: 'API key',
      encoding: 'generic',
      lastChangeDate: expect.any(String),
      lastChangedBy: emulator.serviceAccount.id,
      loaded: false,
      loadedVersion: '',
      useInPlaceholders: true
    })
    expect(await versions('esv-api-key')).toEqual([{ version: '1', createDate: expect.any(String), loaded: false, status: 'ENABLED' }])
    expect(emulator.lower.state.secrets.get('esv-api-key')?.versions[0]?.valueBase64).toBe(b64('first'))
  })

  test('PUT on an existing secret is refused with the real message and changes nothing', async () => {
    await create('esv-once', 'one')
    const again = await create('esv-once', 'two')
    expect(again.status).toBe(400)
    expect(again.body).toEqual({ code: 400, message: 'Failed to create secret, the secret already exists' })
    expect(emulator.lower.state.secrets.get('esv-once')?.versions.map((v) => v.valueBase64)).toEqual([b64('one')])
  })

  test('create validates encoding, useInPlaceholders and the value', async () => {
    expect((await create('esv-bad', 'x', { encoding: 'rot13' })).status).toBe(400)
    expect((await create('esv-bad', 'x', { useInPlaceholders: 'yes' })).status).toBe(400)
    expect((await create('esv-bad', 'x', { valueBase64: '***' })).status).toBe(400)
    expect(emulator.lower.state.secrets.has('esv-bad')).toBe(false)
  })

  test('a new version becomes active; sending the latest value again returns the latest version', async () => {
    await create('esv-rotating', 'v1')
    const second = await addVersion('esv-rotating', 'v2')
    expect(second.body).toEqual({ version: '2', createDate: expect.any(String), loaded: false, status: 'ENABLED' })
    const same = await addVersion('esv-rotating', 'v2')
    expect(same.status).toBe(200)
    expect(same.body.version).toBe('2')
    expect(await versions('esv-rotating')).toHaveLength(2)
    const secret = (await api<EsvSecret>('GET', '/environment/secrets/esv-rotating')).body
    expect(secret.activeVersion).toBe('2')
    // An older value is a new version: only the latest counts for de-duplication.
    expect((await addVersion('esv-rotating', 'v1')).body.version).toBe('3')
  })

  test('the latest version cannot be disabled or deleted; others can, and deleted ones stay as DESTROYED', async () => {
    await create('esv-versions', 'a')
    await addVersion('esv-versions', 'b')
    await addVersion('esv-versions', 'c')
    const base = '/environment/secrets/esv-versions/versions'
    const disableLatest = await api(`POST`, `${base}/3?_action=changestatus`, { body: { status: 'DISABLED' } })
    expect(disableLatest.status).toBe(400)
    expect((await api('POST', `${base}/latest?_action=changestatus`, { body: { status: 'DISABLED' } })).status).toBe(400)
    const deleteLatest = await api('DELETE', `${base}/3`)
    expect(deleteLatest.status).toBe(403)
    expect((await api('DELETE', `${base}/latest`)).status).toBe(403)

    const disabled = await api<EsvSecretVersion>('POST', `${base}/2?_action=changestatus`, { body: { status: 'DISABLED' } })
    expect(disabled.body).toMatchObject({ version: '2', status: 'DISABLED' })
    const destroyed = await api<EsvSecretVersion>('DELETE', `${base}/1`)
    expect(destroyed.status).toBe(200)
    expect(destroyed.body).toMatchObject({ version: '1', status: 'DESTROYED' })
    expect((await api<EsvSecretVersion>('GET', `${base}/1`)).body.status).toBe('DESTROYED')
    expect((await versions('esv-versions')).map((v) => v.status)).toEqual(['DESTROYED', 'DISABLED', 'ENABLED'])
    expect(emulator.lower.state.secrets.get('esv-versions')?.versions[0]?.valueBase64).toBeNull()
    expect((await api('POST', `${base}/1?_action=changestatus`, { body: { status: 'ENABLED' } })).status).toBe(400)
    expect((await api<EsvSecretVersion>('GET', `${base}/latest`)).body.version).toBe('3')
    expect((await api('GET', `${base}/9`)).body).toEqual({ code: 404, message: 'The secret version does not exist' })
    expect((await api('GET', `${base}/v1`)).status).toBe(400)
  })

  test('setDescription and DELETE; a missing secret is a 404', async () => {
    await create('esv-short-lived', 'x')
    const described = await api<EsvSecret>('POST', '/environment/secrets/esv-short-lived?_action=setDescription', {
      body: { description: 'now described' }
    })
    expect(described.body.description).toBe('now described')
    expect((await api('DELETE', '/environment/secrets/esv-short-lived')).status).toBe(200)
    expect((await api('GET', '/environment/secrets/esv-short-lived')).body).toEqual({ code: 404, message: 'The secret does not exist' })
    expect((await api('GET', '/environment/secrets/esv-short-lived/versions')).status).toBe(404)
  })

  test('v2 lists secrets in pages', async () => {
    const page = await api<PagedList<EsvSecret>>('GET', '/environment/secrets?_pageSize=2', { resource: '2.0' })
    expect(page.body.resultCount).toBe(2)
    expect(page.body.pagedResultsCookie).toEqual(expect.any(String))
  })

  test('no stored secret value ever appears in an answer', () => {
    const values = [...emulator.lower.state.secrets.values()].flatMap((s) => s.versions.map((v) => v.valueBase64)).filter((v) => v !== null)
    expect(values.length).toBeGreaterThan(5)
    const everything = answers.join('\n')
    for (const value of values) expect(everything).not.toContain(value)
  })
})
