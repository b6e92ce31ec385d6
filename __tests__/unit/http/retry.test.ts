import { describe, expect, test } from '@jest/globals'
import { decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfterMs, type RetryContext } from '../../../src/http/retry.js'

const ctx = (over: Partial<RetryContext> = {}): RetryContext => ({
  attempt: 1,
  elapsedMs: 0,
  idempotent: true,
  nowMs: 1_000_000,
  random: () => 0.5,
  ...over
})

describe('decideRetry', () => {
  test.each([429, 502, 503, 504])('retries HTTP %i on an idempotent request', (status) => {
    expect(decideRetry({ kind: 'status', status }, ctx())).toMatchObject({ retry: true })
  })

  test.each([400, 401, 403, 404, 409, 500, 501])('does not retry HTTP %i', (status) => {
    expect(decideRetry({ kind: 'status', status }, ctx())).toEqual({ retry: false, reason: 'not-retryable' })
  })

  test('retries a network error on an idempotent request', () => {
    expect(decideRetry({ kind: 'network', sent: true }, ctx())).toMatchObject({ retry: true })
  })

  test('never repeats a non-idempotent request the server may have acted on', () => {
    for (const failure of [
      { kind: 'network', sent: true } as const,
      { kind: 'status', status: 502 } as const,
      { kind: 'status', status: 503 } as const,
      { kind: 'status', status: 504 } as const
    ]) {
      expect(decideRetry(failure, ctx({ idempotent: false }))).toEqual({ retry: false, reason: 'unsafe' })
    }
  })

  test('repeats a non-idempotent request that surely was not processed', () => {
    expect(decideRetry({ kind: 'status', status: 429 }, ctx({ idempotent: false }))).toMatchObject({ retry: true })
    expect(decideRetry({ kind: 'network', sent: false }, ctx({ idempotent: false }))).toMatchObject({ retry: true })
  })

  test('backs off exponentially with jitter inside [ceiling/2, ceiling]', () => {
    const low = decideRetry({ kind: 'status', status: 503 }, ctx({ attempt: 3, random: () => 0 }))
    const high = decideRetry({ kind: 'status', status: 503 }, ctx({ attempt: 3, random: () => 1 }))
    expect(low).toEqual({ retry: true, delayMs: 1000 })
    expect(high).toEqual({ retry: true, delayMs: 2000 })
  })

  test('caps the delay', () => {
    const decision = decideRetry({ kind: 'status', status: 503 }, ctx({ attempt: 5, random: () => 1 }), {
      ...DEFAULT_RETRY_POLICY,
      maxDelayMs: 3000,
      maxAttempts: 10
    })
    expect(decision).toEqual({ retry: true, delayMs: 3000 })
  })

  test('honours Retry-After in seconds and as an HTTP date', () => {
    expect(decideRetry({ kind: 'status', status: 429, retryAfter: '7' }, ctx())).toEqual({ retry: true, delayMs: 7000 })
    // Longer than the back-off ceiling, within the time budget: waited in full, not cut to the ceiling.
    expect(decideRetry({ kind: 'status', status: 429, retryAfter: '45' }, ctx())).toEqual({ retry: true, delayMs: 45_000 })
    const date = new Date(1_000_000 + 4000).toUTCString()
    const decision = decideRetry({ kind: 'status', status: 429, retryAfter: date }, ctx())
    expect(decision.retry && decision.delayMs).toBeGreaterThanOrEqual(3000)
    expect(decision.retry && decision.delayMs).toBeLessThanOrEqual(4000)
  })

  test('stops after the attempt budget', () => {
    expect(decideRetry({ kind: 'status', status: 503 }, ctx({ attempt: DEFAULT_RETRY_POLICY.maxAttempts }))).toEqual({
      retry: false,
      reason: 'exhausted'
    })
  })

  test('stops when the next wait would pass the time budget', () => {
    expect(decideRetry({ kind: 'status', status: 429, retryAfter: '60' }, ctx({ elapsedMs: 100_000 }))).toEqual({
      retry: false,
      reason: 'exhausted'
    })
  })
})

describe('parseRetryAfterMs', () => {
  test('reads seconds, dates, and ignores junk', () => {
    expect(parseRetryAfterMs('0', 0)).toBe(0)
    expect(parseRetryAfterMs(' 12 ', 0)).toBe(12_000)
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:58 GMT'))).toBe(2000)
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:29:00 GMT'))).toBe(0)
    expect(parseRetryAfterMs('soon', 0)).toBeUndefined()
    expect(parseRetryAfterMs(undefined, 0)).toBeUndefined()
  })
})
