import * as core from '@actions/core'
import { PromotionError } from '../errors.js'
import type { Waits } from '../inputs/index.js'
import { poll } from '../poller.js'
import type { PromotionClient } from '../tenant/promotion.js'
import type { PromotionProgress, PromotionReport } from '../tenant/types.js'

export interface RunOutcome {
  progress: PromotionProgress
  report: PromotionReport
}

/**
 * Starts a run (dry run, promotion or rollback), waits until it ends, and
 * fetches its report. An ERROR status or a blocking error fails; a status the
 * action does not know counts as still running, until promotion-timeout.
 */
export async function runAndWait(client: PromotionClient, what: string, start: () => Promise<unknown>, waits: Waits): Promise<RunOutcome> {
  const before = await client.progress()
  await startOnce(client, what, start, before)
  let sawRunning = false
  const { value: progress } = await poll({
    what,
    intervalMs: waits.pollIntervalMs,
    timeoutMs: waits.promotionTimeoutMs,
    timeoutInput: 'promotion-timeout',
    check: () => client.progress(),
    describe: (p) => `${p.status ?? 'no status'}${p.message ? ` (${p.message})` : ''}`,
    done: (p) => {
      if (p.status === 'RUNNING') sawRunning = true
      return hasEnded(p, before, sawRunning)
    }
  })
  if (progress.status === 'ERROR' || progress.blockingError) {
    throw new PromotionError(
      `${capitalise(what)} ended in ${progress.status ?? 'a blocking error'}: ${progress.message ?? 'no message'}${blockingDetail(progress)}`
    )
  }
  const report = await client.lastReport()
  if (progress.promotionId && report.promotionId && report.promotionId !== progress.promotionId) {
    core.warning(`The last report (${report.reportId}) belongs to promotion ${report.promotionId}, not ${progress.promotionId}`)
  }
  return { progress, report }
}

/** Ended: ERROR, a blocking error, or READY after this run was seen running (or its time stamp moved on). */
export function hasEnded(progress: PromotionProgress, before: PromotionProgress, sawRunning: boolean): boolean {
  if (progress.status === 'ERROR' || progress.blockingError === true) return true
  return progress.status === 'READY' && (sawRunning || progress.timeStamp !== before.timeStamp)
}

/** Starting is not idempotent: after a lost answer, the progress says whether the run began. */
async function startOnce(client: PromotionClient, what: string, start: () => Promise<unknown>, before: PromotionProgress): Promise<void> {
  await client.sendOnce(`Starting ${what}`, start, async () => {
    const now = await client.progress()
    return now.status === 'RUNNING' || now.timeStamp !== before.timeStamp ? now : undefined
  })
}

function blockingDetail(progress: PromotionProgress): string {
  const parts: string[] = []
  if (progress.missingESVs?.length) parts.push(`missing ESVs: ${progress.missingESVs.join(', ')}`)
  if (progress.encryptedSecrets?.length) parts.push(`encrypted secrets: ${progress.encryptedSecrets.join(', ')}`)
  return parts.length > 0 ? ` (${parts.join('; ')})` : ''
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
