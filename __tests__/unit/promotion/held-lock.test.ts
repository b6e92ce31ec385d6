import { describe, expect, test } from '@jest/globals'
import { parseMarker, renderMarker, type CommentMarker } from '../../../src/github/marker.js'
import type { GitHubContext } from '../../../src/github/context.js'
import { InputError } from '../../../src/errors.js'
import { parseInputs } from '../../../src/inputs/index.js'
import { dryRunBlockers, runIsForPullRequest } from '../../../src/operations/dry-run-promote.js'
import { holdExpired, holdForPromote, newHold } from '../../../src/promotion/held-lock.js'
import { heldError } from '../../../src/promotion/lock.js'
import { assessReport } from '../../../src/report/fingerprint.js'
import { renderReport } from '../../../src/report/render.js'
import type { PromotionClient } from '../../../src/tenant/promotion.js'
import type { LockState } from '../../../src/tenant/types.js'

const TENANT = 'https://openam-acme-staging.forgeblocks.com'
const T0 = Date.parse('2026-12-01T10:00:00.000Z')
const waits = { pollIntervalMs: 1, promotionTimeoutMs: 2000, restartTimeoutMs: 1000, lockTimeoutMs: 0 }

describe('a held lock (hold-lock)', () => {
  test('is taken now and expires hold-lock-timeout later', () => {
    const held = newHold('p-1', T0, 3_600_000)
    expect(held).toEqual({ promotionId: 'p-1', takenAt: '2026-12-01T10:00:00.000Z', deadline: '2026-12-01T11:00:00.000Z' })
    expect(holdExpired(held, T0 + 3_599_999)).toBe(false)
    expect(holdExpired(held, T0 + 3_600_000)).toBe(true)
    expect(holdExpired({ ...held, deadline: 'not a date' }, T0)).toBe(true)
  })

  test('rides in the marker, and a malformed one is dropped', () => {
    const marker: CommentMarker = { tenant: TENANT, operation: 'dry-run-promote', status: 'dry-run', heldLock: newHold('p-1', T0, 1000) }
    expect(parseMarker(renderMarker(marker), TENANT)?.heldLock).toEqual(marker.heldLock)
    const bad = `<!-- tenant-pilot:promotion tenant=${TENANT} {"operation":"dry-run-promote","status":"dry-run","heldLock":{"promotionId":"p-1","takenAt":"x","deadline":"never"}} -->`
    expect(parseMarker(bad, TENANT)?.heldLock).toBeUndefined()
  })

  test('is shown in the report with what releases it, and as expired once its deadline passed', () => {
    const view = {
      status: 'dry-run' as const,
      tenantUrl: TENANT,
      assessed: assessReport({ reportId: 'r-1', report: {} }),
      fullReportHint: '',
      heldLock: newHold('p-1', T0, 1000)
    }
    const during = renderReport({ ...view, at: new Date(T0 + 500) }, 65_536)
    expect(during).toContain('🔒 **The environments stay locked** by promotion `p-1` (hold-lock, taken 2026-12-01T10:00:00.000Z)')
    expect(during).toContain('after 2026-12-01T10:00:01.000Z (hold-lock-timeout) the next promotion run on this PR releases it')
    const after = renderReport({ ...view, at: new Date(T0 + 1000) }, 65_536)
    expect(after).toContain('Its hold-lock-timeout passed at 2026-12-01T10:00:01.000Z')
  })

  describe('promote under a held lock', () => {
    const tenant = (state: LockState) => {
      const calls: string[] = []
      const client = {
        lockState: async () => {
          calls.push('state')
          return state
        },
        unlock: async () => {
          calls.push('unlock')
          return { result: 'unlocking' }
        }
      }
      return { client: client as unknown as PromotionClient, calls }
    }

    test('promotion-id must hold the lock now; another holder is named with it, and nothing is sent', async () => {
      const other = tenant({ result: 'locked', promotionId: 'theirs' })
      await expect(holdForPromote(other.client, undefined, 'mine', waits)).rejects.toThrow(
        /^The lock is held by promotion theirs, not mine \(promotion-id\)/
      )
      expect(other.calls).toEqual(['state'])
      const free = tenant({ result: 'unlocked' })
      await expect(holdForPromote(free.client, undefined, 'mine', waits)).rejects.toThrow(/^promotion-id mine holds no lock/)
      expect(await holdForPromote(tenant({ result: 'locked', promotionId: 'mine' }).client, undefined, 'mine', waits)).toBe('mine')
    })

    test('a promotion-id other than the recorded hold is refused before any request', async () => {
      const { client, calls } = tenant({ result: 'locked', promotionId: 'p-1' })
      await expect(holdForPromote(client, newHold('p-1', T0, 1000), 'p-2', waits, T0)).rejects.toThrow(
        /^promotion-id p-2 is not the held lock the PR comment records \(promotion p-1\)/
      )
      expect(calls).toEqual([])
    })

    test('a recorded hold taken over by another promotion refuses naming both, and never unlocks', async () => {
      const { client, calls } = tenant({ result: 'locked', promotionId: 'theirs' })
      await expect(holdForPromote(client, newHold('p-1', T0, 1000), undefined, waits, T0)).rejects.toThrow(
        /^The approved dry run held the lock of promotion p-1 \(hold-lock\), but it is no longer held \(lock state: locked, held by promotion theirs\)/
      )
      expect(calls).toEqual(['state'])
    })

    test('no recorded hold and no promotion-id: a new lock, as without strict mode', async () => {
      const { client, calls } = tenant({ result: 'unlocked' })
      expect(await holdForPromote(client, undefined, undefined, waits)).toBeUndefined()
      expect(calls).toEqual([])
    })
  })
})

test('the held-lock error after lock-timeout says how long it waited', () => {
  expect(heldError({ result: 'locked', promotionId: 'other' }, 2500).message).toMatch(
    /^The promotion lock is held by another promotion \(promotion other\) \(lock state: locked\) after waiting 2\.5 s \(lock-timeout\); this run leaves that lock alone/
  )
})

describe('fail-on-blockers', () => {
  const github = (event: GitHubContext['event']) => ({ event }) as GitHubContext
  test('defaults to on when the run is for a pull request: pr-number, or the event’s pull request', () => {
    expect(runIsForPullRequest(7, github({}))).toBe(true)
    expect(runIsForPullRequest(undefined, github({ pull_request: { number: 7 } }))).toBe(true)
    expect(runIsForPullRequest(undefined, github({}))).toBe(false)
  })

  test('blockers are missing ESVs, and encrypted secrets unless ignored; previously ignored ones never', () => {
    const report = assessReport(
      { reportId: 'r', report: {}, missingESVs: ['esv-a'], previouslyIgnoredEncryptedSecrets: ['old'] },
      { encryptedSecrets: ['old', 'new'] }
    )
    expect(dryRunBlockers(report, false)).toEqual(['missing ESVs in the upper environment: esv-a', 'encrypted secrets in config: new'])
    expect(dryRunBlockers(report, true)).toEqual(['missing ESVs in the upper environment: esv-a'])
    expect(dryRunBlockers(assessReport({ reportId: 'r', report: {} }), false)).toEqual([])
  })
})

describe('strict-mode inputs', () => {
  const base = {
    'tenant-url': TENANT,
    'access-token': 'an-access-token-for-the-test'
  }
  const problems = (over: Record<string, string>): string[] => {
    const all: Record<string, string> = { ...base, ...over }
    try {
      parseInputs((name) => all[name] ?? '')
    } catch (error) {
      if (error instanceof InputError) return error.problems
      throw error
    }
    return []
  }
  const parsed = (over: Record<string, string>) => {
    const all: Record<string, string> = { ...base, ...over }
    return parseInputs((name) => all[name] ?? '')
  }

  test('defaults: lock-timeout 0, no hold, fail-on-blockers left to the run', () => {
    const inputs = parsed({ operation: 'dry-run-promote' })
    expect(inputs.waits.lockTimeoutMs).toBe(0)
    expect(inputs.promotion).toMatchObject({ holdLock: false, holdLockTimeoutMs: 86_400_000, failOnBlockers: undefined })
    expect(parsed({ operation: 'dry-run-promote', 'fail-on-blockers': 'false' }).promotion.failOnBlockers).toBe(false)
    expect(parsed({ operation: 'promote', 'lock-timeout': '90' }).waits.lockTimeoutMs).toBe(90_000)
  })

  test.each([
    [{ operation: 'promote', 'hold-lock': 'true' }, /^hold-lock: only dry-run-promote holds the lock/],
    [{ operation: 'dry-run-promote', 'hold-lock-timeout': '60' }, /^hold-lock-timeout: only with hold-lock: true/],
    [{ operation: 'rollback', 'fail-on-blockers': 'true' }, /^fail-on-blockers: only for dry-run-promote/],
    [{ operation: 'dry-run-promote', 'lock-timeout': '-1' }, /^lock-timeout: expected a number of seconds from 0 to 21600/],
    [{ operation: 'dry-run-promote', 'promotion-id': 'p-1' }, /^promotion-id: not for dry-run-promote/]
  ])('%j is refused in one line', (over, message) => {
    const found = problems(over)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(message)
  })
})
