import * as core from '@actions/core'
import { setOutput } from '../outputs.js'
import { assessReport, displayFingerprint } from '../report/fingerprint.js'
import { readProvisionalReport } from './provisional.js'
import { publish, type PromotionSession } from './session.js'

/**
 * What the skip promises, said wherever it is taken: the report was read without a lock, so it is a
 * snapshot; a skip writes and locks nothing, so a stale read can only delay a promotion, never make a
 * wrong one.
 */
const SKIP_NOTE =
  'It lists no change, so no lock was requested and nothing was promoted (skip-if-unchanged). ' +
  'The report was read without a lock: a change made after it is promoted by the next run.'

/**
 * skip-if-unchanged on dry-run-promote and promote (frodo-lib#247: do not lock the environments
 * when there is nothing to promote). Reads the provisional report (the lower tenant's, with
 * lower-tenant-url); when it lists no change, publishes `nothing-to-promote` and returns true: the
 * step ends successfully without any lock request. A lock this PR holds (hold-lock, or promotion-id)
 * is never skipped over: the step runs as usual so the lock is reused and released.
 */
export async function skippedAsUnchanged(session: PromotionSession, heldLock: string | undefined): Promise<boolean> {
  const { inputs } = session.context
  if (!inputs.promotion.skipIfUnchanged) return false
  if (heldLock) {
    core.info(`skip-if-unchanged: promotion ${heldLock} holds the lock for this run; running as usual so that lock is released`)
    setOutput('skipped', false)
    return false
  }
  const { report, source } = await readProvisionalReport(session)
  const assessed = assessReport(report)
  if (assessed.rows.length > 0) {
    core.info(`skip-if-unchanged: the provisional report lists ${assessed.rows.length} change(s); running ${inputs.operation} as usual`)
    setOutput('skipped', false)
    return false
  }
  core.info(`Nothing to promote: ${SKIP_NOTE.replace(/^It/, 'the provisional report')}`)
  core.info(`Provisional report ${report.reportId}: fingerprint ${displayFingerprint(assessed.fingerprint)}`)
  setOutput('skipped', true)
  // No dry run ran, so there is nothing to approve: an earlier approval is dropped, and a promote that
  // later finds a change needs a new dry run (it fails closed without one).
  await publish(session, 'nothing-to-promote', assessed, 'clear', { source: `${source} ${SKIP_NOTE}` })
  return true
}
