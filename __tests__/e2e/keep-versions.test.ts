import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { loadDefaultSeed, type SeedFile } from '../../emulator/index.js'
import { errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, requestsTo, startE2e, type E2eContext, UNREVIEWED_APPLY } from '../helpers/e2e.js'

const NEW_VALUE = 'history-value-new-from-a-github-secret'
/** esv-smtp-password's latest value in the default seed ("smtp-password-v2"): pushing it changes nothing. */
const SAME_SMTP_VALUE = 'smtp-password-v2'

/** The default seed plus a secret with a history: 1 ENABLED, 2 DISABLED, 3 ENABLED, 4 ENABLED (active and loaded). */
function historySeed(): SeedFile {
  const seed = loadDefaultSeed()
  const version = (n: number, status: 'ENABLED' | 'DISABLED') => ({
    version: String(n),
    createDate: `2024-05-0${n}T00:00:00Z`,
    status,
    valueBase64: Buffer.from(`history-value-${n}`).toString('base64')
  })
  seed.secrets.push({
    _id: 'esv-history',
    description: 'A secret whose versions piled up',
    encoding: 'generic',
    useInPlaceholders: true,
    lastChangeDate: '2024-05-04T00:00:00Z',
    lastChangedBy: 'tenant-admin',
    versions: [version(1, 'ENABLED'), version(2, 'DISABLED'), version(3, 'ENABLED'), version(4, 'ENABLED')]
  })
  return seed
}

const FILE = `
secrets:
  esv-history:
    value-from-env: HISTORY_VALUE
    description: A secret whose versions piled up
  esv-smtp-password:
    value-from-env: SMTP_VALUE
    description: SMTP relay password
`

describe('set-esvs keep-versions', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ restartMs: 200, seed: historySeed() })
  })
  afterEach(() => e2e.close())

  const sync = (inputs: Record<string, string>, historyValue = NEW_VALUE) =>
    e2e.run({
      inputs: {
        operation: 'set-esvs',
        'esv-file': 'esvs/prod.yaml',
        ...connectionInputs(e2e.emulator),
        ...FAST_WAITS,
        ...UNREVIEWED_APPLY,
        ...inputs
      },
      files: { 'esvs/prod.yaml': FILE },
      env: { HISTORY_VALUE: historyValue, SMTP_VALUE: SAME_SMTP_VALUE },
      extraSecrets: [historyValue, SAME_SMTP_VALUE]
    })
  const secret = (id: string) => e2e.emulator.upper.state.secrets.get(id)!
  const statuses = (id: string) => Object.fromEntries(secret(id).versions.map((v) => [String(v.version), v.status]))
  /** Requests on one secret's versions other than creating one: the retirement, in the order the emulator saw them. */
  const retirements = (id: string) =>
    requestsTo(e2e.emulator, 'upper').filter(
      (r) =>
        r.startsWith(`DELETE /environment/secrets/${id}/versions/`) ||
        (r.startsWith(`POST /environment/secrets/${id}/versions/`) && r.endsWith('?_action=changestatus'))
    )
  const indexOf = (request: string) => requestsTo(e2e.emulator, 'upper').indexOf(request)

  test('after the restart loaded the new value, versions beyond the newest N are disabled, then deleted, oldest first', async () => {
    const run = await sync({ 'keep-versions': '2' })
    expect(run.main.exitCode).toBe(0)
    expect(secret('esv-history').activeVersion).toBe(5)
    expect(secret('esv-history').loadedVersion).toBe(5)
    // 4 and 5 are the newest two ENABLED; 2 was already DISABLED, so it is only deleted.
    expect(retirements('esv-history')).toEqual([
      'POST /environment/secrets/esv-history/versions/1?_action=changestatus',
      'DELETE /environment/secrets/esv-history/versions/1',
      'DELETE /environment/secrets/esv-history/versions/2',
      'POST /environment/secrets/esv-history/versions/3?_action=changestatus',
      'DELETE /environment/secrets/esv-history/versions/3'
    ])
    expect(statuses('esv-history')).toEqual({ 1: 'DESTROYED', 2: 'DESTROYED', 3: 'DESTROYED', 4: 'ENABLED', 5: 'ENABLED' })
    // Only after the restart, and after a read that saw the new version loaded.
    const restart = indexOf('POST /environment/startup?_action=restart')
    const firstRetirement = indexOf('POST /environment/secrets/esv-history/versions/1?_action=changestatus')
    expect(restart).toBeGreaterThan(-1)
    expect(firstRetirement).toBeGreaterThan(restart)
    const loadedSeen = requestsTo(e2e.emulator, 'upper').slice(restart, firstRetirement)
    expect(loadedSeen.some((r) => r.startsWith('GET /environment/secrets?'))).toBe(true)
    // A secret whose value did not change keeps all its versions.
    expect(JSON.parse(run.main.outputs.changed!)).toEqual([{ id: 'esv-history', kind: 'secret', action: 'updated' }])
    expect(retirements('esv-smtp-password')).toEqual([])
    expect(statuses('esv-smtp-password')).toEqual({ 1: 'ENABLED', 2: 'ENABLED' })
    expect(JSON.parse(run.main.outputs['retired-versions']!)).toEqual({ 'esv-history': ['1', '2', '3'] })
    expect(run.main.stdout).toContain('Disabled, then deleted version 1 of esv-history')
    expect(run.main.stdout).toContain('Deleted (already disabled) version 2 of esv-history')
    expect(run.main.summary).toContain('#### Secret versions (keep-versions: 2)')
    expect(run.main.summary).toContain('| `esv-history` | 1, 2, 3 | 5, 4 |')
  })

  test('keep-versions 1 keeps only the active version, the one the tenant loaded: it is never disabled or deleted', async () => {
    const run = await sync({ 'keep-versions': '1' })
    expect(run.main.exitCode).toBe(0)
    const history = secret('esv-history')
    expect(history.activeVersion).toBe(5)
    expect(history.loadedVersion).toBe(5)
    expect(statuses('esv-history')).toEqual({ 1: 'DESTROYED', 2: 'DESTROYED', 3: 'DESTROYED', 4: 'DESTROYED', 5: 'ENABLED' })
    const touched = retirements('esv-history')
    expect(touched.filter((r) => r.includes('/versions/5'))).toEqual([])
    // The version that was active and loaded before the run goes only once 5 is loaded: disabled first, then deleted.
    expect(touched.slice(-2)).toEqual([
      'POST /environment/secrets/esv-history/versions/4?_action=changestatus',
      'DELETE /environment/secrets/esv-history/versions/4'
    ])
    expect(JSON.parse(run.main.outputs['retired-versions']!)).toEqual({ 'esv-history': ['1', '2', '3', '4'] })
  })

  test('restart: never retires nothing (the new value is not loaded) and says so; the next run that restarts retires', async () => {
    const first = await sync({ 'keep-versions': '1', restart: 'never' })
    expect(first.main.exitCode).toBe(0)
    expect(first.main.outputs['restart-status']).toBe('skipped')
    expect(secret('esv-history').activeVersion).toBe(5)
    expect(secret('esv-history').loadedVersion).toBe(4)
    expect(retirements('esv-history')).toEqual([])
    expect(statuses('esv-history')).toEqual({ 1: 'ENABLED', 2: 'DISABLED', 3: 'ENABLED', 4: 'ENABLED', 5: 'ENABLED' })
    expect(JSON.parse(first.main.outputs['retired-versions']!)).toEqual({})
    const said = 'No version retired: the tenant did not restart (restart: never), so the new values of esv-history are not loaded yet.'
    expect(first.main.stdout).toContain(`keep-versions 1: ${said}`)
    expect(first.main.summary).toContain(said)

    // The same file again: the value is the latest already (nothing written), the pending version makes it restart, then retire.
    const second = await sync({ 'keep-versions': '1' })
    expect(second.main.exitCode).toBe(0)
    expect(JSON.parse(second.main.outputs.changed!)).toEqual([])
    expect(second.main.outputs['restart-status']).toBe('ready')
    expect(secret('esv-history').loadedVersion).toBe(5)
    expect(statuses('esv-history')).toEqual({ 1: 'DESTROYED', 2: 'DESTROYED', 3: 'DESTROYED', 4: 'DESTROYED', 5: 'ENABLED' })
    expect(JSON.parse(second.main.outputs['retired-versions']!)).toEqual({ 'esv-history': ['1', '2', '3', '4'] })
    expect(statuses('esv-smtp-password')).toEqual({ 1: 'ENABLED', 2: 'ENABLED' })
  })

  test('without keep-versions every version is kept, as before; a dry run with it retires nothing', async () => {
    const dryRun = await sync({ 'keep-versions': '1', 'dry-run': 'true' })
    expect(dryRun.main.exitCode).toBe(0)
    expect(dryRun.main.stdout).toContain(
      'keep-versions 1: a real run retires older versions of each secret whose new value its restart loads'
    )
    const plain = await sync({})
    expect(plain.main.exitCode).toBe(0)
    expect(secret('esv-history').loadedVersion).toBe(5)
    expect(statuses('esv-history')).toEqual({ 1: 'ENABLED', 2: 'DISABLED', 3: 'ENABLED', 4: 'ENABLED', 5: 'ENABLED' })
    expect(retirements('esv-history')).toEqual([])
    expect(plain.main.outputs['retired-versions']).toBeUndefined()
  })

  test('a retirement that fails part-way fails the step after the rest, saying what was retired and what to do', async () => {
    e2e.emulator.fault({ tenant: 'upper', method: 'DELETE', path: '/environment/secrets/esv-history/versions/3', status: 500 })
    const run = await sync({ 'keep-versions': '1' })
    expect(run.main.exitCode).toBe(1)
    // The new value is in place and loaded; 1 and 2 went before 3 failed, 4 was not reached.
    expect(secret('esv-history').loadedVersion).toBe(5)
    expect(statuses('esv-history')).toMatchObject({ 1: 'DESTROYED', 2: 'DESTROYED', 4: 'ENABLED', 5: 'ENABLED' })
    expect(JSON.parse(run.main.outputs['retired-versions']!)).toEqual({ 'esv-history': ['1', '2'] })
    const [error] = errorLines(run.main)
    expect(error).toContain('keep-versions: retiring old versions failed for 1 secret(s); the new values are written and loaded.')
    expect(error).toMatch(/\n {2}- esv-history: .+ \(after retiring 1, 2\)$/)
  })
})
