import * as core from '@actions/core'
import type { EsvClient } from '../tenant/esv.js'
import { existingSecret } from '../tenant/load-secret.js'
import type { EsvSecret, EsvSecretVersion } from '../tenant/types.js'
import { planRetirement, retireDeletes, type RetireMode } from './retirement.js'

export interface RetireRequest {
  mode: RetireMode
  /** ENABLED versions to keep, the newest ones, the latest included. */
  keep: number
}

export interface RetiredState {
  /** The secret as read just before retiring (its active and loaded versions). */
  secret: EsvSecret
  /** Its versions after retiring, as the tenant now has them. */
  versions: EsvSecretVersion[]
}

/**
 * The one retirement both rotate-secret and set-esvs (keep-versions) run: reads the secret and its
 * versions now, plans with planRetirement (never the active version, never the loaded one), and
 * retires oldest first. `retired` grows as each version goes, so a failure part-way still tells the
 * caller what was done.
 */
export async function retireOldVersions(esv: EsvClient, id: string, request: RetireRequest, retired: string[]): Promise<RetiredState> {
  const secret = await existingSecret(esv, id)
  const versions = await esv.listVersions(id)
  const plan = planRetirement(versions, {
    mode: request.mode,
    keep: request.keep,
    activeVersion: secret.activeVersion,
    loadedVersion: secret.loadedVersion
  })
  if (plan.keptBecauseLoaded)
    core.info(
      `Kept version ${plan.keptBecauseLoaded} of ${id} beyond keep-versions: the tenant still runs it until it restarts; a later run retires it`
    )
  for (const version of plan.retire) {
    core.info(`${await retireVersion(esv, id, version, request.mode)} version ${version.version} of ${id}`)
    retired.push(version.version)
  }
  const status: EsvSecretVersion['status'] = retireDeletes(request.mode) ? 'DESTROYED' : 'DISABLED'
  return { secret, versions: versions.map((v) => (retired.includes(v.version) ? { ...v, status } : v)) }
}

/** Carries out one version's retirement; says what it did, for the log. */
async function retireVersion(esv: EsvClient, id: string, version: EsvSecretVersion, mode: RetireMode): Promise<string> {
  if (mode === 'delete') {
    await esv.deleteVersion(id, version.version)
    return 'Deleted'
  }
  if (mode === 'disable-then-delete') {
    const wasEnabled = version.status === 'ENABLED'
    if (wasEnabled) await esv.setVersionStatus(id, version.version, 'DISABLED')
    await esv.deleteVersion(id, version.version)
    return wasEnabled ? 'Disabled, then deleted' : 'Deleted (already disabled)'
  }
  await esv.setVersionStatus(id, version.version, 'DISABLED')
  return 'Disabled'
}
