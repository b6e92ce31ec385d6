/**
 * Cancellation at each stage of each long operation: the step is killed with
 * SIGTERM or SIGINT, the post step runs with the saved state (as the runner
 * does after a cancelled job), and then nothing is left locked, and a rerun
 * reaches the intended end state without doing the work twice.
 */
import { describe, expect, test } from '@jest/globals'
import { sleep } from '../emulator/client.js'
import type { E2eContext } from '../helpers/e2e.js'
import { expectCleanPost, expectNothingLocked, expectOutcome, runScenario, startScenario } from './cell.js'
import { INTERRUPT_CASES, INTERRUPT_SIGNALS, type InterruptCase } from './matrix.js'
import { SCENARIOS } from './scenarios.js'

/** Slow enough that each stage is still going when the kill lands. */
function slowDown(e2e: E2eContext, stage: InterruptCase['id']): void {
  e2e.emulator.upper.setRestartMs(1500)
  e2e.emulator.promotion.setLockMs(500)
  e2e.emulator.promotion.setRunMs(1200)
  if (stage === 'esv-writing') e2e.emulator.fault({ tenant: 'upper', method: 'PUT', path: /^\/environment\/variables\//, delayMs: 500 })
}

const cases = INTERRUPT_CASES.flatMap((c) => INTERRUPT_SIGNALS.map((signal) => [`${c.row}, ${c.stage}: ${signal}`, c, signal] as const))

// Each case has its own emulator and waits on its slowed-down tenant, not the CPU: they run side by side.
describe('cancellation at each stage, then the post step', () => {
  test.concurrent.each(cases)(
    '%s',
    async (_name, interruptCase, signal) => {
      const scenario = SCENARIOS[interruptCase.row]
      const e2e = await startScenario(scenario)
      try {
        slowDown(e2e, interruptCase.id)
        const killed = await runScenario(e2e, scenario, {}, { interrupt: { signal, when: interruptCase.when }, post: true })
        expect(killed.main.signal).toBe(signal)
        expectCleanPost(killed)
        if (scenario.locks) expectNothingLocked(e2e)

        // The tenant finishes what it had begun; then the same step again reaches the end state, doing nothing twice.
        // What the tenant begins from now on takes the scenario's own (quick) times again: no kill has to land.
        e2e.emulator.clearFaults()
        e2e.emulator.upper.setRestartMs(scenario.start?.restartMs ?? 150)
        e2e.emulator.promotion.setLockMs(scenario.start?.promotionLockMs ?? 60)
        e2e.emulator.promotion.setRunMs(scenario.start?.promotionRunMs ?? 200)
        // Writes the killed step had in flight still land (they were slowed down by 500 ms).
        if (interruptCase.id === 'esv-writing') await sleep(800)
        if (interruptCase.row === 'rollback') {
          await waitFor(() => e2e.emulator.promotion.runs.at(-1)?.status !== 'RUNNING')
          scenario.verify(e2e.emulator, killed)
          return
        }
        const rerun = await runScenario(e2e, scenario)
        expectOutcome(rerun.main, { ok: true })
        scenario.verify(e2e.emulator, rerun)
      } finally {
        await e2e.close()
      }
    },
    90_000
  )
})

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error('waitFor: timed out')
    await sleep(50)
  }
}
