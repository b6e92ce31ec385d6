import * as core from '@actions/core'
import { ActionError, ApiError, errorMessage, LockHeldError, OutcomeUnknownError, TimeoutError } from '../errors.js'
import type { Waits } from '../inputs/types.js'
import { formatDuration, poll } from '../poller.js'
import type { PromotionClient } from '../tenant/promotion.js'
import type { LockState, LockTransition } from '../tenant/types.js'
import { clearSavedLock, saveLock, saveLockRequestInFlight } from './saved-lock.js'
import { SignalHold } from './signal-hold.js'
import { LOCK_REQUEST_GRACE_MS, MAX_UNLOCK_BACKOFF_MS, selfUnlockBoundMs } from '../waits.js'

/** What the work under a lock may say about it when it ends. */
export interface LockLease {
  readonly promotionId: string
  /** Leave the lock held on success (unlock-after: false); it is still released after a failure. */
  keepOnSuccess: boolean
  /**
   * The run was started with unlockEnvironmentsAfterPromotion and succeeded: the tenant unlocks by
   * itself, so the end only confirms it (and releases the lock only if the tenant does not).
   */
  unlocksItself: boolean
  /** Why the lock stays held on success, said in place of the unlock-after notice (hold-lock). */
  keepNotice?: string
}

export interface LockOptions {
  /**
   * A lock this run has proven its own (a hold-lock dry run's, recorded in the action's own PR comment,
   * or given as promotion-id) and has checked is held: it is worked under instead of taking a new one.
   */
  reuse?: string
}

/**
 * Runs `work` under the promotion lock and releases the lock whatever happens
 * (error, timeout); a cancelled job is covered by the post step, which finds
 * the lock in the saved state. Someone else's lock is never touched.
 */
export async function withLock<T>(
  client: PromotionClient,
  tenantUrl: string,
  waits: Waits,
  work: (lease: LockLease) => Promise<T>,
  options: LockOptions = {}
): Promise<T> {
  let lease: LockLease | undefined
  let result: T
  try {
    lease = options.reuse ? reuseLock(tenantUrl, options.reuse) : await acquireLock(client, tenantUrl, waits)
    result = await work(lease)
  } catch (error) {
    if (lease) await releaseAfterFailure(client, lease.promotionId, waits, error)
    throw error
  }
  if (lease.keepOnSuccess) {
    core.notice(
      lease.keepNotice ??
        `The environments stay locked by promotion ${lease.promotionId} (unlock-after: false); release them with the unlock operation and promotion-id: ${lease.promotionId}`
    )
    clearSavedLock()
  } else if (lease.unlocksItself) {
    await confirmSelfUnlock(client, lease.promotionId, waits)
  } else {
    await releaseLock(client, lease.promotionId, waits)
  }
  return result
}

/** Works under a held lock this run proved its own: saved, so a cancelled step's post step releases it. */
function reuseLock(tenantUrl: string, promotionId: string): LockLease {
  saveLock({ tenantUrl, promotionId })
  core.info(`Working under the held lock of promotion ${promotionId} (no new lock is taken)`)
  return { promotionId, keepOnSuccess: false, unlocksItself: false }
}

/** Locks both environments and waits until they are locked. */
export async function acquireLock(client: PromotionClient, tenantUrl: string, waits: Waits): Promise<LockLease> {
  const waitUntil = Date.now() + waits.lockTimeoutMs
  let promotionId: string
  for (;;) {
    await waitForFreeLock(client, waits, waitUntil - Date.now())
    try {
      promotionId = await requestLockHeld(client, tenantUrl, waits)
      break
    } catch (error) {
      // Another promotion took the freed lock first (a 409): within lock-timeout, that one is waited for too.
      if (!(error instanceof LockRaceLostError) || Date.now() >= waitUntil) throw error
      core.info(`Another promotion took the lock first; waiting for it too, within lock-timeout (${error.message})`)
    }
  }
  core.info(`Locking the lower and upper environments for promotion ${promotionId}`)
  const lease: LockLease = { promotionId, keepOnSuccess: false, unlocksItself: false }
  try {
    await poll({
      what: 'the lock',
      intervalMs: waits.pollIntervalMs,
      timeoutMs: waits.promotionTimeoutMs,
      timeoutInput: 'promotion-timeout',
      check: () => client.lockState(),
      describe: describeLock,
      done: (state) => {
        if (state.result === 'error')
          throw new ActionError(`Locking the environments failed: ${state.description ?? 'the tenant reports an error'}`)
        if (state.promotionId !== undefined && state.promotionId !== promotionId) throw heldError(state)
        return state.result === 'locked'
      }
    })
  } catch (error) {
    await releaseAfterFailure(client, promotionId, waits, error)
    throw error
  }
  return lease
}

/**
 * A lock held by another promotion is waited for up to lock-timeout (Terraform's -lock-timeout), read
 * at poll-interval and never touched: no unlock, no run under it. 0 fails at once, naming the holder.
 */
async function waitForFreeLock(client: PromotionClient, waits: Waits, remainingMs: number): Promise<void> {
  const before = await client.lockState()
  if (before.result === 'unlocked') return
  if (waits.lockTimeoutMs <= 0) throw heldError(before)
  if (remainingMs <= 0) throw heldError(before, waits.lockTimeoutMs)
  core.info(
    `The promotion lock is held by ${holderName(before)}; waiting up to ${formatDuration(remainingMs)} (lock-timeout) for it to be released, without touching it`
  )
  let last = before
  try {
    await poll({
      what: 'the other promotion to release the lock',
      intervalMs: waits.pollIntervalMs,
      timeoutMs: remainingMs,
      timeoutInput: 'lock-timeout',
      initial: before,
      check: async () => (last = await client.lockState()),
      describe: (state) => `${describeLock(state)}, held by ${holderName(state)}`,
      done: (state) => state.result === 'unlocked'
    })
  } catch (error) {
    if (error instanceof TimeoutError) throw heldError(last, waits.lockTimeoutMs)
    throw error
  }
  core.info('The other promotion released the lock; taking it')
}

function holderName(state: LockState): string {
  const holder = lockHolder(state)
  return holder ? `promotion ${holder}` : 'a promotion the tenant does not name'
}

/**
 * Sends POST lock with the step state saying a lock request is in flight, and a cancellation held off
 * until its answer (bounded): then the promotion id is known and saved, and a cancelled step releases
 * that lock before it ends.
 */
async function requestLockHeld(client: PromotionClient, tenantUrl: string, waits: Waits): Promise<string> {
  saveLockRequestInFlight(tenantUrl)
  const hold = new SignalHold(LOCK_REQUEST_GRACE_MS)
  let promotionId: string
  try {
    core.info('Requesting the promotion lock')
    promotionId = await requestLock(client)
  } catch (error) {
    // The error says what the tenant holds; but after an unknown outcome a lock may still appear: the post step looks.
    if (!(error instanceof OutcomeUnknownError)) clearSavedLock()
    hold.end()
    throw error
  }
  saveLock({ tenantUrl, promotionId })
  if (hold.signal) {
    core.warning(`Cancelled (${hold.signal}) while the lock request was in flight; it took promotion ${promotionId}: releasing it`)
    try {
      await releaseLock(client, promotionId, waits)
    } catch (error) {
      core.error(`${errorMessage(error)}; the post step will release the lock of promotion ${promotionId}`)
    }
    hold.end()
    await new Promise<never>(() => undefined) // the signal ends the process
  }
  hold.end()
  return promotionId
}

/**
 * POST lock is not idempotent: when its answer is lost, the state says whether a lock appeared. A lock
 * whose promotion id this run did not receive is never taken as its own, even if it may be.
 */
async function requestLock(client: PromotionClient): Promise<string> {
  let answer: LockTransition
  try {
    answer = await client.sendOnce(
      'The lock request',
      () => client.lock(),
      async () => {
        const after = await client.lockState()
        if (after.result === 'unlocked') return undefined
        throw unprovenLockError(after)
      }
    )
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      const state = await client.lockState()
      if (state.result !== 'unlocked') throw new LockRaceLostError(heldError(state).message)
      throw new ActionError(
        `POST /environment/promotion/lock failed with HTTP 409 (${error.details.apiMessage ?? 'conflict'}) although the lock state reads unlocked: another promotion may be starting. Nothing was locked; wait for it, then run the step again`
      )
    }
    throw error
  }
  if (!answer.promotionId)
    throw new ActionError('The tenant answered the lock request without a promotionId; check the lock state in the admin console')
  return answer.promotionId
}

/** The lock request was answered 409 and another promotion holds the lock: this run never had it. */
class LockRaceLostError extends LockHeldError {}

/** A lock appeared while this run's lock request had no answer: it cannot tell whose it is. */
export function unprovenLockError(state: LockState): LockHeldError {
  const holder = lockHolder(state)
  const who = holder ? `promotion ${holder}` : 'a promotion the tenant does not name'
  return new LockHeldError(
    `The lock request got no answer, and now ${who} holds the lock (lock state: ${state.result}); this run never received that id, so it does not take the lock as its own and leaves it alone. ` +
      (holder
        ? `If no other promotion is running, it is this run's own: release it with the unlock operation and promotion-id: ${holder}`
        : 'Check the lock in the admin console')
  )
}

/**
 * After a successful run with unlockEnvironmentsAfterPromotion, the tenant unlocks by itself: this
 * waits for it (bounded) without sending an unlock. If the tenant does not, the lock is still the one
 * whose id this run received, so releasing it is right.
 */
export async function confirmSelfUnlock(client: PromotionClient, promotionId: string, waits: Waits): Promise<void> {
  const boundMs = selfUnlockBoundMs(waits)
  try {
    const { value } = await poll({
      what: 'the environments to unlock by themselves',
      intervalMs: waits.pollIntervalMs,
      timeoutMs: boundMs,
      timeoutInput: 'promotion-timeout',
      check: () => client.lockState(),
      describe: describeLock,
      done: (state) => state.result === 'unlocked' || (lockHolder(state) !== undefined && lockHolder(state) !== promotionId)
    })
    clearSavedLock()
    if (value.result === 'unlocked') core.info(`The environments unlocked by themselves after the run (promotion ${promotionId})`)
    else core.info(`The environments unlocked after the run; promotion ${lockHolder(value)} has locked them since, and is left alone`)
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error
    core.warning(
      `The environments did not unlock by themselves within ${formatDuration(boundMs)} after the run; the lock is still this run's (promotion ${promotionId}, the id it received), so it releases it`
    )
    await releaseLock(client, promotionId, waits)
  }
}

/**
 * Unlocks and waits until unlocked, reading the state before each attempt (it
 * may change only after a read). A 409 (locking, unlocking, a run still going)
 * or a 404 is tried again after a pause that starts at poll-interval and doubles, the
 * state read in between; all bounded by promotion-timeout.
 */
export async function releaseLock(client: PromotionClient, promotionId: string, waits: Waits, now: () => number = Date.now): Promise<void> {
  let pauseMs = waits.pollIntervalMs
  let nextAttemptAt = 0
  let attempts = 0
  let refusals = 0
  let last: LockState | undefined
  try {
    await pollUnlock()
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error
    // Raising the timeout is one way out; the lock also stays releasable later, by the id the tenant holds it under.
    const holder = (last && lockHolder(last)) ?? promotionId
    const refused = refusals > 0 ? ` (the tenant refused ${refusals} of ${attempts} unlock attempt(s) with 409)` : ''
    throw new TimeoutError(
      `${error.message}. Promotion ${holder} still holds the lock${refused}: release it with the unlock step (operation: unlock, promotion-id: ${holder}) once the tenant allows it`
    )
  }
  clearSavedLock()
  core.info(`Unlocked the environments (promotion ${promotionId})`)

  function pollUnlock(): ReturnType<typeof poll<LockState>> {
    return poll({
      what: 'the unlock',
      intervalMs: waits.pollIntervalMs,
      timeoutMs: waits.promotionTimeoutMs,
      timeoutInput: 'promotion-timeout',
      now,
      check: async () => {
        const state = (last = await client.lockState())
        if (state.result === 'unlocked') return state
        if (state.promotionId !== undefined && state.promotionId !== promotionId) throw heldError(state)
        if ((state.result === 'locked' || state.result === 'error') && now() >= nextAttemptAt) {
          attempts++
          try {
            await client.unlock(promotionId)
          } catch (error) {
            // 409: not possible yet. 404: the lock went between the read and the unlock (Ping's Terraform provider
            // takes it as done); the next read says which.
            if (!(error instanceof ApiError && (error.status === 409 || error.status === 404))) throw error
            if (error.status === 409) refusals++
            nextAttemptAt = now() + pauseMs
            core.info(
              `Unlock not possible yet (${error.details.apiMessage ?? 'conflict'}, attempt ${attempts}); trying again in ${formatDuration(pauseMs)}`
            )
            pauseMs = Math.min(pauseMs * 2, MAX_UNLOCK_BACKOFF_MS)
          }
        }
        return state
      },
      describe: describeLock,
      done: (state) => state.result === 'unlocked'
    })
  }
}

/** After a failure the lock still goes; if that fails too, both are said, and the post step will try again. */
async function releaseAfterFailure(client: PromotionClient, promotionId: string, waits: Waits, cause: unknown): Promise<void> {
  core.info(`Releasing the lock of promotion ${promotionId} after: ${errorMessage(cause)}`)
  try {
    await releaseLock(client, promotionId, waits)
  } catch (releaseError) {
    throw new ActionError(
      `${errorMessage(cause)}. The lock of promotion ${promotionId} could not be released either (${errorMessage(releaseError)}); ` +
        `the post step will try again; if it stays locked, run the unlock operation with promotion-id: ${promotionId}`
    )
  }
}

/** The promotion holding the lock: the state's own id, or (as the OpenAPI shape allows) an environment's. */
export function lockHolder(state: LockState): string | undefined {
  return state.promotionId ?? state.upperEnv?.promotionId ?? state.lowerEnv?.promotionId
}

export function heldError(state: LockState, waitedMs?: number): LockHeldError {
  const holder = lockHolder(state)
  const waited = waitedMs ? ` after waiting ${formatDuration(waitedMs)} (lock-timeout)` : ''
  return new LockHeldError(
    `The promotion lock is held by another promotion${holder ? ` (promotion ${holder})` : ''} (lock state: ${state.result})${waited}; this run leaves that lock alone. ` +
      'Wait for it to finish, or if it was left behind by this action, release it with the unlock operation and that promotion-id'
  )
}

export function describeLock(state: LockState): string {
  const envs = [state.lowerEnv?.state && `lower ${state.lowerEnv.state}`, state.upperEnv?.state && `upper ${state.upperEnv.state}`].filter(
    Boolean
  )
  return envs.length > 0 ? `${state.result} (${envs.join(', ')})` : state.result
}
