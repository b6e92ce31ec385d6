import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
/** The bundle to run; TENANT_PILOT_DIST points elsewhere (e.g. a scratch build). */
export const DIST_ENTRY = process.env.TENANT_PILOT_DIST ?? join(ROOT, 'dist', 'index.js')

export interface StepRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** State saved with core.saveState, handed to the post step. */
  state: Record<string, string>
}

export interface RunOptions {
  inputs: Record<string, string>
  /** Extra environment, e.g. variables an ESV file reads. */
  env?: Record<string, string>
  /** Files of the checked-out repository, by path relative to the workspace (the step's working directory). */
  files?: Record<string, string | Buffer>
  event?: object
  eventName?: string
  /** Kill the step with this signal once its stdout matches. */
  interrupt?: { signal: NodeJS.Signals; when: RegExp }
  /** Run the post step after main, as the runner does, with main's saved state. */
  post?: boolean
  /** Called between main and post (e.g. to let a stuck tenant move on before the post step runs). */
  beforePost?: (main: StepRun) => void | Promise<void>
  /** Mirror the step's stdout and stderr to this process's, as a runner log would show them. */
  echo?: boolean
  timeoutMs?: number
  /** The action's folder, relative to the repository: '.' (the default) or a sub-action such as 'promote'. */
  action?: string
  /**
   * Called once the workspace and RUNNER_TEMP exist, before the step: lays out what a checkout or an earlier
   * step may leave there that `files` cannot (symbolic links, files with other modes, hard links).
   */
  prepare?: (folders: { workspace: string; runnerTemp: string; workDir: string }) => void
  /**
   * The step's file-size limit in bytes (RLIMIT_FSIZE, as `ulimit -f` sets it, in whole KiB): a write beyond
   * it fails with EFBIG part-way, as on a full disk. Runs the step through bash.
   */
  fileSizeLimitBytes?: number
  /**
   * The folder to run in, when several steps share one job's workspace (the workflow simulator); by default a
   * new one. It holds `workspace/` and `runner-temp/` as a new one does.
   */
  workDir?: string
}

export interface ActionRun {
  main: StepRun
  post?: StepRun
  /** The workspace folder (RUNNER_TEMP lives inside it). */
  workDir: string
}

interface ActionYaml {
  inputs: Record<string, { default?: string }>
  runs: { main: string }
}

/** Each action.yml read and parsed once per process: parsing the root one took longer than a step's own checks. */
const actions = new Map<string, ActionYaml>()
function readAction(folder: string): ActionYaml {
  let action = actions.get(folder)
  if (!action) {
    action = parseYaml(readFileSync(join(ROOT, folder, 'action.yml'), 'utf8')) as ActionYaml
    actions.set(folder, action)
  }
  return action
}

/**
 * The bundle an action's `runs.main` names, relative to its folder as the runner resolves it; the root
 * action's is DIST_ENTRY (TENANT_PILOT_DIST may point it at a scratch build).
 */
function entryOf(folder: string): string {
  return folder === '.' ? DIST_ENTRY : join(ROOT, folder, readAction(folder).runs.main)
}

/** Input defaults as the runner applies them; expressions like ${{ github.token }} are left out. */
function actionDefaults(folder: string): Record<string, string> {
  const action = readAction(folder)
  const defaults: Record<string, string> = {}
  for (const [name, spec] of Object.entries(action.inputs)) {
    if (spec.default !== undefined && !String(spec.default).includes('${{')) defaults[name] = String(spec.default)
  }
  return defaults
}

/** The runner's variable name for an input: INPUT_ + upper case, spaces to underscores (hyphens stay). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * A stand-in for the GitHub runner, shared by the e2e tests, the demo and the
 * benchmarks. Runs the built dist/index.js in a child process exactly as the GitHub runner
 * does: INPUT_* variables, GITHUB_OUTPUT, GITHUB_STATE, GITHUB_STEP_SUMMARY,
 * GITHUB_EVENT_PATH and RUNNER_TEMP files, then (optionally) the post step.
 */
export async function runAction(options: RunOptions): Promise<ActionRun> {
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'tenant-pilot-e2e-'))
  const workspace = join(workDir, 'workspace')
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true })
    writeFileSync(join(workspace, path), content)
  }
  mkdirSync(workspace, { recursive: true })
  const runnerTemp = join(workDir, 'runner-temp')
  mkdirSync(runnerTemp, { recursive: true })
  options.prepare?.({ workspace, runnerTemp, workDir })
  const eventPath = join(workDir, 'event.json')
  writeFileSync(eventPath, JSON.stringify(options.event ?? {}))
  const folder = options.action ?? '.'
  const inputs = { ...actionDefaults(folder), ...options.inputs }
  const baseEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: workDir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: options.eventName ?? 'workflow_dispatch',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/iam-config',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace,
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs)) baseEnv[inputVariable(name)] = value

  const main = await runStep('main', baseEnv, workDir, options)
  if (options.post) await options.beforePost?.(main)
  const post = options.post
    ? await runStep('post', { ...baseEnv, ...stateEnv(main.state) }, workDir, { ...options, interrupt: undefined })
    : undefined
  return { main, post, workDir }
}

function stateEnv(state: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(state).map(([key, value]) => [`STATE_${key}`, value]))
}

async function runStep(step: string, env: Record<string, string>, workDir: string, options: RunOptions): Promise<StepRun> {
  const files = {
    GITHUB_OUTPUT: join(workDir, `${step}-output`),
    GITHUB_STATE: join(workDir, `${step}-state`),
    GITHUB_STEP_SUMMARY: join(workDir, `${step}-summary`)
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  mkdirSync(env.RUNNER_TEMP!, { recursive: true })
  const [command, args] = stepCommand(entryOf(options.action ?? '.'), options.fileSizeLimitBytes)
  const child = spawn(command, args, {
    cwd: env.GITHUB_WORKSPACE,
    env: { ...env, ...files },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  let interrupted = false
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
    if (options.echo) process.stdout.write(hideRunnerCommands(chunk.toString('utf8')))
    if (options.interrupt && !interrupted && options.interrupt.when.test(stdout)) {
      interrupted = true
      child.kill(options.interrupt.signal)
    }
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
    if (options.echo) process.stderr.write(chunk)
  })
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000)
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (code, sig) => resolve([code, sig]))
  )
  clearTimeout(timeout)
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs: parseKeyValueFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    state: parseKeyValueFile(readFileSync(files.GITHUB_STATE, 'utf8'))
  }
}

/** Node on the bundle; under a file-size limit, bash sets it (`ulimit -f`, KiB) and then becomes Node. */
function stepCommand(entry: string, fileSizeLimitBytes: number | undefined): [string, string[]] {
  if (fileSizeLimitBytes === undefined) return [process.execPath, [entry]]
  const kib = String(Math.max(1, Math.floor(fileSizeLimitBytes / 1024)))
  return ['bash', ['-c', 'ulimit -f "$1" && exec "$2" "$3"', 'step', kib, process.execPath, entry]]
}

/** A runner log hides its mask and debug commands; so does the echo. */
function hideRunnerCommands(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::') && !line.startsWith('::debug::'))
    .join('\n')
}

/** Parses the runner's file-command format: `name<<DELIM\nvalue\nDELIM` (or `name=value`). */
export function parseKeyValueFile(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i]!)
      result[name!] = value.join('\n')
    } else if (line.includes('=')) {
      result[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return result
}

export function cleanup(run: ActionRun): void {
  rmSync(run.workDir, { recursive: true, force: true })
}

/** GitHub annotations the step made (`::error file=…,line=…::message`), for assertions. */
export function annotations(step: StepRun): Array<{ file?: string; line?: number; column?: number; message: string }> {
  return step.stdout
    .split('\n')
    .filter((line) => line.startsWith('::error '))
    .map((line) => {
      const [, props = '', message = ''] = /^::error ([^:]*)::(.*)$/.exec(line) ?? []
      const prop = (name: string) => new RegExp(`(?:^|,)${name}=([^,]*)`).exec(props)?.[1]
      const lineNo = prop('line')
      const col = prop('col')
      return {
        file: prop('file'),
        line: lineNo ? Number(lineNo) : undefined,
        column: col ? Number(col) : undefined,
        message: unescapeCommand(message)
      }
    })
}

function unescapeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')
}

/** The one-line error the step failed with (`::error::` lines), for assertions. */
export function errorLines(step: StepRun): string[] {
  return step.stdout
    .split('\n')
    .filter((line) => line.startsWith('::error'))
    .map((line) =>
      line
        .replace(/^::error[^:]*::/, '')
        .replace(/%0A/g, '\n')
        .replace(/%25/g, '%')
    )
}
