/**
 * `npm run test:profile`: runs jest exactly as `npm test` does (after the build), with --json, and prints
 * what the suite's speed is measured by: the whole wall time of jest, the load average at its start and end
 * (the machine is often shared), the machine, the counts of tests and files, and the slowest files.
 *
 *   npm run test:profile                                   # the whole suite
 *   npm run test:profile -- --selectProjects unit          # any jest argument is passed on
 *   npm run test:profile -- --json-out profile.json        # keep jest's JSON (per-file start and end times)
 *   npm run test:profile -- --top 20                       # more than the ten slowest files
 *
 * No test asserts a time: the figures are this machine's, and CONTRIBUTING.md states them for 2 cores.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const JEST = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js')

interface Args {
  jestArgs: string[]
  jsonOut: string | undefined
  top: number
}

function parseArgs(argv: string[]): Args {
  const args: Args = { jestArgs: [], jsonOut: undefined, top: 10 }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--json-out' || arg === '--top') {
      const value = argv[++i]
      if (value === undefined) throw new Error(`${arg} needs a value`)
      if (arg === '--json-out') args.jsonOut = resolve(value)
      else if (/^[1-9]\d*$/.test(value)) args.top = Number(value)
      else throw new Error(`--top needs a positive whole number, not "${value}"`)
    } else {
      args.jestArgs.push(arg)
    }
  }
  return args
}

/** The parts of jest's --json output read here. */
interface JestJson {
  numTotalTests: number
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numTotalTestSuites: number
  numFailedTestSuites: number
  success: boolean
  testResults: { name: string; startTime: number; endTime: number; status: string; assertionResults: unknown[] }[]
}

export interface FileTime {
  file: string
  seconds: number
  tests: number
}

/** Each test file's time (jest's own start and end of the file), slowest first. */
export function fileTimes(json: JestJson, root: string): FileTime[] {
  return json.testResults
    .map((result) => ({
      file: relative(root, result.name),
      seconds: (result.endTime - result.startTime) / 1000,
      tests: result.assertionResults.length
    }))
    .sort((a, b) => b.seconds - a.seconds)
}

const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')

function runJest(args: string[], outputFile: string): Promise<number> {
  const child = spawn(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', JEST, '--json', `--outputFile=${outputFile}`, ...args],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] }
  )
  return new Promise((done) => child.on('close', (code) => done(code ?? 1)))
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const scratch = mkdtempSync(join(tmpdir(), 'tenant-pilot-profile-'))
  const outputFile = args.jsonOut ?? join(scratch, 'jest.json')
  try {
    const startLoad = load()
    const started = performance.now()
    const exitCode = await runJest(args.jestArgs, outputFile)
    const wallSeconds = (performance.now() - started) / 1000
    const endLoad = load()
    const json = JSON.parse(readFileSync(outputFile, 'utf8')) as JestJson
    const files = fileTimes(json, ROOT)
    const lines = [
      '',
      `jest wall time: ${wallSeconds.toFixed(1)} s (${(wallSeconds / 60).toFixed(2)} min), after the build`,
      `load average: ${startLoad} at the start, ${endLoad} at the end`,
      `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), Node.js ${process.version}`,
      `tests: ${json.numTotalTests} (${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped) in ${json.numTotalTestSuites} files (${json.numFailedTestSuites} failed)`,
      `file time summed over the workers: ${files.reduce((sum, f) => sum + f.seconds, 0).toFixed(1)} s`,
      '',
      `the ${Math.min(args.top, files.length)} slowest files:`,
      ...files.slice(0, args.top).map((f) => `  ${f.seconds.toFixed(1).padStart(7)} s  ${String(f.tests).padStart(4)} tests  ${f.file}`)
    ]
    process.stdout.write(`${lines.join('\n')}\n`)
    process.exitCode = exitCode === 0 && json.success ? 0 : 1
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

await main()
