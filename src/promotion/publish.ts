import * as core from '@actions/core'
import { approvalLine } from '../approval/gate.js'
import type { ApprovalRecord } from '../approval/types.js'
import { ActionError, errorMessage, isForbidden } from '../errors.js'
import { statusContext } from '../github/commit-status.js'
import { readOnlyForkToken, setPullRequestCheck, type PullRequestCheck } from '../github/pr-check.js'
import { runUrl, type GitHubContext } from '../github/context.js'
import { renderMarker, type CommentMarker, type HeldLock } from '../github/marker.js'
import type { PullRequestResolution } from '../github/pull-request.js'
import { findStickyComment, writeStickyComment, type StickyComment } from '../github/sticky-comment.js'
import type { OperationName } from '../operations/names.js'
import { setOutput } from '../outputs.js'
import type { AssessedReport } from '../report/changes.js'
import { approvedTableIn, changeTableHash, renderReport, utf8Bytes, type ReportView } from '../report/render.js'
import type { PromotionStatus } from '../report/types.js'
import { redact } from '../secrets.js'
import type { JobSummary } from '../github/summary.js'
import { writeReportFile } from './report-file.js'

/** GitHub refuses comment bodies over 65,536 characters. */
export const COMMENT_LIMIT = 65_536
/** Summaries are cut at 1 MiB in bytes by JobSummary; rows are cut cleanly well before, counted in bytes too. */
export const SUMMARY_BYTE_LIMIT = 900_000

/** What the marker remembers of the last dry run: set it to this one, keep the one there, or drop it. */
export type Approval = 'set' | 'keep' | 'clear'

export interface Publication {
  operation: OperationName
  tenantUrl: string
  status: PromotionStatus
  assessed: AssessedReport | undefined
  failure?: string
  approval: Approval
  github: GitHubContext
  pr: PullRequestResolution
  commentEnabled: boolean
  summary: JobSummary
  /** Which tenant the report was read from, said in the summary and comment (the provisional report). */
  source?: string
  /** lower-name / upper-name, for the title. */
  pair?: ReportView['pair']
  /** The description input. */
  description?: string
  /** The lock a hold-lock dry run keeps held after this run (recorded in the marker, shown in the comment and summary). */
  heldLock?: HeldLock
  /** Who approved what promote applied (reviews, or break-glass): said in the summary and the comment. */
  approvedBy?: ApprovalRecord
  /** What a promotion would stop at (a dry run's blockers): its check on the PR fails. */
  blockers?: string[]
}

/**
 * Every outcome is shown the same way: outputs, the report file, the job
 * summary (always), and the sticky PR comment (when there is a PR and a token
 * that may write; otherwise a warning, never a failure).
 */
export async function publishOutcome(publication: Publication): Promise<void> {
  const { assessed } = publication
  let reportFile: string | undefined
  if (assessed) {
    reportFile = writeReportFile(assessed)
    setOutput('report-id', assessed.report.reportId)
    if (assessed.promotionId) setOutput('promotion-id', assessed.promotionId)
    setOutput('report-fingerprint', `sha256:${assessed.fingerprint}`)
    setOutput('report-file', reportFile)
    setOutput('has-changes', assessed.rows.length > 0)
  }
  const view = {
    status: publication.status,
    tenantUrl: publication.tenantUrl,
    assessed,
    failure: publication.failure,
    runUrl: runUrl(publication.github),
    at: new Date(),
    source: publication.source,
    pair: publication.pair,
    description: publication.description,
    trigger: triggerOf(publication),
    heldLock: publication.heldLock,
    approvedBy: publication.approvedBy ? approvalLine(publication.approvedBy) : undefined
  }
  publication.summary.add(
    renderReport(
      { ...view, fullReportHint: `The full report is in the report file${reportFile ? ` (${reportFile})` : ''}.` },
      SUMMARY_BYTE_LIMIT,
      '',
      utf8Bytes
    )
  )
  const url = await postComment(publication, (marker, keptApproval) =>
    redact(
      renderReport(
        {
          ...view,
          fullReportHint: 'The full report is in the job summary and in the report file (step output report-file).',
          markApproved: publication.approval === 'set' && assessed !== undefined,
          keptApproval
        },
        COMMENT_LIMIT,
        renderMarker(marker)
      )
    )
  )
  if (url) setOutput('comment-url', url)
  await setDryRunCheck(publication, url)
}

/**
 * A dry run's check on the PR's head (also a failed one's, so the PR shows it): success with its counts,
 * failure when it found blockers. Its time is what reviews are compared with (src/approval/publication.ts).
 */
async function setDryRunCheck(publication: Publication, url: string | undefined): Promise<void> {
  const { pr, assessed } = publication
  if (publication.operation !== 'dry-run-promote' || !pr.link || !publication.commentEnabled) return
  if (publication.status !== 'dry-run' && publication.status !== 'failed') return
  const blockers = publication.blockers ?? []
  const check: PullRequestCheck = {
    context: statusContext('dry-run-promote', publication.tenantUrl),
    kind: 'Dry run',
    fingerprint: publication.status === 'dry-run' ? assessed?.fingerprint : undefined,
    state: publication.status === 'failed' ? 'error' : blockers.length > 0 ? 'failure' : 'success',
    summary:
      publication.status === 'failed'
        ? 'failed; see the workflow run'
        : `${changeSummary(assessed?.rows ?? [])}${blockers.length > 0 ? `; blocked: ${blockers.join('; ')}` : ''}`,
    url: url ?? runUrl(publication.github)
  }
  if (publication.status === 'failed') {
    // The failure that is being reported wins over one of its check.
    await setPullRequestCheck(pr.link, publication.github, check).catch((error: unknown) => core.warning(errorMessage(error)))
    return
  }
  await setPullRequestCheck(pr.link, publication.github, check)
}

/** "5 changes, 1 deletion": the count a reviewer must not miss first. */
export function changeSummary(rows: readonly { kind: string }[]): string {
  const deleted = rows.filter((row) => row.kind === 'deleted').length
  const changes = `${rows.length} change${rows.length === 1 ? '' : 's'}`
  return deleted > 0 ? `${changes}, ${deleted} deletion${deleted === 1 ? '' : 's'}` : changes
}

async function postComment(
  publication: Publication,
  render: (marker: CommentMarker, keptApproval: ReportView['keptApproval']) => string
): Promise<string | undefined> {
  if (!publication.commentEnabled) return undefined
  const { pr } = publication
  if (!pr.link) {
    core.warning(`No PR comment: ${pr.reason}. The report is in the job summary.`)
    return undefined
  }
  const { number } = pr.link
  try {
    const lookup = await findStickyComment(pr.link, publication.tenantUrl)
    if (lookup.undecided) {
      core.warning(`No PR comment on #${number}: ${lookup.undecided}. The report is in the job summary.`)
      return undefined
    }
    const body = (author: string | undefined, replaced: StickyComment | undefined): string => {
      const existing = publication.approval === 'keep' ? replaced : undefined
      const dryRun = dryRunOf(publication, existing?.marker)
      // A kept approval stays visible as it was approved: promote compares that table with the stored report.
      const keptTable = dryRun && existing ? approvedTableIn(existing.comment.body ?? '') : undefined
      const keptApproval = dryRun && keptTable ? { reportId: dryRun.reportId, table: keptTable } : undefined
      const marker: CommentMarker = {
        tenant: publication.tenantUrl,
        operation: publication.operation,
        status: publication.status,
        fingerprint: publication.assessed?.fingerprint,
        reportId: publication.assessed?.report.reportId,
        dryRun,
        author
      }
      if (publication.heldLock) marker.heldLock = publication.heldLock
      return render(marker, keptApproval)
    }
    const comment = await writeStickyComment(pr.link, publication.tenantUrl, lookup, body)
    core.info(`Updated the promotion comment on PR #${number}: ${comment.html_url}`)
    return comment.html_url
  } catch (error) {
    const why = isForbidden(error)
      ? 'the token may not write to the PR (a fork PR gets a read-only token; grant pull-requests: write)'
      : errorMessage(error)
    // A dry run nobody can see can never be approved: its comment is the PR gate's, so failing to post it fails the run.
    if (publication.status === 'dry-run' && publication.approval === 'set' && !readOnlyForkToken(publication.github, error)) {
      throw new ActionError(
        `Could not post the dry-run comment on PR #${number}: ${why}. Without it this dry run cannot be approved; run it again`
      )
    }
    core.warning(`Could not post the PR comment on #${number}: ${why}. The report is in the job summary.`)
    return undefined
  }
}

function dryRunOf(publication: Publication, existing: CommentMarker | undefined): CommentMarker['dryRun'] {
  if (publication.approval === 'keep') return existing?.dryRun
  if (publication.approval === 'set' && publication.assessed) {
    const { fingerprint, report, rows } = publication.assessed
    return { fingerprint, reportId: report.reportId, table: changeTableHash(rows) }
  }
  return undefined
}

/** Whether the run is on a pull request (the one it comments on) and the branch merging it lands on. */
function triggerOf(publication: Publication): ReportView['trigger'] {
  const onPullRequest = publication.pr.link !== undefined
  const baseBranch = publication.github.event.pull_request?.base?.ref
  return { pullRequest: onPullRequest, ...(typeof baseBranch === 'string' && baseBranch ? { baseBranch } : {}) }
}
