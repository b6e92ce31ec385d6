import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { esvBehaviour, startEmulator } from '../../emulator/index.js'
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
  test('[ESV-04][ESV-24] the seed has secrets with several versions, all loaded; v1 lists them whole, versions newest first', async () => {
    const list = await api<PagedList<EsvSecret>>('GET', '/environment/secrets')
    expect(list.body).toMatchObject({ pagedResultsCookie: null, remainingPagedResults: -1, totalPagedResultsPolicy: 'NONE' })
    expect(list.body.result.map((s) => s._id)).toEqual(['esv-hmac-key', 'esv-signing-key', 'esv-smtp-password'])
    expect(list.body.result.every((s) => s.loaded && s.loadedVersion === s.activeVersion)).toBe(true)
    expect((await versions('esv-hmac-key')).map((v) => [v.version, v.status])).toEqual([
      ['3', 'ENABLED'],
      ['2', 'DISABLED'],
      ['1', 'DESTROYED']
    ])
  })

  test('[ESV-19][ESV-18] PUT creates a secret with version 1, pending, with no loaded version yet', async () => {
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

  test('[ESV-20] PUT on an existing secret is refused with the real message and changes nothing', async () => {
    await create('esv-once', 'one')
    const again = await create('esv-once', 'two')
    expect(again.status).toBe(400)
    expect(again.body).toEqual({ code: 400, message: 'Failed to create secret, the secret already exists' })
    expect(emulator.lower.state.secrets.get('esv-once')?.versions.map((v) => v.valueBase64)).toEqual([b64('one')])
  })

  test('[ESV-19][ESV-15] create validates encoding, useInPlaceholders and the value', async () => {
    expect((await create('esv-bad', 'x', { encoding: 'rot13' })).status).toBe(400)
    expect((await create('esv-bad', 'x', { useInPlaceholders: 'yes' })).status).toBe(400)
    expect((await create('esv-bad', 'x', { valueBase64: '***' })).status).toBe(400)
    expect(emulator.lower.state.secrets.has('esv-bad')).toBe(false)
  })

  test('[ESV-22][ESV-23] a new version becomes active; sending the latest value again returns the latest version', async () => {
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
    // Two spellings of one value are one value: "djF=" has other unused trailing bits than "djE=" (b64('v1')).
    expect(b64('v1')).toBe('djE=')
    expect(Buffer.from('djF=', 'base64').toString('utf8')).toBe('v1')
    expect(
      (await api<EsvSecretVersion>('POST', '/environment/secrets/esv-rotating/versions?_action=create', { body: { valueBase64: 'djF=' } }))
        .body.version
    ).toBe('3')
    const missing = await api('POST', '/environment/secrets/esv-never-made/versions?_action=create', { body: { valueBase64: b64('x') } })
    expect(missing.body).toEqual({ code: 404, message: 'Failed to create secret version' })
  })

  test('[ESV-27][ESV-26][ESV-28][ESV-25] the latest version cannot be disabled or deleted; others can, and deleted ones stay as DESTROYED', async () => {
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
    expect((await versions('esv-versions')).map((v) => v.status)).toEqual(['ENABLED', 'DISABLED', 'DESTROYED'])
    expect(emulator.lower.state.secrets.get('esv-versions')?.versions[0]?.valueBase64).toBeNull()
    expect((await api<EsvSecretVersion>('GET', `${base}/latest`)).body.version).toBe('3')
    expect((await api('GET', `${base}/9`)).body).toEqual({ code: 404, message: 'Failed to get secret version' })
    expect((await api('GET', '/environment/secrets/esv-never-made/versions/2')).body).toEqual({
      code: 404,
      message: 'Failed to get secret version'
    })
    expect((await api('GET', `${base}/v1`)).status).toBe(400)
  })

  test('[ESV-29] a destroyed version is refused by default when deleted again or given a status; the answers option returns it', async () => {
    await create('esv-destroyed', 'a')
    await addVersion('esv-destroyed', 'b')
    const base = '/environment/secrets/esv-destroyed/versions'
    expect((await api('DELETE', `${base}/1`)).status).toBe(200)
    expect((await api('DELETE', `${base}/1`)).status).toBe(400)
    expect((await api('POST', `${base}/1?_action=changestatus`, { body: { status: 'ENABLED' } })).status).toBe(400)
    const behaviour = esvBehaviour(emulator.lower.state)
    behaviour.destroyedVersion = 'answers'
    try {
      expect(await api('DELETE', `${base}/1`)).toMatchObject({ status: 200, body: { version: '1', status: 'DESTROYED' } })
      expect(await api('POST', `${base}/1?_action=changestatus`, { body: { status: 'ENABLED' } })).toMatchObject({
        status: 200,
        body: { status: 'DESTROYED' }
      })
    } finally {
      behaviour.destroyedVersion = 'refuses'
    }
  })

  test('[ESV-16][ESV-30][ESV-21] setDescription answers an empty 200; DELETE answers the secret; then a 404 with the real message', async () => {
    await create('esv-short-lived', 'x')
    const described = await api('POST', '/environment/secrets/esv-short-lived?_action=setDescription', {
      body: { description: 'now described' }
    })
    expect(described).toMatchObject({ status: 200, text: '' })
    expect(described.headers.get('content-type')).toBeNull()
    expect((await api<EsvSecret>('GET', '/environment/secrets/esv-short-lived')).body.description).toBe('now described')
    const deleted = await api<EsvSecret>('DELETE', '/environment/secrets/esv-short-lived')
    expect(deleted).toMatchObject({ status: 200, body: { _id: 'esv-short-lived', description: 'now described' } })
    const gone = { code: 404, message: 'The secret does not exist or does not have a version' }
    expect((await api('GET', '/environment/secrets/esv-short-lived')).body).toEqual(gone)
    expect((await api('GET', '/environment/secrets/esv-short-lived/versions')).body).toEqual(gone)
    expect(
      (await api('POST', '/environment/secrets/esv-short-lived/versions/1?_action=changestatus', { body: { status: 'DISABLED' } })).body
    ).toEqual(gone)
  })

  test('[ESV-05] v2 lists secrets in pages', async () => {
    const page = await api<PagedList<EsvSecret>>('GET', '/environment/secrets?_pageSize=2', { resource: '2.0' })
    expect(page.body.resultCount).toBe(2)
    expect(page.body.pagedResultsCookie).toEqual(expect.any(String))
  })

  test('[ESV-31] no stored secret value ever appears in an answer', () => {
    const values = [...emulator.lower.state.secrets.values()].flatMap((s) => s.versions.map((v) => v.valueBase64)).filter((v) => v !== null)
    expect(values.length).toBeGreaterThan(5)
    const everything = answers.join('\n')
    for (const value of values) expect(everything).not.toContain(value)
  })
})
