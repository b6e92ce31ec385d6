import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { GitHubComment } from '../../emulator/index.js'
import { errorLines, type RunOptions } from '../../tools/local-runner.js'
import { requestsTo, startE2e, type E2eContext } from '../helpers/e2e.js'
import { approveAndMerge, addToLower, MARKER, ON_PULL_REQUEST, PR, PUSHED_SHA, promotionInputs } from '../helpers/promotion.js'

const PROVISIONAL = 'GET /environment/promotion/report/provisional'
const SKIP = { 'skip-if-unchanged': 'true' }
const ON_MERGE_PUSH = { eventName: 'push', event: { after: PUSHED_SHA } }

describe('skip-if-unchanged (dry-run-promote, promote)', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ promotionLockMs: 80, promotionRunMs: 250 })
  })
  afterEach(() => e2e.close())

  const inputs = (operation: string, extra: Record<string, string> = {}) => promotionInputs(e2e.emulator, operation, extra)
  const run = (options: RunOptions) => e2e.run(options)
  const botComments = (): GitHubComment[] => e2e.emulator.github.comments(PR).filter((c) => c.user.login === 'github-actions[bot]')
  const marker = () => JSON.parse(MARKER.exec(botComments()[0]!.body)![1]!) as Record<string, unknown>
  /** Every promotion request a tenant saw (lock, lock state, runs, reports), in order. */
  const promotionCalls = (tenant: 'upper' | 'lower') =>
    requestsTo(e2e.emulator, tenant).filter((r) => r.includes('/environment/promotion/'))
  const lockCalls = () => promotionCalls('upper').filter((r) => r.includes('/promotion/lock'))
  const lockIsFree = () => expect(e2e.emulator.promotion.lockState().result).toBe('unlocked')
  const lowerInputs = () => ({
    'lower-tenant-url': e2e.emulator.lower.url,
    'lower-service-account-id': e2e.emulator.serviceAccount.id,
    'lower-service-account-key': e2e.emulator.serviceAccount.privateJwk
  })
  /** The lower environment holds what the upper one does (as after a promotion): both provisional reports list no change. */
  const nothingChanged = () => {
    const lower = e2e.emulator.promotion.config('lower')
    lower.clear()
    for (const [uid, entry] of e2e.emulator.promotion.config('upper')) lower.set(uid, structuredClone(entry))
  }

  test('dry-run-promote on a PR with no change: succeeds without any lock request, and says so everywhere', async () => {
    nothingChanged()
    const result = await run({ inputs: inputs('dry-run-promote', SKIP), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(0)
    expect(promotionCalls('upper')).toEqual([PROVISIONAL])
    expect(lockCalls()).toEqual([])
    expect(e2e.emulator.promotion.runs).toEqual([])
    lockIsFree()
    expect(result.main.outputs).toMatchObject({ skipped: 'true', 'has-changes': 'false' })
    expect(result.main.stdout).toContain(
      'Nothing to promote: the provisional report lists no change, so no lock was requested and nothing was promoted (skip-if-unchanged)'
    )
    expect(result.main.summary).toContain('✅ Nothing to promote')
    expect(result.main.summary).toContain('The report was read without a lock: a change made after it is promoted by the next run.')
    expect(botComments()).toHaveLength(1)
    expect(botComments()[0]!.body).toContain('✅ Nothing to promote')
    expect(botComments()[0]!.body).toContain('no lock was requested and nothing was promoted (skip-if-unchanged)')
    expect(marker()).toMatchObject({ operation: 'dry-run-promote', status: 'nothing-to-promote' })
    expect(marker().dryRun).toBeUndefined()
  })

  test('promote on the merge push after a skipped dry run: nothing to approve, nothing locked, the comment updated', async () => {
    nothingChanged()
    expect((await run({ inputs: inputs('dry-run-promote', SKIP), ...ON_PULL_REQUEST })).main.exitCode).toBe(0)
    approveAndMerge(e2e.emulator)
    const result = await run({ inputs: inputs('promote', SKIP), ...ON_MERGE_PUSH })
    expect(result.main.exitCode).toBe(0)
    expect(lockCalls()).toEqual([])
    expect(promotionCalls('upper')).toEqual([PROVISIONAL, PROVISIONAL])
    expect(e2e.emulator.promotion.runs).toEqual([])
    expect(result.main.outputs.skipped).toBe('true')
    expect(botComments()).toHaveLength(1)
    expect(marker()).toMatchObject({ operation: 'promote', status: 'nothing-to-promote' })
  })

  test('a change: both run as before (lock, dry run, unlock; approved fingerprint checked, then promoted)', async () => {
    const dryRun = await run({ inputs: inputs('dry-run-promote', SKIP), ...ON_PULL_REQUEST })
    expect(dryRun.main.exitCode).toBe(0)
    expect(dryRun.main.outputs).toMatchObject({ skipped: 'false', 'has-changes': 'true' })
    expect(dryRun.main.stdout).toContain('skip-if-unchanged: the provisional report lists 5 change(s); running dry-run-promote as usual')
    // The provisional report first, then the writes of a dry run as without skip-if-unchanged.
    expect(promotionCalls('upper').filter((r) => r === PROVISIONAL || !r.startsWith('GET'))).toEqual([
      PROVISIONAL,
      'POST /environment/promotion/lock',
      'POST /environment/promotion/promote',
      `DELETE /environment/promotion/lock/${dryRun.main.outputs['promotion-id']}`
    ])
    expect(marker()).toMatchObject({ status: 'dry-run', fingerprint: dryRun.main.outputs['report-fingerprint']!.slice(7) })

    approveAndMerge(e2e.emulator)
    const promoted = await run({ inputs: inputs('promote', SKIP), ...ON_MERGE_PUSH })
    expect(promoted.main.exitCode).toBe(0)
    expect(promoted.main.outputs.skipped).toBe('false')
    expect(promoted.main.stdout).toContain(`Approved fingerprint ${dryRun.main.outputs['report-fingerprint']}`)
    expect(e2e.emulator.promotion.runs.filter((r) => !r.dryRun)).toHaveLength(1)
    lockIsFree()
  })

  test('the approval rules are unchanged when it runs: a lower change since the approved dry run is refused', async () => {
    const dryRun = await run({ inputs: inputs('dry-run-promote', SKIP), ...ON_PULL_REQUEST })
    addToLower(e2e.emulator, { name: 'SneakyJourney' })
    approveAndMerge(e2e.emulator)
    const result = await run({ inputs: inputs('promote', { ...SKIP, 'pr-number': String(PR) }) })
    expect(result.main.exitCode).toBe(1)
    const [error] = errorLines(result.main)
    expect(error).toContain('The lower environment changed since the dry run that was approved')
    expect(error).toContain(`approved ${dryRun.main.outputs['report-fingerprint']}`)
    expect(e2e.emulator.promotion.runs.filter((r) => !r.dryRun)).toEqual([])
    lockIsFree()
  })

  test('promote with a change and no approved dry run fails closed, as without skip-if-unchanged', async () => {
    nothingChanged()
    await run({ inputs: inputs('dry-run-promote', SKIP), ...ON_PULL_REQUEST })
    // A change lands after the skipped dry run: the merge's promote sees it and needs an approval it does not have.
    addToLower(e2e.emulator, { name: 'LateJourney' })
    approveAndMerge(e2e.emulator)
    const result = await run({ inputs: inputs('promote', SKIP), ...ON_MERGE_PUSH })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)).toEqual([expect.stringMatching(/^No approval to promote: PR #7 has no dry-run comment/)])
    expect(lockCalls()).toEqual([])
    expect(e2e.emulator.promotion.runs).toEqual([])
  })

  test('with lower-tenant-url the lower tenant is read (its own credentials and read scope), not the upper one', async () => {
    nothingChanged()
    // The upper tenant drifted (changed by hand): its own view lists a change, the lower environment's lists none.
    const upper = e2e.emulator.promotion.config('upper')
    upper.delete([...upper.keys()][0]!)
    const result = await run({ inputs: inputs('dry-run-promote', { ...SKIP, ...lowerInputs() }), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.outputs.skipped).toBe('true')
    expect(requestsTo(e2e.emulator, 'lower')).toEqual(['POST /am/oauth2/access_token', PROVISIONAL])
    expect(e2e.emulator.log.find((entry) => entry.tenant === 'lower' && entry.path.includes('/promotion/'))?.scopes).toEqual([
      'fr:idc:promotion:read'
    ])
    expect(promotionCalls('upper')).toEqual([])
    expect(result.main.stdout).toContain(`Provisional report read from the lower tenant ${e2e.emulator.lower.url} (lower-tenant-url)`)
    expect(botComments()[0]!.body).toContain('Provisional report read from the lower tenant')

    // Without it the upper tenant answers, lists the drift, and the dry run runs under a lock.
    const upperRead = await run({ inputs: inputs('dry-run-promote', SKIP), ...ON_PULL_REQUEST })
    expect(upperRead.main.exitCode).toBe(0)
    expect(upperRead.main.outputs.skipped).toBe('false')
    expect(promotionCalls('upper')[0]).toBe(PROVISIONAL)
    expect(lockCalls()).toContain('POST /environment/promotion/lock')
    lockIsFree()
  })

  test("a lock this PR's comment records (hold-lock) is never skipped over: the dry run runs under it and releases it", async () => {
    const held = await run({ inputs: inputs('dry-run-promote', { 'hold-lock': 'true' }), ...ON_PULL_REQUEST })
    expect(held.main.exitCode).toBe(0)
    const promotionId = held.main.outputs['promotion-id']!
    nothingChanged()
    const result = await run({ inputs: inputs('dry-run-promote', SKIP), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.outputs.skipped).toBe('false')
    expect(result.main.stdout).toContain(
      `skip-if-unchanged: promotion ${promotionId} holds the lock for this run; running as usual so that lock is released`
    )
    expect(e2e.emulator.promotion.runs.filter((r) => r.dryRun)).toHaveLength(2)
    lockIsFree()
  })
})
