import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js'

/** How every HTTP client of a run behaves: from the request-timeout and retry-delay inputs. */
export interface HttpSettings {
  /** A request that has not answered by then counts as a network error (and may be retried). */
  requestTimeoutMs: number
  /** The first back-off; it doubles on each retry up to the policy's ceiling, with jitter. */
  retryBaseDelayMs: number
}

/** How long one GitHub request waits out GitHub's rate limits unless github-rate-limit-timeout says otherwise. */
export const DEFAULT_GITHUB_RATE_LIMIT_MS = 300_000

export const DEFAULT_HTTP_SETTINGS: HttpSettings = { requestTimeoutMs: 60_000, retryBaseDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs }

export function retryPolicyFor(settings: HttpSettings): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, baseDelayMs: settings.retryBaseDelayMs }
}

/** The options a JsonHttpClient takes from the settings. */
export function clientTiming(settings: HttpSettings): { timeoutMs: number; policy: RetryPolicy } {
  return { timeoutMs: settings.requestTimeoutMs, policy: retryPolicyFor(settings) }
}
