/**
 * Issue 12 §5: read-only runs ask only for read scopes, and work both for an account that holds the
 * read scopes and for one that holds only the full scopes (asked for once more after invalid_scope).
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, startE2e, type E2eContext } from '../helpers/e2e.js'

const READ_ONLY = [
  'fr:idc:esv:read',
  'fr:idc:content-security-policy:read',
  'fr:idc:cookie-domain:read',
  'fr:idc:custom-domain:read',
  'fr:idc:federation:read',
  'fr:idc:sso-cookie:read',
  'fr:idc:certificate:read'
]
const FULL_ONLY = [
  'fr:idc:esv:*',
  'fr:idc:content-security-policy:*',
  'fr:idc:cookie-domain:*',
  'fr:idc:custom-domain:*',
  'fr:idc:federation:*',
  'fr:idc:sso-cookie:*',
  'fr:idc:certificate:*'
]

const SETTINGS = `
content-security-policy:
  enforced: { active: true, directives: { default-src: ["'self'"] } }
cookie-domains: [acme.example]
custom-domains:
  alpha: [login.acme.example]
federation-enforcement: all
sso-cookie: { name: acmeSession }
`
const ESVS = `
variables:
  esv-api-base-url:
    value: https://api.changed.example
`

describe('read-only runs: least scopes', () => {
  let e2e: E2eContext | undefined
  afterEach(async () => {
    await e2e?.close()
    e2e = undefined
  })

  const tokenRequests = () => e2e!.emulator.log.filter((e) => e.tenant === 'upper' && e.path === '/am/oauth2/access_token')
  const apiScopes = () =>
    new Set(e2e!.emulator.log.filter((e) => e.tenant === 'upper' && !e.path.startsWith('/am/')).flatMap((e) => e.scopes))
  const writes = () =>
    e2e!.emulator.log.filter(
      (e) => e.tenant === 'upper' && !e.path.startsWith('/am/') && e.method !== 'GET' && !e.query.includes('_action=verify')
    )

  const settingsDryRun = () =>
    e2e!.run({
      inputs: {
        operation: 'set-tenant-settings',
        'settings-file': 'tenant/plan.yaml',
        'dry-run': 'true',
        ...connectionInputs(e2e!.emulator),
        ...FAST_WAITS
      },
      files: { 'tenant/plan.yaml': SETTINGS }
    })
  const esvDryRun = () =>
    e2e!.run({
      inputs: { operation: 'set-esvs', 'esv-file': 'esvs/plan.yaml', 'dry-run': 'true', ...connectionInputs(e2e!.emulator), ...FAST_WAITS },
      files: { 'esvs/plan.yaml': ESVS }
    })

  test('set-tenant-settings dry run with a read-only account: read scopes only; domain verification is left to the real run', async () => {
    e2e = await startE2e({ serviceAccountScopes: READ_ONLY })
    const run = await settingsDryRun()
    expect({ exitCode: run.main.exitCode, errors: errorLines(run.main) }).toEqual({ exitCode: 0, errors: [] })
    expect([...apiScopes()].sort()).toEqual(READ_ONLY.filter((s) => s !== 'fr:idc:esv:read' && s !== 'fr:idc:certificate:read').sort())
    expect(tokenRequests().map((e) => e.status)).toEqual([200])
    expect(run.main.stdout).toMatch(/::warning::Custom domain login\.acme\.example: not verified in this dry run/)
    expect(writes()).toEqual([])
    expect(JSON.parse(run.main.outputs.changed!)).toHaveLength(5)
  })

  test('set-tenant-settings dry run with a full-scope-only account: each refused read scope is asked once more as its full scope', async () => {
    e2e = await startE2e({ serviceAccountScopes: FULL_ONLY, dnsDelayMs: 0 })
    e2e.emulator.upper.state.settings.cnameRecords.add('login.acme.example')
    const run = await settingsDryRun()
    expect({ exitCode: run.main.exitCode, errors: errorLines(run.main) }).toEqual({ exitCode: 0, errors: [] })
    // AM names one refused scope at a time: five read scopes, five refusals, then the full ones.
    expect(tokenRequests().map((e) => e.status)).toEqual([400, 400, 400, 400, 400, 200])
    expect(run.main.stdout).toMatch(
      /The service account was refused fr:idc:cookie-domain:read \(invalid_scope\); asking once more with its full scope fr:idc:cookie-domain:\*/
    )
    expect([...apiScopes()].every((s) => s.endsWith(':*'))).toBe(true)
    expect(writes()).toEqual([])
  })

  test('set-esvs dry run with a read-only account and with a full-scope-only account', async () => {
    e2e = await startE2e({ serviceAccountScopes: ['fr:idc:esv:read'] })
    const readOnly = await esvDryRun()
    expect({ exitCode: readOnly.main.exitCode, errors: errorLines(readOnly.main) }).toEqual({ exitCode: 0, errors: [] })
    expect([...apiScopes()]).toEqual(['fr:idc:esv:read'])
    await e2e.close()

    e2e = await startE2e({ serviceAccountScopes: ['fr:idc:esv:*'] })
    const fullOnly = await esvDryRun()
    expect({ exitCode: fullOnly.main.exitCode, errors: errorLines(fullOnly.main) }).toEqual({ exitCode: 0, errors: [] })
    expect(tokenRequests().map((e) => e.status)).toEqual([400, 200])
    expect(fullOnly.main.stdout).toMatch(/refused fr:idc:esv:read \(invalid_scope\); asking once more with its full scope fr:idc:esv:\*/)
    expect([...apiScopes()]).toEqual(['fr:idc:esv:*'])
    expect(writes()).toEqual([])
  })

  test('a scope refused in both forms names the read scope, its full scope and the operation', async () => {
    e2e = await startE2e({ serviceAccountScopes: ['fr:idc:sso-cookie:read'] })
    const run = await settingsDryRun()
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      expect.stringMatching(
        /^The service account lacks the scope fr:idc:content-security-policy:read \(and its full scope fr:idc:content-security-policy:\*, asked for instead\), which the operation set-tenant-settings needs/
      )
    ])
  })
})
