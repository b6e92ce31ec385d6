/**
 * When and how long to wait before trying a request again. Pure, so the policy
 * is unit-tested apart from the sockets.
 */
import { INPUT_WAITS, RETRY_BUDGET_MS, RETRY_MAX_ATTEMPTS, RETRY_MAX_DELAY_MS } from '../waits.js'

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** No retry starts once this much time has passed since the first attempt. */
  maxElapsedMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: RETRY_MAX_ATTEMPTS,
  baseDelayMs: INPUT_WAITS.retryDelay.defaultSeconds * 1000,
  maxDelayMs: RETRY_MAX_DELAY_MS,
  maxElapsedMs: RETRY_BUDGET_MS
}

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504])

/** Answered by a proxy or load balancer: whether the tenant behind it acted on the request is unknown. */
export const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504])

export type Failure =
  | { kind: 'status'; status: number; retryAfter?: string | undefined }
  /** `sent`: the request may have reached the server before the failure. */
  | { kind: 'network'; sent: boolean }

export interface RetryContext {
  attempt: number
  elapsedMs: number
  idempotent: boolean
  nowMs: number
  random: () => number
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: 'not-retryable' | 'exhausted' | 'unsafe' }

export function decideRetry(failure: Failure, ctx: RetryContext, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
  if (!isRetryable(failure)) return { retry: false, reason: 'not-retryable' }
  if (!ctx.idempotent && !isSafeToRepeat(failure)) return { retry: false, reason: 'unsafe' }
  if (ctx.attempt >= policy.maxAttempts) return { retry: false, reason: 'exhausted' }
  const delayMs = nextDelayMs(failure, ctx, policy)
  if (ctx.elapsedMs + delayMs > policy.maxElapsedMs) return { retry: false, reason: 'exhausted' }
  return { retry: true, delayMs }
}

function isRetryable(failure: Failure): boolean {
  return failure.kind === 'network' || RETRYABLE_STATUSES.has(failure.status)
}

/**
 * A request that is not idempotent is repeated only when the server surely did
 * not act on it: a 429 (rejected before processing) or a connection that never
 * carried the request.
 */
function isSafeToRepeat(failure: Failure): boolean {
  return failure.kind === 'network' ? !failure.sent : failure.status === 429
}

function nextDelayMs(failure: Failure, ctx: RetryContext, policy: RetryPolicy): number {
  // The server's own word wins over the ceiling; a wait past the time budget ends the retries instead.
  const asked = failure.kind === 'status' ? parseRetryAfterMs(failure.retryAfter, ctx.nowMs) : undefined
  if (asked !== undefined) return asked
  // Full jitter: spread clients out so they do not come back in step.
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (ctx.attempt - 1))
  return Math.round(ceiling / 2 + (ctx.random() * ceiling) / 2)
}

/** `Retry-After` is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMs)
}
