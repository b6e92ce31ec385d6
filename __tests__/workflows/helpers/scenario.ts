/**
 * A scenario: a documented workflow run in the workflow simulator against the emulator, as a user's repository
 * would run it. The emulator's tenant pair stands for the documented tenants (hosts below), its GitHub for
 * GitHub, and its one service account for every documented credential, each kept where the docs say (an
 * environment's secret, or a repository's). Every run of the action goes through the e2e context, which scans
 * it for leaked secrets.
 */
import type { Emulator, StartOptions } from '../../../emulator/index.js'
import { removeJobFolders, simulate } from '../../../tools/workflow-simulator/simulate.js'
import type {
  Environment,
  JobRecord,
  Repository,
  SimulationResult,
  StepRecord,
  WorkflowEvent
} from '../../../tools/workflow-simulator/types.js'
import { FAST_WAITS, startE2e, type E2eContext } from '../../helpers/e2e.js'
import { documentedWorkflow } from './documented.js'

/** The documented tenants and identity tenant, routed to the emulator's. */
export function documentedHosts(emulator: Emulator): Record<string, string> {
  return {
    'https://openam-acme-staging.forgeblocks.com': emulator.upper.url,
    'https://openam-acme-prod.forgeblocks.com': emulator.upper.url,
    'https://openam-acme-dev.forgeblocks.com': emulator.lower.url,
    'https://acme.verify.ibm.com': emulator.identity.url
  }
}

/** The emulator's service account under a workflow's variable and secret names (`AIC_STAGING_SERVICE_ACCOUNT` → _ID and _KEY). */
export function account(emulator: Emulator, idName: string, keyName: string): Required<Pick<Environment, 'vars' | 'secrets'>> {
  return { vars: { [idName]: emulator.serviceAccount.id }, secrets: { [keyName]: emulator.serviceAccount.privateJwk } }
}

/** Fast restarts and promotions, so a scenario's runs take seconds. */
export const SCENARIO_EMULATOR: StartOptions = { restartMs: 100, promotionLockMs: 80, promotionRunMs: 250 }

export interface Scenario {
  e2e: E2eContext
  emulator: Emulator
  repository: Repository
  /** Runs the documented workflow `key` (documented.ts) for `event`. */
  run(key: string, event: WorkflowEvent): Promise<SimulationResult>
  /** Runs a workflow text (a caller the docs show only in part, or a changed copy). */
  runText(name: string, text: string, event: WorkflowEvent): Promise<SimulationResult>
  close(): Promise<void>
}

export async function startScenario(
  repository: (emulator: Emulator) => Partial<Repository>,
  options: { emulator?: StartOptions; hosts?: (emulator: Emulator) => Record<string, string> } = {}
): Promise<Scenario> {
  const e2e = await startE2e({ ...SCENARIO_EMULATOR, ...options.emulator })
  const { emulator } = e2e
  const repo: Repository = {
    fullName: 'acme/iam-config',
    defaultBranch: 'main',
    vars: {},
    secrets: {},
    environments: {},
    files: {},
    ...repository(emulator)
  }
  const results: SimulationResult[] = []
  const runText = async (name: string, text: string, event: WorkflowEvent) => {
    const result = await simulate({
      workflow: { name, text },
      event,
      repository: repo,
      github: { apiUrl: emulator.github.url, token: emulator.github.token },
      runAction: (options) => e2e.run(options),
      restrictGithubToken: (allows) => emulator.github.restrictToken(allows),
      hosts: { ...documentedHosts(emulator), ...options.hosts?.(emulator) },
      waitInputs: { 'poll-interval': FAST_WAITS['poll-interval'] }
    })
    results.push(result)
    return result
  }
  return {
    e2e,
    emulator,
    repository: repo,
    run: (key, event) => {
      const workflow = documentedWorkflow(key)
      return runText(workflow.name, workflow.text, event)
    },
    runText,
    close: async () => {
      results.forEach(removeJobFolders)
      await e2e.close()
    }
  }
}

/** The one job of a run with this id (a matrix leg by its name, `sync (dev)`). */
export function jobOf(result: SimulationResult, id: string): JobRecord {
  const job = result.jobs.find((candidate) => candidate.id === id)
  if (!job) throw new Error(`no job ${id} in ${result.jobs.map((j) => j.id).join(', ') || 'the run (not triggered?)'}`)
  return job
}

/** The job's step that ran this action (the only one, or the one with this id). */
export function actionStep(job: JobRecord, id?: string): StepRecord {
  const steps = job.steps.filter((step) => step.ranBy === 'action' && (id === undefined || step.id === id))
  if (steps.length !== 1) throw new Error(`job ${job.id} has ${steps.length} steps of this action${id ? ` with id ${id}` : ''}`)
  return steps[0]!
}

/** The step's log as a runner shows it (mask and debug commands hidden; `::error::` lines kept), main then post. */
export function logOf(step: StepRecord): string {
  if (!step.action) return JSON.stringify(step.record)
  const text = step.action.main.stdout + (step.action.post?.stdout ?? '')
  const denied = (step.deniedRequests ?? []).map((request) => `GITHUB_TOKEN refused: ${request}`)
  return [...text.split('\n').filter((line) => !line.startsWith('::add-mask::') && !line.startsWith('::debug::')), ...denied].join('\n')
}
