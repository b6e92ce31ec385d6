import { describe, expect, test } from '@jest/globals'
import { PromotionError } from '../../../src/errors.js'
import { isNewReport, ownReport, runEnd, timeStampMoved, type BeforeStart, type ExpectedRun } from '../../../src/promotion/run.js'
import type { PromotionProgress, PromotionReport } from '../../../src/tenant/types.js'

const expected: ExpectedRun = { promotionId: 'p-this', type: 'promotion', dryRun: true }
const at = (time: string): PromotionProgress => ({ status: 'READY', promotionId: 'p-this', timeStamp: time })
const report = (over: Partial<PromotionReport>): PromotionReport => ({
  reportId: 'r-new',
  promotionId: 'p-this',
  createdDate: '2024-07-14T18:18:12Z',
  dryRun: true,
  type: 'promotion',
  report: {},
  ...over
})
const before: BeforeStart = {
  progress: at('2024-07-14T18:07:47Z'),
  report: report({ reportId: 'r-old', createdDate: '2024-07-14T18:00:00Z' }),
  floorMs: Date.parse('2024-07-14T18:07:45Z')
}

describe('the end of a run, from the progress', () => {
  test('READY and UNLOCKED end it once it was seen RUNNING or its time stamp moved; before that, only its report can', () => {
    expect(runEnd(at('2024-07-14T18:07:47Z'), before.progress, expected, false)).toBe('maybe-ended') // perhaps the state from before
    expect(runEnd(at('2024-07-14T18:07:47Z'), before.progress, expected, true)).toBe('ended')
    expect(runEnd(at('2024-07-14T18:07:48Z'), before.progress, expected, false)).toBe('ended')
    expect(runEnd({ status: 'UNLOCKED', timeStamp: '2024-07-14T18:18:12Z' }, before.progress, expected, false)).toBe('ended')
    expect(runEnd({ status: 'RUNNING', promotionId: 'p-this' }, before.progress, expected, true)).toBe('not-yet')
    expect(runEnd({ status: 'IN_PROGRESS', timeStamp: '2024-07-14T18:18:12Z' }, before.progress, expected, true)).toBe('not-yet')
  })

  test('ERROR or a blocking error fails it, unless it names another promotion (an ERROR left by an earlier lock)', () => {
    expect(runEnd({ status: 'ERROR', promotionId: 'p-this' }, before.progress, expected, true)).toBe('failed')
    expect(runEnd({ status: 'ERROR', promotionId: 'p-this', timeStamp: '2024-07-14T18:07:47Z' }, before.progress, expected, false)).toBe(
      'not-yet'
    )
    expect(runEnd({ status: 'READY', blockingError: true, timeStamp: '2024-07-14T18:10:00Z' }, before.progress, expected, false)).toBe(
      'failed'
    )
    expect(runEnd({ status: 'ERROR', promotionId: 'p-old', timeStamp: '2024-07-14T18:10:00Z' }, before.progress, expected, true)).toBe(
      'not-yet'
    )
  })

  test('a time stamp moved only forwards; one the action cannot read counts as moved when it differs', () => {
    expect(timeStampMoved(at('2024-07-14T18:07:46Z'), before.progress)).toBe(false)
    expect(timeStampMoved(at('2024-07-14T18:07:47Z'), before.progress)).toBe(false)
    expect(timeStampMoved(at('2024-07-14T19:07:47+01:00'), before.progress)).toBe(false) // the same instant
    expect(timeStampMoved(at('tomorrow'), before.progress)).toBe(true)
    expect(timeStampMoved({ status: 'READY' }, before.progress)).toBe(false)
  })
})

describe("this run's report", () => {
  test('is another report than the last before the start, dated no earlier than the tenant time of the start', () => {
    expect(isNewReport(report({}), before)).toBe(true)
    expect(isNewReport(report({ reportId: 'r-old' }), before)).toBe(false)
    expect(isNewReport(report({ createdDate: '2024-07-14T18:07:00Z' }), before)).toBe(false) // older than the start
    expect(isNewReport(report({ createdDate: '2024-07-14T18:07:45Z' }), before)).toBe(true)
    expect(isNewReport(report({ createdDate: '2022-01-27T15-23+00Z' }), before)).toBe(true) // unreadable: the id decides
    expect(isNewReport(report({ reportId: 'r-old' }), { ...before, report: undefined })).toBe(true) // none before (404)
  })

  test('the previous report is never taken; one of another promotion or kind is refused', () => {
    const seen = (r: PromotionReport | undefined) => ({ report: r, tenantTime: undefined })
    expect(ownReport(seen(undefined), before, expected, 'the dry run')).toBeUndefined()
    expect(ownReport(seen(before.report), before, expected, 'the dry run')).toBeUndefined()
    expect(ownReport(seen(report({})), before, expected, 'the dry run')?.reportId).toBe('r-new')
    expect(() => ownReport(seen(report({ promotionId: 'p-other' })), before, expected, 'the dry run')).toThrow(PromotionError)
    expect(() => ownReport(seen(report({ dryRun: false })), before, expected, 'the dry run')).toThrow(/not the report of the dry run/)
  })
})
