import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { renderDeclarationFile } from '../../../src/export/declaration-file.js'
import { settingsExport } from '../../../src/export/settings.js'
import { loadSettingsFile } from '../../../src/settings/file.js'
import { hasChanges, planSettings, type CurrentSettings } from '../../../src/settings/plan.js'
import type { Certificate } from '../../../src/tenant/types.js'

const certificate = (id: string, subject: string, names: string[], active: boolean, from = '2026-01-01T00:00:00Z'): Certificate => ({
  id,
  active,
  live: active,
  subject,
  issuer: 'CN=Acme CA',
  subjectAlternativeNames: names,
  validFromTime: from,
  expireTime: '2027-01-01T00:00:00Z'
})

const CURRENT: CurrentSettings = {
  contentSecurityPolicy: {
    enforced: { active: true, directives: { 'script-src': ["'self'", 'https://cdn.acme.example'], 'default-src': ["'self'"] } },
    'report-only': { active: false, directives: {} }
  },
  cookieDomains: ['Login.Acme.example', 'acme.example'],
  customDomains: { alpha: ['login.acme.example'], bravo: [] },
  federationEnforcement: 'all',
  ssoCookie: { name: 'acmeSession' },
  certificates: [
    certificate('cert-2', 'CN=login.acme.example,O=Acme', ['login.acme.example', 'ID.acme.example'], true),
    certificate('cert-1', 'CN=api.acme.example', ['api.acme.example'], false)
  ]
}

function load(text: string, extension = 'yaml') {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-pilot-settings-export-'))
  const path = join(dir, `settings.${extension}`)
  writeFileSync(path, text)
  return loadSettingsFile(path, { GITHUB_WORKSPACE: dir })
}

describe('settingsExport', () => {
  test('every area in the file format; sets sorted; certificates by subject, names and validity, never an id or key', () => {
    const exported = settingsExport(CURRENT)
    expect(Object.keys(exported.content)).toEqual([
      'content-security-policy',
      'cookie-domains',
      'custom-domains',
      'federation-enforcement',
      'sso-cookie',
      'certificates'
    ])
    expect(exported.content['cookie-domains']).toEqual(['acme.example', 'login.acme.example'])
    expect(
      Object.keys((exported.content['content-security-policy'] as Record<string, { directives: object }>).enforced!.directives)
    ).toEqual(['default-src', 'script-src'])
    expect(exported.content.certificates).toEqual([
      {
        subject: 'CN=api.acme.example',
        'subject-alternative-names': ['api.acme.example'],
        'valid-from': '2026-01-01T00:00:00Z',
        'valid-to': '2027-01-01T00:00:00Z',
        active: false
      },
      {
        subject: 'CN=login.acme.example,O=Acme',
        'subject-alternative-names': ['id.acme.example', 'login.acme.example'],
        'valid-from': '2026-01-01T00:00:00Z',
        'valid-to': '2027-01-01T00:00:00Z',
        active: true
      }
    ])
    expect(exported.counts).toEqual({ areas: 6, certificates: 2 })
    expect(JSON.stringify(exported.content)).not.toMatch(/cert-1|cert-2|live|issuer/)
  })

  test('two uploads of one certificate are one entry, active when either is', () => {
    const twice = settingsExport({
      ...CURRENT,
      certificates: [
        certificate('a', 'CN=x.acme.example', ['x.acme.example'], false),
        certificate('b', 'CN=x.acme.example', ['x.acme.example'], true)
      ]
    })
    expect(twice.content.certificates).toEqual([expect.objectContaining({ active: true })])
    expect(twice.warnings).toEqual([expect.stringContaining('second upload')])
  })

  test.each(['yaml', 'json'] as const)('as %s, loadSettingsFile reads it back and planSettings plans nothing', (format) => {
    const { file, problems } = load(renderDeclarationFile(settingsExport(CURRENT).content, format, ['header']), format)
    expect(problems).toEqual([])
    const plan = planSettings(file!, CURRENT, { prune: true })
    expect(plan.refusals).toEqual([])
    expect(plan.domainsToVerify).toEqual([])
    expect(hasChanges(plan)).toBe(false)
    expect(plan.certificates.map((c) => c.action)).toEqual(['unchanged', 'unchanged'])
  })
})

describe('a settings file may name a certificate the tenant holds by subject and validity', () => {
  const HELD = [
    'certificates:',
    '  - subject: "O=Acme, CN=login.acme.example"',
    '    subject-alternative-names: [login.acme.example, id.acme.example]',
    '    valid-from: "2026-01-01T00:00:00Z"',
    '    valid-to: "2027-01-01T00:00:00Z"',
    '    active: false',
    ''
  ].join('\n')

  test('it matches the tenant certificate with that identity, whatever the order of the subject', () => {
    const { file, problems } = load(HELD)
    expect(problems).toEqual([])
    const plan = planSettings(file!, CURRENT, { prune: false })
    expect(plan.certificates).toEqual([expect.objectContaining({ action: 'deactivate', id: 'cert-2' })])
  })

  test('one the tenant does not hold is refused before any write: there is nothing to upload it from', () => {
    const { file } = load(HELD.replace('2027-01-01', '2028-01-01'))
    expect(planSettings(file!, CURRENT, { prune: false }).refusals).toEqual([
      expect.stringMatching(/named by subject and validity but is not in the tenant; give certificate-file and private-key-from-env/)
    ])
  })

  test.each([
    [
      'a certificate-file as well',
      `${HELD}    certificate-file: login.pem\n`,
      /either certificate-file .* or subject and validity, not both/
    ],
    [
      'no subject',
      HELD.replace(/ {2}- subject: .*\n/, '  - active: true\n').replace('    active: false\n', ''),
      /subject: expected the subject/
    ],
    ['a date that is none', HELD.replace('"2026-01-01T00:00:00Z"', 'soon'), /valid-from: expected a date and time/],
    ['no valid-to', HELD.replace(/ {4}valid-to: .*\n/, ''), /valid-to: expected a date and time/],
    [
      'names not a list',
      HELD.replace('[login.acme.example, id.acme.example]', 'login.acme.example'),
      /subject-alternative-names: expected a list/
    ]
  ])('%s is a problem with its line', (_name, text, message) => {
    const { file, problems } = load(text)
    expect(file).toBeUndefined()
    expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]))
    expect(problems.every((p) => p.line > 1)).toBe(true)
  })
})
