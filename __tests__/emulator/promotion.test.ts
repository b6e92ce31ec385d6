import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { Emulator } from '../../emulator/index.js'
import { startEmulator } from '../../emulator/index.js'
import type { LockState, PromotionProgress, PromotionReport } from '../../src/tenant/types.js'
import { call, sleep, tokenFor } from './client.js'

describe('emulator: promotions', () => {
  let emulator: Emulator
  let token: string
  beforeEach(async () => {
    emulator = await startEmulator({ promotionLockMs: 40, promotionRunMs: 80 })
    token = await tokenFor(emulator, 'upper', ['fr:idc:promotion:*'])
  })
  afterEach(() => emulator.close())

  const api = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
    call<T>(emulator, 'upper', method, `/environment/promotion${path}`, { token, body })
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await sleep(20)
  }
  const lockedAs = async (): Promise<string> => {
    const answer = await api<{ promotionId: string; result: string }>('POST', '/lock')
    expect(answer.status).toBe(202)
    expect(answer.body.result).toBe('locking')
    await until(async () => (await api<LockState>('GET', '/lock/state')).body.result === 'locked')
    return answer.body.promotionId
  }

  test('lock, dry run, report, unlock, with the 409s of the reference', async () => {
    expect((await api('POST', '/promote', { dryRun: true })).status).toBe(409) // not locked
    const promotionId = await lockedAs()
    expect((await api('POST', '/lock')).status).toBe(409) // already locked
    expect((await api<LockState>('GET', '/lock/state')).body).toMatchObject({
      result: 'locked',
      promotionId,
      lowerEnv: { state: 'locked' }
    })

    expect((await api('POST', '/promote', { dryRun: true })).status).toBe(202)
    expect((await api('POST', '/promote', { dryRun: true })).status).toBe(409) // running
    expect((await api(`DELETE`, `/lock/${promotionId}`)).status).toBe(409) // running
    expect((await api<PromotionProgress>('GET', '/promote')).body.status).toBe('RUNNING')
    await until(async () => (await api<PromotionProgress>('GET', '/promote')).body.status === 'READY')

    const report = (await api<PromotionReport>('GET', '/report')).body
    expect(report).toMatchObject({ promotionId, dryRun: true, type: 'promotion' })
    expect(report.report.AMConfig?.find((group) => group.configItem === 'Journeys')?.configChange.added).toEqual([
      expect.objectContaining({ name: 'ForgottenUsername', realm: '/alpha' })
    ])
    expect(report.report.IDMConfig?.find((group) => group.configItem === 'IDM > Mappings')?.configChange.deleted).toHaveLength(1)
    expect((await api(`GET`, `/report/${report.reportId}`)).body).toEqual(report)
    expect((await api('GET', '/report/nope')).status).toBe(404)
    expect((await api<unknown[]>('GET', '/reports')).body).toHaveLength(1)

    expect((await api('DELETE', '/lock/someone-else')).status).toBe(409)
    expect((await api('DELETE', `/lock/${promotionId}`)).status).toBe(202)
    expect((await api('DELETE', `/lock/${promotionId}`)).status).toBe(409) // unlocking
    await until(async () => (await api<LockState>('GET', '/lock/state')).body.result === 'unlocked')
    expect((await api('DELETE', `/lock/${promotionId}`)).status).toBe(200)
  })

  test('a real promotion with missing ESVs ends in ERROR and stays locked; a good one applies and unlocks', async () => {
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
    await until(async () => (await api<PromotionProgress>('GET', '/promote')).body.status !== 'RUNNING')
    expect((await api<PromotionProgress>('GET', '/promote')).body).toMatchObject({
      status: 'ERROR',
      blockingError: true,
      missingESVs: ['esv-nowhere']
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

  test('every promotion call needs Accept-API-Version resource=1.0 and the promotion scope', async () => {
    const noHeader = await fetch(`${emulator.upper.url}/environment/promotion/lock/state`, {
      headers: { authorization: `Bearer ${token}` }
    })
    expect(noHeader.status).toBe(400)
    const esvToken = await tokenFor(emulator, 'upper', ['fr:idc:esv:read'])
    expect((await call(emulator, 'upper', 'GET', '/environment/promotion/lock/state', { token: esvToken })).status).toBe(403)
    expect((await call(emulator, 'lower', 'GET', '/environment/promotion/lock/state', { token })).status).not.toBe(200)
  })
})
