import { expect, test } from '@jest/globals'
import { runBounded } from '../../src/concurrency.js'

test('runs at most `limit` tasks at once, keeps order, and runs every item despite failures', async () => {
  let inFlight = 0
  let peak = 0
  const results = await runBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    inFlight++
    peak = Math.max(peak, inFlight)
    await new Promise((resolve) => setImmediate(resolve))
    inFlight--
    if (n % 3 === 0) throw new Error(`bad ${n}`)
    return n * 10
  })
  expect(peak).toBe(3)
  expect(results.map((r) => (r.ok ? r.value : `error ${r.item}`))).toEqual([10, 20, 'error 3', 40, 50, 'error 6', 70])
})

test('copes with no items', async () => {
  expect(await runBounded([], 8, async () => 1)).toEqual([])
})
