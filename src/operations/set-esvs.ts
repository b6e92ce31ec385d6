import * as core from '@actions/core'
import { runBounded } from '../concurrency.js'
import { ActionError, errorMessage } from '../errors.js'
import { applyItem, type Change } from '../esvs/apply.js'
import { loadEsvFile, type EsvFile } from '../esvs/file.js'
import { keepVersionsSummary, retiredVersionsOutput, secretsToTrim, trimFailure, trimSecretVersions } from '../esvs/keep-versions.js'
import { failOnFileProblems } from '../files/annotations.js'
import { pendingIds, planEsvs, type Plan } from '../esvs/plan.js'
import { planLines, planSummary } from '../esvs/render.js'
import { esvDriftCount, refusalsMarkdown } from '../drift/count.js'
import { driftIssueTargetFor, reportDrift } from '../drift/report.js'
import { readGitHubContext } from '../github/context.js'
import type { EsvSyncInputs } from '../inputs/types.js'
import { setOutput } from '../outputs.js'
import { holdToApprovedPlan, publishOutcome, publishPlan, type PlanPublication } from '../plans/comment.js'
import { esvPlanModel } from '../plans/esvs.js'
import { poll } from '../poller.js'
import { EsvClient } from '../tenant/esv.js'
import { restartAndWait } from '../tenant/restart.js'
import { StartupClient } from '../tenant/startup.js'
import { requireTenant, type OperationContext, type TenantSession } from './context.js'

/**
 * `set-esvs`: make the tenant's ESVs match a file. Validates the whole file
 * before any request, plans per id, writes only differences concurrently,
 * restarts once if needed and checks the changes loaded.
 */
export async function setEsvs(context: OperationContext): Promise<void> {
  const options = context.inputs.esvSync
  const file = loadAndValidate(options.file, context.inputs.drift.detect)
  const tenant = requireTenant(context)
  const detectDrift = context.inputs.drift.detect
  const driftIssue = driftIssueTargetFor(context.inputs)
  const esv = new EsvClient(tenant.client)

  const [variables, secrets] = await Promise.all([esv.listVariables(), esv.listSecrets()])
  const plan = planEsvs(file, { variables, secrets }, options)
  core.info(`Plan for ${options.file} against ${tenant.url}:`)
  for (const line of planLines(plan, options.showValues)) core.info(`  ${line}`)
  // A drift run reports what stops an apply as drift rather than failing on it.
  if (plan.refusals.length > 0 && !detectDrift) {
    throw new ActionError(`Refused before any write:\n${plan.refusals.map((r) => `  - ${r}`).join('\n')}`)
  }

  const publication: PlanPublication = {
    model: esvPlanModel(plan, { file: options.file, tenantUrl: tenant.url, restart: context.inputs.restart }),
    showValues: options.showValues,
    inputs: context.inputs,
    github: readGitHubContext(),
    summary: context.summary
  }
  if (options.dryRun) {
    const planned = plan.items.filter((item) => item.action !== 'unchanged').map(({ id, kind, action }) => ({ id, kind, action }))
    setOutput('changed', planned)
    setOutput('restart-status', 'skipped')
    core.info('Dry run: nothing was written')
    if (detectDrift) {
      await reportDrift(
        { inputs: context.inputs, summary: context.summary, target: driftIssue },
        {
          operation: 'set-esvs',
          file: options.file,
          tenantUrl: tenant.url,
          count: esvDriftCount(plan),
          planMarkdown: planMarkdown(plan, options)
        }
      )
      return
    }
    context.summary.add(planSummary(plan, { ...options, dryRun: true }))
    await publishPlan(publication)
    if (options.keepVersions !== undefined)
      core.info(`keep-versions ${options.keepVersions}: a real run retires older versions of each secret whose new value its restart loads`)
    return
  }

  const gate = await holdToApprovedPlan(publication)
  const results = new Map<string, string>()
  try {
    const restartStatus = await apply(context, tenant, esv, plan, results)
    if (restartStatus) results.set('restart', restartStatus)
  } catch (error) {
    await publishOutcome(publication, gate, { status: 'failed', results, failure: errorMessage(error) })
    throw error
  }
  await publishOutcome(publication, gate, { status: 'applied', results })
}

/** The writes, then the restart the plan needs; what each did goes into `results`. Undefined: no restart. */
async function apply(
  context: OperationContext,
  tenant: TenantSession,
  esv: EsvClient,
  plan: Plan,
  results: Map<string, string>
): Promise<string | undefined> {
  const options = context.inputs.esvSync
  const { changes, failure } = await applyPlan(esv, plan, options.concurrency)
  for (const change of changes) results.set(change.id, change.action)
  const changed = changes.filter((c) => c.action !== 'unchanged')
  // Written before a failure is raised: what was applied is on record either way.
  setOutput('changed', changed)
  context.summary.add(planSummary(plan, { ...options, dryRun: false, changes }))
  if (failure) throw failure

  const mode = context.inputs.restart
  const restartNeeded = mode === 'always' || (mode === 'auto' && (changed.length > 0 || plan.pending.length > 0))
  if (!restartNeeded) {
    core.info(
      changed.length === 0 && plan.pending.length === 0
        ? 'Nothing changed and nothing is pending: no restart'
        : `No restart (restart: ${mode})`
    )
    setOutput('restart-status', 'skipped')
    skipTrimWithoutRestart(context, secretsToTrim(plan, changes))
    return undefined
  }
  const outcome = await restartAndWait(new StartupClient(tenant.client), context.inputs.waits, { fresh: changed.length > 0 })
  await waitUntilLoaded(esv, changed, context)
  setOutput('restart-status', outcome.status)
  context.summary.add(`Restarted: the tenant is **${outcome.status}** and every change is loaded.`)
  await trimAfterLoad(esv, context, secretsToTrim(plan, changes))
  return outcome.status
}

/**
 * keep-versions, once the restart loaded the new values. Retiring before that would pull a version
 * the running tenant still uses, or leave the secret with fewer versions than asked once it loads.
 */
async function trimAfterLoad(esv: EsvClient, context: OperationContext, ids: string[]): Promise<void> {
  const keep = context.inputs.esvSync.keepVersions
  if (keep === undefined) return
  const results = await trimSecretVersions(esv, ids, keep)
  // Written before a failure is raised: what was retired is on record either way.
  setOutput('retired-versions', retiredVersionsOutput(results))
  context.summary.add(keepVersionsSummary(keep, results))
  const failure = trimFailure(results)
  if (failure) throw failure
}

/** Without a restart the new values are not loaded: keep-versions retires nothing now, and says so. */
function skipTrimWithoutRestart(context: OperationContext, ids: string[]): void {
  const keep = context.inputs.esvSync.keepVersions
  if (keep === undefined) return
  setOutput('retired-versions', {})
  const skipped =
    ids.length === 0
      ? "No secret's value changed: no version retired."
      : `No version retired: the tenant did not restart (restart: ${context.inputs.restart}), so the new values of ${ids.join(', ')} are not loaded yet. ` +
        'The next set-esvs run that restarts the tenant retires the older versions.'
  core.info(`keep-versions ${keep}: ${skipped}`)
  context.summary.add(keepVersionsSummary(keep, { skipped }))
}

/** The plan as markdown (job summary, drift issue): the one place a dry run's plan is rendered. */
function planMarkdown(plan: Plan, options: EsvSyncInputs): string {
  return planSummary(plan, { ...options, dryRun: true }) + refusalsMarkdown(plan.refusals)
}

function loadAndValidate(path: string, detectDrift: boolean): EsvFile {
  const { file, problems } = loadEsvFile(path, process.env, { secretValuesUnused: detectDrift })
  failOnFileProblems('esv-file', path, problems, 'ESV file')
  if (!file) throw new ActionError(`esv-file ${path}: unusable; nothing was sent to the tenant`)
  return file
}

/** Every write runs, even after another fails; then all failures are reported together. */
async function applyPlan(esv: EsvClient, plan: Plan, concurrency: number): Promise<{ changes: Change[]; failure?: ActionError }> {
  const results = await runBounded(plan.items, concurrency, (item) => applyItem(esv, item))
  const failures = results.filter((r) => !r.ok)
  const changes = results.filter((r) => r.ok).map((r) => (r as { value: Change }).value)
  if (failures.length > 0) {
    const lines = failures.map((f) => `  - ${f.item.id}: ${errorMessage((f as { error: unknown }).error)}`)
    const applied = changes.filter((c) => c.action !== 'unchanged').length
    const failure = new ActionError(
      `${failures.length} of ${plan.items.length} ESVs failed; ${applied} other changes were applied and wait for a restart (the next run restarts):\n${lines.join('\n')}`
    )
    return { changes, failure }
  }
  return { changes }
}

/** After the restart, the changed ESVs must report loaded (the tenant may lag a little behind "ready"). */
async function waitUntilLoaded(esv: EsvClient, changed: Change[], context: OperationContext): Promise<void> {
  const watched = new Set(changed.filter((c) => c.action !== 'deleted').map((c) => c.id))
  if (watched.size === 0) return
  await poll({
    what: 'the changed ESVs to load',
    intervalMs: context.inputs.waits.pollIntervalMs,
    timeoutMs: context.inputs.waits.restartTimeoutMs,
    timeoutInput: 'restart-timeout',
    check: async () => {
      const [variables, secrets] = await Promise.all([esv.listVariables(), esv.listSecrets()])
      return pendingIds({ variables, secrets }).filter((id) => watched.has(id))
    },
    describe: (pending) => (pending.length === 0 ? 'all loaded' : `${pending.length} not loaded yet`),
    done: (pending) => pending.length === 0
  })
}
