import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { GitHubComment } from '../../emulator/index.js'
import { errorLines, type RunOptions } from '../../tools/local-runner.js'
import { requestsTo, startE2e, type E2eContext } from '../helpers/e2e.js'
import {
  approveAndMerge,
  addToLower as addToLowerConfig,
  MARKER,
  ON_PULL_REQUEST,
  PR,
  PUSHED_SHA,
  promotionInputs
} from '../helpers/promotion.js'

interface MarkerData {
  heldLock?: { promotionId: string; takenAt: string; deadline: string }
  dryRun?: { fingerprint: string }
}

describe('promotion locks: lock-timeout, fail-on-blockers, hold-lock (strict mode)', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ promotionLockMs: 80, promotionRunMs: 200 })
  })
  afterEach(() => e2e.close())

  const inputs = (operation: string, extra: Record<string, string> = {}) => promotionInputs(e2e.emulator, operation, extra)
  const onMergePush = { eventName: 'push', event: { after: PUSHED_SHA } }
  const run = (options: RunOptions) => e2e.run(options)
  const botComments = (): GitHubComment[] => e2e.emulator.github.comments(PR).filter((c) => c.user.login === 'github-actions[bot]')
  const marker = (): MarkerData => JSON.parse(MARKER.exec(botComments()[0]!.body)![1]!) as MarkerData
  const promotionWrites = () => requestsTo(e2e.emulator, 'upper').filter((r) => r.includes('/promotion/') && !r.startsWith('GET'))
  const lockRequests = () => promotionWrites().filter((r) => r === 'POST /environment/promotion/lock')
  const deletesOf = (promotionId: string) => promotionWrites().filter((r) => r === `DELETE /environment/promotion/lock/${promotionId}`)
  const lockIsFree = () => expect(e2e.emulator.promotion.lockState().result).toBe('unlocked')
  const realRuns = () => e2e.emulator.promotion.runs.filter((r) => !r.dryRun)
  const addToLower = (entry: Parameters<typeof addToLowerConfig>[1]): void => addToLowerConfig(e2e.emulator, entry)

  describe('lock-timeout', () => {
    test('a lock held by another promotion is waited for, never touched, then taken once released', async () => {
      e2e.emulator.promotion.holdLock('other-team', { releaseAfterReads: 3 })
      const result = await run({ inputs: inputs('dry-run-promote', { 'lock-timeout': '30', comment: 'false' }) })
      expect(result.main.exitCode).toBe(0)
      expect(result.main.stdout).toMatch(
        /The promotion lock is held by promotion other-team; waiting up to \d+ s \(lock-timeout\) for it to be released, without touching it/
      )
      expect(result.main.stdout).toMatch(/Waiting for the other promotion to release the lock: locked \(.*\), held by promotion other-team/)
      expect(result.main.stdout).toContain('The other promotion released the lock; taking it')
      expect(deletesOf('other-team')).toEqual([])
      const ownId = e2e.emulator.promotion.runs[0]!.promotionId
      expect(ownId).not.toBe('other-team')
      expect(e2e.emulator.promotion.runs.map((r) => r.promotionId)).toEqual([ownId])
      // Nothing was sent while the other promotion held the lock: its lock request came after the release.
      expect(promotionWrites()).toEqual([
        'POST /environment/promotion/lock',
        'POST /environment/promotion/promote',
        `DELETE /environment/promotion/lock/${ownId}`
      ])
      lockIsFree()
    })

    test('another promotion takes the freed lock first: it is waited for too, and lock-timeout expiring names it', async () => {
      e2e.emulator.promotion.holdLock('first-team', { releaseAfterReads: 2 })
      e2e.emulator.promotion.giveNextLockTo('racer-team')
      const result = await run({ inputs: inputs('dry-run-promote', { 'lock-timeout': '1', comment: 'false' }) })
      expect(result.main.exitCode).toBe(1)
      expect(result.main.stdout).toContain('Another promotion took the lock first; waiting for it too, within lock-timeout')
      expect(errorLines(result.main)).toEqual([
        expect.stringMatching(
          /^The promotion lock is held by another promotion \(promotion racer-team\) \(lock state: locked\) after waiting 1\.0 s \(lock-timeout\)/
        )
      ])
      expect(promotionWrites()).toEqual(['POST /environment/promotion/lock']) // the one that lost the race; no DELETE for anyone
      expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId: 'racer-team' })
      expect(e2e.emulator.promotion.runs).toEqual([])
    })

    test('lock-timeout expiring fails naming the holder, with nothing sent for that lock', async () => {
      e2e.emulator.promotion.holdLock('other-team')
      const result = await run({ inputs: inputs('promote', { 'lock-timeout': '0.5', 'require-approval': 'false', comment: 'false' }) })
      expect(result.main.exitCode).toBe(1)
      expect(errorLines(result.main)).toEqual([
        expect.stringMatching(
          /^The promotion lock is held by another promotion \(promotion other-team\) \(lock state: locked\) after waiting 0\.5 s \(lock-timeout\); this run leaves that lock alone/
        )
      ])
      expect(promotionWrites()).toEqual([])
      expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId: 'other-team' })
      expect(e2e.emulator.promotion.runs).toEqual([])
    })
  })

  describe('fail-on-blockers', () => {
    test('on a pull request by default: missing ESVs turn the check red after the comment and summary show the report', async () => {
      addToLower({ name: 'NeedsConfig', esvRefs: ['esv-partner-endpoint'] })
      const result = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
      expect(result.main.exitCode).toBe(1)
      expect(errorLines(result.main)).toEqual([
        expect.stringMatching(
          /^The dry run found what promote would stop at: missing ESVs in the upper environment: esv-partner-endpoint\. /
        )
      ])
      expect(botComments()[0]!.body).toContain('🔎 Promotion dry run')
      expect(botComments()[0]!.body).toContain('**Missing ESVs**')
      expect(result.main.summary).toContain('**Missing ESVs**')
      expect(result.main.outputs['report-fingerprint']).toMatch(/^sha256:/)
      lockIsFree()
    })

    test.each([
      ['fail-on-blockers: false on a pull request', { 'fail-on-blockers': 'false' }, ON_PULL_REQUEST],
      ['not a pull request (the default is false)', {}, {}]
    ])('stays green: %s', async (_label, extra, event) => {
      addToLower({ name: 'NeedsConfig', esvRefs: ['esv-partner-endpoint'] })
      const result = await run({ inputs: inputs('dry-run-promote', { comment: 'false', ...extra }), ...event })
      expect(result.main.exitCode).toBe(0)
      expect(result.main.stdout).toMatch(/::warning::Missing ESVs in the upper environment: esv-partner-endpoint;/)
    })

    test('encrypted secrets block unless ignore-encrypted-secrets is true; fail-on-blockers: true works off a pull request too', async () => {
      addToLower({ name: 'LegacyConnector', section: 'IDMConfig', configItem: 'Connectors', encryptedSecrets: ['ldapBindPassword'] })
      const red = await run({ inputs: inputs('dry-run-promote', { 'fail-on-blockers': 'true', comment: 'false' }) })
      expect(red.main.exitCode).toBe(1)
      expect(errorLines(red.main)).toEqual([
        expect.stringMatching(/^The dry run found what promote would stop at: encrypted secrets in config: ldapBindPassword\. /)
      ])
      const green = await run({ inputs: inputs('dry-run-promote', { 'ignore-encrypted-secrets': 'true' }), ...ON_PULL_REQUEST })
      expect(green.main.exitCode).toBe(0)
      lockIsFree()
    })
  })

  describe('hold-lock', () => {
    const holdDryRun = (extra: Record<string, string> = {}) =>
      run({ inputs: inputs('dry-run-promote', { 'hold-lock': 'true', ...extra }), ...ON_PULL_REQUEST, post: true })

    test('the dry run keeps the lock held (post step included), records it in the marker and shows it', async () => {
      const result = await holdDryRun()
      expect(result.main.exitCode).toBe(0)
      const heldId = e2e.emulator.promotion.runs[0]!.promotionId
      expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId: heldId })
      expect(deletesOf(heldId)).toEqual([])
      expect(result.main.state.promotionLock ?? '').toBe('')
      expect(result.post?.exitCode).toBe(0)
      expect(result.post?.stdout).not.toContain('releasing it')
      const held = marker().heldLock!
      expect(held.promotionId).toBe(heldId)
      expect(Date.parse(held.deadline) - Date.parse(held.takenAt)).toBe(86_400_000)
      expect(result.main.stdout).toContain(
        `::notice::The environments stay locked by promotion ${heldId} (hold-lock) until ${held.deadline}`
      )
      for (const text of [botComments()[0]!.body, result.main.summary]) {
        expect(text).toContain(`🔒 **The environments stay locked** by promotion \`${heldId}\` (hold-lock, taken ${held.takenAt})`)
        expect(text).toContain(`after ${held.deadline} (hold-lock-timeout)`)
      }
    })

    test('promote reuses the held lock (no second lock request) and unlocks at the end', async () => {
      const dryRun = await holdDryRun()
      expect(dryRun.main.exitCode).toBe(0)
      const heldId = e2e.emulator.promotion.runs[0]!.promotionId
      approveAndMerge(e2e.emulator)
      const result = await run({ inputs: inputs('promote'), ...onMergePush })
      expect(result.main.exitCode).toBe(0)
      expect(result.main.stdout).toContain(`Promoting under the held lock of promotion ${heldId} (hold-lock); it is released at the end`)
      expect(lockRequests()).toHaveLength(1) // the dry run's only
      expect(e2e.emulator.promotion.runs.map((r) => [r.promotionId, r.dryRun])).toEqual([
        [heldId, true],
        [heldId, true],
        [heldId, false]
      ])
      expect(realRuns()).toEqual([expect.objectContaining({ status: 'READY' })])
      lockIsFree()
      expect(marker().heldLock).toBeUndefined()
      expect(botComments()[0]!.body).not.toContain('stay locked')
    })

    test('a rerun of the dry run on the PR reuses the hold and keeps its deadline', async () => {
      const first = await holdDryRun()
      expect(first.main.exitCode).toBe(0)
      const held = marker().heldLock!
      addToLower({ name: 'AnotherJourney' })
      const second = await holdDryRun()
      expect(second.main.exitCode).toBe(0)
      expect(second.main.stdout).toContain(
        `records the held lock of promotion ${held.promotionId} (hold-lock, until ${held.deadline}); the dry run reuses it`
      )
      expect(lockRequests()).toHaveLength(1)
      expect(marker().heldLock).toEqual(held)
      expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId: held.promotionId })
      // Without hold-lock, the rerun still works under the hold, then releases it.
      const third = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
      expect(third.main.exitCode).toBe(0)
      expect(lockRequests()).toHaveLength(1)
      expect(deletesOf(held.promotionId)).toHaveLength(1)
      expect(marker().heldLock).toBeUndefined()
      lockIsFree()
    })

    test('a lower-environment change despite the hold: promote refuses, and releases the held lock', async () => {
      const dryRun = await holdDryRun()
      const heldId = e2e.emulator.promotion.runs[0]!.promotionId
      // A real tenant refuses changes while locked; the emulator lets a test make one anyway.
      addToLower({ name: 'SneakyJourney' })
      approveAndMerge(e2e.emulator)
      const result = await run({ inputs: inputs('promote', { 'pr-number': String(PR) }) })
      expect(result.main.exitCode).toBe(1)
      const [error] = errorLines(result.main)
      expect(error).toContain('The lower environment changed since the dry run that was approved')
      expect(error).toContain(`approved ${dryRun.main.outputs['report-fingerprint']}`)
      expect(lockRequests()).toHaveLength(1)
      expect(deletesOf(heldId)).toHaveLength(1)
      expect(realRuns()).toEqual([])
      lockIsFree()
      expect(marker().heldLock).toBeUndefined()
    })

    test('hold-lock-timeout passed: promotion-report says so (it reads only), the next dry run releases it and says so', async () => {
      const dryRun = await holdDryRun({ 'hold-lock-timeout': '1' })
      expect(dryRun.main.exitCode).toBe(0)
      const held = marker().heldLock!
      // Wait until the deadline has passed (a wait, not a timed assertion).
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(held.deadline) - Date.now() + 100)))
      const report = await run({ inputs: inputs('promotion-report'), ...ON_PULL_REQUEST })
      expect(report.main.exitCode).toBe(0)
      expect(report.main.stdout).toContain(
        `::warning::The held lock of promotion ${held.promotionId} passed its hold-lock-timeout at ${held.deadline}; this operation reads only`
      )
      expect(deletesOf(held.promotionId)).toEqual([])
      expect(marker().heldLock).toEqual(held)
      expect(botComments()[0]!.body).toContain(`Its hold-lock-timeout passed at ${held.deadline}`)

      const next = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
      expect(next.main.exitCode).toBe(0)
      expect(next.main.stdout).toContain(
        `::notice::Released the held lock of promotion ${held.promotionId} (hold-lock-timeout passed at ${held.deadline})`
      )
      expect(deletesOf(held.promotionId)).toHaveLength(1)
      expect(lockRequests()).toHaveLength(2) // the next dry run took its own lock
      expect(marker().heldLock).toBeUndefined()
      lockIsFree()
    })

    test('promote after the hold expired releases it and refuses: the approval was of a held lower environment', async () => {
      await holdDryRun({ 'hold-lock-timeout': '1' })
      const held = marker().heldLock!
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(held.deadline) - Date.now() + 100)))
      approveAndMerge(e2e.emulator)
      const result = await run({ inputs: inputs('promote', { 'pr-number': String(PR) }) })
      expect(result.main.exitCode).toBe(1)
      expect(errorLines(result.main)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^The approved dry run held the lock of promotion ${held.promotionId} \\(hold-lock\\), but its hold-lock-timeout passed`
          )
        )
      ])
      expect(deletesOf(held.promotionId)).toHaveLength(1)
      expect(lockRequests()).toHaveLength(1)
      expect(e2e.emulator.promotion.runs).toHaveLength(1)
      lockIsFree()
    })

    test('promotion-id other than the hold the comment records: refused before anything is sent, and the hold stays recorded', async () => {
      await holdDryRun()
      const held = marker().heldLock!
      approveAndMerge(e2e.emulator)
      const result = await run({ inputs: inputs('promote', { 'pr-number': String(PR), 'promotion-id': 'not-the-hold' }) })
      expect(result.main.exitCode).toBe(1)
      expect(errorLines(result.main)).toEqual([
        expect.stringMatching(
          new RegExp(`^promotion-id not-the-hold is not the held lock the PR comment records \\(promotion ${held.promotionId}\\)`)
        )
      ])
      expect(deletesOf(held.promotionId)).toEqual([])
      expect(lockRequests()).toHaveLength(1)
      expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId: held.promotionId })
      expect(marker().heldLock).toEqual(held)
    })

    test('promotion-id names a lock someone else holds: promote fails naming both, and touches nothing', async () => {
      e2e.emulator.promotion.holdLock('someone-else')
      const result = await run({ inputs: inputs('promote', { 'promotion-id': 'mine', 'require-approval': 'false', comment: 'false' }) })
      expect(result.main.exitCode).toBe(1)
      expect(errorLines(result.main)).toEqual([
        expect.stringMatching(/^The lock is held by promotion someone-else, not mine \(promotion-id\); nothing was released or promoted/)
      ])
      expect(promotionWrites()).toEqual([])
      expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId: 'someone-else' })
    })

    test('promotion-id given for a held lock: promote works under it without a PR comment', async () => {
      const dryRun = await run({ inputs: inputs('dry-run-promote', { 'hold-lock': 'true', comment: 'false' }) })
      expect(dryRun.main.exitCode).toBe(0)
      const heldId = e2e.emulator.promotion.runs[0]!.promotionId
      expect(dryRun.main.stdout).toContain(
        `::warning::hold-lock without a PR comment: only this log and the promotion-id output record the held lock of promotion ${heldId}`
      )
      expect(dryRun.main.outputs['promotion-id']).toBe(heldId)
      const result = await run({
        inputs: inputs('promote', {
          'promotion-id': heldId,
          'approved-fingerprint': dryRun.main.outputs['report-fingerprint']!,
          'report-id': dryRun.main.outputs['report-id']!,
          comment: 'false'
        })
      })
      expect(result.main.exitCode).toBe(0)
      expect(lockRequests()).toHaveLength(1)
      expect(realRuns()).toEqual([expect.objectContaining({ promotionId: heldId, status: 'READY' })])
      lockIsFree()
    })
  })
})
