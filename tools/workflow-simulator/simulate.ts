/**
 * The workflow simulator: runs a workflow for one event as GitHub would, on GitHub's own parser and expression
 * evaluator, against the emulator. It decides whether the event starts the workflow (triggers.ts), which jobs
 * run and in what order (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax:
 * `needs` — a job whose needed job failed or was skipped is skipped unless its `if:` says otherwise; `if:`;
 * `strategy` with matrix.ts; reusable workflows called with `uses:`), evaluates each job's `environment`,
 * `permissions`, `concurrency` and `env`, and runs its steps (steps.ts). Independent jobs and matrix legs run
 * at once, up to `max-parallel`; jobs of one concurrency group one at a time; with `fail-fast` a failed leg
 * cancels the legs not yet started. What it cannot evaluate it refuses (a Refused… error), never guesses.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Job, ReusableWorkflowJob, WorkflowJob } from '@actions/workflow-parser/model/workflow-template'
import type { FileReference } from '@actions/workflow-parser/workflows/file-reference'
import { environmentAccess, isForkPullRequest } from './environments.js'
import { asString, evaluate, evaluateStrings, evaluateToken, truthy, type Contexts } from './expressions.js'
import { githubContext, runnerEnv } from './github-context.js'
import { expandStrategy } from './matrix.js'
import { member, parseWorkflowText, rawJob, referenceName, RefusedWorkflow, type ParsedWorkflow } from './parse.js'
import { jobPermissions } from './permissions.js'
import { runSteps } from './steps.js'
import { ACTION_REPOSITORY, PROJECT_ROOT } from './this-action.js'
import { ConcurrentSteps } from './token-permissions.js'
import { decideTrigger } from './triggers.js'
import type { Json, JobRecord, JobResult, JsonObject, Permissions, Repository, SimulationOptions, SimulationResult } from './types.js'

/** One workflow's place in the run: the top one, or one a job called. */
interface Call {
  workflow: ParsedWorkflow
  /** Job ids of a called workflow are shown under their caller's: `gate/dry-run`. */
  prefix: string
  inputs: JsonObject
  /** The secrets its jobs start from: the repository's, or what the caller passed. */
  secrets: Record<string, string>
  /** A called workflow's permissions can only reduce its caller job's. */
  ceiling?: Permissions
}

interface Run {
  options: SimulationOptions
  jobs: JobRecord[]
  concurrentSteps: ConcurrentSteps
  /** Concurrency groups: the tail of each group's queue. */
  groups: Map<string, Promise<void>>
}

const isReusable = (job: WorkflowJob): job is ReusableWorkflowJob => job.type === 'reusableWorkflowJob'

export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const workflow = await parseWorkflowText(options.workflow.name, options.workflow.text, calledFileReader(options.repository))
  const decision = decideTrigger(workflow.template.events, options.event)
  if (!decision.triggered) return { triggered: false, reason: decision.reason, jobs: [] }
  const run: Run = { options, jobs: [], groups: new Map(), concurrentSteps: new ConcurrentSteps(options.restrictGithubToken) }
  const inputs = options.event.name === 'workflow_dispatch' ? typedInputs(workflow, 'workflow_dispatch', dispatchInputs(options)) : {}
  await runJobs(run, { workflow, prefix: '', inputs, secrets: options.repository.secrets })
  return { triggered: true, jobs: run.jobs }
}

/** Removes the folders the run's jobs ran in. */
export function removeJobFolders(result: SimulationResult): void {
  for (const job of result.jobs) if (job.workDir) rmSync(job.workDir, { recursive: true, force: true })
}

/** The workflow a job calls: a file of the repository (`./…`), or of this project (`tenant-pilot/tenant-pilot/…@ref`). */
function calledFileReader(repository: Repository) {
  return (reference: FileReference): string => {
    if (!('repository' in reference)) {
      const text = repository.files[reference.path.replace(/^\.\//, '')]
      if (text === undefined) throw new RefusedWorkflow(`${reference.path} is not a file of the repository`)
      return text
    }
    if (`${reference.owner}/${reference.repository}` !== ACTION_REPOSITORY) {
      throw new RefusedWorkflow(`${referenceName(reference)}: only this project's reusable workflows are modelled`)
    }
    return readFileSync(join(PROJECT_ROOT, reference.path), 'utf8')
  }
}

function dispatchInputs(options: SimulationOptions): Record<string, Json> {
  const given = options.event.payload.inputs
  return typeof given === 'object' && given !== null && !Array.isArray(given) ? given : {}
}

/**
 * The `inputs` context of a dispatch or a call: each declared input, given or its default, as its type
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/contexts#inputs-context: booleans stay
 * booleans, numbers numbers); a required input not given is refused, as GitHub refuses the run.
 */
function typedInputs(workflow: ParsedWorkflow, event: 'workflow_dispatch' | 'workflow_call', given: Record<string, Json>): JsonObject {
  const inputsToken = member(member(member(workflow.root, 'on'), event), 'inputs')
  const definitions = (inputsToken === undefined ? null : evaluateToken(inputsToken, {})) ?? {}
  const result: JsonObject = {}
  for (const [name, definition] of Object.entries(definitions as Record<string, JsonObject | null>)) {
    const spec = definition ?? {}
    const value = name in given ? given[name] : spec.default
    if (value === undefined) {
      if (spec.required === true) throw new RefusedWorkflow(`${workflow.name}: input ${name} is required`)
      continue
    }
    result[name] =
      spec.type === 'boolean' ? value === true || value === 'true' : spec.type === 'number' ? Number(value) : asString(value ?? '')
  }
  return result
}

/** Runs a workflow's jobs: each once every job it needs is done, independent ones at once. */
async function runJobs(run: Run, call: Call): Promise<Map<string, { result: JobResult; outputs: Record<string, string> }>> {
  const done = new Map<string, { result: JobResult; outputs: Record<string, string> }>()
  const pending = [...call.workflow.template.jobs]
  while (pending.length > 0) {
    const ready = pending.filter((job) => (job.needs ?? []).every((need) => done.has(need.value)))
    if (ready.length === 0)
      throw new RefusedWorkflow(`${call.workflow.name}: jobs ${pending.map((job) => job.id.value).join(', ')} need each other`)
    await Promise.all(
      ready.map(async (job) => {
        done.set(job.id.value, await runJobDefinition(run, call, job, done))
        pending.splice(pending.indexOf(job), 1)
      })
    )
  }
  return done
}

async function runJobDefinition(
  run: Run,
  call: Call,
  job: WorkflowJob,
  done: Map<string, { result: JobResult; outputs: Record<string, string> }>
): Promise<{ result: JobResult; outputs: Record<string, string> }> {
  const id = `${call.prefix}${job.id.value}`
  const needs: JsonObject = {}
  for (const need of job.needs ?? []) needs[need.value] = done.get(need.value) ?? null
  const needResults = (job.needs ?? []).map((need) => done.get(need.value)!.result)
  const status = { success: needResults.every((result) => result === 'success'), failure: needResults.includes('failure') }
  const base: Contexts = {
    github: githubContext(run.options, workflowName(call.workflow), job.id.value),
    needs,
    vars: run.options.repository.vars,
    inputs: call.inputs
  }
  const permissions = jobPermissions(
    workflowPermissions(call.workflow),
    evaluateRaw(member(rawJob(call.workflow, job.id.value), 'permissions')),
    call.ceiling
  )
  if (!truthy(evaluate(job.if.expression, base, status))) {
    run.jobs.push(skipped(id, permissions, 'its if: is false (or a job it needs did not succeed)'))
    return { result: 'skipped', outputs: {} }
  }
  const strategy = expandStrategy(job.strategy ? evaluateToken(job.strategy, base) : undefined)
  const legs = strategy.combinations
  const results: JobResult[] = []
  let outputs: Record<string, string> = {}
  let cancelled = false
  const limit = Math.max(1, Math.min(strategy.maxParallel ?? legs.length, legs.length))
  let next = 0
  const worker = async () => {
    while (next < legs.length) {
      const index = next++
      const matrix = legs[index]!
      const legName = Object.keys(matrix).length > 0 ? `${id} (${Object.values(matrix).map(legValue).join(', ')})` : id
      if (cancelled) {
        run.jobs.push({ ...skipped(legName, permissions, 'cancelled: another leg failed and fail-fast is true'), matrix })
        results.push('skipped')
        continue
      }
      const contexts: Contexts = {
        ...base,
        matrix,
        strategy: { 'fail-fast': strategy.failFast, 'job-index': index, 'job-total': legs.length, 'max-parallel': limit }
      }
      const leg = isReusable(job)
        ? await runCall(run, call, job, legName, contexts, permissions)
        : await runJob(
            run,
            call,
            job,
            legName,
            contexts,
            permissions,
            matrix,
            strategy.combinations.length > 1 || job.strategy ? strategy : undefined
          )
      results.push(leg.result)
      if (leg.result === 'success') outputs = leg.outputs
      if (leg.result === 'failure' && strategy.failFast) cancelled = true
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
  const result: JobResult = results.includes('failure') ? 'failure' : results.includes('success') ? 'success' : 'skipped'
  return { result, outputs }
}

/** A matrix value in a leg's name: text as it is, a mapping or list as JSON (GitHub's own display is not documented). */
function legValue(value: Json): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : asString(value)
}

function workflowName(workflow: ParsedWorkflow): string {
  const name = member(workflow.root, 'name')
  return name === undefined ? workflow.name : asString(evaluateToken(name, {}))
}

function workflowPermissions(workflow: ParsedWorkflow): Json | undefined {
  return evaluateRaw(member(workflow.root, 'permissions'))
}

function evaluateRaw(token: ReturnType<typeof member>): Json | undefined {
  return token === undefined ? undefined : evaluateToken(token, {})
}

function skipped(id: string, permissions: Permissions, reason: string): JobRecord {
  return { id, matrix: {}, result: 'skipped', reason, permissions, steps: [], outputs: {}, secretNames: [] }
}

/** One job (one leg of its matrix): environment, secrets, token, concurrency, env, then its steps. */
async function runJob(
  run: Run,
  call: Call,
  job: Job,
  name: string,
  contexts: Contexts,
  permissions: Permissions,
  matrix: JsonObject,
  strategy: { failFast: boolean; maxParallel?: number } | undefined
): Promise<{ result: JobResult; outputs: Record<string, string> }> {
  const { options } = run
  const record: JobRecord = { id: name, matrix, result: 'success', permissions, steps: [], outputs: {}, secretNames: [] }
  if (strategy)
    record.strategy = { failFast: strategy.failFast, ...(strategy.maxParallel === undefined ? {} : { maxParallel: strategy.maxParallel }) }
  run.jobs.push(record)
  const environmentValue = job.environment ? evaluateToken(job.environment, contexts) : undefined
  const environmentName =
    environmentValue === undefined || environmentValue === null
      ? undefined
      : typeof environmentValue === 'object' && !Array.isArray(environmentValue)
        ? asString(environmentValue.name ?? '')
        : asString(environmentValue)
  let vars = options.repository.vars
  let secrets = isForkPullRequest(options.repository, options.event) ? {} : call.secrets
  if (environmentName) {
    record.environment = environmentName
    const access = environmentAccess(options.repository, environmentName, options.event)
    if (!access.allowed) {
      record.result = 'failure'
      record.reason = access.reason
      return { result: 'failure', outputs: {} }
    }
    vars = { ...vars, ...access.environment.vars }
    if (!isForkPullRequest(options.repository, options.event)) secrets = { ...secrets, ...access.environment.secrets }
  }
  record.secretNames = Object.keys(secrets).sort()
  const jobContexts: Contexts = { ...contexts, vars, secrets: { ...secrets, GITHUB_TOKEN: options.github.token } }
  const concurrency = job.concurrency ? evaluateToken(job.concurrency, jobContexts) : undefined
  if (concurrency !== undefined && concurrency !== null) {
    const isMapping = typeof concurrency === 'object' && !Array.isArray(concurrency)
    record.concurrency = {
      group: asString(isMapping ? (concurrency.group ?? '') : concurrency),
      cancelInProgress: isMapping ? truthy(concurrency['cancel-in-progress'] ?? false) : false
    }
  }
  const workflowEnv = evaluateStrings(call.workflow.template.env, jobContexts)
  const env = { ...workflowEnv, ...evaluateStrings(job.env, { ...jobContexts, env: workflowEnv }) }
  const workDir = mkdtempSync(join(tmpdir(), 'tenant-pilot-workflow-'))
  record.workDir = workDir
  const jobId = job.id.value
  const execute = async () => {
    record.steps = await runSteps(job.steps, rawJob(call.workflow, jobId), {
      contexts: { ...jobContexts, env, runner: { os: 'Linux', arch: 'X64', temp: join(workDir, 'runner-temp') } },
      event: options.event,
      repository: options.repository,
      workDir,
      runnerEnv: runnerEnv(options, workflowName(call.workflow), jobId),
      options,
      permissions,
      concurrentSteps: run.concurrentSteps
    })
  }
  await inGroup(run, record.concurrency?.group, execute)
  record.result = record.steps.some((step) => step.conclusion === 'failure') ? 'failure' : 'success'
  const stepsContext: JsonObject = Object.fromEntries(
    record.steps.map((step) => [step.id, { outputs: step.outputs, outcome: step.outcome, conclusion: step.conclusion }])
  )
  record.outputs = evaluateStrings(job.outputs, { ...jobContexts, env, steps: stepsContext })
  return { result: record.result, outputs: record.outputs }
}

/** Jobs of one concurrency group run one at a time (the simulator queues them; it never cancels). */
async function inGroup(run: Run, group: string | undefined, work: () => Promise<void>): Promise<void> {
  if (group === undefined) return work()
  const before = run.groups.get(group) ?? Promise.resolve()
  const mine = before.then(work)
  run.groups.set(
    group,
    mine.catch(() => undefined)
  )
  return mine
}

/**
 * A job that calls a reusable workflow (https://docs.github.com/en/actions/how-tos/reuse-automations/reuse-workflows):
 * its `with:` become the called workflow's typed inputs; it passes secrets by name or with `secrets: inherit`
 * (the caller's secrets; environment secrets are never passed: a called job gets them by declaring its
 * environment); the called workflow keeps the caller's `github` context and can only reduce its permissions.
 */
async function runCall(
  run: Run,
  call: Call,
  job: ReusableWorkflowJob,
  name: string,
  contexts: Contexts,
  permissions: Permissions
): Promise<{ result: JobResult; outputs: Record<string, string> }> {
  const text = calledFileReader(run.options.repository)(parseReference(job.ref.value))
  const called = await parseWorkflowText(job.ref.value, text, calledFileReader(run.options.repository))
  const given = job['input-values'] ? evaluateToken(job['input-values'], contexts) : {}
  const inputs = typedInputs(called, 'workflow_call', (given ?? {}) as Record<string, Json>)
  const callerSecrets = { ...call.secrets, GITHUB_TOKEN: run.options.github.token }
  const secrets = job['inherit-secrets']
    ? { ...call.secrets }
    : evaluateStrings(job['secret-values'], { ...contexts, secrets: callerSecrets })
  const done = await runJobs(run, { workflow: called, prefix: `${name}/`, inputs, secrets, ceiling: permissions })
  const results = [...done.values()].map((job) => job.result)
  const result: JobResult = results.includes('failure') ? 'failure' : results.includes('success') ? 'success' : 'skipped'
  const outputsToken = member(member(member(called.root, 'on'), 'workflow_call'), 'outputs')
  const jobsContext: JsonObject = Object.fromEntries([...done].map(([id, job]) => [id, { result: job.result, outputs: job.outputs }]))
  const outputs: Record<string, string> = {}
  if (outputsToken !== undefined) {
    const definitions = evaluateToken(outputsToken, {}) as Record<string, { value?: string }>
    for (const key of Object.keys(definitions)) {
      const value = member(member(outputsToken, key), 'value')
      if (value !== undefined) outputs[key] = asString(evaluateToken(value, { ...contexts, jobs: jobsContext }))
    }
  }
  return { result, outputs }
}

function parseReference(ref: string): FileReference {
  const remote = /^([^/]+)\/([^/]+)\/(.+)@(.+)$/.exec(ref)
  if (remote) return { owner: remote[1]!, repository: remote[2]!, path: remote[3]!, version: remote[4]! }
  return { path: ref }
}
