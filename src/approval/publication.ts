import { ApprovalError } from '../errors.js'
import type { GitHubApi } from '../github/api.js'
import { APPLY_KINDS, readStatus, sameContext } from '../github/commit-status.js'
import type { CommitStatus } from '../github/types.js'
import { utcTime } from './reviews.js'

/** Which check to read: the PR head's statuses of one context, set by the identity the action posts as. */
export interface CheckQuery {
  api: GitHubApi
  headSha: string
  context: string
  /** The login the action posts as (its comment's author): nobody else's status counts. */
  author: string
  fingerprint: string
  /** "dry run" or "plan", in messages. */
  what: string
}

/**
 * When the dry run or plan with this fingerprint was published, on GitHub's clock: the time of the
 * action's first status for it on the PR's head, in the newest unbroken run of its statuses for that
 * fingerprint (a rerun that shows the same changes keeps the reviews given since). The comment that
 * shows it can be edited by anyone with write access; the status cannot, which is why it is the clock.
 */
export async function publishedAt(query: CheckQuery): Promise<string> {
  const ours = await ownStatuses(query, (status) => !APPLY_KINDS.includes(readStatus(status)!.kind))
  const newest = ours[0]
  const short = query.headSha.slice(0, 7)
  if (!newest) {
    throw new ApprovalError(
      `the PR's last commit ${short} has no ${query.context} check by ${query.author}: its ${query.what} ran before the last push, or could not set its status (statuses: write). Run the ${query.what} on the pull request again and have it reviewed`
    )
  }
  if (readStatus(newest)?.fingerprint !== query.fingerprint) {
    throw new ApprovalError(
      `the newest ${query.context} check on ${short} (${utcTime(newest.created_at)}) is for another ${query.what} than the PR’s comment shows. Run the ${query.what} on the pull request again and have it reviewed`
    )
  }
  let first = newest
  for (const status of ours.slice(1)) {
    if (readStatus(status)?.fingerprint !== query.fingerprint) break
    first = status
  }
  return first.created_at
}

/** Why an approved plan was applied already: the action's own apply status for it on the PR's head (the oldest). */
export async function appliedAt(query: CheckQuery): Promise<string | undefined> {
  const claims = await ownStatuses(query, (status) => {
    const read = readStatus(status)
    return read !== undefined && APPLY_KINDS.includes(read.kind) && read.fingerprint === query.fingerprint
  })
  const claim = claims.at(-1)
  return claim ? `it was applied (or its apply started) at ${utcTime(claim.created_at)}, by ${query.author}` : undefined
}

/** The action's statuses of the context that `keep` keeps, newest first. */
async function ownStatuses(query: CheckQuery, keep: (status: CommitStatus) => boolean): Promise<CommitStatus[]> {
  const mine = (status: CommitStatus): boolean =>
    sameContext(status.context, query.context) && status.creator?.login === query.author && readStatus(status) !== undefined && keep(status)
  return (await query.api.listStatuses(query.headSha)).filter(mine)
}
