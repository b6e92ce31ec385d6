import * as core from '@actions/core'
import { ApprovalError, errorMessage, PromotionError } from '../errors.js'
import { readGitHubContext } from '../github/context.js'
import { changedSinceApproval, findApproval, refuseEventForPromote, type Approval } from '../promotion/approval.js'
import { holdAfterFailure, holdForPromote } from '../promotion/held-lock.js'
import { withLock } from '../promotion/lock.js'
import { runAndWait } from '../promotion/run.js'
import { openPromotionSession, promotionRequest, publish, type PromotionSession } from '../promotion/session.js'
import { skippedAsUnchanged } from '../promotion/skip.js'
import type { AssessedReport } from '../report/changes.js'
import { assessReport, displayFingerprint } from '../report/fingerprint.js'
import type { PromotionStatus } from '../report/types.js'
import type { OperationContext } from './context.js'

/**
 * `promote`: lock, dry-run again, and promote only if the dry run's
 * fingerprint is the approved one, nothing blocks it, and there is something
 * to promote; then wait, show the report, and make sure nothing stays locked.
 * With skip-if-unchanged a provisional report that lists no change ends it
 * before any lock request (and before an approval is required).
 */
export async function promote(context: OperationContext): Promise<void> {
  const { inputs } = context
  refuseEventForPromote(readGitHubContext().eventName)
  const session = await openPromotionSession(context)
  const { approval, refusal } = await approvalOrRefusal(session)
  // Before the approval is required: with nothing to promote there is nothing to approve.
  if (await skippedAsUnchanged(session, approval.heldLock?.promotionId ?? inputs.promotion.promotionId)) return
  // Required on every event; only require-approval: false lets a promotion go without one.
  if (!approval.fingerprint) {
    if (inputs.promotion.requireApproval) {
      throw (
        refusal ??
        new PromotionError(
          `No approved fingerprint to promote against (${approval.source}). Run dry-run-promote on the pull request first and have it reviewed, ` +
            'or set require-approval: false'
        )
      )
    }
    core.info(`No approval (${approval.source}); require-approval is false, so the dry run made now is promoted`)
  }
  if (approval.fingerprint) core.info(`Approved fingerprint ${displayFingerprint(approval.fingerprint)} (${approval.source})`)

  let assessed: AssessedReport | undefined
  let status: PromotionStatus = 'promoted'
  try {
    // Strict mode: the approved dry run's held lock (or promotion-id) is worked under, never a new one.
    const held = await holdForPromote(session.client, approval.heldLock, inputs.promotion.promotionId, inputs.waits)
    if (held) core.info(`Promoting under the held lock of promotion ${held} (hold-lock); it is released at the end`)
    await withLock(
      session.client,
      session.tenantUrl,
      inputs.waits,
      async (lease) => {
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
          throw new PromotionError(changedSinceApproval(approval, assessed))
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
      },
      { reuse: held }
    )
  } catch (error) {
    // A hold refused before it was worked under (e.g. a promotion-id that is not it) stays recorded.
    const kept = await holdAfterFailure(session.client, approval.heldLock)
    await publish(session, 'failed', assessed, 'keep', { failure: errorMessage(error), heldLock: kept, approvedBy: approval.record })
    throw error
  }
  core.info(status === 'promoted' ? `Promoted ${assessed?.rows.length ?? 0} change(s) to ${session.tenantUrl}` : 'Nothing was promoted')
  await publish(session, status, assessed, 'clear', { approvedBy: approval.record })
}

/** The approval, or (kept to be thrown once one is required) why there is none. */
async function approvalOrRefusal(session: PromotionSession): Promise<{ approval: Approval; refusal: ApprovalError | undefined }> {
  try {
    return { approval: await findApproval(session), refusal: undefined }
  } catch (error) {
    if (!(error instanceof ApprovalError)) throw error
    const refusal = new ApprovalError(`No approval to promote: ${error.message}`)
    return { approval: { fingerprint: undefined, approvedReport: undefined, source: error.message }, refusal }
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
