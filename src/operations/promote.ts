import * as core from '@actions/core'
import { ApiError, errorMessage, PromotionError } from '../errors.js'
import { findStickyComment } from '../github/sticky-comment.js'
import { withLock } from '../promotion/lock.js'
import { runAndWait } from '../promotion/run.js'
import { openPromotionSession, promotionRequest, publish, type PromotionSession } from '../promotion/session.js'
import type { AssessedReport } from '../report/changes.js'
import { assessReport, canonicalDifference, canonicalReport, displayFingerprint } from '../report/fingerprint.js'
import type { PromotionStatus } from '../report/render.js'
import type { OperationContext } from './context.js'

/** The fingerprint a reviewer approved, and where the action found it. */
interface Approval {
  fingerprint: string | undefined
  /** The approved dry run's report, to show what changed since. */
  reportId: string | undefined
  source: string
}

/** At most this many lines of difference in the error; the comment and summary show the whole report. */
const MAX_DIFFERENCE_LINES = 20

/**
 * `promote`: lock, dry-run again, and promote only if the dry run's
 * fingerprint is the approved one, nothing blocks it, and there is something
 * to promote; then wait, show the report, and make sure nothing stays locked.
 */
export async function promote(context: OperationContext): Promise<void> {
  const { inputs } = context
  const session = await openPromotionSession(context)
  const approval = await findApproval(session)
  const requireApproval = inputs.promotion.requireApproval ?? approvalExpected(session)
  if (requireApproval && !approval.fingerprint) {
    throw new PromotionError(
      `No approved fingerprint to promote against (${approval.source}). Run dry-run-promote on the pull request first (its comment carries the fingerprint), ` +
        'pass approved-fingerprint, or set require-approval: false'
    )
  }
  if (approval.fingerprint) core.info(`Approved fingerprint ${displayFingerprint(approval.fingerprint)} (${approval.source})`)

  let assessed: AssessedReport | undefined
  let status: PromotionStatus = 'promoted'
  try {
    await withLock(session.client, session.tenantUrl, inputs.waits, async (lease) => {
      const dryRun = await runAndWait(
        session.client,
        'the dry run',
        () => session.client.startPromotion(promotionRequest(session, true, false)),
        inputs.waits,
        { promotionId: lease.promotionId, type: 'promotion', dryRun: true }
      )
      // Only a report proven to be this dry run's (runAndWait): never the approved one from before.
      assessed = assessReport(dryRun.report, dryRun.progress)
      core.info(`Dry run: ${assessed.rows.length} change(s); fingerprint ${displayFingerprint(assessed.fingerprint)}`)
      if (approval.fingerprint && assessed.fingerprint !== approval.fingerprint) {
        throw new PromotionError(await changedSinceApproval(session, approval, assessed))
      }
      checkBlockers(assessed, inputs.promotion.ignoreEncryptedSecrets)
      if (assessed.rows.length === 0 && !inputs.promotion.promoteEmpty) {
        core.info('Nothing to promote: the dry run found no changes (set promote-empty: true to promote anyway)')
        status = 'nothing-to-promote'
        return
      }
      const unlockAfter = inputs.promotion.unlockAfter
      const promoted = await runAndWait(
        session.client,
        'the promotion',
        () => session.client.startPromotion(promotionRequest(session, false, unlockAfter)),
        inputs.waits,
        { promotionId: lease.promotionId, type: 'promotion', dryRun: false }
      )
      const result = assessReport(promoted.report, promoted.progress)
      if (result.fingerprint !== assessed.fingerprint) {
        core.warning(`The promotion's report differs from its dry run's (${displayFingerprint(result.fingerprint)}); check the report`)
      }
      assessed = result
      // unlockEnvironmentsAfterPromotion makes the tenant unlock by itself; the end then only confirms it.
      lease.keepOnSuccess = !unlockAfter
      lease.unlocksItself = unlockAfter
    })
  } catch (error) {
    await publish(session, 'failed', assessed, 'keep', errorMessage(error))
    throw error
  }
  core.info(status === 'promoted' ? `Promoted ${assessed?.rows.length ?? 0} change(s) to ${session.tenantUrl}` : 'Nothing was promoted')
  await publish(session, status, assessed, 'clear')
}

/** The approved-fingerprint input wins; else the last dry run recorded in the PR's sticky comment. */
/**
 * Events whose runs belong to a pull request: there a promotion needs the approved dry run unless
 * require-approval says otherwise, even when the PR could not be found (that fails closed, not open).
 */
const PULL_REQUEST_EVENTS: ReadonlySet<string> = new Set(['push', 'pull_request', 'pull_request_target', 'pull_request_review'])

function approvalExpected(session: PromotionSession): boolean {
  return session.pr.link !== undefined || PULL_REQUEST_EVENTS.has(session.github.eventName ?? '')
}

async function findApproval(session: PromotionSession): Promise<Approval> {
  const given = session.context.inputs.promotion.approvedFingerprint
  if (given) return { fingerprint: given, reportId: undefined, source: 'from approved-fingerprint' }
  const { link } = session.pr
  if (!link) return { fingerprint: undefined, reportId: undefined, source: session.pr.reason }
  try {
    const login = await link.api.ownLogin()
    const sticky = await findStickyComment(link.api, link.number, session.tenantUrl, login)
    const dryRun = sticky?.marker.dryRun
    if (!dryRun)
      return { fingerprint: undefined, reportId: undefined, source: `PR #${link.number} has no dry-run comment for ${session.tenantUrl}` }
    return { fingerprint: dryRun.fingerprint, reportId: dryRun.reportId, source: `from the dry run in PR #${link.number}'s comment` }
  } catch (error) {
    return { fingerprint: undefined, reportId: undefined, source: `could not read PR #${link.number}'s comments: ${errorMessage(error)}` }
  }
}

function checkBlockers(assessed: AssessedReport, ignoreEncryptedSecrets: boolean): void {
  if (assessed.missingEsvs.length > 0) {
    throw new PromotionError(
      `Missing ESVs in the upper environment: ${assessed.missingEsvs.join(', ')}. Create them there (e.g. with set-esvs) and run again; nothing was promoted`
    )
  }
  if (assessed.encryptedSecrets.length > 0 && !ignoreEncryptedSecrets) {
    throw new PromotionError(
      `Encrypted secrets in config: ${assessed.encryptedSecrets.join(', ')}. Replace them with ESV references, or set ignore-encrypted-secrets: true; nothing was promoted`
    )
  }
}

/** The refusal, with what changed when the approved dry run's report can still be read. */
async function changedSinceApproval(session: PromotionSession, approval: Approval, current: AssessedReport): Promise<string> {
  const head =
    `The lower environment changed since the dry run that was approved (approved ${displayFingerprint(approval.fingerprint ?? '')}, ` +
    `now ${displayFingerprint(current.fingerprint)}); nothing was promoted. Run dry-run-promote again and have the new report approved`
  if (!approval.reportId) return head
  try {
    // Both from stored reports alone, so they compare like with like.
    const approved = assessReport(await session.client.report(approval.reportId))
    const now = assessReport(current.report)
    const lines = canonicalDifference(
      canonicalReport(approved.rows, approved.missingEsvs, approved.encryptedSecrets),
      canonicalReport(now.rows, now.missingEsvs, now.encryptedSecrets)
    )
    if (lines.length === 0) return head
    const shown = lines.slice(0, MAX_DIFFERENCE_LINES)
    const more = lines.length > shown.length ? `\n  … and ${lines.length - shown.length} more` : ''
    return `${head}. Difference:\n${shown.map((line) => `  ${line}`).join('\n')}${more}`
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      return `${head} (the approved report ${approval.reportId} is no longer available)`
    throw error
  }
}
