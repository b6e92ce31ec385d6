import { JsonHttpClient } from '../http/client.js'
import { clientTiming, DEFAULT_GITHUB_RATE_LIMIT_MS, type HttpSettings } from '../http/settings.js'
import { StaticToken } from '../tenant/auth.js'
import { USER_AGENT } from '../version.js'
import { githubRateLimitPolicy } from './rate-limit.js'

/** GitHub answers in seconds; a hung request must not hold a promotion's cleanup. */
const GITHUB_TIMEOUT_MS = 30_000

export const GITHUB_HEADERS = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' } as const

/**
 * The GitHub REST API through the one HTTP layer: the same retries, errors and masking as tenant calls,
 * and GitHub's rate limits waited out within `rateLimitMs`.
 */
export function connectGitHub(
  apiUrl: string,
  token: string,
  http: HttpSettings,
  rateLimitMs = DEFAULT_GITHUB_RATE_LIMIT_MS
): JsonHttpClient {
  const timing = clientTiming(http)
  return new JsonHttpClient({
    baseUrl: apiUrl,
    userAgent: USER_AGENT,
    ...timing,
    timeoutMs: Math.min(timing.timeoutMs, GITHUB_TIMEOUT_MS),
    tokens: new StaticToken(token),
    label: 'GitHub',
    rateLimit: githubRateLimitPolicy(rateLimitMs)
  })
}
