import { describe, expect, test } from '@jest/globals'
import { MAX_STATUS_DESCRIPTION, readStatus, sameContext, statusContext, statusDescription } from '../../../src/github/commit-status.js'
import type { CommitStatus } from '../../../src/github/types.js'

const FP = 'ab'.repeat(32)
const status = (description: string | null): CommitStatus => ({
  id: 1,
  state: 'success',
  context: 'c',
  description,
  target_url: null,
  created_at: '2026-12-06T12:00:00Z',
  creator: { login: 'github-actions[bot]' }
})

describe('commit statuses', () => {
  test('the context names the operation and the upper tenant, and a plan its file', () => {
    expect(statusContext('dry-run-promote', 'https://openam-acme-staging.forgeblocks.com')).toBe(
      'tenant-pilot/dry-run-promote (openam-acme-staging.forgeblocks.com)'
    )
    expect(statusContext('set-esvs', 'https://t.example.com', 'esvs/prod.yaml')).toBe(
      'tenant-pilot/set-esvs (t.example.com: esvs/prod.yaml)'
    )
    expect(sameContext('Tenant-Pilot/X', 'tenant-pilot/x')).toBe(true)
  })

  test('the description carries the whole fingerprint within GitHub’s 140 characters, cutting the summary', () => {
    expect(statusDescription('Dry run', FP, '5 changes, 1 deletion')).toBe(`Dry run: 5 changes, 1 deletion sha256:${FP}`)
    const long = statusDescription('Plan', FP, 'x'.repeat(500))
    expect(long.length).toBeLessThanOrEqual(MAX_STATUS_DESCRIPTION)
    expect(long.endsWith(` sha256:${FP}`)).toBe(true)
    expect(long).toContain('…')
    expect(statusDescription('Dry run', undefined, 'failed; see the workflow run')).toBe('Dry run: failed; see the workflow run')
  })

  test('a status reads back as its kind and fingerprint, or as nothing', () => {
    expect(readStatus(status(statusDescription('Applying', FP, 'Approved by @alice')))).toEqual({ kind: 'Applying', fingerprint: FP })
    expect(readStatus(status(`Dry run sha256:${FP}`))).toEqual({ kind: 'Dry run', fingerprint: FP })
    expect(readStatus(status('Dry run: failed; see the workflow run'))).toBeUndefined()
    expect(readStatus(status(`Deploy: sha256:${FP}`))).toBeUndefined()
    expect(readStatus(status(null))).toBeUndefined()
  })
})
