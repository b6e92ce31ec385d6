import { describe, expect, test } from '@jest/globals'
import { tenantUrlProblem } from '../../src/inputs/index.js'
import { inputParser } from '../helpers/inputs.js'

const JWK = JSON.stringify({
  kty: 'RSA',
  n: 'bW9kdWx1cy1tb2R1bHVzLW1vZHVsdXM',
  e: 'AQAB',
  d: 'cHJpdmF0ZS1leHBvbmVudC1kLXZhbHVl',
  p: 'cHJpbWUtcC1wcmltZS1wLXByaW1l',
  q: 'cHJpbWUtcS1wcmltZS1xLXByaW1l',
  dp: 'ZXhwb25lbnQtZHAtZXhwb25lbnQ',
  dq: 'ZXhwb25lbnQtZHEtZXhwb25lbnQ',
  qi: 'Y29lZmZpY2llbnQtcWktY29lZmY'
})

const base: Record<string, string> = {
  operation: 'restart',
  'tenant-url': 'https://openam-acme-dev.forgeblocks.com',
  'service-account-id': '2f6ac4a6-8a5c-4c4f-9d8e-3a3b7f1e9c01',
  'service-account-key': JWK
}

const { parse, problems } = inputParser(base)

describe('parseInputs', () => {
  test.each([
    ['set-esvs', {}, ['fr:idc:esv:read', 'fr:idc:esv:update', 'fr:idc:esv:restart']],
    ['set-esvs', { 'dry-run': 'true' }, ['fr:idc:esv:read']],
    ['set-esvs', { restart: 'never' }, ['fr:idc:esv:read', 'fr:idc:esv:update']],
    ['rotate-secret', { restart: 'false', 'secret-id': 'esv-x' }, ['fr:idc:esv:read', 'fr:idc:esv:update']],
    ['restart', { 'dry-run': 'true' }, ['fr:idc:esv:read', 'fr:idc:esv:restart']]
  ])('%s with %j asks for the least scopes: %j', (operation, over, scopes) => {
    expect(parse({ operation, 'esv-file': 'esvs/prod.yaml', ...over }).tenant!.scopes).toEqual(scopes)
  })

  test('parses a valid restart with defaults and derived scopes', () => {
    const inputs = parse({})
    expect(inputs.operation).toBe('restart')
    expect(inputs.tenant!.url).toBe('https://openam-acme-dev.forgeblocks.com')
    expect(inputs.tenant!.scopes).toEqual(['fr:idc:esv:read', 'fr:idc:esv:restart'])
    expect(inputs.tenant!.auth.kind).toBe('service-account')
    expect(inputs.waits).toEqual({ restartTimeoutMs: 900_000, promotionTimeoutMs: 3_600_000, pollIntervalMs: 10_000, lockTimeoutMs: 0 })
    expect(inputs.restart).toBe('auto')
    expect(inputs.github).toEqual({
      token: undefined,
      comment: true,
      prNumber: undefined,
      allowedAssociations: ['OWNER', 'MEMBER', 'COLLABORATOR'],
      commandPermission: 'write',
      requiredApprovals: 1,
      rateLimitTimeoutMs: 300_000
    })
    expect(inputs.http).toEqual({ requestTimeoutMs: 60_000, retryBaseDelayMs: 500 })
  })

  test('command-permission is write, maintain or admin; required-approvals a whole number from 1 to 10', () => {
    expect(parse({ 'command-permission': 'maintain', 'required-approvals': '2' }).github).toMatchObject({
      commandPermission: 'maintain',
      requiredApprovals: 2
    })
    expect(problems({ 'command-permission': 'read', 'required-approvals': '0' })).toEqual([
      'command-permission: "read" is not one of write, maintain, admin',
      'required-approvals: expected a whole number from 1 to 10, got "0"'
    ])
  })

  test('allowed-associations takes a comma- or space-separated list of author_association values', () => {
    expect(parse({ 'allowed-associations': 'OWNER, COLLABORATOR' }).github.allowedAssociations).toEqual(['OWNER', 'COLLABORATOR'])
    expect(parse({ 'allowed-associations': 'MEMBER MEMBER' }).github.allowedAssociations).toEqual(['MEMBER'])
    expect(problems({ 'allowed-associations': 'OWNER,WRITER' })).toEqual([
      'allowed-associations: "WRITER" not one of OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIME_CONTRIBUTOR, FIRST_TIMER, MANNEQUIN, NONE'
    ])
  })

  test('request-timeout and retry-delay take decimal seconds within bounds', () => {
    expect(parse({ 'request-timeout': '2.5', 'retry-delay': '0.01' }).http).toEqual({ requestTimeoutMs: 2500, retryBaseDelayMs: 10 })
    expect(problems({ 'request-timeout': '0', 'retry-delay': '-1' })).toEqual([
      expect.stringMatching(/^request-timeout: expected a number of seconds from 0.1 to 600/),
      expect.stringMatching(/^retry-delay: expected a number of seconds from 0.01 to 60/)
    ])
  })

  test('accepts decimals for waits, an access token instead of an account, and scope overrides', () => {
    const inputs = parse({
      'poll-interval': '0.1',
      'restart-timeout': '2.5',
      'service-account-id': '',
      'service-account-key': '',
      'access-token': 'abc.def.ghi',
      scopes: 'fr:idc:esv:* , fr:idc:esv:read'
    })
    expect(inputs.waits.pollIntervalMs).toBe(100)
    expect(inputs.waits.restartTimeoutMs).toBe(2500)
    expect(inputs.tenant!.auth).toEqual({ kind: 'access-token', accessToken: 'abc.def.ghi' })
    expect(inputs.tenant!.scopes).toEqual(['fr:idc:esv:*', 'fr:idc:esv:read'])
  })

  test('maps restart true/false to auto/never', () => {
    expect(parse({ restart: 'false' }).restart).toBe('never')
    expect(parse({ restart: 'true' }).restart).toBe('auto')
    expect(parse({ restart: 'always' }).restart).toBe('always')
  })

  test('collects every problem at once, one line per input', () => {
    const found = problems({
      operation: 'explode',
      'tenant-url': 'http://tenant.example.com',
      'restart-timeout': '-5',
      'poll-interval': 'fast',
      comment: 'yes',
      'pr-number': '0'
    })
    expect(found).toEqual([
      expect.stringMatching(/^operation: "explode" is not one of set-esvs, rotate-secret, restart/),
      expect.stringMatching(/^tenant-url: must use https/),
      expect.stringMatching(/^restart-timeout: expected a number of seconds/),
      expect.stringMatching(/^poll-interval: expected a number of seconds/),
      expect.stringMatching(/^comment: expected true or false/),
      expect.stringMatching(/^pr-number: expected a whole number/)
    ])
  })

  test('requires an operation, a tenant and credentials', () => {
    expect(problems({ operation: '', 'tenant-url': '', 'service-account-id': '', 'service-account-key': '' })).toEqual([
      expect.stringMatching(/^operation: required/),
      expect.stringMatching(/^tenant-url: required/),
      expect.stringMatching(/^service-account-id \/ service-account-key: credentials are required/)
    ])
  })

  test('refuses both kinds of credentials at once', () => {
    expect(problems({ 'access-token': 'tok-tok-tok' })).toEqual([expect.stringMatching(/^access-token: give either/)])
  })

  test.each([
    ['not json at all', /not valid JSON/],
    ['[1,2]', /expected a JSON object/],
    ['{"kty":"EC","d":"x"}', /expected an RSA JWK/],
    ['{"kty":"RSA","n":"abc","e":"AQAB"}', /public key; the private JWK/],
    ['{"kty":"RSA","n":"abc","e":"AQAB","d":"secret-d-value"}', /lacks p, q, dp, dq, qi/]
  ])('rejects the key %s without quoting it', (key, message) => {
    const found = problems({ 'service-account-key': key })
    expect(found).toEqual([expect.stringMatching(message)])
    expect(found.join()).not.toContain(key)
    expect(found.join()).not.toContain('secret-d-value')
  })

  test('the error message lists the problems and nothing secret', () => {
    try {
      parse({ 'service-account-key': '{"kty":"RSA","d":"very-secret-private-exponent"', operation: 'nope' })
    } catch (error) {
      expect(String(error)).toMatch(/Invalid inputs \(2\):/)
      expect(String(error)).not.toContain('very-secret-private-exponent')
      return
    }
    throw new Error('expected an error')
  })
})

describe('tenantUrlProblem', () => {
  test.each([
    ['https://openam-acme-dev.forgeblocks.com', undefined],
    ['https://openam-acme-dev.forgeblocks.com/', undefined],
    ['http://127.0.0.1:8080', undefined],
    ['http://localhost:8080', undefined],
    ['http://[::1]:8080', undefined],
    ['http://openam-acme.forgeblocks.com', /must use https/],
    ['http://10.0.0.5', /must use https/],
    ['ftp://tenant.example.com', /must use https, got ftp/],
    ['https://tenant.example.com/am', /without a path/],
    ['https://tenant.example.com/?x=1', /query or fragment/],
    ['https://user:pw@tenant.example.com', /credentials/],
    ['tenant.example.com', /is not a URL/]
  ])('%s', (url, expected) => {
    const problem = tenantUrlProblem(url)
    if (expected === undefined) expect(problem).toBeUndefined()
    else expect(problem).toMatch(expected)
  })

  describe('the lower tenant of promotion-report', () => {
    const lower = {
      operation: 'promotion-report',
      'lower-tenant-url': 'https://openam-acme-dev.forgeblocks.com/',
      'lower-service-account-id': '7d1e9c01-8a5c-4c4f-9d8e-3a3b7f1e2f6a',
      'lower-service-account-key': JWK,
      'tenant-url': 'https://openam-acme-staging.forgeblocks.com'
    }

    test('is its own connection, with the read scope of promotion-report', () => {
      const inputs = parse(lower)
      expect(inputs.lowerTenant).toMatchObject({
        url: 'https://openam-acme-dev.forgeblocks.com',
        auth: { kind: 'service-account', serviceAccountId: '7d1e9c01-8a5c-4c4f-9d8e-3a3b7f1e2f6a' },
        scopes: ['fr:idc:promotion:read']
      })
      expect(inputs.tenant?.url).toBe('https://openam-acme-staging.forgeblocks.com')
      expect(
        parse({ ...lower, 'lower-service-account-id': '', 'lower-service-account-key': '', 'lower-access-token': 'tok' }).lowerTenant?.auth
      ).toEqual({ kind: 'access-token', accessToken: 'tok' })
      expect(parse({ operation: 'promotion-report', 'tenant-url': lower['tenant-url'] }).lowerTenant).toBeUndefined()
    })

    test('is validated up front, each problem naming its lower- input', () => {
      expect(problems({ ...lower, 'lower-tenant-url': '' })).toEqual([
        'lower-service-account-id: given without lower-tenant-url (the lower tenant these credentials are for)'
      ])
      expect(problems({ ...lower, 'lower-service-account-key': '{"kty":"RSA"' })).toEqual([
        'lower-service-account-key: not valid JSON; paste the private JWK downloaded when the service account was created'
      ])
      expect(problems({ ...lower, 'lower-access-token': 'tok' })[0]).toMatch(/^lower-access-token: give either lower-access-token or/)
      expect(problems({ ...lower, 'lower-tenant-url': lower['tenant-url'] })[0]).toMatch(/^lower-tenant-url: is tenant-url itself/)
      expect(problems({ ...lower, 'report-id': 'last' })[0]).toMatch(
        /^lower-tenant-url: stored reports \(report-id\) are read from tenant-url/
      )
      expect(problems({ ...lower, operation: 'promote' })[0]).toMatch(
        /^lower-tenant-url: only promotion-report, and dry-run-promote or promote with skip-if-unchanged: true, read the lower tenant/
      )
      expect(problems({ ...lower, operation: 'rollback', 'skip-if-unchanged': 'true' })).toContain(
        'lower-tenant-url: only promotion-report, and dry-run-promote or promote with skip-if-unchanged: true, read the lower tenant; remove lower-tenant-url, lower-service-account-id, lower-service-account-key from this rollback step'
      )
    })

    test.each(['dry-run-promote', 'promote'])(
      '%s with skip-if-unchanged reads it too, with the read scope of promotion-report',
      (operation) => {
        const inputs = parse({ ...lower, operation, 'skip-if-unchanged': 'true' })
        expect(inputs.lowerTenant).toMatchObject({ url: 'https://openam-acme-dev.forgeblocks.com', scopes: ['fr:idc:promotion:read'] })
        expect(inputs.tenant?.scopes).toEqual(['fr:idc:promotion:*'])
      }
    )

    test("promote's report-id (what backs approved-fingerprint) goes with the lower tenant of skip-if-unchanged", () => {
      const backed = { 'skip-if-unchanged': 'true', 'report-id': 'r-1', 'approved-fingerprint': 'a'.repeat(64) }
      expect(parse({ ...lower, operation: 'promote', ...backed }).lowerTenant?.url).toBe('https://openam-acme-dev.forgeblocks.com')
    })
  })
})
