import type { EsvSecretVersion } from '../tenant/types.js'

/**
 * `disable`, `delete` and `none` are rotate-secret's retire input; `disable-then-delete` is how set-esvs's
 * keep-versions retires: each ENABLED version is disabled first, so a delete that fails leaves it
 * unusable rather than enabled, and the log shows both steps.
 */
export type RetireMode = 'disable' | 'delete' | 'disable-then-delete' | 'none'

/** Whether the mode deletes (so DISABLED versions beyond keep go too, and retired ones end DESTROYED). */
export function retireDeletes(mode: RetireMode): boolean {
  return mode === 'delete' || mode === 'disable-then-delete'
}

export interface RetirementPlan {
  /** Oldest first, the order they are retired in. */
  retire: EsvSecretVersion[]
  /** A version beyond keep-versions left alone because the running tenant still uses it. */
  keptBecauseLoaded: string | undefined
}

export interface RetirementRules {
  mode: RetireMode
  /** ENABLED versions to keep, the newest ones, the latest included. */
  keep: number
  /** The secret's latest version: never retired (the tenant refuses it anyway). */
  activeVersion: string
  /**
   * The version the running services hold. When it is not the latest (no
   * restart yet) retiring it would pull the key from under the tenant at its
   * next restart of any kind, so it waits for a later run.
   */
  loadedVersion: string
}

/**
 * Which versions to retire: every version beyond the newest `keep` ENABLED
 * ones — ENABLED ones to disable, or, when deleting, DISABLED ones too.
 * DESTROYED versions are already gone.
 */
export function planRetirement(versions: EsvSecretVersion[], rules: RetirementRules): RetirementPlan {
  if (rules.mode === 'none') return { retire: [], keptBecauseLoaded: undefined }
  const newestFirst = [...versions].sort((a, b) => Number(b.version) - Number(a.version))
  const kept = new Set(
    newestFirst
      .filter((v) => v.status === 'ENABLED')
      .slice(0, rules.keep)
      .map((v) => v.version)
  )
  kept.add(rules.activeVersion)
  // Beyond keep-versions means older than the oldest version kept: a disabled version between kept ones stays.
  const oldestKept = Math.min(...[...kept].map(Number))
  const retirable = (v: EsvSecretVersion) =>
    v.status === 'ENABLED' || (retireDeletes(rules.mode) && v.status === 'DISABLED' && Number(v.version) < oldestKept)
  const beyond = newestFirst.filter((v) => !kept.has(v.version) && retirable(v)).reverse()
  const loaded = beyond.find((v) => v.version === rules.loadedVersion && v.status === 'ENABLED')
  return { retire: beyond.filter((v) => v !== loaded), keptBecauseLoaded: loaded?.version }
}
