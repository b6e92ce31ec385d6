/**
 * What the promotion-gate scenarios share (the recommended gate, and the same gate as a reusable workflow): the
 * staging environments as docs/promotions.md sets them up, a PR's request run and the workflow_run it starts,
 * and what the emulator then holds.
 */
import type { Emulator, GitHubComment } from '../../../emulator/index.js'
import { pullRequestEvent, workflowRunEvent } from '../../../tools/workflow-simulator/events.js'
import type { Environment, SimulationResult } from '../../../tools/workflow-simulator/types.js'
import { PR } from '../../helpers/promotion.js'
import { account, jobOf, type Scenario } from './scenario.js'

export const REQUEST = 'docs/workflows/promotion-request.yml'
/** A change to promoted config, as the gate's paths filters expect. */
export const CHANGED = ['tenant-config/journeys/Login.json']

/** The staging credentials in the two environments only, deployable from main (docs/promotions.md, set-up step 2). */
export function stagingGateEnvironments(emulator: Emulator): Record<string, Environment> {
  const credentials = account(emulator, 'AIC_STAGING_SERVICE_ACCOUNT_ID', 'AIC_STAGING_SERVICE_ACCOUNT_KEY')
  return {
    'staging-dry-run': { ...credentials, deploymentBranches: ['main'] },
    staging: { ...credentials, deploymentBranches: ['main'] }
  }
}

/**
 * PR 7's pull_request event runs the unprivileged request (no secret, no permission); its completion's
 * workflow_run then runs the gate `key`.
 */
export async function requestThenGate(scenario: Scenario, key: string): Promise<SimulationResult> {
  const pull = scenario.emulator.github.pulls.get(PR)!
  const request = await scenario.run(REQUEST, pullRequestEvent(scenario.repository, pull, { changedFiles: CHANGED }))
  const job = jobOf(request, 'request')
  if (job.result !== 'success' || job.secretNames.length > 0 || job.permissions['pull-requests'] !== 'none') {
    throw new Error(`the request run was not unprivileged and green: ${JSON.stringify(job)}`)
  }
  return scenario.run(key, workflowRunEvent(scenario.repository, { name: 'tenant-pilot promotion request', conclusion: 'success', pull }))
}

/** The action's promotion comment on PR 7. */
export function promotionComment(emulator: Emulator): GitHubComment | undefined {
  return emulator.github.comments(PR).find((comment) => comment.body.includes('tenant-pilot:promotion'))
}

/** The promotions (not dry runs) the upper tenant ran. */
export function promotionsOf(emulator: Emulator): number {
  return emulator.promotion.runs.filter((run) => !run.dryRun).length
}
