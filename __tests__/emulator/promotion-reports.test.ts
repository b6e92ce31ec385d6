import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { Emulator, TenantName } from '../../emulator/index.js'
import { startEmulator } from '../../emulator/index.js'
import type { LockState, PromotionProgress, PromotionReport, PromotionReportMeta } from '../../src/tenant/types.js'
import { changeRows } from '../../src/report/changes.js'
import { call, sleep, tokenFor, serviceAccountKey } from './client.js'

const API = 'protocol=1.0,resource=1.0'

describe('emulator: promotion reports', () => {
  let emulator: Emulator
  let token: string
  beforeEach(async () => {
    emulator = await startEmulator({ serviceAccountKey: await serviceAccountKey(), promotionLockMs: 30, promotionRunMs: 60 })
    token = await tokenFor(emulator, 'upper', ['fr:idc:promotion:*'])
  })
  afterEach(() => emulator.close())

  const api = <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    options: { tenant?: TenantName; token?: string } = {}
  ) => call<T>(emulator, options.tenant ?? 'upper', method, `/environment/promotion${path}`, { token: options.token ?? token, body })
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await check()); i++) await sleep(10)
  }
  /** Locks, runs one run to its end, unlocks; returns the run's promotion id. */
  const runOnce = async (path: '/promote' | '/rollback', body: Record<string, unknown>): Promise<string> => {
    const { promotionId } = (await api<{ promotionId: string }>('POST', '/lock')).body
    await until(async () => (await api<LockState>('GET', '/lock/state')).body.result === 'locked')
    expect((await api('POST', path, body)).status).toBe(202)
    await until(async () => (await api<PromotionProgress>('GET', '/promote')).body.status !== 'RUNNING')
    await until(async () => (await api('DELETE', `/lock/${promotionId}`)).status !== 409)
    await until(async () => (await api<LockState>('GET', '/lock/state')).body.result === 'unlocked')
    return promotionId
  }
  const lowerToken = () => tokenFor(emulator, 'lower', ['fr:idc:promotion:read'])

  test('[REPORT-01] [REPORT-02] [REPORT-03] [REPORT-04] the last report, a report by id and the list; an ERROR run stores none', async () => {
    expect((await api('GET', '/report')).status).toBe(404)
    const first = await runOnce('/promote', { dryRun: true })
    emulator.promotion.failNextRun('Restart workloads failed', 'dry-run')
    await runOnce('/promote', { dryRun: true })
    expect(emulator.promotion.runs.at(-1)?.status).toBe('ERROR')
    const second = await runOnce('/promote', { dryRun: false })
    const last = (await api<PromotionReport>('GET', '/report')).body
    expect(last).toMatchObject({ promotionId: second, dryRun: false, type: 'promotion' })
    const list = (await api<PromotionReportMeta[]>('GET', '/reports')).body
    expect(list.map((meta) => [meta.promotionId, meta.dryRun])).toEqual([
      [first, true],
      [second, false]
    ])
    expect(Object.keys(list[0]!).sort()).toEqual(['createdDate', 'dryRun', 'promoter', 'promotionId', 'reportId', 'type'])
    expect((await api<PromotionReport>('GET', `/report/${list[0]!.reportId}`)).body).toMatchObject({ promotionId: first, dryRun: true })
    const unknown = await api<{ message: string }>('GET', '/report/a3c1d7e0-0000-4000-8000-000000000000')
    expect(unknown.status).toBe(404)
    expect(unknown.body.message).toBe('report not found for given id')
  })

  test('[REPORT-05] [REPORT-06] a report names changed items (no content), and the ESVs the upper tenant lacks', async () => {
    const lower = emulator.promotion.config('lower')
    lower.set('journey/NeedsConfig', {
      section: 'AMConfig',
      configItem: 'Journeys',
      uid: 'journey/NeedsConfig',
      name: 'NeedsConfig',
      realm: '/alpha',
      body: 'secret-ish body',
      esvRefs: ['esv-not-in-upper'],
      encryptedSecrets: []
    })
    await runOnce('/promote', { dryRun: true })
    const report = (await api<PromotionReport>('GET', '/report')).body
    expect(Object.keys(report).sort()).toEqual([
      'createdDate',
      'dryRun',
      'missingESVs',
      'previouslyIgnoredEncryptedSecrets',
      'promoter',
      'promotionDescription',
      'promotionId',
      'report',
      'reportId',
      'reportName',
      'type'
    ])
    expect(report.reportName).toBe(`Report_${report.createdDate}_dryrun=true_${report.reportId}`)
    expect(report.missingESVs).toEqual(['esv-not-in-upper'])
    const journeys = report.report.AMConfig?.find((group) => group.configItem === 'Journeys')
    expect(journeys?.configChange.added).toEqual(
      expect.arrayContaining([{ name: 'NeedsConfig', realm: '/alpha', uid: 'journey/NeedsConfig' }])
    )
    expect(JSON.stringify(report)).not.toContain('secret-ish body')
  })

  test('[REPORT-07] encrypted secrets a run ignored are listed in its report as previously ignored; otherwise none', async () => {
    emulator.promotion.config('lower').set('connector/Legacy', {
      section: 'IDMConfig',
      configItem: 'Connectors',
      uid: 'connector/Legacy',
      name: 'Legacy',
      realm: '',
      body: 'x',
      esvRefs: [],
      encryptedSecrets: ['ldapBindPassword']
    })
    await runOnce('/promote', { dryRun: true })
    expect((await api<PromotionReport>('GET', '/report')).body.previouslyIgnoredEncryptedSecrets).toEqual([])
    await runOnce('/promote', { dryRun: false, ignoreEncryptedSecrets: true })
    expect((await api<PromotionReport>('GET', '/report')).body.previouslyIgnoredEncryptedSecrets).toEqual(['ldapBindPassword'])
  })

  test('[REPORT-08] the upper provisional report: lower against upper, no lock, a fresh id, never stored', async () => {
    const first = await api<PromotionReport>('GET', '/report/provisional')
    const second = await api<PromotionReport>('GET', '/report/provisional')
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ dryRun: true, type: 'promotion' })
    expect(first.body.reportId).not.toBe(second.body.reportId)
    expect(first.body.report.AMConfig?.some((g) => g.configChange.added?.some((item) => item.name === 'ForgottenUsername'))).toBe(true)
    expect(emulator.promotion.lockState().result).toBe('unlocked')
    expect((await api('GET', `/report/${first.body.reportId}`)).status).toBe(404)
  })

  test('[REPORT-09] the lower provisional report: changes in the lower config since its last promotion, from its own side', async () => {
    const lowerAuth = { tenant: 'lower' as const, token: await lowerToken() }
    // The upper tenant drifts by hand: the lower tenant's view does not see it, the upper's does.
    const upper = emulator.promotion.config('upper')
    const drifted = [...upper.values()].find((entry) => entry.section === 'AMConfig')!
    upper.delete(drifted.uid)
    const names = (report: PromotionReport): string[] =>
      changeRows(report)
        .map((row) => row.name)
        .sort()
    const fromLower = await api<PromotionReport>('GET', '/report/provisional', undefined, lowerAuth)
    expect(fromLower.status).toBe(200)
    expect(fromLower.body).toMatchObject({ dryRun: true, type: 'promotion', missingESVs: [] })
    expect(names(fromLower.body)).toContain('ForgottenUsername')
    expect(names(fromLower.body)).not.toContain(drifted.name)
    expect(names((await api<PromotionReport>('GET', '/report/provisional')).body)).toContain(drifted.name)

    // After a promotion the lower tenant has nothing new until its config changes again.
    emulator.promotion.promoteNow()
    expect(names((await api<PromotionReport>('GET', '/report/provisional', undefined, lowerAuth)).body)).toEqual([])
    emulator.promotion.config('lower').set('journey/Later', { ...drifted, uid: 'journey/Later', name: 'Later' })
    expect(names((await api<PromotionReport>('GET', '/report/provisional', undefined, lowerAuth)).body)).toEqual(['Later'])
  })

  test('[REPORT-10] the lower tenant answers no other promotion path', async () => {
    const lowerAuth = { tenant: 'lower' as const, token: await tokenFor(emulator, 'lower', ['fr:idc:promotion:*']) }
    for (const [method, path] of [
      ['GET', '/report'],
      ['GET', '/reports'],
      ['GET', '/report/provisional-rollback'],
      ['GET', '/report/a3c1d7e0-0000-4000-8000-000000000000'],
      ['GET', '/lock/state'],
      ['POST', '/lock']
    ] as const) {
      expect([method, path, (await api(method, path, undefined, lowerAuth)).status]).toEqual([method, path, 404])
    }
  })

  test('[REPORT-11] the provisional rollback report: what undoing the last promotion would change', async () => {
    const before = (await api<PromotionReport>('GET', '/report/provisional-rollback')).body
    expect(before).toMatchObject({ type: 'rollback', dryRun: true })
    expect(Object.values(before.report).flat()).toEqual([])
    emulator.promotion.promoteNow()
    const after = (await api<PromotionReport>('GET', '/report/provisional-rollback')).body
    expect(Object.values(after.report).flat().length).toBeGreaterThan(0)
    expect(emulator.promotion.lockState().result).toBe('unlocked')
  })

  test('[REPORT-12] report reads accept fr:idc:promotion:read as well as fr:idc:promotion:*; other scopes get 403', async () => {
    const read = await tokenFor(emulator, 'upper', ['fr:idc:promotion:read'])
    for (const path of ['/report/provisional', '/reports', '/report/provisional-rollback', '/lock/state', '/promote']) {
      expect([path, (await api('GET', path, undefined, { token: read })).status]).toEqual([path, 200])
    }
    expect((await api('POST', '/lock', undefined, { token: read })).status).toBe(403)
    const esvOnly = await tokenFor(emulator, 'upper', ['fr:idc:esv:read'])
    expect((await api('GET', '/report/provisional', undefined, { token: esvOnly })).status).toBe(403)
  })

  test('[REPORT-13] report paths need Accept-API-Version resource=1.0 (2.0 is refused) and answer with Content-API-Version', async () => {
    const other = await call(emulator, 'upper', 'GET', '/environment/promotion/report/provisional', { token, resource: '2.0' })
    expect(other.status).toBe(400)
    const versioned = await call(emulator, 'upper', 'GET', '/environment/promotion/report/provisional', { token })
    expect(versioned.status).toBe(200)
    expect(versioned.headers.get('content-api-version')).toBe(API)
  })

  describe('the options where the evidence is silent', () => {
    test('[REPORT-04] errorRunStoresReport: a run that ends in ERROR stores a report too', async () => {
      emulator.promotion.setReportOptions({ errorRunStoresReport: true })
      emulator.promotion.failNextRun('Restart workloads failed', 'dry-run')
      const promotionId = await runOnce('/promote', { dryRun: true })
      expect(emulator.promotion.runs.at(-1)?.status).toBe('ERROR')
      expect((await api<PromotionReport>('GET', '/report')).body).toMatchObject({ promotionId, dryRun: true })
    })

    test('[REPORT-08] storeProvisional: a provisional report can be read back by its id', async () => {
      emulator.promotion.setReportOptions({ storeProvisional: true })
      const provisional = (await api<PromotionReport>('GET', '/report/provisional')).body
      expect((await api<PromotionReport>('GET', `/report/${provisional.reportId}`)).body).toEqual(provisional)
    })

    test('[REPORT-09] lowerKnowsMissingEsvs: the lower provisional report names the ESVs the upper tenant lacks', async () => {
      const [entry] = [...emulator.promotion.config('lower').values()]
      emulator.promotion
        .config('lower')
        .set('journey/NeedsEsv', { ...entry!, uid: 'journey/NeedsEsv', name: 'NeedsEsv', esvRefs: ['esv-lower-only'] })
      const lowerAuth = { tenant: 'lower' as const, token: await lowerToken() }
      expect((await api<PromotionReport>('GET', '/report/provisional', undefined, lowerAuth)).body.missingESVs).toEqual([])
      emulator.promotion.setReportOptions({ lowerKnowsMissingEsvs: true })
      expect((await api<PromotionReport>('GET', '/report/provisional', undefined, lowerAuth)).body.missingESVs).toContain('esv-lower-only')
    })

    test('[REPORT-10] lowerServesStoredReports: the lower tenant answers the stored reports of the pair', async () => {
      await runOnce('/promote', { dryRun: true })
      const lowerAuth = { tenant: 'lower' as const, token: await lowerToken() }
      expect((await api('GET', '/reports', undefined, lowerAuth)).status).toBe(404)
      emulator.promotion.setReportOptions({ lowerServesStoredReports: true })
      const list = (await api<PromotionReportMeta[]>('GET', '/reports', undefined, lowerAuth)).body
      expect(list).toHaveLength(1)
      expect((await api('GET', `/report/${list[0]!.reportId}`, undefined, lowerAuth)).status).toBe(200)
    })

    test('[REPORT-12] readScope false: only fr:idc:promotion:* reads reports', async () => {
      const read = await tokenFor(emulator, 'upper', ['fr:idc:promotion:read'])
      emulator.promotion.setReportOptions({ readScope: false })
      expect((await api('GET', '/report/provisional', undefined, { token: read })).status).toBe(403)
      expect((await api('GET', '/report/provisional')).status).toBe(200)
    })
  })
})
