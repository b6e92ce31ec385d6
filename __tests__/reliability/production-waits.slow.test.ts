/**
 * [slow] Each kind of wait the action makes, once, at the value users get (src/waits.ts). The fault
 * matrix and the e2e tests shorten the waits through inputs (settle-window, retry-delay, poll-interval,
 * request-timeout, the timeouts) and the emulator's declared timings; this file runs the same cells and
 * steps with those inputs unset (as the runner passes an input nobody set: empty), so the defaults
 * themselves are proven. Each test waits on timers, not on the CPU, so they run side by side.
 */
import { describe, expect, test } from '@jest/globals'
import type { ActionRun } from '../../tools/local-runner.js'
import { connectionInputs, requestsTo, startE2e, type E2eContext, UNREVIEWED_APPLY } from '../helpers/e2e.js'
import { runCell } from './cell.js'
import { expectation, FAULTS, ROWS, type FaultId, type RowId } from './matrix.js'
import { SCENARIOS, tokenPath } from './scenarios.js'

/** A production wait of 10 s (poll-interval, the settle window's floor) plus the step around it, with room for a loaded machine. */
const SLOW_TEST_MS = 90_000

/** Unset, as the runner passes an input no one set: the action's own default applies. */
const UNSET = ''

const row = (id: RowId) => ROWS.find((r) => r.id === id)!
const fault = (id: FaultId) => FAULTS.find((f) => f.id === id)!
const rulesOf = (rowId: RowId, faultId: FaultId) => {
  const target = SCENARIOS[rowId].target
  return fault(faultId).rules(target, tokenPath(target.tenant))
}

/** Seconds of the step's log line `<what> … (N s elapsed)`: the elapsed time the wait itself measured. */
function elapsedSeconds(run: ActionRun, what: RegExp): number {
  const match = new RegExp(`${what.source}[^\\n]* \\((\\d+(?:\\.\\d)?) s elapsed\\)`).exec(run.main.stdout)
  expect(match).not.toBeNull()
  return Number(match![1])
}

describe('[slow] every kind of wait at its production value', () => {
  test.concurrent(
    '[slow] settle window: three request-timeouts, at least 10 s — a lost create-csr is looked for 10 s, once a second, then named outcome unknown',
    async () => {
      let looks = 0
      await runCell({
        row: 'create-csr',
        expected: expectation(row('create-csr'), 'bad-gateway'),
        rules: rulesOf('create-csr', 'bad-gateway'),
        // request-timeout 3 s (the scenario's): three of them are 9 s, under the 10 s floor.
        inputs: { 'settle-window': UNSET },
        inspect: (run, e2e) => {
          expect(run.main.stdout).toContain('looking for it for up to 10 s (settle-window), as the tenant may apply it late')
          expect(run.main.stdout).toMatch(/::error::Creating the CSR: outcome unknown .*; not found after looking for 10 s\./)
          // Looked at once, then every tenth of the window until it was over: 11 looks after the one POST.
          const requests = requestsTo(e2e.emulator, 'upper')
          const post = requests.indexOf('POST /environment/csrs')
          looks = requests.slice(post + 1).filter((r) => r.startsWith('GET /environment/csrs')).length
        }
      })
      expect(looks).toBe(11)
    },
    SLOW_TEST_MS
  )

  test.concurrent(
    '[slow] retry back-off: 0.5 s before the first retry, doubling, with jitter (half to all of it)',
    async () => {
      const delays: number[] = []
      await runCell({
        row: 'restart',
        expected: expectation(row('restart'), 'rate-limited'),
        rules: rulesOf('restart', 'rate-limited'),
        inputs: { 'retry-delay': UNSET },
        inspect: (run) => {
          for (const [, seconds] of run.main.stdout.matchAll(/POST \/environment\/startup got HTTP 429; retrying in (\d+\.\d) s/g))
            delays.push(Number(seconds))
        }
      })
      expect(delays).toHaveLength(2)
      // 0.25–0.5 s, then 0.5–1 s, as the log rounds them to a tenth.
      expect(delays[0]).toBeGreaterThanOrEqual(0.2)
      expect(delays[0]).toBeLessThanOrEqual(0.5)
      expect(delays[1]).toBeGreaterThanOrEqual(0.5)
      expect(delays[1]).toBeLessThanOrEqual(1)
    },
    SLOW_TEST_MS
  )

  test.concurrent(
    '[slow] the lock settling after an unlock is read every poll-interval (10 s), within promotion-timeout (an hour)',
    async () => {
      let elapsed = 0
      let lockReads = 0
      await runCell({
        row: 'unlock',
        expected: { ok: true },
        // The emulator's own lock timing (1 s to unlock), not the scenario's quick one.
        arrange: (e2e: E2eContext) => e2e.emulator.promotion.setLockMs(1000),
        inputs: { 'poll-interval': UNSET, 'promotion-timeout': UNSET },
        inspect: (run, e2e) => {
          elapsed = elapsedSeconds(run, /Waiting for the unlock: unlocked /)
          lockReads = requestsTo(e2e.emulator, 'upper').filter((r) => r === 'GET /environment/promotion/lock/state').length
        }
      })
      // Read before (held), read and unlocked, read again one poll-interval later: unlocked.
      expect(elapsed).toBeGreaterThanOrEqual(10)
      expect(elapsed).toBeLessThan(20)
      expect(lockReads).toBe(3)
    },
    SLOW_TEST_MS
  )

  test.concurrent(
    '[slow] a restart is read every poll-interval (10 s), within restart-timeout (15 min)',
    async () => {
      let statusReads = 0
      let elapsed = 0
      await runCell({
        row: 'restart',
        expected: { ok: true },
        // The emulator's own restart timing (2 s), not the scenario's quick one.
        arrange: (e2e: E2eContext) => e2e.emulator.upper.setRestartMs(2000),
        inputs: { 'poll-interval': UNSET, 'restart-timeout': UNSET },
        inspect: (run, e2e) => {
          elapsed = elapsedSeconds(run, /Waiting for the restart: ready/)
          statusReads = requestsTo(e2e.emulator, 'upper').filter((r) => r === 'GET /environment/startup').length
        }
      })
      // The check before, then (the restart's answer said "restarting") the first check one poll-interval later: ready.
      expect(elapsed).toBeGreaterThanOrEqual(10)
      expect(elapsed).toBeLessThan(20)
      expect(statusReads).toBe(2)
    },
    SLOW_TEST_MS
  )

  test.concurrent(
    '[slow] key proof: a new key is asked for a token every poll-interval (10 s), within key-proof-timeout (2 min)',
    async () => {
      let summary = ''
      await runCell({
        row: 'rotate-service-account-key',
        expected: { ok: true },
        inputs: { 'poll-interval': UNSET, 'key-proof-timeout': UNSET },
        inspect: (run) => {
          summary = run.main.summary
        }
      })
      // The emulator trusts a new key 300 ms after it is added: refused at once, accepted at the next try.
      const proven = /accepted by the tenant after (\d+(?:\.\d)?) s/.exec(summary)
      expect(proven).not.toBeNull()
      expect(Number(proven![1])).toBeGreaterThanOrEqual(10)
      expect(Number(proven![1])).toBeLessThan(20)
    },
    SLOW_TEST_MS
  )

  test.concurrent(
    '[slow] domain verification: a CNAME still propagating is asked again every poll-interval (10 s), within domain-verify-timeout (1 min)',
    async () => {
      // The emulator's own DNS delay (1 s after the first verification) and certificate timings.
      const e2e = await startE2e()
      try {
        e2e.emulator.upper.state.settings.cnameRecords.add('login.acme.example')
        const run = await e2e.run({
          inputs: {
            operation: 'set-tenant-settings',
            'settings-file': 'tenant/settings.yaml',
            ...connectionInputs(e2e.emulator),
            ...UNREVIEWED_APPLY
          },
          files: { 'tenant/settings.yaml': 'custom-domains:\n  alpha: [login.acme.example]\n' }
        })
        expect({ exitCode: run.main.exitCode, stderr: run.main.stderr }).toEqual({ exitCode: 0, stderr: '' })
        const verifies = e2e.emulator.log.filter((entry) => entry.tenant === 'upper' && entry.query.includes('_action=verify'))
        expect(verifies.map((entry) => entry.status)).toEqual([400, 200])
        const elapsed = elapsedSeconds(run, /Waiting for the CNAME of custom domain login\.acme\.example to verify: verified/)
        expect(elapsed).toBeGreaterThanOrEqual(10)
        expect(elapsed).toBeLessThan(20)
        expect(e2e.emulator.upper.state.settings.customDomains.alpha).toEqual(['login.acme.example'])
      } finally {
        await e2e.close()
      }
    },
    SLOW_TEST_MS
  )
})
