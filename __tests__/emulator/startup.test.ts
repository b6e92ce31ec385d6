import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { startEmulator } from '../../emulator/index.js'
import type { Emulator } from '../../emulator/index.js'
import type { EsvCount, EsvSecret, EsvSecretVersion, EsvVariable, RestartStatusResponse } from '../../src/tenant/types.js'
import { b64, call, sleep, tokenFor, serviceAccountKey } from './client.js'

const RESTART_MS = 100

let emulator: Emulator
let token: string

beforeEach(async () => {
  emulator = await startEmulator({ serviceAccountKey: await serviceAccountKey(), restartMs: RESTART_MS })
  token = await tokenFor(emulator, 'lower')
})
afterEach(() => emulator.close())

const status = async () =>
  (await call<RestartStatusResponse>(emulator, 'lower', 'GET', '/environment/startup', { token })).body.restartStatus
const restart = () => call<RestartStatusResponse>(emulator, 'lower', 'POST', '/environment/startup?_action=restart', { token })
const variable = async (id: string) => (await call<EsvVariable>(emulator, 'lower', 'GET', `/environment/variables/${id}`, { token })).body
const secret = async (id: string) => (await call<EsvSecret>(emulator, 'lower', 'GET', `/environment/secrets/${id}`, { token })).body

describe('restart state machine', () => {
  test('[START-01] [START-02] ready -> restarting for restartMs -> ready', async () => {
    expect(await status()).toBe('ready')
    const started = Date.now()
    const answer = await restart()
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ restartStatus: 'restarting' })
    expect(await status()).toBe('restarting')
    while ((await status()) === 'restarting') await sleep(10)
    const took = Date.now() - started
    expect(took).toBeGreaterThanOrEqual(RESTART_MS - 5)
    expect(took).toBeLessThan(RESTART_MS + 400)
    expect(emulator.lower.state.restart.completed).toBe(1)
  })

  test('[START-03] a restart requested while one runs answers 409 "Restart already in progress" and does not extend it', async () => {
    await restart()
    const readyAt = emulator.lower.state.restart.readyAt
    await sleep(40)
    expect(await restart()).toMatchObject({ status: 409, body: { code: 409, message: 'Restart already in progress' } })
    expect(emulator.lower.state.restart.readyAt).toBe(readyAt)
    await sleep(RESTART_MS)
    expect(await status()).toBe('ready')
    expect(emulator.lower.state.restart.completed).toBe(1)
  })

  test('[START-03] restartWhileRestarting join: the second request joins the running restart with 200 restarting', async () => {
    const joining = await startEmulator({
      serviceAccountKey: await serviceAccountKey(),
      restartMs: RESTART_MS,
      restartWhileRestarting: 'join'
    })
    try {
      const scoped = await tokenFor(joining, 'lower')
      const again = () => call<RestartStatusResponse>(joining, 'lower', 'POST', '/environment/startup?_action=restart', { token: scoped })
      await again()
      const readyAt = joining.lower.state.restart.readyAt
      expect((await again()).body).toEqual({ restartStatus: 'restarting' })
      expect(joining.lower.state.restart.readyAt).toBe(readyAt)
    } finally {
      await joining.close()
    }
  })

  test('[START-02] beginRestart and setRestartMs act as someone else restarting the tenant', async () => {
    emulator.lower.setRestartMs(50)
    emulator.lower.beginRestart()
    expect(await status()).toBe('restarting')
    expect(emulator.upper.state.restart.status).toBe('ready')
    await sleep(80)
    expect(emulator.lower.state.restart.status).toBe('ready') // completed by its timer, without a poll
  })

  test('[START-04] the restart action is required', async () => {
    expect((await call(emulator, 'lower', 'POST', '/environment/startup', { token })).status).toBe(400)
    expect(await status()).toBe('ready')
  })
})

describe('changes are pending until a restart', () => {
  test('variables and secrets stay loaded:false until the restart completes', async () => {
    await call(emulator, 'lower', 'PUT', '/environment/variables/esv-api-base-url', { token, body: { valueBase64: b64('https://new') } })
    await call(emulator, 'lower', 'POST', '/environment/secrets/esv-smtp-password/versions?_action=create', {
      token,
      body: { valueBase64: b64('rotated') }
    })
    expect((await variable('esv-api-base-url')).loaded).toBe(false)
    expect(await secret('esv-smtp-password')).toMatchObject({ loaded: false, activeVersion: '3', loadedVersion: '2' })
    const pending = await call<EsvCount>(emulator, 'lower', 'GET', '/environment/count?_onlyPending=true', { token, resource: '2.0' })
    expect(pending.body).toEqual({ secrets: 1, variables: 1 })

    await restart()
    expect((await variable('esv-api-base-url')).loaded).toBe(false)
    while ((await status()) === 'restarting') await sleep(10)

    expect((await variable('esv-api-base-url')).loaded).toBe(true)
    expect(await secret('esv-smtp-password')).toMatchObject({ loaded: true, activeVersion: '3', loadedVersion: '3' })
    const versions = (
      await call<EsvSecretVersion[]>(emulator, 'lower', 'GET', '/environment/secrets/esv-smtp-password/versions', { token })
    ).body
    expect(versions.map((v) => [v.version, v.loaded]).sort()).toEqual([
      ['1', true],
      ['2', true],
      ['3', true]
    ])
  })

  test('a secret created since the last restart reports no loaded version until one', async () => {
    await call(emulator, 'lower', 'PUT', '/environment/secrets/esv-fresh', {
      token,
      body: { encoding: 'generic', useInPlaceholders: false, valueBase64: b64('x') }
    })
    expect(await secret('esv-fresh')).toMatchObject({ loaded: false, activeVersion: '1', loadedVersion: '' })
    await restart()
    await sleep(RESTART_MS + 20)
    expect(await secret('esv-fresh')).toMatchObject({ loaded: true, activeVersion: '1', loadedVersion: '1' })
  })

  test('a write made while the restart runs stays pending: the rollout has already read its configuration', async () => {
    await restart()
    await call(emulator, 'lower', 'PUT', '/environment/variables/esv-mfa-enabled', { token, body: { valueBase64: b64('false') } })
    await sleep(RESTART_MS + 20)
    expect(await status()).toBe('ready')
    expect((await variable('esv-mfa-enabled')).loaded).toBe(false)
  })

  test('disabled and destroyed versions are not loaded after a restart', async () => {
    const base = '/environment/secrets/esv-smtp-password/versions'
    await call(emulator, 'lower', 'POST', `${base}?_action=create`, { token, body: { valueBase64: b64('v3') } })
    await call(emulator, 'lower', 'POST', `${base}/2?_action=changestatus`, { token, body: { status: 'DISABLED' } })
    await call(emulator, 'lower', 'DELETE', `${base}/1`, { token })
    await restart()
    await sleep(RESTART_MS + 20)
    const versions = (await call<EsvSecretVersion[]>(emulator, 'lower', 'GET', base, { token })).body
    expect(versions.map((v) => [v.version, v.status, v.loaded]).sort()).toEqual([
      ['1', 'DESTROYED', false],
      ['2', 'DISABLED', false],
      ['3', 'ENABLED', true]
    ])
  })
})
