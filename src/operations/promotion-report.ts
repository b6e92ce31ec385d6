import * as core from '@actions/core'
import { openPromotionSession, publish } from '../promotion/session.js'
import { assessReport, displayFingerprint } from '../report/fingerprint.js'
import type { OperationContext } from './context.js'

/**
 * `promotion-report`: no lock, no run. The provisional report (changes since
 * the last promotion; informational, a dry run is the real check), a stored
 * report by `report-id`, or the last one with `report-id: last`.
 */
export async function promotionReport(context: OperationContext): Promise<void> {
  const session = await openPromotionSession(context)
  const reportId = context.inputs.promotion.reportId
  const report =
    reportId === undefined
      ? await session.client.provisionalReport()
      : reportId === 'last'
        ? await session.client.lastReport()
        : await session.client.report(reportId)
  const assessed = assessReport(report)
  core.info(`Report ${report.reportId}: ${assessed.rows.length} change(s); fingerprint ${displayFingerprint(assessed.fingerprint)}`)
  // Not a dry run: the comment no longer shows an approvable dry run, so promote will ask for a new one.
  await publish(session, 'report', assessed, 'clear')
}
