import * as core from '@actions/core'
import { ApprovalError } from '../errors.js'
import type { GitHubApi } from '../github/api.js'
import type { GitHubContext } from '../github/context.js'
import type { PullRequest } from '../github/types.js'
import type { MergedPullRequest } from './types.js'

/** A push carrying more commits than this is refused: each is looked up to find the PRs it carries. */
export const MAX_PUSHED_COMMITS_CHECKED = 100

/**
 * The merged PR whose approval the run may apply: `pr-number` or the event's PR, which must be merged;
 * on a push, the PR whose merge commit is the pushed commit (merge commit, squash or rebase) and whose
 * base is the pushed branch, refused when the push carries other merged PRs too (a merge queue's batch).
 * Anything else (no PR, an open PR, a PR that is not this push's) is an ApprovalError naming it.
 */
export async function findMergedPullRequest(
  api: GitHubApi,
  github: GitHubContext,
  prNumber: number | undefined
): Promise<MergedPullRequest> {
  if (prNumber !== undefined) return requireMerged(await api.pullRequest(prNumber), `PR #${prNumber} (the run's pull request)`)
  if (github.eventName !== 'push') {
    throw new ApprovalError(
      `the ${github.eventName ?? 'unknown'} event is tied to no merged pull request: only a merge approves (run on the push to the protected branch, or give pr-number of the merged PR)`
    )
  }
  return pullRequestOfPush(api, github)
}

function requireMerged(pull: PullRequest, named: string): MergedPullRequest {
  if (!pull.merged || !pull.merged_at || !pull.merge_commit_sha) {
    throw new ApprovalError(`${named} is ${pull.state === 'open' ? 'open' : 'closed without a merge'}: only a merged pull request approves`)
  }
  return {
    number: pull.number,
    url: pull.html_url,
    author: pull.user?.login,
    mergedAt: pull.merged_at,
    mergeCommitSha: pull.merge_commit_sha,
    baseRef: pull.base.ref,
    headSha: pull.head.sha,
    foundBy: named
  }
}

async function pullRequestOfPush(api: GitHubApi, github: GitHubContext): Promise<MergedPullRequest> {
  const sha = (github.event.after ?? github.sha ?? '').toLowerCase()
  const branch = pushedBranch(github)
  if (!/^[0-9a-f]{40}$/.test(sha))
    throw new ApprovalError('the push names no commit (GITHUB_SHA): cannot tell which pull request it merged')
  if (!branch)
    throw new ApprovalError(
      `the push is not to a branch (${github.event.ref ?? github.ref ?? 'no ref'}): only a merge into a branch approves`
    )
  const short = sha.slice(0, 7)
  const merged = await mergedPullRequestsOf(api, sha, branch)
  const own = merged.filter((pull) => pull.merge_commit_sha?.toLowerCase() === sha)
  if (own.length === 0) {
    const others = merged.map((pull) => `#${pull.number}`).join(', ')
    throw new ApprovalError(
      `the pushed commit ${short} is the merge of no pull request into ${branch}${others ? ` (it belongs to ${others}, whose merge commit is another)` : ''}: only a merge approves`
    )
  }
  if (own.length > 1)
    throw new ApprovalError(
      `the pushed commit ${short} is the merge of several pull requests (${own.map((p) => `#${p.number}`).join(', ')})`
    )
  const pull = own[0]!
  await refuseCarriedPullRequests(api, github, sha, branch, pull.number)
  const found = requireMerged(pull, `PR #${pull.number}`)
  return { ...found, foundBy: `the push of ${short} to ${branch} is PR #${pull.number}'s merge commit` }
}

/** The full PRs GitHub ties to the commit that are merged into `branch`. */
async function mergedPullRequestsOf(api: GitHubApi, sha: string, branch: string): Promise<PullRequest[]> {
  const summaries = await api.pullRequestsOfCommit(sha)
  const pulls: PullRequest[] = []
  for (const summary of summaries) {
    if (!summary.merged_at) continue
    const pull = await api.pullRequest(summary.number)
    if (pull.merged && pull.base.ref === branch) pulls.push(pull)
  }
  return pulls
}

/**
 * A push that carries another merged PR (a merge queue's batch, a fast-forward of several merges) is
 * refused, naming them: one approval must never let a second, unseen PR's change through.
 */
async function refuseCarriedPullRequests(api: GitHubApi, github: GitHubContext, head: string, branch: string, own: number): Promise<void> {
  const pushed = [
    ...new Set((github.event.commits ?? []).flatMap((commit) => (typeof commit.id === 'string' ? [commit.id.toLowerCase()] : [])))
  ].filter((id) => id !== head)
  if (pushed.length > MAX_PUSHED_COMMITS_CHECKED) {
    throw new ApprovalError(
      `the push carries ${pushed.length + 1} commits; at most ${MAX_PUSHED_COMMITS_CHECKED + 1} are checked for other merged pull requests. Merge with squash (one commit per PR), or promote with the break-glass inputs`
    )
  }
  const others = new Set<number>()
  for (const id of pushed) {
    for (const summary of await api.pullRequestsOfCommit(id)) {
      if (summary.merged_at && summary.number !== own && (summary.base?.ref === undefined || summary.base.ref === branch))
        others.add(summary.number)
    }
  }
  if (others.size > 0) {
    const named = [...others].sort((a, b) => a - b).map((n) => `#${n}`)
    throw new ApprovalError(
      `the push to ${branch} carries PR #${own} and also ${named.join(', ')}: one run applies one pull request's approval. ` +
        'With a merge queue, set its batch size to 1 (each merge is then its own push); otherwise merge the pull requests one at a time'
    )
  }
  if (pushed.length > 0) core.info(`The push's other ${pushed.length} commit(s) belong to PR #${own} only`)
}

function pushedBranch(github: GitHubContext): string | undefined {
  const ref = github.event.ref ?? github.ref
  return ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined
}
