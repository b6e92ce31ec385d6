import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { DEFAULT_RETRY_POLICY } from '../../src/http/retry.js'
import { clientTiming, DEFAULT_HTTP_SETTINGS } from '../../src/http/settings.js'
import { INPUT_WAITS, lookIntervalMs, selfUnlockBoundMs, settleWindowMs } from '../../src/waits.js'
import { parseSource, SOURCE_FILE } from '../../scripts/action-surface.js'
import { inputParser } from '../helpers/inputs.js'

const source = parseSource(readFileSync(SOURCE_FILE, 'utf8'))
const declared = Object.fromEntries(source.inputs.flatMap((group) => Object.entries(group.inputs)))
const WAITS = Object.values(INPUT_WAITS)

/** An operation that reads every wait input it is given (each is read by the operations that use it). */
const OPERATION_OF: Record<string, Record<string, string>> = {
  'key-proof-timeout': {
    operation: 'rotate-service-account-key',
    'target-service-account-id': 'ci-reader',
    'target-service-account-key': JSON.stringify({
      kty: 'RSA',
      n: 'bg',
      e: 'AQAB',
      d: 'ZA',
      p: 'cA',
      q: 'cQ',
      dp: 'ZHA',
      dq: 'ZHE',
      qi: 'cWk'
    }),
    'store-in-file': 'ci-reader.json'
  },
  'domain-verify-timeout': { operation: 'set-tenant-settings', 'settings-file': 'tenant/settings.yaml' },
  'hold-lock-timeout': { operation: 'dry-run-promote', 'hold-lock': 'true' }
}

const { parse, problems } = inputParser({
  operation: 'restart',
  'tenant-url': 'https://openam-acme-dev.forgeblocks.com',
  'access-token': 'an-access-token'
})

/** The parsed milliseconds of one wait input, wherever parseInputs keeps it. */
function parsedMs(input: string, value: string | undefined): number | undefined {
  const inputs = parse({ ...OPERATION_OF[input], [input]: value })
  const byInput: Record<string, number | undefined> = {
    'restart-timeout': inputs.waits.restartTimeoutMs,
    'promotion-timeout': inputs.waits.promotionTimeoutMs,
    'poll-interval': inputs.waits.pollIntervalMs,
    'lock-timeout': inputs.waits.lockTimeoutMs,
    'request-timeout': inputs.http.requestTimeoutMs,
    'retry-delay': inputs.http.retryBaseDelayMs,
    'settle-window': inputs.http.settleWindowMs,
    'key-proof-timeout': inputs.serviceAccounts.rotate?.proofTimeoutMs,
    'domain-verify-timeout': inputs.tenantSettings.settings?.domainVerifyTimeoutMs,
    'github-rate-limit-timeout': inputs.github.rateLimitTimeoutMs,
    'hold-lock-timeout': inputs.promotion.holdLockTimeoutMs
  }
  if (!(input in byInput)) throw new Error(`no parsed value known for ${input}`)
  return byInput[input]
}

describe('every wait from one place (src/waits.ts)', () => {
  test.each(WAITS.map((wait) => [wait.input, wait] as const))(
    '%s is declared in action.source.yml with the same default, and documented',
    (input, wait) => {
      const { default: given, description } = declared[input]!
      // The runner's default, or (where the input is read by operations that do not all use it) the one the description states.
      if (wait.defaultSeconds === undefined) expect(given).toBeUndefined()
      else if (given === undefined) expect(description).toContain(`Default ${wait.defaultSeconds} `)
      else expect(given).toBe(String(wait.defaultSeconds))
      expect(description).toMatch(/^([^—]+ — )?[Ss]econds /)
    }
  )

  test.each(WAITS.map((wait) => [wait.input, wait] as const))(
    '%s: unset gives the production default; its bounds are checked',
    (input, wait) => {
      expect(parsedMs(input, undefined)).toBe(wait.defaultSeconds === undefined ? undefined : wait.defaultSeconds * 1000)
      expect(parsedMs(input, String(wait.minSeconds))).toBe(wait.minSeconds * 1000)
      expect(parsedMs(input, String(wait.maxSeconds))).toBe(wait.maxSeconds * 1000)
      expect(problems({ ...OPERATION_OF[input], [input]: String(wait.maxSeconds + 1) })).toEqual([
        `${input}: expected a number of seconds from ${wait.minSeconds} to ${wait.maxSeconds}, got "${wait.maxSeconds + 1}"`
      ])
    }
  )

  test('the HTTP layer takes its defaults from there', () => {
    expect(DEFAULT_HTTP_SETTINGS).toEqual({ requestTimeoutMs: 60_000, retryBaseDelayMs: 500 })
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, maxElapsedMs: 120_000 })
    expect(clientTiming(DEFAULT_HTTP_SETTINGS).settleWindowMs).toBeUndefined()
    expect(clientTiming({ ...DEFAULT_HTTP_SETTINGS, settleWindowMs: 1500 }).settleWindowMs).toBe(1500)
  })
})

describe('waits that follow from the inputs', () => {
  test('the settle window: settle-window when given, else three request-timeouts, at least 10 s (180 s by default)', () => {
    expect(settleWindowMs(DEFAULT_HTTP_SETTINGS)).toBe(180_000)
    expect(settleWindowMs({ requestTimeoutMs: 1000 })).toBe(10_000)
    expect(settleWindowMs({ requestTimeoutMs: 5000 })).toBe(15_000)
    expect(settleWindowMs({ requestTimeoutMs: 60_000, settleWindowMs: 500 })).toBe(500)
  })

  test('looks within the window come every tenth of it, from 0.5 s to 5 s apart', () => {
    expect(lookIntervalMs(180_000)).toBe(5_000)
    expect(lookIntervalMs(15_000)).toBe(1_500)
    expect(lookIntervalMs(10_000)).toBe(1_000)
    expect(lookIntervalMs(1_000)).toBe(500)
  })

  test('a run that unlocks by itself is waited for six poll-intervals, at least a minute, at most promotion-timeout', () => {
    expect(selfUnlockBoundMs({ pollIntervalMs: 10_000, promotionTimeoutMs: 3_600_000 })).toBe(60_000)
    expect(selfUnlockBoundMs({ pollIntervalMs: 30_000, promotionTimeoutMs: 3_600_000 })).toBe(180_000)
    expect(selfUnlockBoundMs({ pollIntervalMs: 50, promotionTimeoutMs: 20_000 })).toBe(20_000)
  })
})
