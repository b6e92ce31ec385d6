/**
 * The gate holds under faults, for promotion runs and the lock: a lost start
 * never lets an old report pass for a new run (so nothing unapproved is
 * promoted), a lock whose id this run did not receive is never adopted, a
 * cancellation during the lock request leaves nothing locked, and an unlock
 * answered 409 forever is retried with growing pauses. Each through dist/index.js.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, requestsTo, startE2e, type E2eContext } from '../helpers/e2e.js'
import { addToLower as addToLowerConfig } from '../helpers/promotion.js'
import { expectCleanPost } from './cell.js'
import { GATE_CASES_PROMOTION } from './gate-promotion.cases.js'
import { CELL_RETRY_DELAY } from './matrix.js'

const gate = (id: string): string => {
  const found = GATE_CASES_PROMOTION.find((c) => c.id === id)
  if (!found) throw new Error(`no gate case ${id}`)
  return `[gate:${found.id}] ${found.fault}`
}

const START_POST = { tenant: 'upper', method: 'POST', path: '/environment/promotion/promote' } as const
/**
 * The look after the lost start (the second progress read of the run, after the one before the start) comes
 * a second later, as it does within a real settle window: a time stamp of the read has moved by then.
 */
const LATE_LOOK = { tenant: 'upper', method: 'GET', path: '/environment/promotion/promote', after: 1, times: 1, delayMs: 1100 } as const

describe('the gate under faults: promotion runs and the lock', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ promotionLockMs: 60, promotionRunMs: 200 })
  })
  afterEach(() => e2e.close())

  const inputs = (operation: string, extra: Record<string, string> = {}): Record<string, string> => ({
    operation,
    ...connectionInputs(e2e.emulator),
    ...FAST_WAITS,
    'retry-delay': CELL_RETRY_DELAY,
    // Keeps the settle window after a lost start at its 10 s floor (3 × request-timeout otherwise).
    'request-timeout': '2',
    comment: 'false',
    ...extra
  })
  const addToLower = (name: string): void => addToLowerConfig(e2e.emulator, { name })
  const writes = () => requestsTo(e2e.emulator, 'upper').filter((r) => r.includes('/promotion/') && !r.startsWith('GET'))
  const upperNames = () => [...e2e.emulator.promotion.config('upper').values()].map((entry) => entry.name)

  test(gate('lost-dry-run-start-promote'), async () => {
    const approved = await e2e.run({ inputs: inputs('dry-run-promote') })
    expect(approved.main.exitCode).toBe(0)
    const approvedReport = approved.main.outputs['report-id']
    addToLower('SneakyJourney')
    e2e.emulator.log.length = 0
    e2e.emulator.fault({ ...START_POST, drop: true, times: 1 })
    e2e.emulator.fault(LATE_LOOK)

    const result = await e2e.run({
      inputs: inputs('promote', {
        'approved-fingerprint': approved.main.outputs['report-fingerprint']!,
        'report-id': approved.main.outputs['report-id']!
      }),
      post: true
    })
    expect(result.main.exitCode).toBe(1)
    const [error] = errorLines(result.main)
    expect(error).toContain('The lower environment changed since the dry run that was approved')
    // The lost start was looked for, found not to have taken effect, and sent again: one new dry run.
    expect(writes().filter((w) => w === 'POST /environment/promotion/promote')).toHaveLength(2)
    expect(e2e.emulator.log.filter((e) => e.method === 'POST' && e.path === START_POST.path).map((e) => e.fault ?? 'none')).toEqual([
      'drop',
      'none'
    ])
    expect(e2e.emulator.promotion.runs.map((r) => r.dryRun)).toEqual([true, true])
    expect(e2e.emulator.promotion.reports.at(-1)?.reportId).not.toBe(approvedReport)
    expect(e2e.emulator.promotion.runs.filter((r) => !r.dryRun)).toEqual([])
    expect(upperNames()).not.toContain('SneakyJourney')
    expectCleanPost(result)
    expect(e2e.emulator.promotion.lockState().result).toBe('unlocked')
  })

  test(gate('lost-dry-run-start-dry-run-promote'), async () => {
    const first = await e2e.run({ inputs: inputs('dry-run-promote') })
    expect(first.main.exitCode).toBe(0)
    addToLower('PasswordReset')
    e2e.emulator.fault({ ...START_POST, drop: true, times: 1 })
    e2e.emulator.fault(LATE_LOOK)

    const second = await e2e.run({ inputs: inputs('dry-run-promote'), post: true })
    expect(second.main.exitCode).toBe(0)
    const newest = e2e.emulator.promotion.reports.at(-1)!
    expect(e2e.emulator.promotion.reports).toHaveLength(2)
    expect(second.main.outputs['report-id']).toBe(newest.reportId)
    expect(second.main.outputs['report-id']).not.toBe(first.main.outputs['report-id'])
    expect(second.main.outputs['report-fingerprint']).not.toBe(first.main.outputs['report-fingerprint'])
    expect(second.main.summary).toContain('PasswordReset')
    expectCleanPost(second)
  })

  test(gate('lost-lock-answer-other-takes-lock'), async () => {
    e2e.emulator.promotion.giveNextLockTo('other-team')
    e2e.emulator.fault({ tenant: 'upper', method: 'POST', path: '/environment/promotion/lock', handleThenDrop: true, times: 1 })

    const result = await e2e.run({ inputs: inputs('dry-run-promote'), post: true })
    expect(result.main.exitCode).toBe(1)
    const [error] = errorLines(result.main)
    expect(error).toMatch(/^The lock request got no answer, and now promotion other-team holds the lock \(lock state: locked\)/)
    expect(error).toContain('does not take the lock as its own and leaves it alone')
    expect(error).toContain('release it with the unlock operation and promotion-id: other-team')
    expect(result.main.stdout).not.toContain('taking it as ours')
    // Sent once, never adopted: no run under it, no unlock of it.
    expect(writes()).toEqual(['POST /environment/promotion/lock'])
    expect(e2e.emulator.promotion.runs).toEqual([])
    expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId: 'other-team' })
    expectCleanPost(result)
  })

  test.each(['SIGTERM', 'SIGINT'] as const)(`${gate('cancelled-during-lock-request')}: %s`, async (signal) => {
    e2e.emulator.fault({ tenant: 'upper', method: 'POST', path: '/environment/promotion/lock', delayMs: 1500, times: 1 })

    const result = await e2e.run({
      inputs: inputs('dry-run-promote'),
      interrupt: { signal, when: /Requesting the promotion lock/ },
      post: true
    })
    expect(result.main.signal).toBe(signal)
    const saved = JSON.parse(result.main.state.promotionLock || '{}') as { promotionId?: string }
    const lockPost = e2e.emulator.log.find((e) => e.method === 'POST' && e.path === '/environment/promotion/lock')
    expect(lockPost).toMatchObject({ status: 202 })
    const deletes = writes().filter((w) => w.startsWith('DELETE'))
    expect(deletes).toHaveLength(1)
    const promotionId = deletes[0]!.split('/').at(-1)!
    expect(result.main.stdout).toContain(
      `Cancelled (${signal}) while the lock request was in flight; it took promotion ${promotionId}: releasing it`
    )
    expect(result.main.stdout).toContain(`Unlocked the environments (promotion ${promotionId})`)
    expect(saved.promotionId).toBeUndefined() // released, so cleared: the post step has nothing to do
    expect(writes().filter((w) => w === 'POST /environment/promotion/promote')).toEqual([])
    expectCleanPost(result)
    expect(e2e.emulator.promotion.lockState().result).toBe('unlocked')
  })

  test(gate('cancelled-lock-request-unanswered'), async () => {
    e2e.emulator.fault({ tenant: 'upper', method: 'POST', path: '/environment/promotion/lock', delayMs: 6500, times: 1 })

    const result = await e2e.run({
      inputs: inputs('dry-run-promote', { 'request-timeout': '10' }),
      interrupt: { signal: 'SIGTERM', when: /Requesting the promotion lock/ },
      post: true
    })
    expect(result.main.signal).toBe('SIGTERM')
    expect(JSON.parse(result.main.state.promotionLock || '{}')).toEqual({ tenantUrl: e2e.emulator.upper.url, inFlight: true })
    const holder = e2e.emulator.promotion.lockState().promotionId!
    expect(holder).toBeDefined()
    expect(result.post?.exitCode).toBe(0)
    expect(result.post ? errorLines(result.post) : []).toEqual([
      expect.stringMatching(
        new RegExp(
          `^post: the lock state reads lock(ing|ed) \\(.*\\), held by promotion ${holder}, and this run never received the id .*promotion-id: ${holder}$`
        )
      )
    ])
    // Never released by an id this run cannot prove its own.
    expect(writes()).toEqual(['POST /environment/promotion/lock'])
    expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: expect.stringMatching(/^lock(ing|ed)$/), promotionId: holder })
  })

  test(gate('unlock-conflict-forever'), async () => {
    e2e.emulator.promotion.holdLock('left-behind')
    e2e.emulator.fault({ tenant: 'upper', method: 'DELETE', path: '/environment/promotion/lock/left-behind', status: 409 })

    const result = await e2e.run({ inputs: inputs('unlock', { 'promotion-id': 'left-behind', 'promotion-timeout': '3' }) })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)).toEqual([expect.stringMatching(/^Timed out after .* waiting for the unlock .*raise promotion-timeout/)])
    const calls = requestsTo(e2e.emulator, 'upper').filter((r) => r.includes('/promotion/lock'))
    const deletes = calls.filter((r) => r.startsWith('DELETE'))
    // Pauses of 0.05, 0.1, 0.2, 0.4, 0.8, 1.6 s: six attempts fit in 3 s (one at every 0.05 s poll would be 60).
    expect(deletes.length).toBeGreaterThanOrEqual(3)
    expect(deletes.length).toBeLessThanOrEqual(7)
    // The state is read before each attempt.
    calls.forEach((call, i) => {
      if (call.startsWith('DELETE')) expect(calls[i - 1]).toBe('GET /environment/promotion/lock/state')
    })
    expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId: 'left-behind' })
  })
})
