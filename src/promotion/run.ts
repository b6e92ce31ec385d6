import * as core from '@actions/core'
import { PromotionError } from '../errors.js'
import type { Waits } from '../inputs/types.js'
import { poll } from '../poller.js'
import type { PromotionClient, ReportSighting } from '../tenant/promotion.js'
import type { PromotionProgress, PromotionReport } from '../tenant/types.js'

export interface RunOutcome {
  progress: PromotionProgress
  report: PromotionReport
}

/** The run this step starts: under which lock, and what kind, so that only its own report is taken. */
export interface ExpectedRun {
  /** The promotion id of the lock this run holds (the tenant gives every run under it that id). */
  promotionId: string
  type: 'promotion' | 'rollback'
  dryRun: boolean
}

/** What the tenant showed just before the start was sent: the evidence a later state is held against. */
export interface BeforeStart {
  progress: PromotionProgress
  /** The last report before the start (undefined: none, the tenant answered 404). */
  report: PromotionReport | undefined
  /** The earliest tenant time a report of this run may carry (epoch ms); undefined when the tenant gave none. */
  floorMs: number | undefined
}

/**
 * Reports of this run may be dated up to this much before the tenant's `Date` header read before the
 * start: the header and `createdDate` come from different tenant servers, each to the second. The
 * report id must differ from the last one before the start in any case.
 */
const TENANT_CLOCK_ALLOWANCE_MS = 2_000

/**
 * Starts a run (dry run, promotion or rollback), waits until it ends, and
 * fetches its report. A run counts as started and ended only on evidence that
 * it is this run (seen RUNNING, or a time stamp that moved, then a report newer
 * than the last one before the start); never is an older report taken for it.
 * ERROR or a blocking error fails; a status the action does not know counts as
 * still running, until promotion-timeout.
 */
export async function runAndWait(
  client: PromotionClient,
  what: string,
  start: () => Promise<unknown>,
  waits: Waits,
  expected: ExpectedRun
): Promise<RunOutcome> {
  const before = await readBeforeStart(client)
  await startOnce(client, what, start, before, expected)
  let sawRunning = false
  const { value } = await poll({
    what,
    intervalMs: waits.pollIntervalMs,
    timeoutMs: waits.promotionTimeoutMs,
    timeoutInput: 'promotion-timeout',
    check: async (): Promise<RunCheck> => {
      const progress = await client.progress()
      if (progress.status === 'RUNNING' && !otherRun(progress, expected)) sawRunning = true
      const end = runEnd(progress, before.progress, expected, sawRunning)
      if (end === 'not-yet' || end === 'failed') return { progress, end }
      return { progress, end, report: ownReport(await client.lastReportSeen(), before, expected, what) }
    },
    describe: (c) =>
      `${c.progress.status ?? 'no status'}${c.progress.message ? ` (${c.progress.message})` : ''}${
        c.end === 'ended' && !c.report ? ', waiting for its report' : ''
      }`,
    done: (c) => c.end === 'failed' || c.report !== undefined
  })
  const { progress } = value
  if (value.end === 'failed') {
    throw new PromotionError(
      `${capitalise(what)} ended in ${progress.status ?? 'a blocking error'}: ${progress.message ?? 'no message'}${blockingDetail(progress)}`
    )
  }
  if (!sawRunning) {
    const moved = timeStampMoved(progress, before.progress) ? 'its time stamp moved and ' : ''
    core.info(`${capitalise(what)} ended between two checks: ${moved}its report ${value.report!.reportId} is new`)
  }
  return { progress, report: value.report! }
}

interface RunCheck {
  progress: PromotionProgress
  end: RunEnd
  report?: PromotionReport
}

/** `maybe-ended`: READY or UNLOCKED with no sign yet of this run; only a report newer than the start can say it ended. */
type RunEnd = 'not-yet' | 'ended' | 'maybe-ended' | 'failed'

/** The state and the last report just before the start, with the tenant's time of that moment. */
async function readBeforeStart(client: PromotionClient): Promise<BeforeStart> {
  const progress = await client.progress()
  const seen = await client.lastReportSeen()
  const floor = seen.tenantTime ?? tenantMs(progress.timeStamp)
  return { progress, report: seen.report, floorMs: floor === undefined ? undefined : floor - TENANT_CLOCK_ALLOWANCE_MS }
}

/**
 * Whether this run has ended, by the progress: READY or UNLOCKED (a run that unlocks by itself goes from
 * RUNNING straight to UNLOCKED), ERROR or a blocking error, once the run was seen RUNNING or the time stamp
 * moved past the one before the start. READY or UNLOCKED without that sign may still be the state from
 * before the start (or a run that began and ended in the same second): its report decides. An ERROR
 * without it, or a state naming another promotion, is not this run's.
 */
export function runEnd(progress: PromotionProgress, before: PromotionProgress, expected: ExpectedRun, sawRunning: boolean): RunEnd {
  if (otherRun(progress, expected)) return 'not-yet'
  const thisRun = sawRunning || timeStampMoved(progress, before)
  if (progress.status === 'ERROR' || progress.blockingError === true) return thisRun ? 'failed' : 'not-yet'
  if (progress.status !== 'READY' && progress.status !== 'UNLOCKED') return 'not-yet'
  return thisRun ? 'ended' : 'maybe-ended'
}

/** The progress names another promotion: a state left by an earlier lock, not this run's. */
function otherRun(progress: PromotionProgress, expected: ExpectedRun): boolean {
  return progress.promotionId !== undefined && progress.promotionId !== expected.promotionId
}

export function timeStampMoved(progress: PromotionProgress, before: PromotionProgress): boolean {
  if (progress.timeStamp === undefined || progress.timeStamp === before.timeStamp) return false
  const now = tenantMs(progress.timeStamp)
  const then = tenantMs(before.timeStamp)
  return now === undefined || then === undefined ? true : now > then
}

/**
 * The last report, if it is this run's: not the last one before the start, dated no earlier than the
 * tenant's time before the start. One of another promotion or kind is a contradiction, not a wait.
 */
export function ownReport(seen: ReportSighting, before: BeforeStart, expected: ExpectedRun, what: string): PromotionReport | undefined {
  const report = seen.report
  if (!report || !isNewReport(report, before)) return undefined
  if (report.promotionId !== undefined && report.promotionId !== expected.promotionId) {
    throw new PromotionError(
      `The tenant's newest report (${report.reportId}) belongs to promotion ${report.promotionId}, not to this run's ${expected.promotionId}; ` +
        `${what} cannot be told apart from another promotion's. Check the reports in the admin console`
    )
  }
  if ((report.dryRun !== undefined && report.dryRun !== expected.dryRun) || (report.type !== undefined && report.type !== expected.type)) {
    throw new PromotionError(
      `The tenant's newest report (${report.reportId}) is a ${report.dryRun ? 'dry-run ' : ''}${report.type ?? 'run'} report, not the report of ${what}; check the reports in the admin console`
    )
  }
  return report
}

export function isNewReport(report: PromotionReport, before: BeforeStart): boolean {
  if (before.report && report.reportId === before.report.reportId) return false
  const created = tenantMs(report.createdDate)
  // A date the action cannot read proves nothing either way; the new report id is then the evidence.
  return created === undefined || before.floorMs === undefined || created >= before.floorMs
}

/**
 * Starting is not idempotent: after a lost answer, the look asks only "did this start take effect?",
 * on evidence that it is this run (RUNNING, this run's ERROR, or a report newer than the last before
 * the start); the previous run's state is no such evidence. Safe to call repeatedly.
 */
async function startOnce(
  client: PromotionClient,
  what: string,
  start: () => Promise<unknown>,
  before: BeforeStart,
  expected: ExpectedRun
): Promise<void> {
  await client.sendOnce(
    `Starting ${what}`,
    async () => {
      await start()
      return true
    },
    async () => {
      const now = await client.progress()
      if (otherRun(now, expected)) return undefined
      if (now.status === 'RUNNING') return true
      if ((now.status === 'ERROR' || now.blockingError === true) && timeStampMoved(now, before.progress)) return true
      return ownReport(await client.lastReportSeen(), before, expected, what) ? true : undefined
    }
  )
}

/** A tenant time stamp (ISO 8601, the tenant's clock) in epoch ms, if readable. */
function tenantMs(stamp: string | undefined): number | undefined {
  const ms = stamp === undefined ? Number.NaN : Date.parse(stamp)
  return Number.isFinite(ms) ? ms : undefined
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
