/**
 * The operation-specific faults of the matrix: stuck and refused restarts,
 * runs ending in ERROR, a lock that never settles, 409s on lock, promote and
 * unlock. Each asserts its outcome, that nothing stays locked, and that a rerun
 * on a healthy tenant reaches the intended end state.
 */
import { describe, test } from '@jest/globals'
import type { E2eContext } from '../helpers/e2e.js'
import { runCell, type CellOptions } from './cell.js'
import { SPECIAL_CASES } from './matrix.js'

type Arrangement = Omit<CellOptions, 'row' | 'expected'>

/** A restart that outlasts restart-timeout; the rerun comes while the tenant is still finishing it. */
const stuckRestart: Arrangement = {
  arrange: (e2e) => e2e.emulator.upper.setRestartMs(600_000),
  inputs: { 'restart-timeout': '1', 'poll-interval': '0.2' },
  recover: (e2e) => {
    e2e.emulator.upper.setRestartMs(150)
    e2e.emulator.upper.state.restart.readyAt = Date.now() + 1000
  }
}
const refusedRestart: Arrangement = {
  rules: [
    { tenant: 'upper', method: 'POST', path: '/environment/startup', status: 400, body: '{"code":400,"message":"Restart not allowed"}' }
  ]
}
const failNext =
  (kind: 'promotion' | 'dry-run' | 'rollback'): Arrangement['arrange'] =>
  (e2e: E2eContext) =>
    e2e.emulator.promotion.failNextRun('Restart workloads failed', kind)

const ARRANGEMENTS: Record<(typeof SPECIAL_CASES)[number]['id'], Arrangement> = {
  'restart-stuck': stuckRestart,
  'restart-refused': refusedRestart,
  'esv-restart-stuck': stuckRestart,
  'rotation-restart-refused': refusedRestart,
  'rotation-restart-stuck': stuckRestart,
  'promotion-error': { arrange: failNext('promotion') },
  'dry-run-error': { arrange: failNext('dry-run') },
  'rollback-error': { arrange: failNext('rollback') },
  'lock-stuck': {
    arrange: (e2e) => e2e.emulator.promotion.pause('locking'),
    inputs: { 'promotion-timeout': '1' },
    // The job ends; by the time the post step runs the tenant has settled the lock, and the post step releases it.
    beforePost: (e2e) => e2e.emulator.promotion.resume('locking')
  },
  'lock-conflict': { rules: [{ tenant: 'upper', method: 'POST', path: '/environment/promotion/lock', status: 409 }] },
  'promote-conflict': { rules: [{ tenant: 'upper', method: 'POST', path: '/environment/promotion/promote', after: 1, status: 409 }] },
  'unlock-conflict': { rules: [{ tenant: 'upper', method: 'DELETE', path: /^\/environment\/promotion\/lock\//, status: 409, times: 3 }] },
  'unlock-conflict-persistent': {
    rules: [{ tenant: 'upper', method: 'DELETE', path: /^\/environment\/promotion\/lock\//, status: 409 }],
    inputs: { 'promotion-timeout': '1' }
  }
}

// Each case has its own emulator and waits on timers, not the CPU: they run side by side.
describe('operation-specific faults', () => {
  test.concurrent.each(SPECIAL_CASES.map((c) => [`${c.row}: ${c.label}`, c] as const))(
    '%s',
    async (_name, specialCase) => {
      await runCell({ row: specialCase.row, expected: specialCase.expected, ...ARRANGEMENTS[specialCase.id] })
    },
    90_000
  )
})
