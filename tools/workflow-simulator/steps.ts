/**
 * Runs a job's steps in order as the runner does
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idsteps): each
 * step's `if:` (the parser adds `success() &&` where no status function is given) with the `steps` outputs so
 * far; its `env:` over the job's; `continue-on-error`. A step of this action runs the built bundle with its
 * inputs (tools/local-runner.ts, main then post); a `run:` step runs in bash with `-e` in the workspace, as the
 * runner's default shell; any other `uses:` goes to the stub table (stubs.ts) or is refused.
 *
 * Not modelled: the runner runs every post step after the job's last main step, in reverse order; here a post
 * step follows its own main step (no documented job has a step after ours that the order would change).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ActionStep, RunStep, Step } from '@actions/workflow-parser/model/workflow-template'
import { isBasicExpression } from '@actions/workflow-parser'
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token'
import { parseKeyValueFile, runAction } from '../local-runner.js'
import { asString, evaluateStrings, evaluateToken, truthy, type Contexts } from './expressions.js'
import { member, rawStep } from './parse.js'
import { STUBS } from './stubs.js'
import type { ConcurrentSteps } from './token-permissions.js'
import { actionInputs, hasPost, RefusedStep, thisActionFolder } from './this-action.js'
import type { Json, JsonObject, Permissions, Repository, SimulationOptions, StepRecord, WorkflowEvent } from './types.js'

/** What the steps of one job run with. */
export interface JobScope {
  /** github, needs, strategy, matrix, vars, secrets, inputs, job, runner, env (the job's). */
  contexts: Contexts
  event: WorkflowEvent
  repository: Repository
  /** The job's folder: its `workspace/` is GITHUB_WORKSPACE. */
  workDir: string
  /** GITHUB_* variables the runner sets for every step. */
  runnerEnv: Record<string, string>
  options: SimulationOptions
  /** The job's GITHUB_TOKEN permissions, and the steps running alongside (token-permissions.ts). */
  permissions: Permissions
  concurrentSteps: ConcurrentSteps
}

const isRunStep = (step: Step): step is RunStep => 'run' in step
const isActionStep = (step: Step): step is ActionStep => 'uses' in step

/** `uses:` without its ref: `actions/checkout@v6` → `actions/checkout`. */
const withoutRef = (uses: string) => uses.replace(/@.*$/, '')

/** Inputs that only tune waits may be set for speed; any other is refused (it would change what a workflow does). */
const WAIT_INPUTS = new Set(['poll-interval', 'restart-timeout', 'promotion-timeout'])

function waitInputs(given: Record<string, string> = {}): Record<string, string> {
  const other = Object.keys(given).filter((name) => !WAIT_INPUTS.has(name))
  if (other.length > 0) throw new RefusedStep(`waitInputs: ${other.join(', ')} would change what the workflow does`)
  return given
}

/** Documented tenant hosts routed to the emulator's, in the action's inputs. */
function routed(inputs: Record<string, string>, hosts: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => {
      const origin = Object.keys(hosts).find((host) => value === host || value.startsWith(`${host}/`))
      return [name, origin === undefined ? value : hosts[origin]! + value.slice(origin.length)]
    })
  )
}

export async function runSteps(steps: Step[], rawJob: TemplateToken | undefined, scope: JobScope): Promise<StepRecord[]> {
  const records: StepRecord[] = []
  const stepsContext: JsonObject = {}
  const workspace = join(scope.workDir, 'workspace')
  mkdirSync(workspace, { recursive: true })
  for (const [index, step] of steps.entries()) {
    const raw = rawStep(rawJob, index)
    const failedBefore = records.some((record) => record.conclusion === 'failure')
    const status = { success: !failedBefore, failure: failedBefore }
    const jobEnv = (scope.contexts.env ?? {}) as Record<string, string>
    const contexts: Contexts = { ...scope.contexts, steps: stepsContext, job: { status: failedBefore ? 'failure' : 'success' } }
    const uses = isActionStep(step) ? step.uses.value : 'run'
    const name = step.name ? asString(evaluateToken(step.name, contexts)) : uses
    const record: StepRecord = {
      id: step.id,
      name,
      uses,
      outcome: 'skipped',
      conclusion: 'skipped',
      with: {},
      env: {},
      outputs: {},
      ranBy: 'none'
    }
    records.push(record)
    const condition = 'if' in step && step.if ? truthy(evaluateToken(step.if, contexts, status)) : status.success
    if (!condition) {
      stepsContext[step.id] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} }
      continue
    }
    record.env = { ...jobEnv, ...evaluateStrings('env' in step ? step.env : undefined, contexts) }
    const stepContexts: Contexts = { ...contexts, env: record.env }
    record.with = evaluateStrings(member(raw, 'with'), stepContexts)
    const outcome = await runOne(step, record, stepContexts, scope, workspace, usesGithubToken(raw))
    const continueOnError = step['continue-on-error']
    const tolerated =
      continueOnError !== undefined &&
      (typeof continueOnError === 'boolean' ? continueOnError : truthy(evaluateToken(continueOnError, contexts)))
    record.outcome = outcome
    record.conclusion = outcome === 'failure' && tolerated ? 'success' : outcome
    stepsContext[step.id] = { outcome: record.outcome, conclusion: record.conclusion, outputs: record.outputs }
  }
  return records
}

/** Whether the step's github-token is GITHUB_TOKEN: not given (action.yml's default), or given as it. */
function usesGithubToken(raw: TemplateToken | undefined): boolean {
  const given = member(member(raw, 'with'), 'github-token')
  if (given === undefined) return true
  return isBasicExpression(given) && /^\s*(github\.token|secrets\.GITHUB_TOKEN)\s*$/.test(given.expression)
}

async function runOne(
  step: Step,
  record: StepRecord,
  contexts: Contexts,
  scope: JobScope,
  workspace: string,
  githubToken: boolean
): Promise<'success' | 'failure'> {
  if (isRunStep(step)) {
    record.ranBy = 'bash'
    return runShell(asString(evaluateToken(step.run, contexts)), record, scope, workspace)
  }
  if (!isActionStep(step)) throw new RefusedStep(`step ${step.id}: only uses: and run: steps are modelled`)
  const folder = thisActionFolder(step.uses.value)
  if (folder !== undefined) {
    record.ranBy = 'action'
    const inputs = routed(actionInputs(folder, { ...waitInputs(scope.options.waitInputs), ...record.with }, contexts), scope.options.hosts)
    const running = scope.concurrentSteps.enter(githubToken ? scope.permissions : undefined)
    const run = await (scope.options.runAction ?? runAction)({
      inputs,
      env: { ...record.env, ...scope.runnerEnv },
      event: scope.event.payload,
      eventName: scope.event.name,
      action: folder,
      post: hasPost(folder),
      workDir: scope.workDir
    })
    const denied = scope.concurrentSteps.leave(running)
    if (denied.length > 0) record.deniedRequests = denied
    record.action = run
    record.outputs = run.main.outputs
    return run.main.exitCode === 0 && (run.post === undefined || run.post.exitCode === 0) ? 'success' : 'failure'
  }
  const key = withoutRef(step.uses.value)
  const stub = scope.options.stubs?.[key] ?? STUBS[key]
  if (stub === undefined) throw new RefusedStep(`${step.uses.value}: not this action and not in the stub table (stubs.ts)`)
  record.ranBy = 'stub'
  const result = stub({
    with: record.with,
    env: record.env,
    repository: scope.repository,
    workspace,
    githubToken: scope.options.github.token
  })
  record.outputs = result.outputs ?? {}
  if (result.record !== undefined) record.record = result.record as Json
  return result.outcome ?? 'success'
}

/** A run: step in bash -e (the runner's default shell on Linux), with GITHUB_OUTPUT read back as its outputs. */
function runShell(script: string, record: StepRecord, scope: JobScope, workspace: string): 'success' | 'failure' {
  const output = join(scope.workDir, `${record.id}-output`)
  const file = join(scope.workDir, `${record.id}.sh`)
  writeFileSync(output, '')
  writeFileSync(file, script)
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
    cwd: workspace,
    env: { PATH: process.env.PATH ?? '', HOME: scope.workDir, ...record.env, ...scope.runnerEnv, GITHUB_OUTPUT: output },
    encoding: 'utf8',
    timeout: 30_000
  })
  record.outputs = parseKeyValueFile(readFileSync(output, 'utf8'))
  record.record = { stdout: result.stdout, stderr: result.stderr }
  return result.status === 0 ? 'success' : 'failure'
}
