import * as core from '@actions/core'
import { ActionError, ApiError, errorMessage, LockHeldError } from '../errors.js'
import type { Waits } from '../inputs/index.js'
import { poll } from '../poller.js'
import type { PromotionClient } from '../tenant/promotion.js'
import type { LockState, LockTransition } from '../tenant/types.js'
import { clearSavedLock, saveLock } from './saved-lock.js'

/** What the work under a lock may say about it when it ends. */
export interface LockLease {
  readonly promotionId: string
  /** Leave the lock held on success (unlock-after: false); it is still released after a failure. */
  keepOnSuccess: boolean
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
  work: (lease: LockLease) => Promise<T>
): Promise<T> {
  let lease: LockLease | undefined
  let result: T
  try {
    lease = await acquireLock(client, tenantUrl, waits)
    result = await work(lease)
  } catch (error) {
    if (lease) await releaseAfterFailure(client, lease.promotionId, waits, error)
    throw error
  }
  if (lease.keepOnSuccess) {
    core.notice(
      `The environments stay locked by promotion ${lease.promotionId} (unlock-after: false); release them with the unlock operation`
    )
    clearSavedLock()
  } else {
    await releaseLock(client, lease.promotionId, waits)
  }
  return result
}

/** Locks both environments and waits until they are locked. */
export async function acquireLock(client: PromotionClient, tenantUrl: string, waits: Waits): Promise<LockLease> {
  const before = await client.lockState()
  if (before.result !== 'unlocked') throw heldError(before)
  const promotionId = await requestLock(client)
  saveLock({ tenantUrl, promotionId })
  core.info(`Locking the lower and upper environments for promotion ${promotionId}`)
  const lease: LockLease = { promotionId, keepOnSuccess: false }
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

/** POST lock is not idempotent: when its answer is lost, the state says whether it took. */
async function requestLock(client: PromotionClient): Promise<string> {
  let answer: LockTransition
  try {
    answer = await client.sendOnce(
      'The lock request',
      () => client.lock(),
      async () => {
        const after = await client.lockState()
        // It was unlocked a moment ago: a lock that appeared since is the one just requested.
        if ((after.result === 'locking' || after.result === 'locked') && after.promotionId) {
          core.info(`Promotion ${after.promotionId} now holds the lock: taking it as ours`)
          return { result: after.result, promotionId: after.promotionId }
        }
        if (after.result !== 'unlocked') throw heldError(after)
        return undefined
      }
    )
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      const state = await client.lockState()
      if (state.result !== 'unlocked') throw heldError(state)
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

/**
 * Unlocks and waits until unlocked, reading the state before each attempt (it
 * may change only after a read) and trying again after a 409 (locking,
 * unlocking, or a run still going).
 */
export async function releaseLock(client: PromotionClient, promotionId: string, waits: Waits): Promise<void> {
  await poll({
    what: 'the unlock',
    intervalMs: waits.pollIntervalMs,
    timeoutMs: waits.promotionTimeoutMs,
    timeoutInput: 'promotion-timeout',
    check: async () => {
      const state = await client.lockState()
      if (state.result === 'unlocked') return state
      if (state.promotionId !== undefined && state.promotionId !== promotionId) throw heldError(state)
      if (state.result === 'locked' || state.result === 'error') {
        try {
          await client.unlock(promotionId)
        } catch (error) {
          if (!(error instanceof ApiError && error.status === 409)) throw error
          core.info(`Unlock not possible yet (${error.details.apiMessage ?? 'conflict'}); trying again`)
        }
      }
      return state
    },
    describe: describeLock,
    done: (state) => state.result === 'unlocked'
  })
  clearSavedLock()
  core.info(`Unlocked the environments (promotion ${promotionId})`)
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

export function heldError(state: LockState): LockHeldError {
  const holder = lockHolder(state)
  return new LockHeldError(
    `The promotion lock is held by another promotion${holder ? ` (promotion ${holder})` : ''} (lock state: ${state.result}); this run leaves that lock alone. ` +
      'Wait for it to finish, or if it was left behind by this action, release it with the unlock operation and that promotion-id'
  )
}

export function describeLock(state: LockState): string {
  const envs = [state.lowerEnv?.state && `lower ${state.lowerEnv.state}`, state.upperEnv?.state && `upper ${state.upperEnv.state}`].filter(
    Boolean
  )
  return envs.length > 0 ? `${state.result} (${envs.join(', ')})` : state.result
}
