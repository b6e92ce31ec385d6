/**
 * `npm run bench`: every benchmark against the emulator on loopback, one table.
 *
 *   npm run bench                                  # print the table
 *   npm run bench -- --write docs/performance.md   # and keep it, with the machine
 *   npm run bench -- --only esv,polling            # a subset while working on one
 *
 * Not run by CI, and no test asserts a time: the numbers depend on the machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { benchColdStart } from './cold-start.js'
import { performanceDoc } from './doc.js'
import { benchEsvScaling } from './esv-scaling.js'
import { benchEsvSync } from './esv-sync.js'
import { benchEsvValidation } from './esv-validation.js'
import { benchPolling } from './polling.js'
import { benchReportRendering } from './report-rendering.js'
import { describeMachine, machine, markdownTable, seconds, type BenchResult } from './results.js'

const BENCHMARKS: Record<string, (log: (line: string) => void) => Promise<BenchResult>> = {
  esv: benchEsvSync,
  scaling: benchEsvScaling,
  validation: benchEsvValidation,
  polling: benchPolling,
  'cold-start': benchColdStart,
  report: benchReportRendering
}

interface Args {
  write: string | undefined
  only: string[]
}

function parseArgs(argv: string[]): Args {
  const args: Args = { write: undefined, only: Object.keys(BENCHMARKS) }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = argv[i + 1]
    if (arg === '--write' && value) {
      args.write = value
      i++
    } else if (arg === '--only' && value) {
      args.only = value.split(',')
      i++
    } else {
      throw new Error(`unknown argument ${arg}; use --write <file> and --only ${Object.keys(BENCHMARKS).join(',')}`)
    }
  }
  const unknown = args.only.filter((name) => !(name in BENCHMARKS))
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`)
  return args
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const started = performance.now()
  const log = (line: string): void => console.error(`[bench ${seconds(performance.now() - started)}] ${line}`)
  const host = machine()
  const results: BenchResult[] = []
  for (const name of args.only) results.push(await BENCHMARKS[name]!(log))
  const rows = results.flatMap((r) => r.rows)
  const notes = results.flatMap((r) => r.notes)
  const totalMs = performance.now() - started
  console.log(`\n${markdownTable(rows)}\n`)
  for (const note of notes) console.log(`- ${note}`)
  console.log(`\nMachine: ${describeMachine(host)}. Whole run: ${seconds(totalMs)}.`)
  if (args.write) {
    const path = resolve(args.write)
    const doc = performanceDoc({ rows, notes, machine: host, totalMs, only: args.only, all: Object.keys(BENCHMARKS) })
    // Formatted as the repository's format check expects, so a fresh run never fails it.
    const formatted = await format(doc, { ...(await resolveConfig(path)), filepath: path })
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, formatted)
    console.log(`Wrote ${args.write}`)
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
