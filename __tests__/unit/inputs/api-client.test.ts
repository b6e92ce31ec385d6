import { describe, expect, test } from '@jest/globals'
import { parseInputs } from '../../../src/inputs/index.js'
import { inputParser } from '../../helpers/inputs.js'

const base: Record<string, string> = {
  operation: 'create-api-client',
  'verify-tenant-url': 'https://acme.verify.example/',
  'verify-client-id': '7d1f1b3e-5c1c-4a8e-9a0e-0c1d2e3f4a5b',
  'verify-client-secret': 'admin-client-secret-value',
  'client-name': 'crm-sync',
  entitlements: 'readUserGroups'
}

const { parse, problems } = inputParser(base)

describe('create-api-client inputs', () => {
  test('defaults: enabled, if-exists fail, no tenant, no ESV secret', () => {
    const inputs = parse({})
    expect(inputs.tenant).toBeUndefined()
    expect(inputs.apiClient).toEqual({
      verifyTenantUrl: 'https://acme.verify.example',
      adminClientId: base['verify-client-id'],
      adminClientSecret: base['verify-client-secret'],
      clientName: 'crm-sync',
      entitlements: ['readUserGroups'],
      description: undefined,
      enabled: true,
      ifExists: 'fail',
      storeInSecret: undefined,
      outputSecret: false,
      warnings: []
    })
  })

  test('entitlements split on commas and newlines; duplicates dropped with a warning', () => {
    const inputs = parse({ entitlements: 'readUserGroups,\n  manageUserGroups\r\nreadUserGroups,,' })
    expect(inputs.apiClient?.entitlements).toEqual(['readUserGroups', 'manageUserGroups'])
    expect(inputs.apiClient?.warnings).toEqual(['entitlements: readUserGroups given more than once; each is sent once'])
  })

  test('the loopback http of the emulator is accepted; other http is not', () => {
    expect(parse({ 'verify-tenant-url': 'http://127.0.0.1:4100' }).apiClient?.verifyTenantUrl).toBe('http://127.0.0.1:4100')
    expect(problems({ 'verify-tenant-url': 'http://acme.verify.example' })).toEqual([
      'verify-tenant-url: must use https (http is allowed only for a local emulator on a loopback address)'
    ])
    expect(problems({ 'verify-tenant-url': 'https://acme.verify.example/v1.0' })[0]).toMatch(
      /^verify-tenant-url: must be the tenant's base URL/
    )
  })

  test('store-in-secret needs a valid ESV id and the Identity Cloud tenant connection', () => {
    expect(problems({ 'store-in-secret': 'esv-Crm' })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^store-in-secret: "esv-Crm" is not an ESV secret id/),
        expect.stringMatching(/^tenant-url: required/)
      ])
    )
    const inputs = parse({
      'store-in-secret': 'esv-crm-client-secret',
      'tenant-url': 'https://openam-acme-dev.forgeblocks.com',
      'access-token': 'a-bearer-token-value'
    })
    expect(inputs.apiClient?.storeInSecret).toBe('esv-crm-client-secret')
    expect(inputs.tenant?.scopes).toEqual(['fr:idc:esv:read', 'fr:idc:esv:update', 'fr:idc:esv:restart'])
  })

  test('every problem is reported at once, one line per input', () => {
    expect(
      problems({
        'verify-tenant-url': '',
        'verify-client-id': 'has spaces in it',
        'verify-client-secret': '',
        'client-name': 'two\nlines',
        entitlements: '',
        offerings: 'CIC,XYZ',
        enabled: 'maybe',
        'if-exists': 'overwrite',
        'output-secret': 'sure'
      })
    ).toEqual([
      'verify-tenant-url: required, e.g. https://acme.verify.ibm.com',
      'verify-client-id: expected an API client id, got an invalid value',
      "verify-client-secret: required (that admin client's secret)",
      'client-name: must be one line without control characters',
      'offerings: "XYZ" is not an offering; expected some of CIC, CIV, CIA, CIG, ISC',
      'entitlements: required: the entitlements the client needs, comma- or newline-separated, e.g. readUserGroups',
      'enabled: expected true or false, got "maybe"',
      'if-exists: "overwrite" is not one of fail, skip',
      'output-secret: expected true or false, got "sure"'
    ])
  })

  test('offerings are checked case-insensitively and against each entitlement', () => {
    expect(problems({ offerings: 'civ', entitlements: 'manageMFAMethods' })).toEqual([
      "entitlements: manageMFAMethods needs the CIC offering, which the tenant's offerings (CIV) do not include"
    ])
  })

  test('other operations ignore these inputs', () => {
    const inputs = parseInputs(
      (name) =>
        ({
          operation: 'restart',
          'tenant-url': 'https://openam-acme-dev.forgeblocks.com',
          'access-token': 'a-bearer-token-value',
          entitlements: 'nonsense'
        })[name] ?? ''
    )
    expect(inputs.apiClient).toBeUndefined()
  })
})
