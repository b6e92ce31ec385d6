import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { connectionInputs, FAST_WAITS, requestsTo, startE2e, type E2eContext } from '../helpers/e2e.js'
import { addToLower, promotionInputs } from '../helpers/promotion.js'

/**
 * The sub-actions run the same bundle through `../dist/index.js`, resolved from
 * their own folder as the runner resolves it, with their own action.yml's
 * defaults: proven by running them, not by reading them.
 */
describe('one action per family', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ restartMs: 300 })
  })
  afterEach(() => e2e.close())

  test('tenant-pilot/restart needs no operation input: its action.yml defaults it', async () => {
    const run = await e2e.run({ action: 'restart', inputs: { ...connectionInputs(e2e.emulator), ...FAST_WAITS } })
    expect(run.main.exitCode).toBe(0)
    expect(run.main.outputs['restart-status']).toBe('ready')
    expect(requestsTo(e2e.emulator, 'upper').filter((r) => r === 'POST /environment/startup?_action=restart')).toHaveLength(1)
  })

  test('tenant-pilot/promote runs the operation it is given (promotion-report shows a change without locking)', async () => {
    addToLower(e2e.emulator, { name: 'Login' })
    const run = await e2e.run({ action: 'promote', inputs: { ...promotionInputs(e2e.emulator, 'promotion-report'), comment: 'false' } })
    expect(run.main.exitCode).toBe(0)
    expect(run.main.outputs['has-changes']).toBe('true')
    expect(requestsTo(e2e.emulator, 'upper').some((r) => r.includes('/environment/promotion/lock'))).toBe(false)
  })

  test('without operation, tenant-pilot/promote fails with one line before any request', async () => {
    const run = await e2e.run({ action: 'promote', inputs: { ...connectionInputs(e2e.emulator), ...FAST_WAITS } })
    expect(run.main.exitCode).toBe(1)
    expect(run.main.stdout).toMatch(/operation/)
    expect(e2e.emulator.log).toEqual([])
  })
})
