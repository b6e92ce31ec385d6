import * as core from '@actions/core'
import { ApprovalError } from '../errors.js'
import type { GitHubApi } from '../github/api.js'
import type { GitHubContext } from '../github/context.js'
import { findMergedPullRequest } from './merged-pull-request.js'
import { atLeast, RoleLookup } from './permissions.js'
import { approvingReviews, utcTime } from './reviews.js'
import type { ApprovalRecord, Approver, MergedPullRequest, NotCounted, ReviewRule } from './types.js'

/** What was published on the merged PR for reviewers to approve, as the caller read it from its comment. */
export interface PublishedEvidence {
  /** "dry run" or "plan", in messages. */
  what: string
  /** Where reviewers saw it: the comment's URL. */
  where: string
  /** GitHub's time of the comment write that published it (recorded in the comment's marker). */
  publishedAt: string
}

/**
 * The one decision every apply of an approval goes through. The caller passes what it approves from:
 * `find` reads the evidence from the merged PR (its comment, checked against the tenant or the plan),
 * `usedBefore` says why that evidence was applied already (once-only), or undefined.
 */
export interface ApprovalRequest<E extends PublishedEvidence> {
  api: GitHubApi
  github: GitHubContext
  prNumber: number | undefined
  rule: ReviewRule
  /** The break-glass inputs of this operation, named in a refusal: "approved-fingerprint with report-id". */
  breakGlassInputs: string
  find(pullRequest: MergedPullRequest): Promise<E>
  usedBefore(evidence: E): Promise<string | undefined>
}

export interface Approved<E> {
  evidence: E
  record: Extract<ApprovalRecord, { kind: 'review' }>
}

/**
 * An approval is a merged PR's reviews: at least `requiredApprovals` reviewers with write access or more,
 * none of them the author, each approving after the evidence was published and before the merge, none
 * since dismissed or turned into a change request; and the evidence was never applied before. Any
 * shortfall is an ApprovalError that names what is missing and the next step.
 */
export async function approvedByReviews<E extends PublishedEvidence>(request: ApprovalRequest<E>): Promise<Approved<E>> {
  const pullRequest = await findMergedPullRequest(request.api, request.github, request.prNumber)
  core.info(`The approval comes from PR #${pullRequest.number}: ${pullRequest.foundBy}`)
  const evidence = await request.find(pullRequest)
  if (!Number.isFinite(Date.parse(evidence.publishedAt))) {
    throw new ApprovalError(
      `${evidence.where} records no time it was published: run the ${evidence.what} on the pull request again and have it reviewed`
    )
  }
  const reviews = await request.api.listReviews(pullRequest.number)
  const { candidates, notCounted } = approvingReviews(reviews, {
    author: pullRequest.author,
    publishedAt: evidence.publishedAt
  })
  const roles = new RoleLookup(request.api)
  const approvers: Approver[] = []
  for (const candidate of candidates) {
    const role = await roles.role(candidate.login)
    if (atLeast(role, 'write')) approvers.push({ ...candidate, role })
    else
      notCounted.push({
        login: candidate.login,
        why: role === 'none' ? 'has no access to the repository' : `has ${role} access, not write`
      })
  }
  const record: Approved<E>['record'] = { kind: 'review', pullRequest, approvers, publishedAt: evidence.publishedAt, what: evidence.what }
  if (approvers.length < request.rule.requiredApprovals) throw new ApprovalError(shortfall(record, request, notCounted, evidence))
  const used = await request.usedBefore(evidence)
  if (used)
    throw new ApprovalError(
      `${evidence.where} is no approval any more: ${used}. Nothing was applied; run the ${evidence.what} again and have it reviewed`
    )
  core.info(approvalLine(record))
  return { evidence, record }
}

function shortfall(
  record: Extract<ApprovalRecord, { kind: 'review' }>,
  request: Pick<ApprovalRequest<PublishedEvidence>, 'rule' | 'breakGlassInputs'>,
  notCounted: NotCounted[],
  evidence: PublishedEvidence
): string {
  const { rule } = request
  const published = utcTime(record.publishedAt)
  const have = record.approvers.length
  const counted = have > 0 ? ` (${record.approvers.map((a) => `@${a.login}`).join(', ')})` : ''
  const others = notCounted.length > 0 ? `; not counted: ${notCounted.map((n) => `@${n.login} ${n.why}`).join('; ')}` : ''
  return (
    `PR #${record.pullRequest.number} has ${have} of the ${rule.requiredApprovals} required approval(s) of the ${evidence.what} published at ${published}${counted}${others}. ` +
    `Nothing was applied. Ask a reviewer with write access (not the author) to approve the pull request after the ${evidence.what} shown in ${evidence.where}, ` +
    `then run this step again with pr-number: ${record.pullRequest.number} (or, as break-glass, on workflow_dispatch with ${request.breakGlassInputs})`
  )
}

/** "approved by @alice 14:02:31 UTC, after the dry run of 13:55:02 UTC (PR #7)": the log, the summary and the comment say it. */
export function approvalLine(record: ApprovalRecord): string {
  if (record.kind === 'break-glass')
    return `Break-glass approval: ${record.input} given by the workflow (the environment's required reviewers are the approval)`
  const by = record.approvers.map((a) => `@${a.login} ${utcTime(a.submittedAt, record.publishedAt)}`).join(', ')
  return `Approved by ${by}, after the ${record.what} of ${utcTime(record.publishedAt)} (PR #${record.pullRequest.number}, merged ${utcTime(record.pullRequest.mergedAt, record.publishedAt)})`
}

/** The break-glass record, said in the log as such. */
export function breakGlass(input: string): ApprovalRecord {
  const record: ApprovalRecord = { kind: 'break-glass', input }
  core.warning(approvalLine(record))
  return record
}
