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
  // The rotation's restart runs until its rerun has looked at it (endRestartOnceLookedAt).
  e2e.emulator.upper.setRestartMs(stage === 'rotation-restarting' ? 600_000 : 1500)
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
        const stopWatching = interruptCase.id === 'rotation-restarting' ? endRestartOnceLookedAt(e2e) : () => undefined
        const rerun = await runScenario(e2e, scenario).finally(stopWatching)
        expectOutcome(rerun.main, { ok: true })
        scenario.verify(e2e.emulator, rerun)
      } finally {
        await e2e.close()
      }
    },
    90_000
  )
})

/**
 * The restart the killed rotation waited for is still running when the rerun first reads the restart status,
 * however slow the machine, and ends just after: the rerun resumes that rotation (had the restart ended first,
 * the tenant would run the new version and a rerun would rightly rotate again).
 */
function endRestartOnceLookedAt(e2e: E2eContext): () => void {
  const from = e2e.emulator.log.length
  const timer = setInterval(() => {
    const looked = e2e.emulator.log
      .slice(from)
      .some((entry) => entry.tenant === 'upper' && entry.method === 'GET' && entry.path === '/environment/startup')
    if (!looked) return
    e2e.emulator.upper.state.restart.readyAt = Date.now() + 200
    clearInterval(timer)
  }, 20)
  return () => clearInterval(timer)
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error('waitFor: timed out')
    await sleep(50)
  }
}
