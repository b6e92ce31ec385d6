import { describe, expect, test } from '@jest/globals'
import type { CertificateIdentity } from '../../../src/settings/certificate-identity.js'
import type { DesiredCertificate, TenantSettingsFile } from '../../../src/settings/file.js'
import { hasChanges, planSettings, type CurrentSettings } from '../../../src/settings/plan.js'
import { settingsPlanLines, settingsSummary } from '../../../src/settings/render.js'
import type { Certificate } from '../../../src/tenant/types.js'

const DAY = 86_400
const identity = (cn: string, validTo = 2_000_000_000): CertificateIdentity => ({
  subject: `CN=${cn}`,
  subjectAlternativeNames: [cn],
  validFrom: 1_700_000_000,
  validTo
})
const desired = (cn: string, active: boolean, options: { validTo?: number; key?: boolean } = {}): DesiredCertificate => ({
  file: `certs/${cn}.pem`,
  pem: 'PEM',
  privateKey: options.key === false ? undefined : 'KEY',
  active,
  identity: identity(cn, options.validTo),
  position: { file: 'settings.yaml', line: 1, column: 1 }
})
const tenantCertificate = (id: string, cn: string, active: boolean, validTo = 2_000_000_000): Certificate => ({
  id,
  active,
  live: active,
  subject: `CN=${cn}`,
  issuer: `CN=${cn}`,
  subjectAlternativeNames: [cn],
  validFromTime: new Date(1_700_000_000_000).toISOString(),
  expireTime: new Date(validTo * 1000).toISOString()
})
const NONE: CurrentSettings = { contentSecurityPolicy: {}, customDomains: {} }
const file = (declared: Omit<TenantSettingsFile, 'path'>): TenantSettingsFile => ({ path: 'settings.yaml', ...declared })

describe('planSettings: settings', () => {
  test('only declared settings are planned; equal ones are unchanged', () => {
    const plan = planSettings(
      file({ federationEnforcement: 'all', ssoCookie: { name: 'acme' }, cookieDomains: ['b.example', 'a.example'] }),
      { ...NONE, federationEnforcement: 'all', ssoCookie: { name: 'old' }, cookieDomains: ['A.example', 'b.example'] },
      { prune: false }
    )
    expect(plan.settings.map((s) => [s.setting, s.action, s.from, s.to])).toEqual([
      ['cookie-domains', 'unchanged', 'A.example, b.example', 'b.example, a.example'],
      ['federation-enforcement', 'unchanged', 'all', 'all'],
      ['sso-cookie', 'update', 'name old', 'name acme']
    ])
    expect(plan.certificates).toEqual([])
    expect(hasChanges(plan)).toBe(true)
  })

  test('new custom domains are verified; kept and removed ones are not', () => {
    const plan = planSettings(
      file({ customDomains: { alpha: ['keep.example', 'new.example'], bravo: [] } }),
      { ...NONE, customDomains: { alpha: ['keep.example', 'gone.example'], bravo: [] } },
      { prune: false }
    )
    expect(plan.domainsToVerify).toEqual(['new.example'])
    expect(plan.settings.map((s) => [s.setting, s.action])).toEqual([
      ['custom-domains.alpha', 'update'],
      ['custom-domains.bravo', 'unchanged']
    ])
    expect(plan.settings[0]?.write).toEqual({ area: 'custom-domains', realm: 'alpha', body: { domains: ['keep.example', 'new.example'] } })
  })

  test('a CSP policy is written whole when anything differs', () => {
    const policy = { active: true, directives: { 'default-src': ["'self'"] } }
    const plan = planSettings(file({ contentSecurityPolicy: { enforced: policy } }), NONE, { prune: false })
    expect(plan.settings).toEqual([
      {
        kind: 'setting',
        setting: 'content-security-policy.enforced',
        action: 'update',
        from: 'inactive, no directives',
        to: "active: default-src 'self'",
        write: { area: 'content-security-policy', policy: 'enforced', body: policy }
      }
    ])
  })
})

describe('planSettings: certificates', () => {
  const current = [
    tenantCertificate('c-old', 'login.example', true, 1_900_000_000),
    tenantCertificate('c-api', 'api.example', false),
    tenantCertificate('c-stray', 'stray.example', true)
  ]
  const declared = [
    desired('login.example', true),
    desired('login.example', false, { validTo: 1_900_000_000 }),
    desired('api.example', true)
  ]

  test('upload and activate first, then deactivate, then delete (prune), matched by identity not id', () => {
    const plan = planSettings(file({ certificates: declared }), { ...NONE, certificates: current }, { prune: true })
    expect(plan.certificates.map((c) => [c.action, c.id])).toEqual([
      ['upload', undefined],
      ['activate', 'c-api'],
      ['deactivate', 'c-old'],
      ['deactivate-and-delete', 'c-stray']
    ])
    expect(plan.unmanagedCertificates).toEqual([])
    expect(plan.refusals).toEqual([])
  })

  test('without prune undeclared certificates are kept and listed', () => {
    const plan = planSettings(file({ certificates: declared }), { ...NONE, certificates: current }, { prune: false })
    expect(plan.certificates.map((c) => c.action)).toEqual(['upload', 'activate', 'deactivate'])
    expect(plan.unmanagedCertificates).toEqual([expect.stringMatching(/^CN=stray\.example, expires .* \(id c-stray\)$/)])
  })

  test('an inactive undeclared certificate is deleted without deactivating', () => {
    const plan = planSettings(
      file({ certificates: [] }),
      { ...NONE, certificates: [tenantCertificate('c-1', 'x.example', false)] },
      { prune: true }
    )
    expect(plan.certificates.map((c) => c.action)).toEqual(['delete'])
  })

  test('of two uploads of one certificate the one in the declared state is kept', () => {
    const twins = [tenantCertificate('c-a', 'login.example', false), tenantCertificate('c-b', 'login.example', true)]
    const plan = planSettings(file({ certificates: [desired('login.example', true)] }), { ...NONE, certificates: twins }, { prune: true })
    expect(plan.certificates.map((c) => [c.action, c.id])).toEqual([
      ['unchanged', 'c-b'],
      ['delete', 'c-a']
    ])
  })

  test('a certificate without a key may be matched but not uploaded', () => {
    const plan = planSettings(
      file({ certificates: [desired('api.example', true, { key: false }), desired('new.example', true, { key: false })] }),
      { ...NONE, certificates: [tenantCertificate('c-api', 'api.example', false)] },
      { prune: false }
    )
    expect(plan.certificates.map((c) => c.action)).toEqual(['upload', 'activate'])
    expect(plan.refusals).toEqual([
      expect.stringMatching(
        /^certificate CN=new\.example.* from certs\/new\.example\.pem is not in the tenant and has no private-key-from-env/
      )
    ])
  })

  test('a file without certificates never touches them, even with prune', () => {
    const plan = planSettings(
      file({ federationEnforcement: 'none' }),
      { ...NONE, federationEnforcement: 'none', certificates: current },
      { prune: true }
    )
    expect(plan.certificates).toEqual([])
    expect(hasChanges(plan)).toBe(false)
  })

  test('expiry in days does not matter to matching, the exact time does', () => {
    const plan = planSettings(
      file({ certificates: [desired('login.example', true, { validTo: 2_000_000_000 + DAY })] }),
      { ...NONE, certificates: [tenantCertificate('c-1', 'login.example', true)] },
      { prune: false }
    )
    expect(plan.certificates.map((c) => c.action)).toEqual(['upload'])
  })
})

test('plan lines and summary name every setting and certificate, never a key', () => {
  const plan = planSettings(
    file({ ssoCookie: { name: 'acme' }, customDomains: { alpha: ['new.example'] }, certificates: [desired('login.example', true)] }),
    { ...NONE, ssoCookie: { name: 'acme' }, customDomains: { alpha: [] }, certificates: [tenantCertificate('c-x', 'x.example', false)] },
    { prune: false }
  )
  expect(settingsPlanLines(plan)).toEqual([
    '~ custom-domains.alpha: update ((none) → new.example)',
    '= sso-cookie: unchanged (name acme)',
    expect.stringMatching(/^\+ certificate CN=login\.example, expires .*: upload \(active\)$/),
    '  (verify) custom domain new.example: its CNAME is checked before any write',
    expect.stringMatching(/^ {2}\(kept\) {3}certificate CN=x\.example.*\(id c-x\): in the tenant, not in the file \(prune is off\)$/)
  ])
  const summary = settingsSummary(plan, { file: 'settings.yaml', dryRun: true })
  expect(summary).toContain('### Tenant settings plan for `settings.yaml` (dry run: nothing written)')
  expect(summary).toContain('1 update, 1 unchanged, 1 upload')
  expect(summary).toContain('| `custom-domains.alpha` | update | (none) → new.example |')
  expect(summary).toContain('Custom domains verified (CNAME): `new.example`')
  expect(summary).not.toContain('KEY')
})
