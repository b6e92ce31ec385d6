import { INPUT_WAITS } from '../waits.js'
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js'

/** How every HTTP client of a run behaves: from the request-timeout, retry-delay and settle-window inputs. */
export interface HttpSettings {
  /** A request that has not answered by then counts as a network error (and may be retried). */
  requestTimeoutMs: number
  /** The first back-off; it doubles on each retry up to the policy's ceiling, with jitter. */
  retryBaseDelayMs: number
  /** How long a request whose answer was lost is looked for; absent: three request-timeouts, at least 10 s. */
  settleWindowMs?: number | undefined
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  requestTimeoutMs: INPUT_WAITS.requestTimeout.defaultSeconds * 1000,
  retryBaseDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs
}

export function retryPolicyFor(settings: HttpSettings): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, baseDelayMs: settings.retryBaseDelayMs }
}

/**
 * The options a JsonHttpClient takes from the settings. Without settle-window, each client's settle window
 * follows from its own request timeout (the GitHub client's is shorter).
 */
export function clientTiming(settings: HttpSettings): { timeoutMs: number; policy: RetryPolicy; settleWindowMs: number | undefined } {
  return { timeoutMs: settings.requestTimeoutMs, policy: retryPolicyFor(settings), settleWindowMs: settings.settleWindowMs }
}
