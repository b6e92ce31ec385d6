/**
 * Benchmark 3: waiting. A restart that takes 20 s and a promotion (dry run)
 * that takes 60 s, at the default poll interval: how long after the real end
 * the action noticed, and how many status requests it sent, next to a poller
 * that checks every interval from the start.
 */
import { startEmulator, type Emulator, type RequestLogEntry } from '../emulator/index.js'
import { cleanup, runAction } from '../tools/local-runner.js'
import { ratio, seconds, verdict, type BenchResult, type Row } from './results.js'

const LATENCY_MS = 50
const RESTART_MS = 20_000
const PROMOTION_RUN_MS = 60_000
const PROMOTION_LOCK_MS = 1_000
/** The action's default `poll-interval`. */
const INTERVAL_MS = 10_000

interface WaitMeasure {
  what: string
  durationMs: number
  /** From the real end to the status request that saw it (handled after the emulator's latency). */
  delayMs: number
  /** Status requests sent from the start until the end was seen. */
  statusRequests: number
}

function connection(emulator: Emulator): Record<string, string> {
  return {
    'tenant-url': emulator.upper.url,
    'service-account-id': emulator.serviceAccount.id,
    'service-account-key': emulator.serviceAccount.privateJwk
  }
}

/** The status requests after `startedAt`, up to the first one handled at or after `endedAt`. */
function measureWait(what: string, log: RequestLogEntry[], path: string, startedAt: number, endedAt: number): WaitMeasure {
  const checks = log.filter((entry) => entry.method === 'GET' && entry.path === path && entry.at >= startedAt)
  const seen = checks.findIndex((entry) => entry.at + LATENCY_MS >= endedAt)
  if (seen < 0) throw new Error(`${what}: no status request after the end`)
  return { what, durationMs: endedAt - startedAt, delayMs: checks[seen]!.at + LATENCY_MS - endedAt, statusRequests: seen + 1 }
}

async function restartWait(): Promise<WaitMeasure> {
  const emulator = await startEmulator({ latencyMs: LATENCY_MS, restartMs: RESTART_MS })
  try {
    const run = await runAction({ inputs: { operation: 'restart', ...connection(emulator) }, timeoutMs: 120_000 })
    cleanup(run)
    if (run.main.exitCode !== 0) throw new Error(`restart failed: ${run.main.stdout.slice(-1000)}`)
    const { startedAt, readyAt } = emulator.upper.state.restart
    if (startedAt === null || readyAt === null) throw new Error('the emulator saw no restart')
    return measureWait(`restart taking ${seconds(RESTART_MS)}`, emulator.log, '/environment/startup', startedAt, readyAt)
  } finally {
    await emulator.close()
  }
}

async function promotionWait(): Promise<WaitMeasure> {
  const emulator = await startEmulator({ latencyMs: LATENCY_MS, promotionRunMs: PROMOTION_RUN_MS, promotionLockMs: PROMOTION_LOCK_MS })
  try {
    const run = await runAction({ inputs: { operation: 'dry-run-promote', comment: 'false', ...connection(emulator) }, timeoutMs: 240_000 })
    cleanup(run)
    if (run.main.exitCode !== 0) throw new Error(`dry-run-promote failed: ${run.main.stdout.slice(-1000)}`)
    const promotion = emulator.promotion.runs[0]
    if (!promotion) throw new Error('the emulator saw no promotion run')
    return measureWait(
      `promotion (dry run) taking ${seconds(PROMOTION_RUN_MS)}`,
      emulator.log,
      '/environment/promotion/promote',
      promotion.startedAt,
      promotion.endsAt
    )
  } finally {
    await emulator.close()
  }
}

/**
 * A poller that checks as soon as the work starts and then every interval:
 * its worst-case delay is one interval, and it needs this many checks to see
 * an end `durationMs` after the start.
 */
export function fixedIntervalChecks(durationMs: number, intervalMs: number): number {
  return Math.ceil(durationMs / intervalMs) + 1
}

function rows(measure: WaitMeasure): Row[] {
  const fixed = fixedIntervalChecks(measure.durationMs, INTERVAL_MS)
  return [
    {
      benchmark: `Polling: ${measure.what}, detection delay`,
      ours: seconds(measure.delayMs),
      baseline: `interval ${seconds(INTERVAL_MS)}`,
      ratio: ratio(measure.delayMs / INTERVAL_MS),
      goal: '≤ 1 poll interval',
      met: verdict(measure.delayMs <= INTERVAL_MS)
    },
    {
      benchmark: `Polling: ${measure.what}, status requests`,
      ours: String(measure.statusRequests),
      baseline: `fixed-interval poller ${fixed}`,
      ratio: ratio(measure.statusRequests / fixed),
      goal: 'fewer than fixed-interval',
      met: verdict(measure.statusRequests < fixed)
    }
  ]
}

export async function benchPolling(log: (line: string) => void): Promise<BenchResult> {
  log(
    `Polling: a ${seconds(RESTART_MS)} restart and a ${seconds(PROMOTION_RUN_MS)} promotion, side by side, poll-interval ${seconds(INTERVAL_MS)}`
  )
  const [restart, promotion] = await Promise.all([restartWait(), promotionWait()])
  return {
    rows: [...rows(restart), ...rows(promotion)],
    notes: [
      ...[restart, promotion].map(
        (m) =>
          `Polling, ${m.what}: seen ${seconds(m.delayMs)} after the real end with ${m.statusRequests} status requests from the start of the work (poll-interval ${seconds(INTERVAL_MS)}, ${LATENCY_MS} ms per request; the status read before starting is not counted, for either poller).`
      ),
      `Polling, worst case: the measured delays are small because both durations are whole multiples of the interval; wherever the end falls, a check follows within one interval plus one request (the interval is counted from the end of a check), for our poller and the fixed-interval one alike.`,
      `Polling, why not fewer checks for the promotion: a poller whose worst-case delay is one interval may never leave more than one interval between two checks while the work may have ended. Without a lower bound on how long the work takes (real restarts take minutes, the emulated one ${seconds(RESTART_MS)}; a restart already running may be about to end), that is any moment after the start, so checking every interval is already the fewest checks for that worst case: adaptive or back-off intervals either leave longer gaps (a worse worst case) or shorter ones (more checks). The one sound saving is a check whose answer is already known: the answer to the restart request says "restarting", so the first check now waits one interval instead of repeating it (\`initial\` in src/poller.ts), one request less per restart. A promotion's start answers with no run status, and its first check is what shows the run began (src/promotion/run.ts), so it keeps checking at once.`
    ]
  }
}
