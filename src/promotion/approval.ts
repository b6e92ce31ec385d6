import * as core from '@actions/core'
import { approvalLine, approvedByReviews, breakGlass } from '../approval/gate.js'
import { publishedAt } from '../approval/publication.js'
import { utcDateTime } from '../approval/reviews.js'
import { REFUSED_EVENTS, type ApprovalRecord, type MergedPullRequest } from '../approval/types.js'
import { ApiError, ApprovalError, PromotionError } from '../errors.js'
import type { GitHubApi } from '../github/api.js'
import { statusContext } from '../github/commit-status.js'
import { promotionMarkers, type HeldLock } from '../github/marker.js'
import { connectRepository, linkTo } from '../github/pull-request.js'
import { authorName } from '../github/identity.js'
import { findOwnComment } from '../github/sticky-comment.js'
import type { AssessedReport } from '../report/changes.js'
import { assessReport, canonicalDifference, canonicalReport, displayFingerprint } from '../report/fingerprint.js'
import { changeTableHash, showsChangeTable } from '../report/render.js'
import type { PromotionReportMeta } from '../tenant/types.js'
import { holdBackedBy } from './held-lock.js'
import type { PromotionSession } from './session.js'

/** The fingerprint promote holds the lower environment to, where it came from, and who approved it. */
export interface Approval {
  fingerprint: string | undefined
  /** The approved dry run's report as the upper tenant stores it: to show what changed since. */
  approvedReport: AssessedReport | undefined
  source: string
  /** The lock the approved dry run kept held (hold-lock), as the action's own comment records it: promote works under it. */
  heldLock?: HeldLock
  /** Who approved (reviews of the merged PR), or the break-glass input; absent when there is no approval. */
  record?: ApprovalRecord
}

/** At most this many lines of difference in the error; the comment and summary show the whole report. */
const MAX_DIFFERENCE_LINES = 20

/** Before anything is sent anywhere. */
export function refuseEventForPromote(eventName: string | undefined): void {
  if (!eventName || !REFUSED_EVENTS.has(eventName)) return
  throw new PromotionError(
    `promote does not run on ${eventName} events (only a merge approves: a PR's own run or a comment is no merge, and a workflow_run may follow a fork's workflow); ` +
      'nothing was sent to the tenant. Run promote on push to the protected branch, or on workflow_dispatch with pr-number of the merged PR'
  )
}

/**
 * The approval promote holds itself to: approved-fingerprint with report-id (break-glass), else the
 * merged PR's dry run, approved by reviews after it was published (the shared gate). Either way the
 * approved dry run must be newer than the last real promotion or rollback of the upper tenant.
 */
export async function findApproval(session: PromotionSession): Promise<Approval> {
  const { approvedFingerprint, reportId } = session.context.inputs.promotion
  if (approvedFingerprint && reportId) return approvalFromInput(session, approvedFingerprint, reportId)
  const repository = connectRepository(session.context.inputs.github, session.github, session.context.inputs.http)
  if (!repository.api) throw new ApprovalError(`no pull request can approve: ${repository.reason}`)
  const { api } = repository
  const { github } = session.context.inputs
  const approved = await approvedByReviews({
    api,
    github: session.github,
    prNumber: github.prNumber,
    rule: { requiredApprovals: github.requiredApprovals },
    breakGlassInputs: 'approved-fingerprint and report-id',
    find: (pullRequest) => approvedDryRun(session, api, pullRequest),
    usedBefore: (evidence) => promotedSince(session, evidence.report)
  })
  const { evidence, record } = approved
  // The comment promote updates is the approving PR's, whatever the push lookup found before.
  session.pr = { link: linkTo(api, github, record.pullRequest.number) }
  return {
    fingerprint: evidence.report.fingerprint,
    approvedReport: evidence.report,
    source: `from the dry run in PR #${record.pullRequest.number}'s comment, report ${evidence.report.report.reportId} confirmed on the tenant; ${approvalLine(record)}`,
    heldLock: evidence.heldLock,
    record
  }
}

interface DryRunEvidence {
  what: string
  where: string
  publishedAt: string
  report: AssessedReport
  heldLock: HeldLock | undefined
}

/**
 * The dry run the merged PR's comment shows, counted only once the upper tenant confirms it (the
 * marker's report is a stored dry run with the marker's fingerprint, and the comment shows that
 * report's change table as rendered) and its check on the PR's head dates it.
 */
async function approvedDryRun(session: PromotionSession, api: GitHubApi, pullRequest: MergedPullRequest): Promise<DryRunEvidence> {
  const link = linkTo(api, session.context.inputs.github, pullRequest.number)
  const own = await findOwnComment(link, promotionMarkers(session.tenantUrl))
  if (!own.ok) throw new ApprovalError(own.reason)
  const { sticky } = own
  const dryRun = sticky?.marker.dryRun
  if (!sticky || !dryRun)
    throw new ApprovalError(`PR #${pullRequest.number} has no dry-run comment for ${session.tenantUrl} by ${authorName(own.author)}`)
  const where = sticky.comment.html_url || `#${sticky.comment.id}`
  const refuse = (why: string): ApprovalError =>
    new ApprovalError(
      `The comment ${where} on PR #${pullRequest.number} is no approval: ${why}. Nothing was locked or promoted; run dry-run-promote on the pull request again and have its report approved`
    )
  if (!dryRun.table)
    throw refuse('its marker records no change table (it predates approvals checked against the tenant, or was made by hand)')
  const stored = await storedDryRun(session, dryRun.reportId, refuse)
  if (stored.fingerprint !== dryRun.fingerprint) {
    throw refuse(
      `it claims ${displayFingerprint(dryRun.fingerprint)}, but report ${dryRun.reportId} has ${displayFingerprint(stored.fingerprint)}`
    )
  }
  if (changeTableHash(stored.rows) !== dryRun.table) throw refuse(`its table hash is not that of report ${dryRun.reportId}'s changes`)
  if (!showsChangeTable(sticky.comment.body ?? '', stored.rows)) {
    throw refuse(`the table it shows is not report ${dryRun.reportId}'s changes as the tenant stores them (edited, or missing)`)
  }
  const published = await publishedAt({
    api,
    headSha: pullRequest.headSha,
    context: statusContext('dry-run-promote', session.tenantUrl),
    author: own.author.login,
    fingerprint: stored.fingerprint,
    what: 'dry run'
  })
  return { what: 'dry run', where, publishedAt: published, report: stored, heldLock: holdBackedBy(sticky.marker.heldLock, stored.report) }
}

/**
 * The break-glass path: approved-fingerprint is workflow configuration (only who may edit or dispatch
 * the workflow sets it, and the environment's required reviewers approve the run); report-id names the
 * stored dry run that backs it, which must have that fingerprint and be newer than the last promotion.
 */
async function approvalFromInput(session: PromotionSession, fingerprint: string, reportId: string): Promise<Approval> {
  const refuse = (why: string): PromotionError =>
    new PromotionError(`approved-fingerprint is not backed by report-id ${reportId}: ${why}. Nothing was locked or promoted`)
  const stored = await storedDryRun(session, reportId, refuse)
  if (stored.fingerprint !== fingerprint) throw refuse(`the stored report has ${displayFingerprint(stored.fingerprint)}`)
  const used = await promotedSince(session, stored)
  if (used) throw refuse(used)
  const record = breakGlass('approved-fingerprint with report-id')
  return {
    fingerprint,
    approvedReport: stored,
    source: `from approved-fingerprint, report ${reportId} confirmed on the tenant (break-glass)`,
    record
  }
}

/** The stored report, which must be a dry run of a promotion: a real run's report or a rollback's approves nothing. */
async function storedDryRun(session: PromotionSession, reportId: string, refuse: (why: string) => Error): Promise<AssessedReport> {
  let report
  try {
    report = await session.client.report(reportId)
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw refuse(`report ${reportId} is not stored on ${session.tenantUrl}`)
    throw error
  }
  if (report.dryRun !== true || report.type !== 'promotion') {
    throw refuse(`report ${reportId} is not a dry run of a promotion (dryRun ${String(report.dryRun)}, type ${report.type ?? 'absent'})`)
  }
  return assessReport(report)
}

/**
 * Used once: an approved dry run older than the upper tenant's last real promotion or rollback
 * approves nothing more (that promotion may have been this approval's, or it changed what the dry run
 * compared against). Ordered by the tenant's createdDate, else by the list's documented date order.
 */
async function promotedSince(session: PromotionSession, approved: AssessedReport): Promise<string | undefined> {
  const list = await session.client.reports()
  const id = approved.report.reportId
  const index = list.findIndex((meta) => meta.reportId === id)
  if (index < 0) return `report ${id} is not in ${session.tenantUrl}'s list of stored reports`
  const mine = list[index]!
  const later = list.filter((meta, i) => meta.dryRun !== true && i !== index && isAfter(meta, i, mine, index))
  const last = later.at(-1)
  if (!last) return undefined
  core.info(`The upper tenant's stored reports: ${later.length} real promotion(s) or rollback(s) after report ${id}`)
  return (
    `the upper tenant was changed after this dry run: ${last.type ?? 'promotion'} report ${last.reportId} (${describeMeta(last)}) is newer than the approved dry run ${id} (${describeMeta(mine)}); ` +
    'an approval is applied once'
  )
}

function isAfter(meta: PromotionReportMeta, index: number, mine: PromotionReportMeta, mineIndex: number): boolean {
  const at = Date.parse(meta.createdDate ?? '')
  const mineAt = Date.parse(mine.createdDate ?? '')
  if (Number.isFinite(at) && Number.isFinite(mineAt) && at !== mineAt) return at > mineAt
  return index > mineIndex
}

function describeMeta(meta: PromotionReportMeta): string {
  const at = meta.createdDate ? utcDateTime(meta.createdDate) : 'no date'
  return `${at}${meta.promoter ? ` by ${meta.promoter}` : ''}`
}

/** The refusal, with what changed when the approved dry run's stored report is known. */
export function changedSinceApproval(approval: Approval, current: AssessedReport): string {
  const head =
    `The lower environment changed since the dry run that was approved (approved ${displayFingerprint(approval.fingerprint ?? '')}, ` +
    `now ${displayFingerprint(current.fingerprint)}); nothing was promoted. Run dry-run-promote again and have the new report approved`
  if (!approval.approvedReport) return head
  const lines = canonicalDifference(canonicalReport(approval.approvedReport.rows), canonicalReport(current.rows))
  if (lines.length === 0) return head
  const shown = lines.slice(0, MAX_DIFFERENCE_LINES)
  const more = lines.length > shown.length ? `\n  … and ${lines.length - shown.length} more` : ''
  return `${head}. Difference:\n${shown.map((line) => `  ${line}`).join('\n')}${more}`
}
