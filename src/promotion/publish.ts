import * as core from '@actions/core'
import { ApiError, errorMessage } from '../errors.js'
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
    heldLock: publication.heldLock
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
    const why =
      error instanceof ApiError && error.status === 403
        ? 'the token may not write to the PR (a fork PR gets a read-only token)'
        : errorMessage(error)
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
