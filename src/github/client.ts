import { JsonHttpClient } from '../http/client.js'
import { clientTiming, type HttpSettings } from '../http/settings.js'
import type { GitHubSettings } from '../inputs/types.js'
import { StaticToken } from '../tenant/auth.js'
import { USER_AGENT } from '../version.js'
import { githubApiUrlProblem } from './api-url.js'
import type { GitHubContext } from './context.js'
import { githubRateLimitPolicy } from './rate-limit.js'

/** GitHub answers in seconds; a hung request must not hold a promotion's cleanup. */
const GITHUB_TIMEOUT_MS = 30_000

export const GITHUB_HEADERS = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' } as const

export type GitHubConnection = { client: JsonHttpClient; apiUrl: string } | { client: undefined; reason: string }

/**
 * The one way to the GitHub REST API, for every GitHub call of every operation (comments, statuses, reviews,
 * issues, secrets): `github-api-url` when given (a workflow cannot override GITHUB_API_URL, so the input wins),
 * else the runner's GITHUB_API_URL, and the token goes there only under the rule of api-url.ts. Through the one
 * HTTP layer: the same retries, errors and masking as tenant calls, and GitHub's rate limits waited out within
 * `github-rate-limit-timeout`. Sends nothing; the reason says why there is no connection.
 */
export function connectGitHub(
  settings: Pick<GitHubSettings, 'token' | 'apiUrl' | 'rateLimitTimeoutMs'>,
  context: Pick<GitHubContext, 'apiUrl'>,
  http: HttpSettings
): GitHubConnection {
  if (!settings.token) return { client: undefined, reason: 'github-token is empty' }
  const apiUrl = settings.apiUrl ?? context.apiUrl
  const problem = githubApiUrlProblem(apiUrl)
  if (problem) return { client: undefined, reason: `the GitHub API URL ${apiUrl} ${problem}` }
  const timing = clientTiming(http)
  const client = new JsonHttpClient({
    baseUrl: apiUrl,
    userAgent: USER_AGENT,
    ...timing,
    timeoutMs: Math.min(timing.timeoutMs, GITHUB_TIMEOUT_MS),
    tokens: new StaticToken(settings.token),
    label: 'GitHub',
    rateLimit: githubRateLimitPolicy(settings.rateLimitTimeoutMs)
  })
  return { client, apiUrl }
}
