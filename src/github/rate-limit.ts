import type { IncomingHttpHeaders } from 'node:http'
import type { RateLimitPolicy } from '../http/client.js'

/** GitHub asks for at least a minute when a secondary limit names no time. */
export const SECONDARY_LIMIT_WAIT_MS = 60_000
/** A second past the reset GitHub names, so the first try after the wait is inside the new window. */
const RESET_MARGIN_MS = 1_000

/**
 * Whether a GitHub answer is a rate limit, and how long GitHub asks to wait (docs.github.com, "Rate
 * limits for the REST API"): 403 or 429 with `retry-after` (seconds), or with `x-ratelimit-remaining: 0`
 * until `x-ratelimit-reset` (epoch seconds); a secondary limit without either, at least a minute. A 403
 * without those and without a rate-limit message is a permission refusal, not a limit. Pure.
 */
export function githubRateLimitWait(
  status: number,
  headers: IncomingHttpHeaders,
  body: string,
  nowMs: number
): { waitMs: number; why: string } | undefined {
  if (status !== 403 && status !== 429) return undefined
  const retryAfter = header(headers, 'retry-after')
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter.trim())) {
    return { waitMs: Number(retryAfter.trim()) * 1000, why: `retry-after: ${retryAfter.trim()} s` }
  }
  const remaining = header(headers, 'x-ratelimit-remaining')
  const reset = header(headers, 'x-ratelimit-reset')
  if (remaining?.trim() === '0' && reset !== undefined && /^\d+$/.test(reset.trim())) {
    const at = Number(reset.trim()) * 1000
    return { waitMs: Math.max(0, at - nowMs) + RESET_MARGIN_MS, why: `primary limit, resets at ${new Date(at).toISOString()}` }
  }
  if (status === 429 || /rate limit/i.test(body))
    return { waitMs: SECONDARY_LIMIT_WAIT_MS, why: 'secondary limit without a time: GitHub asks for at least a minute' }
  return undefined
}

/** The policy the GitHub client waits by, within `budgetMs` (github-rate-limit-timeout). */
export function githubRateLimitPolicy(budgetMs: number): RateLimitPolicy {
  return { waitFor: githubRateLimitWait, budgetMs, input: 'github-rate-limit-timeout' }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}
