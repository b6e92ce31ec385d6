import * as core from '@actions/core'
import { ActionError, errorMessage } from '../errors.js'
import { markdownTable } from '../github/summary.js'
import { retireOldVersions } from '../rotation/retire-versions.js'
import type { EsvClient } from '../tenant/esv.js'
import type { EsvSecretVersion } from '../tenant/types.js'
import type { Change } from './apply.js'
import type { Plan } from './plan.js'

/** What keep-versions did to one secret. */
export interface TrimmedSecret {
  id: string
  /** Versions disabled then deleted (or deleted, when already disabled), oldest first. */
  retired: string[]
  /** The versions left with a value, newest first. */
  kept: string[]
  /** Set when retiring stopped part-way. */
  failure?: string
}

/**
 * The file's secrets whose versions keep-versions trims in this run: those whose value changed now
 * (a new version), and those an earlier run changed without a restart that this run's restart loaded.
 * A secret whose value did not change keeps its versions until its value next changes.
 */
export function secretsToTrim(plan: Plan, changes: Change[]): string[] {
  const updated = changes.filter((c) => c.kind === 'secret' && c.action === 'updated').map((c) => c.id)
  const pending = new Set(plan.pending)
  const loadedNow = plan.items.filter((item) => item.kind === 'secret' && item.action === 'check-value' && pending.has(item.id))
  return [...new Set([...updated, ...loadedNow.map((item) => item.id)])].sort()
}

/**
 * Runs after the restart loaded the new values: rotate-secret's retirement (one implementation,
 * src/rotation/retire-versions.ts) with disable-then-delete, so the active version and the loaded
 * one are never retired. Every secret is tried, even after one fails.
 */
export async function trimSecretVersions(esv: EsvClient, ids: string[], keep: number): Promise<TrimmedSecret[]> {
  const results: TrimmedSecret[] = []
  for (const id of ids) {
    const retired: string[] = []
    try {
      const { versions } = await retireOldVersions(esv, id, { mode: 'disable-then-delete', keep }, retired)
      results.push({ id, retired, kept: withValue(versions) })
    } catch (error) {
      results.push({ id, retired, kept: [], failure: errorMessage(error) })
    }
  }
  const retiredCount = results.reduce((n, r) => n + r.retired.length, 0)
  core.info(`keep-versions ${keep}: retired ${retiredCount} version(s) of ${ids.length} secret(s) whose new value is loaded`)
  return results
}

function withValue(versions: EsvSecretVersion[]): string[] {
  return versions
    .filter((v) => v.status !== 'DESTROYED')
    .map((v) => v.version)
    .sort((a, b) => Number(b) - Number(a))
}

/** The `retired-versions` output of set-esvs: each trimmed secret's id and the versions it lost. */
export function retiredVersionsOutput(results: TrimmedSecret[]): Record<string, string[]> {
  return Object.fromEntries(results.map((r) => [r.id, r.retired]))
}

/** One failure for all the secrets whose retirement stopped, saying what was done and what to do next. */
export function trimFailure(results: TrimmedSecret[]): ActionError | undefined {
  const failed = results.filter((r) => r.failure !== undefined)
  if (failed.length === 0) return undefined
  const lines = failed.map(
    (r) => `  - ${r.id}: ${r.failure} (after ${r.retired.length > 0 ? `retiring ${r.retired.join(', ')}` : 'retiring none'})`
  )
  return new ActionError(
    `keep-versions: retiring old versions failed for ${failed.length} secret(s); the new values are written and loaded. ` +
      `Retire the rest in the admin console, or let the next change of each value retire them:\n${lines.join('\n')}`
  )
}

/** The job summary's section: what keep-versions retired, or why it retired nothing. */
export function keepVersionsSummary(keep: number, outcome: TrimmedSecret[] | { skipped: string }): string {
  const heading = `#### Secret versions (keep-versions: ${keep})`
  if ('skipped' in outcome) return `${heading}\n\n${outcome.skipped}`
  if (outcome.length === 0) return `${heading}\n\nNo secret's value changed: no version retired.`
  const rows = outcome.map((r) => [
    `\`${r.id}\``,
    r.retired.length > 0 ? r.retired.join(', ') : '—',
    r.failure !== undefined ? 'failed part-way (see the log)' : r.kept.join(', ')
  ])
  return `${heading}\n\n${markdownTable(['secret', 'retired (disabled, then deleted)', 'kept'], rows)}`
}
