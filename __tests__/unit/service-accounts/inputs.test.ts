import { describe, expect, test } from '@jest/globals'
import { parseInputs } from '../../../src/inputs/index.js'

const JWK = JSON.stringify({
  kty: 'RSA',
  n: 'bW9kdWx1cy1tb2R1bHVz',
  e: 'AQAB',
  d: 'ZC1kLWQtZC1kLWQtZA',
  p: 'cC1wLXAtcC1w',
  q: 'cS1xLXEtcS1x',
  dp: 'ZHAtZHAtZHA',
  dq: 'ZHEtZHEtZHE',
  qi: 'cWktcWktcWk'
})
const base = {
  'tenant-url': 'https://openam-acme.forgeblocks.com',
  'service-account-id': 'own-account',
  'service-account-key': JWK,
  'github-token': 'ghs_token'
}
const parse = (inputs: Record<string, string>) => parseInputs((name) => (({ ...base, ...inputs }) as Record<string, string>)[name] ?? '')

describe('service account inputs', () => {
  test('create-service-account: defaults, the scopes once each, the secret name upper-cased', () => {
    const inputs = parse({
      operation: 'create-service-account',
      'service-account-name': 'ci',
      'service-account-scopes': 'fr:idc:esv:read, fr:idc:esv:read fr:idm:*',
      'store-in-github-secret': 'sa_key',
      'github-environment': 'key-rotation'
    })
    expect(inputs.serviceAccounts.create).toEqual({
      name: 'ci',
      description: '',
      scopes: ['fr:idc:esv:read', 'fr:idm:*'],
      status: 'Active',
      updateExisting: false,
      destination: { kind: 'github-secret', name: 'SA_KEY', environment: 'key-rotation' }
    })
    expect(inputs.tenant?.scopes).toEqual(['fr:idm:*'])
    expect(inputs.serviceAccounts.rotate).toBeUndefined()
  })

  test('rotate-service-account-key: the own account by default, its key the connection key; keep-keys 1, proof 120 s', () => {
    const rotate = parse({ operation: 'rotate-service-account-key', 'store-in-file': 'sa.json' }).serviceAccounts.rotate
    expect(rotate).toMatchObject({
      accountId: 'own-account',
      ownAccount: true,
      keepKeys: 1,
      proofTimeoutMs: 120_000,
      destination: { kind: 'file', fileName: 'sa.json' }
    })
    expect(rotate?.currentKey).toMatchObject({ kty: 'RSA', d: 'ZC1kLWQtZC1kLWQtZA' })
  })

  test('rotate-service-account-key: another account with its key; with an access token the target is required', () => {
    const other = parse({
      operation: 'rotate-service-account-key',
      'store-in-github-secret': 'OTHER',
      'github-secret-scope': 'repository',
      'target-service-account-id': 'other',
      'target-service-account-key': JWK,
      'keep-keys': '0'
    }).serviceAccounts.rotate
    expect(other).toMatchObject({
      accountId: 'other',
      ownAccount: false,
      keepKeys: 0,
      destination: { kind: 'github-secret', name: 'OTHER', environment: undefined }
    })
    expect(() =>
      parse({
        operation: 'rotate-service-account-key',
        'store-in-github-secret': 'K',
        'github-environment': 'key-rotation',
        'service-account-id': '',
        'service-account-key': '',
        'access-token': 'at'
      })
    ).toThrow('target-service-account-id: required with access-token')
  })

  test('a GitHub secret is an environment secret unless a repository secret is chosen by name', () => {
    const secret = { operation: 'rotate-service-account-key', 'store-in-github-secret': 'SA_KEY' }
    expect(() => parse(secret)).toThrow(
      'github-environment: required with store-in-github-secret: the environment whose secret holds the key'
    )
    expect(() => parse({ ...secret, 'github-environment': 'ci', 'github-secret-scope': 'repository' })).toThrow(
      'github-environment: applies with github-secret-scope environment; a repository secret belongs to no environment'
    )
    expect(parse({ ...secret, 'github-secret-scope': 'repository' }).serviceAccounts.rotate?.destination).toEqual({
      kind: 'github-secret',
      name: 'SA_KEY',
      environment: undefined
    })
  })
})
