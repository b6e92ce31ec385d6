/**
 * Benchmark: ESV sync as the file grows (50 to 3,000 variables, each a create), against the request
 * bound at each size, with the step's peak memory; and the no-op re-run of the 1,000-variable file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../emulator/index.js'
import { actionFile, scaledEsvs, writeCount } from './esv-data.js'
import { DEFAULT_CONCURRENCY, LATENCY_MS, loadEverything, lowerBoundMs, noOpRows, runSetEsvs, SYNC_INPUTS } from './esv-sync.js'
import { describeCounts } from './requests.js'
import { ratio, seconds, verdict, type BenchResult, type Row } from './results.js'

const SIZES = [50, 200, 1000, 3000]
const NO_OP_SIZE = 1000
const BOUND_GOAL = 1.3

/** Loaded before the bundle: writes the step's peak resident memory when it exits. */
const PEAK_RSS_PRELOAD = `process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS)))\n`

export async function benchEsvScaling(log: (line: string) => void): Promise<BenchResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'tenant-pilot-bench-scaling-'))
  const preload = join(scratch, 'peak-rss.cjs')
  const rssFile = join(scratch, 'peak-rss')
  writeFileSync(preload, PEAK_RSS_PRELOAD)
  const measured = { NODE_OPTIONS: `--require=${preload}`, BENCH_PEAK_RSS_FILE: rssFile }
  const peakMb = (): number => Number(readFileSync(rssFile, 'utf8')) / 1024
  const rows: Row[] = []
  const notes: string[] = []
  try {
    for (const size of SIZES) {
      const esvs = scaledEsvs(size)
      const writes = writeCount(esvs)
      const fileBytes = Buffer.byteLength(Object.values(actionFile(esvs).files)[0] ?? '')
      const emulator = await startEmulator({ latencyMs: LATENCY_MS, restartMs: 0 })
      try {
        log(`ESV sync scaling: ${size} variables`)
        const run = await runSetEsvs(emulator, esvs, SYNC_INPUTS(DEFAULT_CONCURRENCY), measured)
        const peak = peakMb()
        const bound = lowerBoundMs(writes, DEFAULT_CONCURRENCY, run.counts, LATENCY_MS)
        const expected = writes + 3
        const requestRatio = run.spanMs / bound
        rows.push({
          benchmark: `ESV sync scaling: ${size.toLocaleString('en')} variables (${(fileBytes / 1024).toFixed(0)} KiB file), concurrency ${DEFAULT_CONCURRENCY}`,
          ours: `requests ${seconds(run.spanMs)}, whole step ${seconds(run.wallMs)}; ${run.counts.total} requests; peak RSS ${peak.toFixed(0)} MB`,
          baseline: `bound ${seconds(bound)}; ${expected} requests (N + 3)`,
          ratio: `${ratio(requestRatio)}; whole step ${ratio(run.wallMs / bound)}`,
          goal: `≤ ${BOUND_GOAL}× (requests), N + 3 requests`,
          met: verdict(requestRatio <= BOUND_GOAL && run.counts.total === expected && run.counts.writes === writes)
        })
        notes.push(`Scaling at ${size}: ${describeCounts(run.counts)}; peak resident memory of the step ${peak.toFixed(0)} MB.`)
        if (size === NO_OP_SIZE) {
          log(`No-op re-run at ${size} variables`)
          await loadEverything(emulator)
          const again = await runSetEsvs(emulator, esvs, { concurrency: String(DEFAULT_CONCURRENCY) }, measured)
          rows.push(
            ...noOpRows(again, esvs).map((row) => ({ ...row, benchmark: `${row.benchmark} (${size.toLocaleString('en')} variables)` }))
          )
          notes.push(
            `No-op re-run at ${size}: ${describeCounts(again.counts)}; peak RSS ${peakMb().toFixed(0)} MB; outputs changed=${again.outputs.changed}.`
          )
        }
      } finally {
        await emulator.close()
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  return { rows, notes }
}
