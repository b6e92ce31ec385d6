import * as core from '@actions/core'

/**
 * The lock this run holds, saved for the `post:` step the moment it is taken
 * and cleared once it is released: a cancelled job (SIGTERM) skips every
 * `finally`, but the runner still runs the post step with this state.
 */
const SAVED_LOCK = 'promotionLock'

export interface SavedLock {
  tenantUrl: string
  promotionId: string
}

export function saveLock(lock: SavedLock): void {
  core.saveState(SAVED_LOCK, JSON.stringify(lock))
}

export function clearSavedLock(): void {
  core.saveState(SAVED_LOCK, '')
}

export function readSavedLock(): SavedLock | undefined {
  const text = core.getState(SAVED_LOCK)
  if (!text) return undefined
  try {
    const parsed = JSON.parse(text) as Partial<SavedLock>
    if (typeof parsed.tenantUrl === 'string' && typeof parsed.promotionId === 'string')
      return { tenantUrl: parsed.tenantUrl, promotionId: parsed.promotionId }
  } catch {
    // fall through: a state we cannot read is reported by the caller
  }
  core.warning('post step: the saved promotion lock state is unreadable; check the lock with the unlock operation')
  return undefined
}
