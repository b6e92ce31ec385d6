import { describe, expect, test } from '@jest/globals'
import { ApiError, LockHeldError } from '../../../src/errors.js'
import { heldError, lockHolder, releaseLock } from '../../../src/promotion/lock.js'
import type { PromotionClient } from '../../../src/tenant/promotion.js'
import type { LockState } from '../../../src/tenant/types.js'

const state = (over: Partial<LockState>): LockState => ({ result: 'locked', ...over }) as LockState

test('the lock holder is the state’s promotion id, else an environment’s (as the OpenAPI shape allows)', () => {
  expect(lockHolder(state({ promotionId: 'top', upperEnv: { promotionId: 'upper' } }))).toBe('top')
  expect(lockHolder(state({ upperEnv: { promotionId: 'upper' }, lowerEnv: { promotionId: 'lower' } }))).toBe('upper')
  expect(lockHolder(state({ lowerEnv: { promotionId: 'lower' } }))).toBe('lower')
  expect(lockHolder(state({}))).toBeUndefined()
})

test('the held-lock error names the holder and says what to do', () => {
  expect(heldError(state({ lowerEnv: { promotionId: 'p-1' } })).message).toMatch(
    /^The promotion lock is held by another promotion \(promotion p-1\) \(lock state: locked\); this run leaves that lock alone/
  )
})

describe('releasing a lock', () => {
  const waits = { pollIntervalMs: 1, promotionTimeoutMs: 2000, restartTimeoutMs: 1000, lockTimeoutMs: 0 }
  const conflict = (status: number) =>
    new ApiError({
      method: 'DELETE',
      path: '/environment/promotion/lock/p-1',
      status,
      apiMessage: 'Environment is currently locking or unlocking'
    })

  /** A tenant whose lock is `states` in turn (the last one repeated), answering each unlock with `answers` in turn. */
  const tenant = (states: LockState[], answers: (ApiError | undefined)[]) => {
    const calls: string[] = []
    const client = {
      lockState: async () => {
        calls.push('state')
        return states.length > 1 ? states.shift()! : states[0]!
      },
      unlock: async () => {
        calls.push('unlock')
        const answer = answers.shift()
        if (answer) throw answer
        return { result: 'unlocking' }
      }
    }
    return { client: client as unknown as PromotionClient, calls }
  }

  test('reads the state before every unlock and backs off after a 409 or a 404', async () => {
    const locked = state({ promotionId: 'p-1' })
    const unlocking = state({ result: 'unlocking', promotionId: 'p-1' })
    const { client, calls } = tenant(
      [locked, locked, locked, locked, unlocking, state({ result: 'unlocked' })],
      [conflict(409), conflict(404)]
    )
    // One millisecond passes per state read; the pauses are 1 ms, then 2 ms.
    const now = () => calls.filter((c) => c === 'state').length
    await releaseLock(client, 'p-1', waits, now)
    expect(calls).toEqual(['state', 'unlock', 'state', 'unlock', 'state', 'state', 'unlock', 'state', 'state'])
  })

  test('never unlocks a lock another promotion holds', async () => {
    const { client, calls } = tenant([state({ promotionId: 'p-other' })], [])
    await expect(releaseLock(client, 'p-1', waits)).rejects.toThrow(LockHeldError)
    expect(calls).toEqual(['state'])
  })
})
