import * as core from '@actions/core'
import { checkHold, recordedHold } from '../promotion/held-lock.js'
import { readProvisionalReport } from '../promotion/provisional.js'
import { openPromotionSession, publish } from '../promotion/session.js'
import { assessReport, displayFingerprint } from '../report/fingerprint.js'
import type { PromotionReport } from '../tenant/types.js'
import type { OperationContext } from './context.js'

/**
 * `promotion-report`: no lock, no run. The provisional report (changes in the
 * lower environment since its last promotion; informational, a dry run is the
 * real check), a stored report by `report-id`, or the last one with
 * `report-id: last`. Peers read the provisional report from the lower tenant
 * (ForgeRock/fr-config-manager check-promotion-reports.js): with
 * lower-tenant-url so does this; without it the upper tenant is asked, and the
 * log and summary say which answered.
 */
export async function promotionReport(context: OperationContext): Promise<void> {
  const session = await openPromotionSession(context)
  const { reportId } = context.inputs.promotion
  let report: PromotionReport
  let source: string | undefined
  if (reportId === undefined) {
    const provisional = await readProvisionalReport(session)
    report = provisional.report
    source = provisional.source
  } else {
    report = reportId === 'last' ? await session.client.lastReport() : await session.client.report(reportId)
  }
  // A hold this PR's comment records stays recorded while it holds; past its deadline it is said (this reads only).
  const recorded = await recordedHold(session)
  const hold = recorded && (await checkHold(session.client, recorded, context.inputs.waits, false))
  const stillHeld = hold && (hold.kind === 'held' || hold.kind === 'expired') ? hold.lock : undefined
  const assessed = assessReport(report)
  core.info(`Report ${report.reportId}: ${assessed.rows.length} change(s); fingerprint ${displayFingerprint(assessed.fingerprint)}`)
  // Not a dry run, and no reason to forget one: the PR's approved dry run stays what promote checks.
  await publish(session, 'report', assessed, 'keep', { source, heldLock: stillHeld })
}
