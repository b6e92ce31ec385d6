import * as core from '@actions/core'

/**
 * The lock this run holds, saved for the `post:` step the moment it is taken
 * and cleared once it is released: a cancelled job (SIGTERM) skips every
 * `finally`, but the runner still runs the post step with this state. Before
 * the lock request is sent, the state says a request is in flight (no id yet),
 * so a step killed before the answer came still tells the post step to look.
 */
const SAVED_LOCK = 'promotionLock'

export interface SavedLock {
  tenantUrl: string
  /** Absent while the lock request is in flight: the tenant has not told this run its id yet. */
  promotionId?: string
}

export function saveLock(lock: Required<SavedLock>): void {
  core.saveState(SAVED_LOCK, JSON.stringify(lock))
}

/** Saved before POST lock is sent: a lock may appear whose id this run never learns. */
export function saveLockRequestInFlight(tenantUrl: string): void {
  core.saveState(SAVED_LOCK, JSON.stringify({ tenantUrl, inFlight: true }))
}

export function clearSavedLock(): void {
  core.saveState(SAVED_LOCK, '')
}

export function readSavedLock(): SavedLock | undefined {
  const text = core.getState(SAVED_LOCK)
  if (!text) return undefined
  try {
    const parsed = JSON.parse(text) as { tenantUrl?: unknown; promotionId?: unknown; inFlight?: unknown }
    if (typeof parsed.tenantUrl === 'string' && typeof parsed.promotionId === 'string')
      return { tenantUrl: parsed.tenantUrl, promotionId: parsed.promotionId }
    if (typeof parsed.tenantUrl === 'string' && parsed.inFlight === true) return { tenantUrl: parsed.tenantUrl }
  } catch {
    // fall through: a state we cannot read is reported by the caller
  }
  core.warning('post step: the saved promotion lock state is unreadable; check the lock with the unlock operation')
  return undefined
}
