import { markdownTable } from '../github/summary.js'
import type { EsvSecretVersion } from '../tenant/types.js'

export interface RotationReport {
  secretId: string
  tenantUrl: string
  /** Versions as read before anything was written ([] for a secret this run created). */
  before: EsvSecretVersion[]
  loadedBefore: string
  after: EsvSecretVersion[]
  loadedAfter: string
  newVersion: string
  previousVersion: string
  /** True when this run finished a rotation an earlier run began. */
  resumed: boolean
  restartStatus: string
  retired: string[]
  retireMode: string
}

/** The job summary: what happened in one line, and each version's state before and after. Never a value. */
export function renderRotationReport(r: RotationReport): string {
  const how = r.resumed
    ? `Finished the rotation to version **${r.newVersion}** that an earlier run began`
    : `Rotated to version **${r.newVersion}**${r.previousVersion ? ` (was ${r.previousVersion})` : ' (a new secret)'}`
  const restart =
    r.restartStatus === 'skipped' ? 'not restarted (restart: never), so the new version is pending' : `restart: ${r.restartStatus}`
  const retired = r.retired.length > 0 ? `${r.retireMode === 'delete' ? 'deleted' : 'disabled'} ${r.retired.join(', ')}` : 'nothing retired'
  return [`### Secret rotation: \`${r.secretId}\``, `${how} in \`${r.tenantUrl}\`; ${restart}; ${retired}.`, versionTable(r)].join('\n\n')
}

function versionTable(r: RotationReport): string {
  const numbers = [...new Set([...r.before, ...r.after].map((v) => v.version))].sort((a, b) => Number(a) - Number(b))
  const rows = numbers.map((n) => [
    n === r.newVersion ? `${n} (new)` : n,
    describe(
      r.before.find((v) => v.version === n),
      n === r.loadedBefore
    ),
    describe(
      r.after.find((v) => v.version === n),
      n === r.loadedAfter
    )
  ])
  return markdownTable(['version', 'before', 'after'], rows)
}

function describe(version: EsvSecretVersion | undefined, loaded: boolean): string {
  if (!version) return '—'
  return loaded ? `${version.status}, loaded` : version.status
}
