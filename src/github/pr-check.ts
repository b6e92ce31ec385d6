import * as core from '@actions/core'
import { ActionError, errorMessage, isForbidden } from '../errors.js'
import { statusRequest, type StatusKind } from './commit-status.js'
import type { GitHubContext } from './context.js'
import type { PullRequestLink } from './pull-request.js'
import type { CommitStatusRequest } from './types.js'

/** One check on a PR's head commit: what it is for, and what it says. */
export interface PullRequestCheck {
  context: string
  kind: StatusKind
  /** The dry run's or plan's; absent on a failed run's check, which then approves nothing. */
  fingerprint: string | undefined
  state: CommitStatusRequest['state']
  /** The counts a reviewer reads in the PR's checks: "5 changes, 1 deletion". */
  summary: string
  /** The comment that shows it. */
  url: string | undefined
}

/**
 * Sets the check on the PR's head commit as it is now (GitHub's answer, not the event's, which may be
 * older). Without it nothing can approve the dry run or plan later, so a failure fails the step, except
 * on a fork's pull_request event, whose token GitHub makes read-only: that stays a warning.
 */
export async function setPullRequestCheck(link: PullRequestLink, github: GitHubContext, check: PullRequestCheck): Promise<void> {
  try {
    const head = (await link.api.pullRequest(link.number)).head.sha
    await link.api.createStatus(head, statusRequest(check.kind, check.context, check.fingerprint, check))
    core.info(`Set the check ${check.context} on PR #${link.number}'s head ${head.slice(0, 7)}: ${check.state} (${check.summary})`)
  } catch (error) {
    if (readOnlyForkToken(github, error)) {
      core.warning(
        `Could not set the check ${check.context} on PR #${link.number}: a fork's pull_request token is read-only. ${errorMessage(error)}`
      )
      return
    }
    throw new ActionError(
      `Could not set the check ${check.context} on PR #${link.number}: ${errorMessage(error)}. ` +
        `Without it the ${check.kind.toLowerCase()} cannot be approved; grant statuses: write and pull-requests: read, then run it again`
    )
  }
}

/** A 403 on a pull_request event from another repository: GitHub gives such runs a read-only token. */
export function readOnlyForkToken(github: GitHubContext, error: unknown): boolean {
  if (!isForbidden(error)) return false
  if (github.eventName !== 'pull_request') return false
  const head = github.event.pull_request?.head?.repo?.full_name
  const repository = github.owner && github.repo ? `${github.owner}/${github.repo}` : undefined
  return head !== undefined && repository !== undefined && head.toLowerCase() !== repository.toLowerCase()
}
