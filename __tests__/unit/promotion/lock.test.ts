import { expect, test } from '@jest/globals'
import { heldError, lockHolder } from '../../../src/promotion/lock.js'
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
