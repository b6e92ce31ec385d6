import { describe, expect, test } from '@jest/globals'
import { Parser } from '../../../src/inputs/parser.js'
import { parseTenantSettingsInputs } from '../../../src/inputs/tenant-settings.js'
import type { OperationName } from '../../../src/operations/names.js'
import { scopesFor, tenantSettingsScopes } from '../../../src/tenant/scopes.js'

function parse(inputs: Record<string, string>, operation: OperationName) {
  const problems: string[] = []
  const settings = parseTenantSettingsInputs(new Parser((name) => inputs[name] ?? '', problems), operation, { prune: true, dryRun: false })
  return { settings, problems }
}

describe('parseTenantSettingsInputs', () => {
  test('set-tenant-settings: the file, with prune and dry-run shared with set-esvs', () => {
    expect(parse({ 'settings-file': 'tenant/settings.yaml' }, 'set-tenant-settings')).toEqual({
      settings: {
        settings: { file: 'tenant/settings.yaml', prune: true, dryRun: false, domainVerifyTimeoutMs: 60_000 },
        createCsr: undefined,
        completeCsr: undefined
      },
      problems: []
    })
    expect(
      parse({ 'settings-file': 's.yaml', 'domain-verify-timeout': '0' }, 'set-tenant-settings').settings.settings?.domainVerifyTimeoutMs
    ).toBe(0)
  })

  test('create-csr: fields mapped to the request, the common name added to the SANs, defaults rsa', () => {
    const { settings, problems } = parse(
      {
        'csr-common-name': 'Login.Acme.example',
        'csr-subject-alternative-names': 'id.acme.example\n*.acme.example, login.acme.example',
        'csr-organization': 'Acme, Inc',
        'csr-country': 'US',
        'csr-jurisdiction-country': 'DE',
        'csr-business-category': 'Private Organization'
      },
      'create-csr'
    )
    expect(problems).toEqual([])
    expect(settings.createCsr).toEqual({
      algorithm: 'rsa',
      commonName: 'login.acme.example',
      subjectAlternativeNames: ['login.acme.example', 'id.acme.example', '*.acme.example'],
      organization: 'Acme, Inc',
      country: 'US',
      jurisdictionCountry: 'DE',
      businessCategory: 'Private Organization'
    })
  })

  test('complete-csr: id and file required, id checked', () => {
    expect(parse({ 'csr-id': 'a/b', 'certificate-file': 'x.pem' }, 'complete-csr').problems).toEqual(['csr-id: "a/b" is not a CSR id'])
    expect(parse({ 'csr-id': 'csr-1', 'certificate-file': 'x.pem' }, 'complete-csr').settings.completeCsr).toEqual({
      csrId: 'csr-1',
      certificateFile: 'x.pem'
    })
  })

  test('is not read at all for other operations', () => {
    expect(parse({ 'csr-country': 'usa', 'csr-id': '!' }, 'restart')).toEqual({
      settings: { settings: undefined, createCsr: undefined, completeCsr: undefined },
      problems: []
    })
  })
})

describe('scopes', () => {
  test('before the file is read every area’s write scope; then only the declared areas’', () => {
    expect(scopesFor('set-tenant-settings')).toHaveLength(6)
    expect(tenantSettingsScopes(['sso-cookie', 'certificates'], false)).toEqual(['fr:idc:sso-cookie:*', 'fr:idc:certificate:*'])
    // A dry run reads only; it cannot verify new domains (POST …?_action=verify needs the full scope) and says so.
    expect(tenantSettingsScopes(['certificates', 'custom-domains'], true)).toEqual(['fr:idc:certificate:read', 'fr:idc:custom-domain:read'])
    expect(scopesFor('create-csr')).toEqual(['fr:idc:certificate:*'])
    expect(scopesFor('complete-csr')).toEqual(['fr:idc:certificate:*'])
  })
})
