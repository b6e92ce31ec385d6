import * as core from '@actions/core'
import { errorMessage } from '../errors.js'
import { checkHold, recordedHold } from '../promotion/held-lock.js'
import { withLock } from '../promotion/lock.js'
import { runAndWait } from '../promotion/run.js'
import { openPromotionSession, publish, rollbackRequest } from '../promotion/session.js'
import type { AssessedReport } from '../report/changes.js'
import { assessReport } from '../report/fingerprint.js'
import type { OperationContext } from './context.js'

/** `rollback`: show what rolling back the last promotion would change, then lock, roll back, wait, report, unlock. */
export async function rollback(context: OperationContext): Promise<void> {
  const { inputs } = context
  const session = await openPromotionSession(context)
  // A hold this PR's comment records that passed its hold-lock-timeout is released first.
  const recorded = await recordedHold(session)
  if (recorded) await checkHold(session.client, recorded, inputs.waits, true)
  const provisional = assessReport(await session.client.provisionalRollbackReport())
  core.info(`Rolling back the last promotion: ${provisional.rows.length} change(s) expected`)
  for (const row of provisional.rows) core.info(`  ${row.section} ${row.configItem}: ${row.kind} ${row.name}`)

  let assessed: AssessedReport | undefined
  try {
    assessed = await withLock(session.client, session.tenantUrl, inputs.waits, async (lease) => {
      const outcome = await runAndWait(
        session.client,
        'the rollback',
        () => session.client.startRollback(rollbackRequest(session, inputs.promotion.unlockAfter)),
        inputs.waits,
        { promotionId: lease.promotionId, type: 'rollback', dryRun: false }
      )
      lease.keepOnSuccess = !inputs.promotion.unlockAfter
      lease.unlocksItself = inputs.promotion.unlockAfter
      return assessReport(outcome.report, outcome.progress)
    })
  } catch (error) {
    await publish(session, 'failed', provisional, 'clear', { failure: errorMessage(error) })
    throw error
  }
  core.info(`Rolled back ${assessed.rows.length} change(s) in ${session.tenantUrl}`)
  await publish(session, 'rolled-back', assessed, 'clear')
}
