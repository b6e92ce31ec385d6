import { describe, expect, test } from '@jest/globals'
import { ApiError, TimeoutError, UnavailableError } from '../../src/errors.js'
import { poll } from '../../src/poller.js'

/** A fake clock: sleeping advances time instantly, so no test waits for real. */
function fakeClock() {
  let now = 0
  return { now: () => now, sleep: async (ms: number) => void (now += ms), advance: (ms: number) => void (now += ms) }
}

const apiError = (status: number) => new ApiError({ method: 'GET', path: '/environment/startup', status })

describe('poll', () => {
  test('returns the first value that is done, counting checks', async () => {
    const clock = fakeClock()
    const states = ['restarting', 'restarting', 'ready']
    const result = await poll({
      what: 'the restart',
      intervalMs: 1000,
      timeoutMs: 10_000,
      timeoutInput: 'restart-timeout',
      check: async () => states.shift() ?? 'ready',
      describe: (s) => s,
      done: (s) => s === 'ready',
      ...clock
    })
    expect(result).toEqual({ value: 'ready', elapsedMs: 2000, checks: 3 })
  })

  test('an initial state not yet done: the first check waits one interval instead of repeating it', async () => {
    const clock = fakeClock()
    const checkedAt: number[] = []
    const states = ['restarting', 'ready']
    const result = await poll({
      what: 'the restart',
      intervalMs: 1000,
      timeoutMs: 10_000,
      timeoutInput: 'restart-timeout',
      check: async () => {
        checkedAt.push(clock.now())
        return states.shift() ?? 'ready'
      },
      describe: (s) => s,
      done: (s) => s === 'ready',
      initial: 'restarting',
      ...clock
    })
    expect(checkedAt).toEqual([1000, 2000])
    expect(result).toEqual({ value: 'ready', elapsedMs: 2000, checks: 2 })
  })

  test('without an initial state the first check is at once, then one per interval', async () => {
    const clock = fakeClock()
    const checkedAt: number[] = []
    await poll({
      what: 'the restart',
      intervalMs: 1000,
      timeoutMs: 10_000,
      timeoutInput: 'restart-timeout',
      check: async () => {
        checkedAt.push(clock.now())
        return checkedAt.length >= 3 ? 'ready' : 'restarting'
      },
      describe: (s) => s,
      done: (s) => s === 'ready',
      ...clock
    })
    expect(checkedAt).toEqual([0, 1000, 2000])
  })

  test('an initial state never ends the wait by itself, and the timeout still holds', async () => {
    const clock = fakeClock()
    let checks = 0
    const run = poll({
      what: 'the restart',
      intervalMs: 1000,
      timeoutMs: 2500,
      timeoutInput: 'restart-timeout',
      check: async () => {
        checks++
        return 'restarting'
      },
      describe: (s) => s,
      done: (s) => s === 'ready',
      initial: 'restarting',
      ...clock
    })
    await expect(run).rejects.toThrow(/raise restart-timeout/)
    expect(checks).toBe(3) // at 1000, 2000 and the deadline, 2500
    expect(clock.now()).toBe(2500)
  })

  test('times out naming the input and the last state', async () => {
    const clock = fakeClock()
    const run = poll({
      what: 'the restart',
      intervalMs: 1000,
      timeoutMs: 3500,
      timeoutInput: 'restart-timeout',
      check: async () => 'restarting',
      describe: (s) => s,
      done: () => false,
      ...clock
    })
    await expect(run).rejects.toThrow(TimeoutError)
    await expect(run).rejects.toThrow(/waiting for the restart \(last state: restarting\); raise restart-timeout/)
    expect(clock.now()).toBe(3500)
  })

  test('tolerates a few transient failures in a row', async () => {
    const clock = fakeClock()
    const answers: Array<string | Error> = [apiError(503), new UnavailableError('reset'), apiError(502), 'ready']
    const result = await poll({
      what: 'x',
      intervalMs: 10,
      timeoutMs: 1000,
      timeoutInput: 't',
      check: async () => {
        const a = answers.shift()
        if (a instanceof Error) throw a
        return a ?? 'ready'
      },
      describe: (s) => s,
      done: (s) => s === 'ready',
      ...clock
    })
    expect(result.value).toBe('ready')
  })

  test('gives up after more consecutive failures than tolerated', async () => {
    const clock = fakeClock()
    await expect(
      poll({
        what: 'x',
        intervalMs: 10,
        timeoutMs: 1000,
        timeoutInput: 't',
        maxConsecutiveErrors: 2,
        check: async () => {
          throw apiError(503)
        },
        describe: String,
        done: () => true,
        ...clock
      })
    ).rejects.toThrow(/HTTP 503/)
  })

  test('does not tolerate a client error', async () => {
    const clock = fakeClock()
    let checks = 0
    await expect(
      poll({
        what: 'x',
        intervalMs: 10,
        timeoutMs: 1000,
        timeoutInput: 't',
        check: async () => {
          checks++
          throw apiError(403)
        },
        describe: String,
        done: () => true,
        ...clock
      })
    ).rejects.toThrow(/HTTP 403/)
    expect(checks).toBe(1)
  })
})
