import * as core from '@actions/core'
import { errorMessage } from '../errors.js'
import { withLock } from '../promotion/lock.js'
import { runAndWait } from '../promotion/run.js'
import { openPromotionSession, promotionRequest, publish } from '../promotion/session.js'
import type { AssessedReport } from '../report/changes.js'
import { assessReport, displayFingerprint } from '../report/fingerprint.js'
import type { OperationContext } from './context.js'

/**
 * `dry-run-promote`: lock, dry-run a promotion from the lower environment,
 * unlock, and show the report (summary, sticky PR comment) with the
 * fingerprint that a later `promote` will hold the lower environment to.
 */
export async function dryRunPromote(context: OperationContext): Promise<void> {
  const session = await openPromotionSession(context)
  // Kept outside the lock's callback so a failure after the dry run can still show its report.
  let assessed: AssessedReport | undefined
  let report: AssessedReport
  try {
    report = await withLock(session.client, session.tenantUrl, context.inputs.waits, async (lease) => {
      const outcome = await runAndWait(
        session.client,
        'the dry run',
        () => session.client.startPromotion(promotionRequest(session, true, false)),
        context.inputs.waits,
        { promotionId: lease.promotionId, type: 'promotion', dryRun: true }
      )
      assessed = assessReport(outcome.report, outcome.progress)
      return assessed
    })
  } catch (error) {
    await publish(session, 'failed', assessed, 'clear', errorMessage(error))
    throw error
  }
  core.info(`Dry run: ${report.rows.length} change(s); fingerprint ${displayFingerprint(report.fingerprint)}`)
  warnAboutBlockers(report)
  await publish(session, 'dry-run', report, 'set')
}

/** A dry run with blockers succeeds (it showed what it should), but says what a promotion would trip on. */
export function warnAboutBlockers(report: AssessedReport): void {
  if (report.missingEsvs.length > 0)
    core.warning(`Missing ESVs in the upper environment: ${report.missingEsvs.join(', ')}; promote will fail until they exist`)
  if (report.encryptedSecrets.length > 0)
    core.warning(`Encrypted secrets in config: ${report.encryptedSecrets.join(', ')}; promote needs ignore-encrypted-secrets: true`)
}
