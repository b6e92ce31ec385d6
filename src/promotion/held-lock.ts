import * as core from '@actions/core'
import { errorMessage, LockHeldError, PromotionError } from '../errors.js'
import type { HeldLock } from '../github/marker.js'
import { findStickyComment } from '../github/sticky-comment.js'
import type { Waits } from '../inputs/types.js'
import type { PromotionClient } from '../tenant/promotion.js'
import type { LockState, PromotionReport } from '../tenant/types.js'
import { describeLock, lockHolder, releaseLock } from './lock.js'
import type { PromotionSession } from './session.js'

/**
 * Strict mode (hold-lock): a dry run keeps the environments locked, records the lock in the action's own
 * PR comment, and promote works under it. A held lock is only ever released by id when that id comes from
 * the action's own comment or the promotion-id input: never one the run cannot prove its own.
 */

/** A new hold: taken now, released by the next promotion run on the PR after hold-lock-timeout. */
export function newHold(promotionId: string, nowMs: number, timeoutMs: number): HeldLock {
  return { promotionId, takenAt: new Date(nowMs).toISOString(), deadline: new Date(nowMs + timeoutMs).toISOString() }
}

export function holdExpired(held: HeldLock, nowMs: number): boolean {
  const deadline = Date.parse(held.deadline)
  return !Number.isFinite(deadline) || nowMs >= deadline
}

/** What the tenant says of a recorded hold. */
export type HoldCheck =
  | { kind: 'held'; lock: HeldLock }
  /** Not held by it any more (released by unlock, or another promotion holds the lock now). */
  | { kind: 'gone'; lock: HeldLock; state: LockState }
  /** Past its deadline and released by this run. */
  | { kind: 'released'; lock: HeldLock }
  /** Past its deadline, still held: this run may not release it (promotion-report reads only). */
  | { kind: 'expired'; lock: HeldLock }

/**
 * Whether the recorded hold still holds the environments, from the lock state. A hold past its deadline
 * is released when `mayRelease` (its id is proven: it came from the action's own comment), and said so.
 */
export async function checkHold(
  client: PromotionClient,
  held: HeldLock,
  waits: Waits,
  mayRelease: boolean,
  nowMs: number = Date.now()
): Promise<HoldCheck> {
  const state = await client.lockState()
  if (state.result !== 'locked' || lockHolder(state) !== held.promotionId) return { kind: 'gone', lock: held, state }
  if (!holdExpired(held, nowMs)) return { kind: 'held', lock: held }
  if (!mayRelease) {
    core.warning(
      `The held lock of promotion ${held.promotionId} passed its hold-lock-timeout at ${held.deadline}; this operation reads only, so it cannot release it: ` +
        `the next dry-run-promote or promote on this PR releases it, or run the unlock operation with promotion-id: ${held.promotionId}`
    )
    return { kind: 'expired', lock: held }
  }
  core.notice(`The held lock of promotion ${held.promotionId} passed its hold-lock-timeout at ${held.deadline}; releasing it`)
  await releaseLock(client, held.promotionId, waits)
  core.notice(`Released the held lock of promotion ${held.promotionId} (hold-lock-timeout passed at ${held.deadline})`)
  return { kind: 'released', lock: held }
}

/**
 * After a failure, whether a recorded hold still holds the environments: then the comment keeps
 * recording it, so a later run can still release it by its proven id. A state that cannot be read
 * keeps the record too (a later run checks it against the state before using it).
 */
export async function holdAfterFailure(client: PromotionClient, held: HeldLock | undefined): Promise<HeldLock | undefined> {
  if (!held) return undefined
  try {
    const state = await client.lockState()
    return state.result === 'locked' && lockHolder(state) === held.promotionId ? held : undefined
  } catch {
    return held
  }
}

/**
 * A recorded hold counts only when the tenant backs it: the dry run the comment records is a stored dry-run
 * report made under that very lock. Any workflow of the repository can post as the action's bot and write a
 * marker, so a hold the tenant does not back could name another promotion's lock, which is never ours to use
 * or release.
 */
export function holdBackedBy(held: HeldLock | undefined, report: Pick<PromotionReport, 'dryRun' | 'promotionId'>): HeldLock | undefined {
  return held !== undefined && report.dryRun === true && report.promotionId === held.promotionId ? held : undefined
}

/** The hold recorded in the action's own sticky comment on the run's PR, if the tenant backs it. */
export async function recordedHold(session: PromotionSession): Promise<HeldLock | undefined> {
  const { link } = session.pr
  if (!link) return undefined
  try {
    const lookup = await findStickyComment(link, session.tenantUrl, { quiet: true })
    const marker = lookup.sticky?.marker
    const held = marker?.heldLock
    if (!marker || !held) return undefined
    const backed = marker.dryRun ? holdBackedBy(held, await session.client.report(marker.dryRun.reportId)) : undefined
    if (!backed) {
      core.warning(
        `PR #${link.number}'s comment records a held lock of promotion ${held.promotionId} that no stored dry run under that lock backs; ` +
          `it is left alone (if it is this workflow's, release it with the unlock operation and promotion-id: ${held.promotionId})`
      )
    }
    return backed
  } catch (error) {
    core.warning(`Could not read PR #${link.number}'s comments for a held lock: ${errorMessage(error)}`)
    return undefined
  }
}

/**
 * The held lock promote works under: promotion-id (the user's explicit word) or the one the approved
 * comment records. It must be held by that id now, and a recorded one within its deadline; else promote
 * refuses before starting anything (an expired recorded hold is released first, and said).
 */
export async function holdForPromote(
  client: PromotionClient,
  recorded: HeldLock | undefined,
  givenId: string | undefined,
  waits: Waits,
  nowMs: number = Date.now()
): Promise<string | undefined> {
  if (givenId && recorded && recorded.promotionId !== givenId) {
    throw new LockHeldError(
      `promotion-id ${givenId} is not the held lock the PR comment records (promotion ${recorded.promotionId}); nothing was locked, released or promoted. ` +
        'Give the promotion-id the comment shows, or leave promotion-id out'
    )
  }
  if (givenId && !recorded) {
    const state = await client.lockState()
    const holder = lockHolder(state)
    if (state.result === 'locked' && holder === givenId) return givenId
    throw new LockHeldError(
      holder && holder !== givenId
        ? `The lock is held by promotion ${holder}, not ${givenId} (promotion-id); nothing was released or promoted. Check which promotion holds it before giving promotion-id`
        : `promotion-id ${givenId} holds no lock (lock state: ${describeLock(state)}); nothing was promoted. Leave promotion-id out to take a new lock`
    )
  }
  if (!recorded) return undefined
  const check = await checkHold(client, recorded, waits, true, nowMs)
  if (check.kind === 'held') return recorded.promotionId
  const why =
    check.kind === 'released'
      ? `its hold-lock-timeout passed at ${recorded.deadline}, so this run released it`
      : `it is no longer held (lock state: ${describeLock(check.kind === 'gone' ? check.state : { result: 'unlocked' })}${
          check.kind === 'gone' && lockHolder(check.state) ? `, held by promotion ${lockHolder(check.state)}` : ''
        })`
  throw new PromotionError(
    `The approved dry run held the lock of promotion ${recorded.promotionId} (hold-lock), but ${why}: the lower environment may have changed since. ` +
      'Nothing was promoted; run dry-run-promote on the pull request again and have its report approved'
  )
}
