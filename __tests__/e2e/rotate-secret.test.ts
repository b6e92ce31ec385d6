import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { loadDefaultSeed, type SeedFile } from '../../emulator/index.js'
import { errorLines, type ActionRun } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, requestsTo, startE2e, type E2eContext } from '../helpers/e2e.js'
import { expectNoSecretLeaks } from '../helpers/leaks.js'

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const keyText = (bytes: number) => randomBytes(bytes).toString('base64')
const PEM = [
  '-----BEGIN PRIVATE KEY-----',
  'MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF',
  '-----END PRIVATE KEY-----'
].join('\n')

/** The default seed plus an AES key and a secret with a long history of versions. */
function rotationSeed(): SeedFile {
  const seed = loadDefaultSeed()
  const secret = (id: string, encoding: 'generic' | 'base64aes', versions: SeedFile['secrets'][number]['versions']) => ({
    _id: id,
    description: '',
    encoding,
    useInPlaceholders: true,
    lastChangeDate: '2024-04-01T00:00:00Z',
    lastChangedBy: 'tenant-admin',
    versions
  })
  const version = (n: number, status: 'ENABLED' | 'DISABLED' | 'DESTROYED') => ({
    version: String(n),
    createDate: `2024-04-0${n}T00:00:00Z`,
    status,
    ...(status === 'DESTROYED' ? {} : { valueBase64: b64(`history-value-${n}`) })
  })
  seed.secrets.push(secret('esv-aes-key', 'base64aes', [{ ...version(1, 'ENABLED'), valueBase64: b64(keyText(32)) }]))
  seed.secrets.push(
    secret('esv-rotating', 'generic', [
      version(1, 'DESTROYED'),
      version(2, 'ENABLED'),
      version(3, 'DISABLED'),
      version(4, 'ENABLED'),
      version(5, 'ENABLED')
    ])
  )
  return seed
}

describe('operation: rotate-secret', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ restartMs: 300, seed: rotationSeed() })
  })
  afterEach(() => e2e.close())

  const rotate = (inputs: Record<string, string>) => ({
    operation: 'rotate-secret',
    ...connectionInputs(e2e.emulator),
    ...FAST_WAITS,
    ...inputs
  })
  const secret = (id: string) => e2e.emulator.upper.state.secrets.get(id)!
  /** A version's value as stored: the text that was rotated in (the API carries it base64-encoded). */
  const stored = (id: string, version: string | number) => {
    const found = secret(id).versions.find((v) => v.version === Number(version))
    return Buffer.from(found!.valueBase64!, 'base64').toString('utf8')
  }
  const statuses = (id: string) => Object.fromEntries(secret(id).versions.map((v) => [String(v.version), v.status]))
  const writes = () => e2e.emulator.log.filter((entry) => entry.method !== 'GET' && entry.path !== '/am/oauth2/access_token')
  const creates = (id: string) =>
    requestsTo(e2e.emulator, 'upper').filter((r) => r === `POST /environment/secrets/${id}/versions?_action=create`)
  /** A value the test learns only after the run (from the tenant's state) is checked for leaks here. */
  const expectNotLeaked = (run: ActionRun, value: string, outputValue = false) =>
    expectNoSecretLeaks(run, [value], { secretOutputs: outputValue ? ['secret-value'] : [] })

  describe('generated values', () => {
    test('generic: 32 URL-safe characters, restarted until loaded, versions beyond keep-versions disabled', async () => {
      const run = await e2e.run({
        inputs: rotate({ 'secret-id': 'esv-smtp-password', 'output-value': 'true' }),
        leakScan: { secretOutputs: ['secret-value'] }
      })
      expect(run.main.exitCode).toBe(0)
      const value = stored('esv-smtp-password', 3)
      expect(value).toMatch(/^[A-Za-z0-9_-]{32}$/)
      expect(run.main.outputs).toEqual({
        'secret-version': '3',
        'previous-version': '2',
        'secret-value': value,
        'restart-status': 'ready',
        'retired-versions': '["1"]'
      })
      expect(secret('esv-smtp-password').loadedVersion).toBe(3)
      expect(statuses('esv-smtp-password')).toEqual({ 1: 'DISABLED', 2: 'ENABLED', 3: 'ENABLED' })
      expect(creates('esv-smtp-password')).toHaveLength(1)
      expect(requestsTo(e2e.emulator, 'upper').filter((r) => r === 'POST /environment/startup?_action=restart')).toHaveLength(1)
      expect(run.main.stdout).toContain(`::add-mask::${value}`)
      expect(run.main.summary).toContain('Rotated to version **3** (was 2)')
      expect(run.main.summary).toContain('| 1 | ENABLED | DISABLED |')
      expect(run.main.summary).toContain('| 2 | ENABLED, loaded | ENABLED |')
      expect(run.main.summary).toContain('| 3 (new) | — | ENABLED, loaded |')
      const scopes = e2e.emulator.log.find((entry) => entry.path.startsWith('/environment/secrets'))?.scopes
      expect(scopes?.sort()).toEqual(['fr:idc:esv:read', 'fr:idc:esv:restart', 'fr:idc:esv:update'])
      expectNotLeaked(run, value, true)
    })

    test('generic: value-length sets the number of characters; no output without output-value', async () => {
      const run = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-smtp-password', 'value-length': '48' }) })
      expect(run.main.exitCode).toBe(0)
      const value = stored('esv-smtp-password', 3)
      expect(value).toMatch(/^[A-Za-z0-9_-]{48}$/)
      expect(run.main.outputs['secret-value']).toBeUndefined()
      expectNotLeaked(run, value)
    })

    test.each([
      ['', 32],
      ['64', 64]
    ])('base64hmac (value-length "%s"): %i random bytes in base64', async (valueLength, bytes) => {
      const run = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-hmac-key', 'value-length': valueLength }) })
      expect(run.main.exitCode).toBe(0)
      expect(run.main.outputs['secret-version']).toBe('4')
      const value = stored('esv-hmac-key', 4)
      expect(value).toMatch(/^[A-Za-z0-9+/]+={0,2}$/)
      expect(Buffer.from(value, 'base64')).toHaveLength(bytes)
      expectNotLeaked(run, value)
    })

    test.each([
      ['', 32],
      ['16', 16],
      ['24', 24]
    ])('base64aes (value-length "%s"): a %i-byte key in base64', async (valueLength, bytes) => {
      const run = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-aes-key', 'value-length': valueLength }) })
      expect(run.main.exitCode).toBe(0)
      const value = stored('esv-aes-key', 2)
      expect(Buffer.from(value, 'base64')).toHaveLength(bytes)
      expect(Buffer.from(value, 'base64').toString('base64')).toBe(value)
      expectNotLeaked(run, value)
    })

    test('create-if-missing creates the secret with the encoding input, then restarts until it is loaded', async () => {
      const run = await e2e.run({
        inputs: rotate({ 'secret-id': 'esv-new-aes', 'create-if-missing': 'true', encoding: 'base64aes', 'output-value': 'true' }),
        leakScan: { secretOutputs: ['secret-value'] }
      })
      expect(run.main.exitCode).toBe(0)
      const created = secret('esv-new-aes')
      expect(created.encoding).toBe('base64aes')
      expect(created.loadedVersion).toBe(1)
      const value = stored('esv-new-aes', 1)
      expect(Buffer.from(value, 'base64')).toHaveLength(32)
      expect(run.main.outputs).toMatchObject({
        'secret-version': '1',
        'previous-version': '',
        'secret-value': value,
        'retired-versions': '[]'
      })
      expect(requestsTo(e2e.emulator, 'upper')).toContain('PUT /environment/secrets/esv-new-aes')
      expect(run.main.summary).toContain('(a new secret)')
      expectNotLeaked(run, value, true)
    })

    test('pem: refuses to generate, with a clear message, before writing anything', async () => {
      const run = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-signing-key' }) })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)).toEqual([
        expect.stringMatching(/^Invalid input: secret-value: required for esv-signing-key; a pem secret cannot be generated: make the key/)
      ])
      expect(writes()).toEqual([])
      expect(secret('esv-signing-key').versions).toHaveLength(1)
    })
  })

  describe('given values', () => {
    test.each([
      ['generic', 'esv-smtp-password', 'a-given-password-for-smtp', '3'],
      ['base64hmac', 'esv-hmac-key', keyText(48), '4'],
      ['base64aes', 'esv-aes-key', keyText(24), '2'],
      ['pem', 'esv-signing-key', PEM, '2']
    ])('%s: stored exactly as given, never written to an output', async (_encoding, id, value, version) => {
      const run = await e2e.run({
        inputs: rotate({ 'secret-id': id, 'secret-value': value, 'output-value': 'true' }),
        extraSecrets: [value]
      })
      expect(run.main.exitCode).toBe(0)
      expect(run.main.outputs['secret-version']).toBe(version)
      expect(stored(id, version)).toBe(value)
      expect(secret(id).loadedVersion).toBe(Number(version))
      expect(run.main.outputs['secret-value']).toBeUndefined()
    })

    test.each([
      [
        'esv-aes-key',
        keyText(20),
        'secret-value: a base64aes key must decode to 16, 24 or 32 bytes, and this decodes to 20 (esv-aes-key is a base64aes secret)'
      ],
      ['esv-hmac-key', 'not base64 at all!', 'secret-value: a base64hmac secret takes the key in base64'],
      ['esv-signing-key', 'just-a-password-not-pem', 'secret-value: a pem secret takes PEM text']
    ])('%s: a value unfit for the encoding is refused before anything is written', async (id, value, message) => {
      const run = await e2e.run({ inputs: rotate({ 'secret-id': id, 'secret-value': value }), extraSecrets: [value] })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)).toEqual([expect.stringContaining(message)])
      expect(writes()).toEqual([])
    })

    test('a value equal to the latest version is de-duplicated by the tenant: fails saying so, no restart', async () => {
      const run = await e2e.run({
        inputs: rotate({ 'secret-id': 'esv-smtp-password', 'secret-value': 'smtp-password-v2' }),
        extraSecrets: ['smtp-password-v2']
      })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)).toEqual([
        'The value given for esv-smtp-password equals its latest version (2), so the tenant made no new version; give a different secret-value, or leave it empty to generate one'
      ])
      expect(secret('esv-smtp-password').versions).toHaveLength(2)
      expect(requestsTo(e2e.emulator, 'upper')).not.toContain('POST /environment/startup?_action=restart')
      expect(run.main.outputs).toEqual({})
    })
  })

  describe('unknown outcomes', () => {
    test('the create answer is lost after the tenant made the version: it looks, and makes no second one', async () => {
      e2e.emulator.fault({ method: 'POST', path: '/environment/secrets/esv-smtp-password/versions', handleThenDrop: true, times: 1 })
      const run = await e2e.run({
        inputs: rotate({ 'secret-id': 'esv-smtp-password', 'output-value': 'true' }),
        leakScan: { secretOutputs: ['secret-value'] }
      })
      expect(run.main.exitCode).toBe(0)
      expect(secret('esv-smtp-password').versions.map((v) => v.version)).toEqual([1, 2, 3])
      expect(creates('esv-smtp-password')).toHaveLength(1)
      expect(e2e.emulator.log.find((entry) => entry.fault === 'handleThenDrop')?.status).toBe(200)
      expect(run.main.stdout).toContain('Creating a version of esv-smtp-password got no clear answer')
      const value = stored('esv-smtp-password', 3)
      expect(run.main.outputs['secret-value']).toBe(value)
      expect(run.main.outputs['secret-version']).toBe('3')
      expect(secret('esv-smtp-password').loadedVersion).toBe(3)
      expectNotLeaked(run, value, true)
    })

    test('a gateway 504 on create: it looks over the settle window, finds nothing made, and sends once more', async () => {
      e2e.emulator.fault({ method: 'POST', path: '/environment/secrets/esv-smtp-password/versions', status: 504, times: 1 })
      // settle-window 1: the unknown outcome is looked for a second (its production value is proven in
      // reliability/production-waits.slow.test.ts); the emulator would have shown a version at once.
      const run = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-smtp-password', 'request-timeout': '3', 'settle-window': '1' }) })
      expect(run.main.exitCode).toBe(0)
      expect(creates('esv-smtp-password')).toHaveLength(2)
      expect(run.main.stdout).toContain(
        'Creating a version of esv-smtp-password got no clear answer (POST /environment/secrets/esv-smtp-password/versions: no answer (HTTP 504)'
      )
      expect(run.main.stdout).toContain('looking for it for up to 1.0 s (settle-window)')
      expect(secret('esv-smtp-password').versions.map((v) => v.version)).toEqual([1, 2, 3])
      expectNotLeaked(run, stored('esv-smtp-password', 3))
    })
  })

  describe('restart', () => {
    test('a failed restart says what to do; the next run resumes without making a second version', async () => {
      e2e.emulator.fault({ method: 'POST', path: '/environment/startup', status: 500, times: 1 })
      const first = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-smtp-password' }) })
      expect(first.main.exitCode).toBe(1)
      expect(errorLines(first.main)).toEqual([
        expect.stringMatching(
          /^POST \/environment\/startup failed with HTTP 500.* Version 3 of esv-smtp-password exists but the tenant has not loaded it: run the step again; with resume: true/
        )
      ])
      expect(first.main.outputs).toMatchObject({ 'secret-version': '3', 'previous-version': '2' })
      expect(secret('esv-smtp-password').loadedVersion).toBe(2)
      expect(statuses('esv-smtp-password')).toEqual({ 1: 'ENABLED', 2: 'ENABLED', 3: 'ENABLED' })
      const value = stored('esv-smtp-password', 3)
      expectNotLeaked(first, value)

      const seen = e2e.emulator.log.length
      const second = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-smtp-password' }) })
      expect(second.main.exitCode).toBe(0)
      const secondRequests = e2e.emulator.log.slice(seen).map((entry) => `${entry.method} ${entry.path}`)
      expect(secondRequests).not.toContain('POST /environment/secrets/esv-smtp-password/versions')
      expect(secondRequests).toContain('POST /environment/startup')
      expect(second.main.stdout).toContain(
        'esv-smtp-password has version 3, newer than the version the tenant has loaded (2): an earlier rotation did not finish'
      )
      expect(second.main.outputs).toEqual({
        'secret-version': '3',
        'previous-version': '2',
        'restart-status': 'ready',
        'retired-versions': '["1"]'
      })
      expect(secret('esv-smtp-password').loadedVersion).toBe(3)
      expect(stored('esv-smtp-password', 3)).toBe(value)
      expect(second.main.summary).toContain('Finished the rotation to version **3** that an earlier run began')
    })

    test('a pending version and a given secret-value: the same value finishes that rotation, another makes a new version', async () => {
      const given = 'given-value-for-the-pending-one-7k'
      e2e.emulator.fault({ method: 'POST', path: '/environment/startup', status: 500, times: 1 })
      const first = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-smtp-password', 'secret-value': given }), extraSecrets: [given] })
      expect(first.main.exitCode).toBe(1)
      expect(secret('esv-smtp-password').activeVersion).toBe(3)

      const same = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-smtp-password', 'secret-value': given }), extraSecrets: [given] })
      expect(same.main.exitCode).toBe(0)
      expect(same.main.stdout).toContain("secret-value is that version's value; finishing the earlier rotation")
      expect(secret('esv-smtp-password').versions.map((v) => v.version)).toEqual([1, 2, 3])
      expect(secret('esv-smtp-password').loadedVersion).toBe(3)

      e2e.emulator.fault({ method: 'POST', path: '/environment/startup', status: 500, times: 1 })
      const other = 'another-given-value-for-rotation-9q'
      await e2e.run({ inputs: rotate({ 'secret-id': 'esv-smtp-password', 'secret-value': other }), extraSecrets: [other] })
      const newer = 'a-third-given-value-that-differs-2m'
      const rotated = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-smtp-password', 'secret-value': newer }), extraSecrets: [newer] })
      expect(rotated.main.exitCode).toBe(0)
      expect(rotated.main.stdout).toContain('secret-value differs from it, so created version 5')
      expect(secret('esv-smtp-password').activeVersion).toBe(5)
      expect(stored('esv-smtp-password', 5)).toBe(newer)
      expect(secret('esv-smtp-password').loadedVersion).toBe(5)
    })

    test('a restart that outlasts restart-timeout fails with one line saying how to finish', async () => {
      e2e.emulator.upper.setRestartMs(60_000)
      const run = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-smtp-password', 'restart-timeout': '1', 'poll-interval': '0.2' }) })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)).toEqual([
        expect.stringMatching(
          /^Timed out after .* waiting for the restart \(last state: restarting\); raise restart-timeout or check the tenant\. Version 3 of esv-smtp-password exists but the tenant has not loaded it/
        )
      ])
      expect(run.main.outputs['restart-status']).toBeUndefined()
      expect(statuses('esv-smtp-password')).toEqual({ 1: 'ENABLED', 2: 'ENABLED', 3: 'ENABLED' })
      expectNotLeaked(run, stored('esv-smtp-password', 3))
    })

    test('a restart already running began before the new version: it waits for it, then restarts again to load it', async () => {
      const upper = e2e.emulator.upper
      upper.setRestartMs(60_000)
      upper.beginRestart()
      upper.setRestartMs(300)
      // End the running restart only once the action has created the version and seen the restart running,
      // so the outcome does not hang on how fast the action starts.
      const endOnceJoined = setInterval(() => {
        const created = e2e.emulator.log.findIndex((entry) => entry.method === 'POST' && entry.path.endsWith('/versions'))
        if (created >= 0 && e2e.emulator.log.slice(created).some((entry) => entry.path === '/environment/startup')) {
          upper.state.restart.readyAt = Date.now()
          clearInterval(endOnceJoined)
        }
      }, 20)
      const run = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-smtp-password' }) })
      clearInterval(endOnceJoined)
      expect(run.main.exitCode).toBe(0)
      expect(run.main.stdout).toContain('A restart is already running; waiting for it instead of starting another')
      expect(run.main.stdout).toContain(
        'The restart that was already running did not load version 3 of esv-smtp-password; starting another'
      )
      expect(requestsTo(e2e.emulator, 'upper').filter((r) => r === 'POST /environment/startup?_action=restart')).toHaveLength(1)
      expect(upper.state.restart.completed).toBe(2)
      expect(secret('esv-smtp-password').loadedVersion).toBe(3)
      expectNotLeaked(run, stored('esv-smtp-password', 3))
    })
  })

  describe('retirement', () => {
    // esv-rotating: 1 DESTROYED, 2 ENABLED, 3 DISABLED, 4 ENABLED, 5 ENABLED (loaded); the rotation adds 6.
    test.each([
      ['disable', '1', ['2', '4', '5'], { 1: 'DESTROYED', 2: 'DISABLED', 3: 'DISABLED', 4: 'DISABLED', 5: 'DISABLED', 6: 'ENABLED' }],
      ['disable', '2', ['2', '4'], { 1: 'DESTROYED', 2: 'DISABLED', 3: 'DISABLED', 4: 'DISABLED', 5: 'ENABLED', 6: 'ENABLED' }],
      ['disable', '5', [], { 1: 'DESTROYED', 2: 'ENABLED', 3: 'DISABLED', 4: 'ENABLED', 5: 'ENABLED', 6: 'ENABLED' }],
      [
        'delete',
        '1',
        ['2', '3', '4', '5'],
        { 1: 'DESTROYED', 2: 'DESTROYED', 3: 'DESTROYED', 4: 'DESTROYED', 5: 'DESTROYED', 6: 'ENABLED' }
      ],
      ['delete', '2', ['2', '3', '4'], { 1: 'DESTROYED', 2: 'DESTROYED', 3: 'DESTROYED', 4: 'DESTROYED', 5: 'ENABLED', 6: 'ENABLED' }],
      ['none', '1', [], { 1: 'DESTROYED', 2: 'ENABLED', 3: 'DISABLED', 4: 'ENABLED', 5: 'ENABLED', 6: 'ENABLED' }]
    ])('retire %s with keep-versions %s retires %j, oldest first, never the latest', async (retire, keep, retired, after) => {
      const run = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-rotating', retire, 'keep-versions': keep }) })
      expect(run.main.exitCode).toBe(0)
      expect(run.main.outputs['secret-version']).toBe('6')
      expect(JSON.parse(run.main.outputs['retired-versions']!)).toEqual(retired)
      expect(statuses('esv-rotating')).toEqual(after)
      const retiring = e2e.emulator.log
        .filter((entry) => /^\/environment\/secrets\/esv-rotating\/versions\/\d+$/.test(entry.path))
        .map((entry) => `${entry.method} ${entry.path.split('/').at(-1)}`)
      expect(retiring).toEqual(retired.map((v) => `${retire === 'delete' ? 'DELETE' : 'POST'} ${v}`))
      expect(e2e.emulator.log.filter((entry) => entry.status >= 400)).toEqual([])
      expectNotLeaked(run, stored('esv-rotating', 6))
    })

    test('restart: never keeps the version the tenant still runs; the resumed run restarts and retires it', async () => {
      const first = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-rotating', 'keep-versions': '1', restart: 'never' }) })
      expect(first.main.exitCode).toBe(0)
      expect(first.main.outputs).toMatchObject({ 'secret-version': '6', 'restart-status': 'skipped', 'retired-versions': '["2","4"]' })
      expect(first.main.stdout).toContain('Kept version 5 of esv-rotating beyond keep-versions: the tenant still runs it')
      expect(requestsTo(e2e.emulator, 'upper')).not.toContain('POST /environment/startup?_action=restart')
      expect(secret('esv-rotating').loadedVersion).toBe(5)
      expect(statuses('esv-rotating')).toMatchObject({ 5: 'ENABLED', 6: 'ENABLED' })
      expect(first.main.summary).toContain('not restarted (restart: never), so the new version is pending')
      const value = stored('esv-rotating', 6)
      expectNotLeaked(first, value)

      // As if the job had died between the create and the restart: the next scheduled run finishes it.
      const second = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-rotating', 'keep-versions': '1' }) })
      expect(second.main.exitCode).toBe(0)
      expect(creates('esv-rotating')).toHaveLength(1)
      expect(second.main.outputs).toEqual({
        'secret-version': '6',
        'previous-version': '5',
        'restart-status': 'ready',
        'retired-versions': '["5"]'
      })
      expect(secret('esv-rotating').loadedVersion).toBe(6)
      expect(statuses('esv-rotating')).toMatchObject({ 5: 'DISABLED', 6: 'ENABLED' })
      expect(stored('esv-rotating', 6)).toBe(value)
      expectNotLeaked(second, value)
    })

    test('resume: false rotates again even when a version is pending', async () => {
      await e2e.run({ inputs: rotate({ 'secret-id': 'esv-smtp-password', restart: 'never' }) })
      const run = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-smtp-password', resume: 'false' }) })
      expect(run.main.exitCode).toBe(0)
      expect(run.main.stdout).toContain('resume is false, so rotating again')
      expect(creates('esv-smtp-password')).toHaveLength(2)
      expect(run.main.outputs).toMatchObject({ 'secret-version': '4', 'previous-version': '3' })
      expect(secret('esv-smtp-password').loadedVersion).toBe(4)
      expectNotLeaked(run, stored('esv-smtp-password', 4))
      expectNotLeaked(run, stored('esv-smtp-password', 3))
    })
  })

  describe('inputs', () => {
    test('bad inputs are all reported at once before a single request', async () => {
      const run = await e2e.run({
        inputs: rotate({ 'secret-id': 'ESV_Signing', 'keep-versions': '0', retire: 'archive', resume: 'maybe', 'value-length': 'ten' })
      })
      expect(run.main.exitCode).toBe(1)
      const [error] = errorLines(run.main)
      expect(error).toMatch(/^Invalid inputs \(5\):/)
      expect(error).toContain('secret-id: "ESV_Signing" is not an ESV secret id')
      expect(error).toContain('keep-versions: expected a whole number from 1 to 1000, got "0"')
      expect(error).toContain('retire: "archive" is not one of disable, delete, none')
      expect(error).toContain('resume: expected true or false')
      expect(error).toContain('value-length: expected a whole number')
      expect(e2e.emulator.log).toEqual([])
    })

    test('a value unfit for the encoding of a secret to create is refused without quoting it, before a request', async () => {
      const value = keyText(20)
      const run = await e2e.run({
        inputs: rotate({
          'secret-id': 'esv-new-aes',
          'create-if-missing': 'true',
          encoding: 'base64aes',
          'secret-value': value,
          'value-length': '16'
        }),
        extraSecrets: [value]
      })
      expect(run.main.exitCode).toBe(1)
      const [error] = errorLines(run.main)
      expect(error).toMatch(/^Invalid inputs \(2\):/)
      expect(error).toContain('value-length: applies only to a generated value')
      expect(error).toContain('secret-value: a base64aes key must decode to 16, 24 or 32 bytes, and this decodes to 20')
      expect(e2e.emulator.log).toEqual([])
    })

    test.each([
      [{ 'create-if-missing': 'true', encoding: 'pem' }, 'secret-value: required with encoding pem; a pem secret cannot be generated'],
      [
        { 'create-if-missing': 'true', encoding: 'base64aes', 'value-length': '20' },
        'value-length: expected 16, 24 or 32 bytes for a base64aes key'
      ],
      [{ 'secret-id': '' }, 'secret-id: required']
    ])('%j is refused before a request', async (inputs, message) => {
      const run = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-new-key', ...inputs }) })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)).toEqual([expect.stringContaining(message)])
      expect(e2e.emulator.log).toEqual([])
    })

    test('a value-length out of range for the existing secret is refused before anything is written', async () => {
      const run = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-smtp-password', 'value-length': '8' }) })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)).toEqual([
        'Invalid input: value-length: expected 16 to 1024 characters for a generic secret (esv-smtp-password is a generic secret)'
      ])
      expect(writes()).toEqual([])
    })

    test('a missing secret fails clearly unless create-if-missing', async () => {
      const run = await e2e.run({ inputs: rotate({ 'secret-id': 'esv-not-there' }) })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)).toEqual([
        expect.stringMatching(
          /^The secret esv-not-there does not exist in http:\/\/127\.0\.0\.1:\d+; check secret-id, or set create-if-missing: true/
        )
      ])
      expect(writes()).toEqual([])
    })
  })
})
