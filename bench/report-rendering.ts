/**
 * Benchmark 5: fingerprinting and rendering a promotion report with 100,000
 * changed items, each measurement in a fresh process (so its peak memory is
 * its own and nothing is warmed up by an earlier run).
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { RenderingResult } from './report-rendering-child.js'
import { median, ratio, seconds, verdict, type BenchResult } from './results.js'

const ITEMS = 100_000
const RUNS = 3
const TIME_GOAL_MS = 1000
const MEMORY_GOAL_MB = 200
const CHILD = fileURLToPath(new URL('./report-rendering-child.ts', import.meta.url))

function measureOnce(): RenderingResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, String(ITEMS)], { encoding: 'utf8', timeout: 60_000 })
  return JSON.parse(out.trim().split('\n').at(-1)!) as RenderingResult
}

export async function benchReportRendering(log: (line: string) => void): Promise<BenchResult> {
  log(`Report rendering: ${ITEMS} changed items, ${RUNS} fresh processes`)
  const runs = Array.from({ length: RUNS }, measureOnce)
  const totalMs = median(runs.map((r) => r.totalMs))
  const fingerprintMs = median(runs.map((r) => r.fingerprintMs))
  const renderMs = median(runs.map((r) => r.renderMs))
  const peak = Math.max(...runs.map((r) => r.peakRssMb))
  const baseline = median(runs.map((r) => r.baselineRssMb))
  const first = runs[0]!
  return {
    rows: [
      {
        benchmark: `Report with ${ITEMS.toLocaleString('en')} changed items: fingerprint + render (summary and PR comment)`,
        ours: `${seconds(totalMs)} (fingerprint ${seconds(fingerprintMs)}, render ${seconds(renderMs)})`,
        baseline: `goal ${seconds(TIME_GOAL_MS)}`,
        ratio: ratio(totalMs / TIME_GOAL_MS),
        goal: `< ${seconds(TIME_GOAL_MS)}`,
        met: verdict(totalMs < TIME_GOAL_MS)
      },
      {
        benchmark: 'Report rendering: peak memory (whole process)',
        ours: `${peak.toFixed(0)} MB (${baseline.toFixed(0)} MB before the report)`,
        baseline: `goal ${MEMORY_GOAL_MB} MB`,
        ratio: ratio(peak / MEMORY_GOAL_MB),
        goal: `< ${MEMORY_GOAL_MB} MB`,
        met: verdict(peak < MEMORY_GOAL_MB)
      }
    ],
    notes: [
      `Report rendering: median of ${RUNS} fresh processes (a cold run, as in the action). The job summary keeps ${first.summaryChars.toLocaleString('en')} characters (cut to fit), the PR comment ${first.commentChars.toLocaleString('en')}. Peak memory is the whole process's resident set, Node.js and tsx included (${baseline.toFixed(0)} MB before the report was built).`
    ]
  }
}
