import { describe, expect, test } from '@jest/globals'
import { inputParser } from '../../helpers/inputs.js'

const base: Record<string, string> = {
  'tenant-url': 'https://openam-acme-staging.forgeblocks.com',
  'access-token': 'an-access-token-value'
}

const { parse, problems } = inputParser(base)

describe('promotion inputs', () => {
  test('defaults', () => {
    const { promotion } = parse({ operation: 'promote' })
    expect(promotion).toEqual({
      promoter: undefined,
      description: undefined,
      lowerName: undefined,
      upperName: undefined,
      ticketReference: undefined,
      ignoreEncryptedSecrets: false,
      unlockAfter: true,
      promoteEmpty: false,
      approvedFingerprint: undefined,
      requireApproval: true,
      reportId: undefined,
      promotionId: undefined,
      force: false,
      failOnBlockers: undefined,
      holdLock: false,
      holdLockTimeoutMs: 86_400_000,
      skipIfUnchanged: false
    })
  })

  test('skip-if-unchanged: dry-run-promote and promote only, never with promote-empty', () => {
    expect(parse({ operation: 'dry-run-promote', 'skip-if-unchanged': 'true' }).promotion.skipIfUnchanged).toBe(true)
    expect(parse({ operation: 'promote', 'skip-if-unchanged': 'true' }).promotion.skipIfUnchanged).toBe(true)
    expect(problems({ operation: 'rollback', 'skip-if-unchanged': 'true' })).toEqual([
      'skip-if-unchanged: only for dry-run-promote and promote (the steps that lock the environments)'
    ])
    expect(problems({ operation: 'promote', 'skip-if-unchanged': 'true', 'promote-empty': 'true' })).toEqual([
      'skip-if-unchanged: contradicts promote-empty: true (which promotes even when nothing changed); drop one of them'
    ])
    expect(problems({ operation: 'promote', 'skip-if-unchanged': 'yes' })).toEqual(['skip-if-unchanged: expected true or false, got "yes"'])
  })

  test('lower-name and upper-name: short names for the title, checked before any request', () => {
    expect(parse({ operation: 'dry-run-promote', 'lower-name': 'dev', 'upper-name': 'Staging (EU)' }).promotion).toMatchObject({
      lowerName: 'dev',
      upperName: 'Staging (EU)'
    })
    expect(problems({ operation: 'dry-run-promote', 'lower-name': '<b>dev</b>', 'upper-name': 'x'.repeat(41) })).toEqual([
      'lower-name: expected a short name such as dev or staging (up to 40 letters, digits, spaces or . _ ( ) / -)',
      'upper-name: expected a short name such as dev or staging (up to 40 letters, digits, spaces or . _ ( ) / -)'
    ])
  })

  test('reads and normalises every input', () => {
    const { promotion } = parse({
      operation: 'promote',
      promoter: 'release-bot',
      description: 'Q2 journeys',
      'ticket-reference': 'CHG-42',
      'ignore-encrypted-secrets': 'true',
      'unlock-after': 'false',
      'promote-empty': 'true',
      'approved-fingerprint': `sha256:${'AB'.repeat(32)}`,
      'report-id': 'dry-run-report-1',
      'require-approval': 'false'
    })
    expect(promotion).toMatchObject({
      promoter: 'release-bot',
      description: 'Q2 journeys',
      ticketReference: 'CHG-42',
      ignoreEncryptedSecrets: true,
      unlockAfter: false,
      promoteEmpty: true,
      approvedFingerprint: 'ab'.repeat(32),
      reportId: 'dry-run-report-1',
      requireApproval: false
    })
  })

  test('approved-fingerprint is break-glass: it needs report-id, the stored dry run that backs it', () => {
    expect(problems({ operation: 'promote', 'approved-fingerprint': `sha256:${'ab'.repeat(32)}` })).toEqual([
      "report-id: required with approved-fingerprint (break-glass): the stored dry run's report id, so the tenant confirms the fingerprint and it is applied once"
    ])
  })

  test('every problem at once, one line each', () => {
    expect(problems({ operation: 'promote', 'approved-fingerprint': 'deadbeef', 'unlock-after': 'yes', 'report-id': '../x' })).toEqual([
      'unlock-after: expected true or false, got "yes"',
      'report-id: expected an id such as da0c66a4-9f37-4f9a-9988-0786ad301b17',
      'approved-fingerprint: expected a sha256 fingerprint (64 hex digits, optionally prefixed sha256:)'
    ])
  })

  test('unlock needs promotion-id or force; with both, the holder is checked against promotion-id at run time', () => {
    expect(problems({ operation: 'unlock' })).toEqual([expect.stringMatching(/^promotion-id: required for unlock/)])
    expect(parse({ operation: 'unlock', 'promotion-id': 'abc', force: 'true' }).promotion).toMatchObject({
      promotionId: 'abc',
      force: true
    })
    expect(parse({ operation: 'unlock', force: 'true' }).promotion.force).toBe(true)
  })

  test('ignored by operations that are not promotions', () => {
    expect(
      parse({ operation: 'restart', 'approved-fingerprint': 'nonsense', 'unlock-after': 'maybe' }).promotion.approvedFingerprint
    ).toBeUndefined()
  })
})
