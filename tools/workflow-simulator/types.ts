/**
 * The workflow simulator's vocabulary: the repository a workflow runs in, the event that starts it, and what
 * each job and step did. Every field follows a documented GitHub behaviour; the module that models it cites
 * the page.
 */
import type { ActionRun, RunOptions } from '../local-runner.js'

/** A JSON value, as GitHub's expressions and event payloads carry them. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

/** The events the simulator knows how to start a run for (docs: "Events that trigger workflows"). */
export type EventName = 'push' | 'pull_request' | 'workflow_run' | 'issue_comment' | 'workflow_dispatch' | 'schedule' | 'workflow_call'

/** A deployment environment: its variables and secrets, and which branches may deploy to it. */
export interface Environment {
  vars?: Record<string, string>
  secrets?: Record<string, string>
  /** Deployment branch name patterns ("Selected branches"); absent: every branch may deploy. */
  deploymentBranches?: string[]
}

/** The repository a run happens in, as its settings and its default branch hold it. */
export interface Repository {
  /** owner/name */
  fullName: string
  defaultBranch: string
  /** Repository configuration variables (the `vars` context). */
  vars: Record<string, string>
  /** Repository secrets (the `secrets` context, GITHUB_TOKEN aside). */
  secrets: Record<string, string>
  environments: Record<string, Environment>
  /** The files of the commit the run checks out (actions/checkout lays them out in the workspace). */
  files: Record<string, string>
}

/** An event as GitHub delivers it to a run: its name, payload and the run's GITHUB_REF and GITHUB_SHA. */
export interface WorkflowEvent {
  name: EventName
  /** The webhook payload, shaped as docs.github.com documents it (`github.event`). */
  payload: JsonObject
  /** GITHUB_REF as "Events that trigger workflows" gives it for this event. */
  ref: string
  /** GITHUB_SHA likewise. */
  sha: string
  actor: string
  /** The paths a push or pull request changed, for `paths:` filters. */
  changedFiles?: string[]
}

/** What a stubbed step did: its outputs and, for assertions, what it would have done (files uploaded, a PR opened). */
export interface StubResult {
  outputs?: Record<string, string>
  outcome?: 'success' | 'failure'
  record?: Json
}

/** What a stub is called with: the step's evaluated `with:` and `env:`, the job's workspace and GITHUB_TOKEN. */
export interface StubCall {
  with: Record<string, string>
  env: Record<string, string>
  repository: Repository
  /** The job's workspace folder (GITHUB_WORKSPACE). */
  workspace: string
  /** The token the simulation's GitHub accepts (what an App token or GITHUB_TOKEN is there). */
  githubToken: string
}

/** A stub for a step that is not this action. */
export type Stub = (call: StubCall) => StubResult

export type StepOutcome = 'success' | 'failure' | 'skipped'

export interface StepRecord {
  id: string
  name: string
  /** `uses:` or `run` */
  uses: string
  outcome: StepOutcome
  /** With continue-on-error, a failure's conclusion is success. */
  conclusion: StepOutcome
  with: Record<string, string>
  env: Record<string, string>
  outputs: Record<string, string>
  /** The action's run (main, and post), for a step that runs this action. */
  action?: ActionRun
  /** What ran it: this action's bundle, bash, or a stub of the table. */
  ranBy: 'action' | 'bash' | 'stub' | 'none'
  /** A stub's record of what it would have done. */
  record?: Json
  /** GitHub requests of this step that GitHub refused for its job's permissions (token-permissions.ts). */
  deniedRequests?: string[]
}

export type JobResult = 'success' | 'failure' | 'skipped'

/** GITHUB_TOKEN permissions of a job: scope → read, write or none (metadata is always read). */
export type Permissions = Record<string, 'read' | 'write' | 'none'>

export interface JobRecord {
  /** The job's id, with its caller's for a job of a called workflow (`gate/dry-run`). */
  id: string
  /** The matrix combination the job ran with (empty when it has no matrix). */
  matrix: JsonObject
  result: JobResult
  /** Why a job was skipped or failed before its steps, in GitHub's words where it has some. */
  reason?: string
  environment?: string
  permissions: Permissions
  concurrency?: { group: string; cancelInProgress: boolean }
  /** For a matrix job: the strategy GitHub runs it with. */
  strategy?: { failFast: boolean; maxParallel?: number }
  steps: StepRecord[]
  outputs: Record<string, string>
  /** The secrets the job could read (names only), for assertions on what reaches which job. */
  secretNames: string[]
  /** The job's folder (its workspace and runner temp), removed by removeJobFolders. */
  workDir?: string
}

/** What the simulation's GitHub is told: which requests its token may make now (undefined: any). */
export type TokenRestriction = (allows: ((method: string, path: string) => boolean) | undefined) => void

/** Runs one step of this action as the runner does; defaults to tools/local-runner.ts runAction. */
export type ActionRunner = (options: RunOptions) => Promise<ActionRun>

export interface SimulationOptions {
  /** The workflow, by where it lives and its text. */
  workflow: { name: string; text: string }
  event: WorkflowEvent
  repository: Repository
  /** GitHub's API as the runner gives it (GITHUB_API_URL, `github.api_url`) and the job's GITHUB_TOKEN. */
  github: { apiUrl: string; token: string }
  /** Runs this action's steps (e.g. an e2e context's `run`, which also scans for leaks). */
  runAction?: ActionRunner
  /** Stubs beyond the documented table, by the `uses:` without its ref (e.g. `actions/upload-artifact`). */
  stubs?: Record<string, Stub>
  /**
   * Tells the simulation's GitHub which requests its token may make now (the emulator's `github.restrictToken`):
   * with it, each step of this action that uses GITHUB_TOKEN gets GitHub's 403 for what its job's permissions do
   * not cover (token-permissions.ts).
   */
  restrictGithubToken?: TokenRestriction
  /** Host names of documented tenant URLs mapped to the emulator's (`https://openam-acme-staging.forgeblocks.com` → upper). */
  hosts?: Record<string, string>
  /**
   * Inputs given to every run of this action where its step does not set them: the scenarios' fast waits
   * (poll-interval), so the documented workflows run in seconds. Only wait inputs are accepted (steps.ts).
   */
  waitInputs?: Record<string, string>
}

export interface SimulationResult {
  /** Whether the event starts the workflow at all (`on:` and its filters). */
  triggered: boolean
  /** Why it did not. */
  reason?: string
  jobs: JobRecord[]
}
