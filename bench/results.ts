/**
 * What a benchmark hands back and how the one table is made of it: a row per
 * measurement (ours, the baseline or bound it is held to, their ratio, the
 * goal and whether it is met), plus notes that say what limits a result.
 */
import { availableParallelism, cpus, freemem, loadavg, totalmem } from 'node:os'

export type Verdict = 'yes' | 'no' | '—'

export interface Row {
  benchmark: string
  ours: string
  /** The baseline or bound, named, e.g. "bound 1.50 s" or "frodo-lib 21.3 s". */
  baseline: string
  ratio: string
  goal: string
  met: Verdict
}

export interface BenchResult {
  rows: Row[]
  /** Lines for the notes below the table: request counts, what dominates, what limits. */
  notes: string[]
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`
}

export function ratio(value: number): string {
  return value >= 10 ? `${value.toFixed(1)}×` : `${value.toFixed(2)}×`
}

export function verdict(met: boolean): Verdict {
  return met ? 'yes' : 'no'
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const HEADERS = ['benchmark', 'ours', 'baseline or bound', 'ratio', 'goal', 'goal met?']

export function markdownTable(rows: Row[]): string {
  const cells = rows.map((row) => [row.benchmark, row.ours, row.baseline, row.ratio, row.goal, row.met])
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|')
  return [HEADERS, HEADERS.map(() => '---'), ...cells].map((line) => `| ${line.map(escape).join(' | ')} |`).join('\n')
}

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  freeMemoryGiB: number
  node: string
  platform: string
  /** 1-minute load average when the run started: other work on the machine slows the CPU-bound results. */
  loadAverage: number
}

export function machine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: totalmem() / 2 ** 30,
    freeMemoryGiB: freemem() / 2 ** 30,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg()[0] ?? 0
  }
}

export function describeMachine(m: Machine): string {
  return `${m.cores} cores (nproc) · ${m.cpu} · ${m.memoryGiB.toFixed(1)} GiB memory (${m.freeMemoryGiB.toFixed(1)} GiB free) · Node.js ${m.node} · ${m.platform} · load average ${m.loadAverage.toFixed(2)} at the start`
}
