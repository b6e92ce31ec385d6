import { describe, expect, test } from '@jest/globals'
import { githubRateLimitWait, SECONDARY_LIMIT_WAIT_MS } from '../../../src/github/rate-limit.js'

const NOW = Date.parse('2026-12-06T12:00:00Z')

describe('githubRateLimitWait', () => {
  test('retry-after wins, in seconds, on 403 or 429', () => {
    expect(githubRateLimitWait(403, { 'retry-after': '30' }, '', NOW)).toEqual({ waitMs: 30_000, why: 'retry-after: 30 s' })
    expect(githubRateLimitWait(429, { 'retry-after': '2' }, '', NOW)?.waitMs).toBe(2_000)
  })

  test('a spent primary limit waits until its reset, and a second more', () => {
    const reset = String(NOW / 1000 + 90)
    expect(githubRateLimitWait(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, '', NOW)?.waitMs).toBe(91_000)
    // A reset already passed: just the margin.
    expect(githubRateLimitWait(429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 5) }, '', NOW)?.waitMs).toBe(
      1_000
    )
  })

  test('a secondary limit without a time waits a minute; a 403 that is no limit is a refusal', () => {
    expect(githubRateLimitWait(403, {}, '{"message":"You have exceeded a secondary rate limit."}', NOW)?.waitMs).toBe(
      SECONDARY_LIMIT_WAIT_MS
    )
    expect(githubRateLimitWait(429, {}, '', NOW)?.waitMs).toBe(SECONDARY_LIMIT_WAIT_MS)
    expect(githubRateLimitWait(403, {}, '{"message":"Resource not accessible by integration"}', NOW)).toBeUndefined()
    expect(githubRateLimitWait(403, { 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': '1' }, '', NOW)).toBeUndefined()
    expect(githubRateLimitWait(500, { 'retry-after': '1' }, '', NOW)).toBeUndefined()
  })
})
