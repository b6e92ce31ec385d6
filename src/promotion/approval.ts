import { ApiError, PromotionError } from '../errors.js'
import { promotionMarkers, type HeldLock } from '../github/marker.js'
import { findOwnComment } from '../github/sticky-comment.js'
import type { AssessedReport } from '../report/changes.js'
import { assessReport, canonicalDifference, canonicalReport, displayFingerprint } from '../report/fingerprint.js'
import { changeTableHash, showsChangeTable } from '../report/render.js'
import { holdBackedBy } from './held-lock.js'
import type { PromotionSession } from './session.js'

/** The fingerprint promote holds the lower environment to, and where the action found it. */
export interface Approval {
  fingerprint: string | undefined
  /** The approved dry run's report as the upper tenant stores it (when one backs the approval): to show what changed since. */
  approvedReport: AssessedReport | undefined
  source: string
  /** The lock the approved dry run kept held (hold-lock), as the action's own comment records it: promote works under it. */
  heldLock?: HeldLock
}

/**
 * Events promote never runs on: a pull request's own run would approve itself
 * with its own dry-run comment, and a workflow_run may follow a fork's
 * workflow, which is no merge.
 */
export const REFUSED_EVENTS: ReadonlySet<string> = new Set(['pull_request', 'pull_request_target', 'workflow_run'])

/** At most this many lines of difference in the error; the comment and summary show the whole report. */
const MAX_DIFFERENCE_LINES = 20

/** Before anything is sent anywhere. */
export function refuseEventForPromote(eventName: string | undefined): void {
  if (!eventName || !REFUSED_EVENTS.has(eventName)) return
  throw new PromotionError(
    `promote does not run on ${eventName} events (a PR's own dry-run comment is no approval, and a workflow_run may follow a fork's workflow, which is no merge); ` +
      'nothing was sent to the tenant. Run promote on push to the protected branch, or on workflow_dispatch'
  )
}

/**
 * The approved-fingerprint input wins; else the last dry run recorded in the
 * PR's sticky comment, which counts only once the upper tenant confirms it:
 * the marker's report is a stored dry run of a promotion, with the marker's
 * fingerprint, and the comment shows that report's change table as rendered.
 * A comment that claims an approval the tenant does not back is refused, named.
 */
export async function findApproval(session: PromotionSession): Promise<Approval> {
  const { approvedFingerprint, reportId } = session.context.inputs.promotion
  if (approvedFingerprint) return approvalFromInput(session, approvedFingerprint, reportId)
  const { link } = session.pr
  if (!link) return none(session.pr.reason)
  const own = await findOwnComment(link, promotionMarkers(session.tenantUrl), 'dry-run comment')
  if (!own.ok) return none(own.reason)
  const { sticky } = own
  const dryRun = sticky?.marker.dryRun
  if (!sticky || !dryRun) return none(`PR #${link.number} has no dry-run comment for ${session.tenantUrl} by ${own.author.login}`)
  const named = `The comment ${sticky.comment.html_url ?? `#${sticky.comment.id}`} on PR #${link.number}`
  const refuse = (why: string): PromotionError =>
    new PromotionError(
      `${named} is no approval: ${why}. Nothing was locked or promoted; run dry-run-promote on the pull request again and have its report approved`
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
  return {
    fingerprint: dryRun.fingerprint,
    approvedReport: stored,
    source: `from the dry run in PR #${link.number}'s comment, report ${dryRun.reportId} confirmed on the tenant`,
    heldLock: holdBackedBy(sticky.marker.heldLock, stored.report)
  }
}

/**
 * approved-fingerprint is workflow configuration (only who may edit or
 * dispatch the workflow sets it), so it needs no comment. With report-id, the
 * stored dry-run report must have that fingerprint too; without one there is
 * no id to look up, and the fingerprint alone is what the dry run must match.
 */
async function approvalFromInput(session: PromotionSession, fingerprint: string, reportId: string | undefined): Promise<Approval> {
  if (!reportId) {
    return {
      fingerprint,
      approvedReport: undefined,
      source: 'from approved-fingerprint; no stored report backs it (give report-id to have the tenant confirm it)'
    }
  }
  const refuse = (why: string): PromotionError =>
    new PromotionError(`approved-fingerprint is not backed by report-id ${reportId}: ${why}. Nothing was locked or promoted`)
  const stored = await storedDryRun(session, reportId, refuse)
  if (stored.fingerprint !== fingerprint) throw refuse(`the stored report has ${displayFingerprint(stored.fingerprint)}`)
  return { fingerprint, approvedReport: stored, source: `from approved-fingerprint, report ${reportId} confirmed on the tenant` }
}

/** The stored report, which must be a dry run of a promotion: a real run's report or a rollback's approves nothing. */
async function storedDryRun(session: PromotionSession, reportId: string, refuse: (why: string) => PromotionError): Promise<AssessedReport> {
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

function none(source: string): Approval {
  return { fingerprint: undefined, approvedReport: undefined, source }
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
