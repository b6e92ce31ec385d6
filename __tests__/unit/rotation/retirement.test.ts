import { describe, expect, test } from '@jest/globals'
import { planRetirement, type RetirementRules } from '../../../src/rotation/retirement.js'
import type { EsvSecretVersion, SecretVersionStatus } from '../../../src/tenant/types.js'

const v = (version: number, status: SecretVersionStatus): EsvSecretVersion => ({
  version: String(version),
  createDate: '2024-01-01T00:00:00Z',
  loaded: false,
  status
})
// Listed out of order on purpose: the plan must not depend on the API's order.
const history = [v(4, 'ENABLED'), v(1, 'DESTROYED'), v(6, 'ENABLED'), v(2, 'ENABLED'), v(3, 'DISABLED'), v(5, 'ENABLED')]
const rules = (over: Partial<RetirementRules>): RetirementRules => ({
  mode: 'disable',
  keep: 2,
  activeVersion: '6',
  loadedVersion: '6',
  ...over
})
const plan = (over: Partial<RetirementRules>, versions = history) => {
  const result = planRetirement(versions, rules(over))
  return { retire: result.retire.map((x) => x.version), kept: result.keptBecauseLoaded }
}

describe('planRetirement', () => {
  test('disable: ENABLED versions beyond the newest keep, oldest first', () => {
    expect(plan({ keep: 1 })).toEqual({ retire: ['2', '4', '5'], kept: undefined })
    expect(plan({ keep: 2 })).toEqual({ retire: ['2', '4'], kept: undefined })
    expect(plan({ keep: 4 })).toEqual({ retire: [], kept: undefined })
    expect(plan({ keep: 5 })).toEqual({ retire: [], kept: undefined })
  })

  test('delete: DISABLED versions beyond keep go too; DESTROYED ones are already gone', () => {
    expect(plan({ mode: 'delete', keep: 1 })).toEqual({ retire: ['2', '3', '4', '5'], kept: undefined })
    expect(plan({ mode: 'delete', keep: 3 })).toEqual({ retire: ['2', '3'], kept: undefined })
  })

  test('delete: a DISABLED version newer than the oldest kept one stays (it is not beyond keep-versions)', () => {
    const versions = [v(3, 'ENABLED'), v(4, 'ENABLED'), v(5, 'DISABLED'), v(6, 'ENABLED')]
    expect(plan({ mode: 'delete', keep: 2 }, versions)).toEqual({ retire: ['3'], kept: undefined })
  })

  test('disable-then-delete (set-esvs keep-versions) retires what delete does, under the same rules', () => {
    for (const keep of [1, 2, 3, 5]) {
      for (const loadedVersion of ['6', '5', '4']) {
        expect(plan({ mode: 'disable-then-delete', keep, loadedVersion })).toEqual(plan({ mode: 'delete', keep, loadedVersion }))
      }
    }
    expect(plan({ mode: 'disable-then-delete', keep: 1, loadedVersion: '5' })).toEqual({ retire: ['2', '3', '4'], kept: '5' })
  })

  test('none retires nothing', () => {
    expect(plan({ mode: 'none', keep: 1 })).toEqual({ retire: [], kept: undefined })
  })

  test('never the latest, even when it is not among the newest enabled ones', () => {
    // A tenant answering with a higher number than its active version must still never lose the active one.
    expect(plan({ keep: 1, activeVersion: '5', loadedVersion: '5' })).toEqual({ retire: ['2', '4'], kept: undefined })
    expect(plan({ mode: 'delete', keep: 1, activeVersion: '2', loadedVersion: '2' }).retire).not.toContain('2')
  })

  test('the version the tenant still runs (no restart yet) is kept and named', () => {
    expect(plan({ keep: 1, loadedVersion: '5' })).toEqual({ retire: ['2', '4'], kept: '5' })
    expect(plan({ keep: 2, loadedVersion: '5' })).toEqual({ retire: ['2', '4'], kept: undefined })
  })
})
