import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { Emulator } from '../../emulator/index.js'
import { startEmulator } from '../../emulator/index.js'
import type { LockState, PromotionProgress, PromotionReport } from '../../src/tenant/types.js'
import { call, sleep, tokenFor, serviceAccountKey } from './client.js'

describe('emulator: promotions', () => {
  let emulator: Emulator
  let token: string
  beforeEach(async () => {
    emulator = await startEmulator({ serviceAccountKey: await serviceAccountKey(), promotionLockMs: 40, promotionRunMs: 80 })
    token = await tokenFor(emulator, 'upper', ['fr:idc:promotion:*'])
  })
  afterEach(() => emulator.close())

  const api = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
    call<T>(emulator, 'upper', method, `/environment/promotion${path}`, { token, body })
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await sleep(20)
  }
  const progress = async (): Promise<PromotionProgress> => (await api<PromotionProgress>('GET', '/promote')).body
  const lockState = async (): Promise<LockState> => (await api<LockState>('GET', '/lock/state')).body
  const lockedAs = async (): Promise<string> => {
    const answer = await api<{ promotionId: string; result: string }>('POST', '/lock')
    expect(answer.status).toBe(202)
    expect(answer.body.result).toBe('locking')
    await until(async () => (await lockState()).result === 'locked')
    return answer.body.promotionId
  }
  const untilRunEnds = () => until(async () => (await progress()).status !== 'RUNNING')

  test('[LOCK-01] [LOCK-02] [LOCK-04] [LOCK-05] [LOCK-08] [LOCK-11] [RUN-01] [RUN-03] [RUN-08] [RUN-12] lock, dry run, report, unlock, with the 409s of the reference', async () => {
    const refused = await api('POST', '/promote', { dryRun: true })
    expect(refused.status).toBe(409) // not locked
    expect(refused.body).toEqual({ message: 'Environment is not in locked state' })
    const promotionId = await lockedAs()
    expect((await api('POST', '/lock')).status).toBe(409) // already locked
    expect(await lockState()).toMatchObject({
      result: 'locked',
      promotionId,
      lowerEnv: { state: 'locked', promotionId },
      upperEnv: { state: 'locked', promotionId }
    })
    expect(await progress()).toMatchObject({
      status: 'READY',
      message: 'Environment ready for promotion',
      globalLock: 'LOCKED',
      promotionId
    })

    expect((await api('POST', '/promote', { dryRun: true, unlockEnvironmentsAfterPromotion: true })).status).toBe(202)
    expect((await api('POST', '/promote', { dryRun: true })).status).toBe(409) // running
    expect((await api(`DELETE`, `/lock/${promotionId}`)).status).toBe(409) // running
    expect((await progress()).status).toBe('RUNNING')
    await untilRunEnds()
    // A dry run keeps the lock (even when asked to unlock after) and stays READY.
    expect(await progress()).toMatchObject({ status: 'READY', message: 'Dry run completed', globalLock: 'LOCKED', promotionId })
    expect((await lockState()).result).toBe('locked')

    const report = (await api<PromotionReport>('GET', '/report')).body
    expect(report).toMatchObject({ promotionId, dryRun: true, type: 'promotion' })
    expect(report.report.AMConfig?.find((group) => group.configItem === 'Journeys')?.configChange.added).toEqual([
      expect.objectContaining({ name: 'ForgottenUsername', realm: '/alpha' })
    ])
    expect(report.report.IDMConfig?.find((group) => group.configItem === 'IDM > Mappings')?.configChange.deleted).toHaveLength(1)
    expect((await api(`GET`, `/report/${report.reportId}`)).body).toEqual(report)
    expect((await api('GET', '/report/nope')).status).toBe(404)
    expect((await api<unknown[]>('GET', '/reports')).body).toHaveLength(1)

    expect((await api('DELETE', `/lock/${promotionId}`)).status).toBe(202)
    expect((await api('DELETE', `/lock/${promotionId}`)).status).toBe(409) // unlocking
    await until(async () => (await lockState()).result === 'unlocked')
    expect((await api('DELETE', `/lock/${promotionId}`)).status).toBe(200)
  })

  test('[LOCK-03] [RUN-02] [RUN-10] with no lock held the progress is UNLOCKED and names no promotion, also while locking', async () => {
    expect((await api('GET', '/report')).status).toBe(404) // no report yet
    const unlocked = await progress()
    expect(unlocked).toMatchObject({ status: 'UNLOCKED', message: 'Environment unlocked', globalLock: 'UNLOCKED', blockingError: false })
    expect(unlocked.promotionId).toBeUndefined()
    const state = await lockState()
    expect(state.result).toBe('unlocked')
    expect(JSON.stringify(state)).not.toContain('promotionId')

    emulator.promotion.pause('locking')
    expect((await api('POST', '/lock')).status).toBe(202)
    expect((await lockState()).result).toBe('locking')
    expect((await progress()).status).toBe('UNLOCKED')
    emulator.promotion.resume('locking')
    await until(async () => (await lockState()).result === 'locked')
    expect((await progress()).status).toBe('READY')
  })

  test('[RUN-10] options: READY while locking, UNLOCKED while the caller’s unlock settles', async () => {
    emulator.promotion.configure({ lockingStatus: 'READY', unlockingStatus: 'UNLOCKED' })
    emulator.promotion.pause('locking')
    const promotionId = (await api<{ promotionId: string }>('POST', '/lock')).body.promotionId
    expect(await progress()).toMatchObject({ status: 'READY', promotionId })
    emulator.promotion.resume('locking')
    await until(async () => (await lockState()).result === 'locked')
    await api('POST', '/promote', { dryRun: true })
    await untilRunEnds()
    expect((await progress()).status).toBe('READY')
    emulator.promotion.pause('unlocking')
    expect((await api('DELETE', `/lock/${promotionId}`)).status).toBe(202)
    expect((await lockState()).result).toBe('unlocking')
    expect((await progress()).status).toBe('UNLOCKED')
  })

  test('[RUN-10] by default the last status stays while the caller’s unlock settles', async () => {
    const promotionId = await lockedAs()
    await api('POST', '/promote', { dryRun: true })
    await untilRunEnds()
    emulator.promotion.pause('unlocking')
    expect((await api('DELETE', `/lock/${promotionId}`)).status).toBe(202)
    expect(await progress()).toMatchObject({ status: 'READY', message: 'Dry run completed' })
  })

  test('[LOCK-06] an unlock naming another promotion is refused with 409 and the lock stays', async () => {
    const promotionId = await lockedAs()
    expect((await api('DELETE', '/lock/someone-else')).status).toBe(409)
    expect(await lockState()).toMatchObject({ result: 'locked', promotionId })
  })

  test('[LOCK-07] unlocking takes its time, and can be held', async () => {
    const promotionId = await lockedAs()
    emulator.promotion.pause('unlocking')
    expect((await api('DELETE', `/lock/${promotionId}`)).status).toBe(202)
    await sleep(100)
    expect(await lockState()).toMatchObject({ result: 'unlocking', promotionId })
    emulator.promotion.resume('unlocking')
    await until(async () => (await lockState()).result === 'unlocked')
    expect((await lockState()).result).toBe('unlocked')
  })

  test('[LOCK-09] a lock request that loses the race: another promotion holds the lock, the request gets 409', async () => {
    emulator.promotion.giveNextLockTo('other-team')
    expect((await api('POST', '/lock')).status).toBe(409)
    expect(await lockState()).toMatchObject({ result: 'locked', promotionId: 'other-team' })
    emulator.promotion.holdLock('someone')
    expect((await lockState()).promotionId).toBe('someone')
  })

  test('[LOCK-12] another promotion releases its lock by itself after a number of lock-state reads, with no request from the client', async () => {
    emulator.promotion.holdLock('other-team', { releaseAfterReads: 2 })
    expect(await lockState()).toMatchObject({ result: 'locked', promotionId: 'other-team' })
    expect(await lockState()).toMatchObject({ result: 'locked', promotionId: 'other-team' })
    expect((await api('POST', '/lock')).status).toBe(409) // still held: a lock request between the reads changes nothing
    const freed = await lockState()
    expect(freed.result).toBe('unlocked')
    expect(freed.promotionId).toBeUndefined()
    expect(emulator.log.filter((entry) => entry.method === 'DELETE')).toEqual([])
    emulator.promotion.holdLock('stays')
    for (let i = 0; i < 5; i++) expect((await lockState()).promotionId).toBe('stays')
  })

  test('[RUN-05] [RUN-06] [RUN-14] a run that unlocks by itself goes from RUNNING straight to UNLOCKED', async () => {
    emulator.promotion.setRunMs(300)
    emulator.promotion.setLockMs(200)
    await lockedAs()
    await api('POST', '/promote', { dryRun: false, unlockEnvironmentsAfterPromotion: true })
    const seen = new Set<string>()
    const messages = new Set<string>()
    for (let i = 0; i < 200 && (await lockState()).result !== 'unlocked'; i++) {
      const now = await progress()
      seen.add(now.status ?? '')
      if (now.status === 'RUNNING') messages.add(now.message ?? '')
      await sleep(10)
    }
    expect([...seen]).toEqual(['RUNNING', 'UNLOCKED'])
    expect([...messages]).toEqual(['Update configuration', 'Restart workloads'])
    expect(await progress()).toMatchObject({ status: 'UNLOCKED', message: 'Environment unlocked', globalLock: 'UNLOCKED' })
  })

  test('[RUN-06] option: a READY window before the self-unlock completes', async () => {
    emulator.promotion.configure({ selfUnlockWindow: 'READY' })
    emulator.promotion.setLockMs(200)
    await lockedAs()
    emulator.promotion.pause('unlocking')
    await api('POST', '/promote', { dryRun: false, unlockEnvironmentsAfterPromotion: true })
    await untilRunEnds()
    expect(await progress()).toMatchObject({ status: 'READY', message: 'Promotion completed' })
    expect((await lockState()).result).toBe('unlocking')
    emulator.promotion.resume('unlocking')
    await until(async () => (await lockState()).result === 'unlocked')
    expect((await progress()).status).toBe('UNLOCKED')
  })

  test('[RUN-07] option: a tenant that does not unlock by itself stays locked after the run', async () => {
    emulator.promotion.configure({ selfUnlock: false })
    const promotionId = await lockedAs()
    await api('POST', '/promote', { dryRun: false, unlockEnvironmentsAfterPromotion: true })
    await untilRunEnds()
    await sleep(100)
    expect(await lockState()).toMatchObject({ result: 'locked', promotionId })
    expect(await progress()).toMatchObject({ status: 'READY', message: 'Promotion completed', promotionId })
  })

  test('[RUN-07] [RUN-09] [RUN-15] a real promotion with missing ESVs ends in ERROR and stays locked; a good one applies and unlocks', async () => {
    const lower = emulator.promotion.config('lower')
    lower.set('x', {
      section: 'AMConfig',
      configItem: 'Scripts',
      uid: 'x',
      name: 'x',
      body: 'x',
      esvRefs: ['esv-nowhere'],
      encryptedSecrets: []
    })
    const promotionId = await lockedAs()
    await api('POST', '/promote', { dryRun: false, unlockEnvironmentsAfterPromotion: true })
    await untilRunEnds()
    expect(await progress()).toMatchObject({
      status: 'ERROR',
      blockingError: true,
      missingESVs: ['esv-nowhere'],
      promotionId
    })
    expect(emulator.promotion.lockState().result).toBe('locked')

    lower.delete('x')
    await api('POST', '/promote', { dryRun: false, unlockEnvironmentsAfterPromotion: true })
    await until(async () => emulator.promotion.lockState().result === 'unlocked')
    expect([...emulator.promotion.config('upper').keys()].sort()).toEqual([...lower.keys()].sort())
    expect(emulator.promotion.runs.map((run) => [run.promotionId === promotionId, run.status])).toEqual([
      [true, 'ERROR'],
      [true, 'READY']
    ])
    // The provisional report is now empty; the rollback one names what the promotion changed.
    const provisional = (await api<PromotionReport>('GET', '/report/provisional')).body
    expect(Object.values(provisional.report).flat()).toEqual([])
    const rollback = (await api<PromotionReport>('GET', '/report/provisional-rollback')).body
    expect(Object.values(rollback.report).flat().length).toBeGreaterThan(0)
  })

  test.each([
    ['ERROR', 'the ERROR stays shown (default)'],
    ['UNLOCKED', 'UNLOCKED once unlocked (option)']
  ] as const)('[RUN-09] after a run ended in ERROR and the lock is released: %s, %s', async (shown, _label) => {
    if (shown === 'UNLOCKED') emulator.promotion.configure({ errorAfterUnlock: 'UNLOCKED' })
    emulator.promotion.failNextRun('Restart workloads failed')
    const first = await lockedAs()
    await api('POST', '/promote', { dryRun: true })
    await untilRunEnds()
    expect(await progress()).toMatchObject({ status: 'ERROR', message: 'Restart workloads failed', promotionId: first })
    expect((await api('DELETE', `/lock/${first}`)).status).toBe(202)
    await until(async () => (await lockState()).result === 'unlocked')
    expect((await progress()).status).toBe(shown)
    // Under a new lock, before its first run, the old ERROR (if shown) still names the old promotion.
    const second = await lockedAs()
    const before = await progress()
    expect(before.status).toBe(shown === 'ERROR' ? 'ERROR' : 'READY')
    expect(before.promotionId).toBe(shown === 'ERROR' ? first : second)
  })

  test('[RUN-04] the time stamp: the time of the read by default, or of the last change (option)', async () => {
    const first = (await progress()).timeStamp!
    expect(first).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
    await sleep(1100)
    expect(Date.parse((await progress()).timeStamp!)).toBeGreaterThan(Date.parse(first)) // nothing changed, yet it moved

    emulator.promotion.configure({ timeStamp: 'last-change' })
    const still = (await progress()).timeStamp
    await sleep(1100)
    expect((await progress()).timeStamp).toBe(still)
    await lockedAs()
    expect(Date.parse((await progress()).timeStamp!)).toBeGreaterThan(Date.parse(still!)) // the lock changed it
  })

  test('[RUN-11] promotion answers carry the tenant’s Date; a skewed tenant clock shows in Date, timeStamp and createdDate', async () => {
    const plain = await api('GET', '/promote')
    expect(Math.abs(Date.parse(plain.headers.get('date')!) - Date.now())).toBeLessThan(2000)
    const skewMs = -3_600_000
    emulator.promotion.configure({ clockSkewMs: skewMs })
    const skewed = await api<PromotionProgress>('GET', '/promote')
    expect(Math.abs(Date.parse(skewed.headers.get('date')!) - (Date.now() + skewMs))).toBeLessThan(2000)
    expect(Math.abs(Date.parse(skewed.body.timeStamp!) - (Date.now() + skewMs))).toBeLessThan(2000)
    await lockedAs()
    await api('POST', '/promote', { dryRun: true })
    await untilRunEnds()
    const report = (await api<PromotionReport>('GET', '/report')).body
    expect(Math.abs(Date.parse(report.createdDate!) - (Date.now() + skewMs))).toBeLessThan(2000)
  })

  test('[RUN-13] a rollback restores the config from before the last promotion, with a rollback report', async () => {
    const before = [...emulator.promotion.config('upper').keys()].sort()
    const promotionId = await lockedAs()
    expect((await api('POST', '/rollback', {})).status).toBe(409) // nothing promoted yet
    emulator.promotion.promoteNow()
    const started = await api('POST', '/rollback', { unlockEnvironmentsAfterPromotion: false })
    expect(started).toMatchObject({ status: 202, body: { result: 'Rollback process initiated successfully' } })
    expect(await progress()).toMatchObject({ status: 'RUNNING', type: 'rollback', promotionId })
    await untilRunEnds()
    expect(await progress()).toMatchObject({ status: 'READY', message: 'Rollback completed', type: 'rollback' })
    expect((await api<PromotionReport>('GET', '/report')).body).toMatchObject({ type: 'rollback', dryRun: false, promotionId })
    expect([...emulator.promotion.config('upper').keys()].sort()).toEqual(before)
  })

  test('[RUN-14] a run can be held RUNNING and made to fail', async () => {
    await lockedAs()
    emulator.promotion.pause('run', 'dry-run')
    await api('POST', '/promote', { dryRun: true })
    await sleep(200)
    expect((await progress()).status).toBe('RUNNING')
    emulator.promotion.resume('run')
    await untilRunEnds()
    expect((await progress()).status).toBe('READY')
  })

  test('[LOCK-10] every promotion call needs Accept-API-Version resource=1.0 and the promotion scope', async () => {
    const noHeader = await fetch(`${emulator.upper.url}/environment/promotion/lock/state`, {
      headers: { authorization: `Bearer ${token}` }
    })
    expect(noHeader.status).toBe(400)
    const esvToken = await tokenFor(emulator, 'upper', ['fr:idc:esv:read'])
    expect((await call(emulator, 'upper', 'GET', '/environment/promotion/lock/state', { token: esvToken })).status).toBe(403)
    expect((await call(emulator, 'lower', 'GET', '/environment/promotion/lock/state', { token })).status).not.toBe(200)
  })
})
