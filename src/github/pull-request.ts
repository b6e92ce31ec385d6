import * as core from '@actions/core'
import { errorMessage } from '../errors.js'
import type { HttpSettings } from '../http/settings.js'
import type { GitHubSettings } from '../inputs/types.js'
import { GitHubApi } from './api.js'
import { connectGitHub } from './client.js'
import { eventPullRequestNumber, eventPullRequestSource, type GitHubContext } from './context.js'
import { CommentIdentity } from './identity.js'

/** The PR a run is tied to, with an API client that can comment on it. */
export interface PullRequestLink {
  api: GitHubApi
  number: number
  /** Who the action's comments are by: only its own marked comment counts. */
  identity: CommentIdentity
}

export type PullRequestResolution = { link: PullRequestLink } | { link: undefined; reason: string }

/**
 * The PR is the `pr-number` input, else the event's pull request, else (on a
 * push, e.g. a merge to main) the PR the pushed commit belongs to.
 */
export async function resolvePullRequest(
  settings: GitHubSettings,
  context: GitHubContext,
  http: HttpSettings
): Promise<PullRequestResolution> {
  const repository = connectRepository(settings, context, http)
  if (!repository.api) return { link: undefined, reason: repository.reason }
  const { api } = repository
  const fromEvent = eventPullRequestNumber(context)
  const number = settings.prNumber ?? fromEvent ?? (await pullRequestOfPush(api, context))
  if (number === undefined) return { link: undefined, reason: 'the run is not tied to a pull request (set pr-number)' }
  if (settings.prNumber !== undefined) core.info(`This run serves PR #${number} (pr-number, on ${context.eventName ?? 'an unknown'} event)`)
  else if (fromEvent !== undefined) core.info(`This run serves PR #${number} (from ${eventPullRequestSource(context)})`)
  return { link: linkTo(api, settings, number) }
}

/** The PR `number` of the repository `api` serves, commented on as the settings say. */
export function linkTo(api: GitHubApi, settings: Pick<GitHubSettings, 'commentAuthor'>, number: number): PullRequestLink {
  return { api, number, identity: new CommentIdentity(api, settings.commentAuthor) }
}

/** The run's repository through the GitHub API, or why there is none. Sends nothing. */
export function connectRepository(
  settings: Pick<GitHubSettings, 'token' | 'apiUrl' | 'rateLimitTimeoutMs'>,
  context: GitHubContext,
  http: HttpSettings
): { api: GitHubApi } | { api: undefined; reason: string } {
  if (!context.owner || !context.repo) return { api: undefined, reason: 'GITHUB_REPOSITORY is not set (not running in GitHub Actions?)' }
  const connection = connectGitHub(settings, context, http)
  if (!connection.client) return { api: undefined, reason: connection.reason }
  return { api: new GitHubApi(connection.client, context.owner, context.repo) }
}

async function pullRequestOfPush(api: GitHubApi, context: GitHubContext): Promise<number | undefined> {
  if (context.eventName !== 'push' || !context.sha) return undefined
  const sha = (context.event.after ?? context.sha).toLowerCase()
  const ref = context.event.ref ?? context.ref
  const branch = ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined
  try {
    const pulls = await api.pullRequestsOfCommit(sha)
    // Only the PR this push is the merge of: its merge commit is the pushed commit, into the pushed branch.
    const merged = pulls.filter(
      (pull) => pull.merged_at && pull.merge_commit_sha?.toLowerCase() === sha && (branch === undefined || pull.base?.ref === branch)
    )
    if (merged.length === 1) {
      core.info(`Commit ${sha.slice(0, 7)} is the merge of PR #${merged[0]!.number}`)
      return merged[0]!.number
    }
    if (pulls.length > 0)
      core.info(
        `Commit ${sha.slice(0, 7)} is the merge of no single pull request into ${branch ?? 'the branch'} (${pulls.map((p) => `#${p.number}`).join(', ')})`
      )
    return undefined
  } catch (error) {
    core.warning(`Could not look up the pull request of commit ${sha.slice(0, 7)}: ${errorMessage(error)}`)
    return undefined
  }
}
