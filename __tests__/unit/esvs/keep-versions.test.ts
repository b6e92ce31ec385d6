import { describe, expect, test } from '@jest/globals'
import type { Change } from '../../../src/esvs/apply.js'
import { keepVersionsSummary, retiredVersionsOutput, secretsToTrim, trimFailure } from '../../../src/esvs/keep-versions.js'
import type { Plan, PlanItem } from '../../../src/esvs/plan.js'

const item = (id: string, kind: PlanItem['kind'], action: PlanItem['action']): PlanItem => ({
  id,
  kind,
  action,
  setDescription: false,
  desired: undefined,
  currentKind: kind,
  latestVersion: undefined
})
const plan = (items: PlanItem[], pending: string[] = []): Plan => ({ items, refusals: [], unmanaged: [], pending })

describe('secretsToTrim', () => {
  test('secrets with a new version now, and file secrets whose earlier change this restart loads', () => {
    const changes: Change[] = [
      { id: 'esv-b', kind: 'secret', action: 'updated' },
      { id: 'esv-new', kind: 'secret', action: 'created' },
      { id: 'esv-same', kind: 'secret', action: 'unchanged' },
      { id: 'esv-var', kind: 'variable', action: 'updated' },
      { id: 'esv-gone', kind: 'secret', action: 'deleted' }
    ]
    const items = [item('esv-b', 'secret', 'check-value'), item('esv-a', 'secret', 'check-value'), item('esv-var', 'variable', 'update')]
    expect(secretsToTrim(plan(items, ['esv-a', 'esv-var', 'esv-unmanaged']), changes)).toEqual(['esv-a', 'esv-b'])
  })

  test('nothing changed and nothing pending: nothing to trim', () => {
    expect(secretsToTrim(plan([item('esv-a', 'secret', 'check-value')]), [{ id: 'esv-a', kind: 'secret', action: 'unchanged' }])).toEqual(
      []
    )
  })
})

describe('reporting', () => {
  const results = [
    { id: 'esv-a', retired: ['1', '2'], kept: ['4', '3'] },
    { id: 'esv-b', retired: ['1'], kept: [], failure: 'HTTP 500 from DELETE' }
  ]

  test('the output maps each secret to the versions it lost', () => {
    expect(retiredVersionsOutput(results)).toEqual({ 'esv-a': ['1', '2'], 'esv-b': ['1'] })
  })

  test('a failure names each secret, what was retired before it stopped, and what to do next', () => {
    expect(trimFailure(results.slice(0, 1))).toBeUndefined()
    const message = trimFailure(results)!.message
    expect(message).toContain('keep-versions: retiring old versions failed for 1 secret(s); the new values are written and loaded.')
    expect(message).toContain('  - esv-b: HTTP 500 from DELETE (after retiring 1)')
  })

  test('the summary says what was retired, or why nothing was', () => {
    const summary = keepVersionsSummary(2, results)
    expect(summary).toContain('#### Secret versions (keep-versions: 2)')
    expect(summary).toContain('| `esv-a` | 1, 2 | 4, 3 |')
    expect(summary).toContain('| `esv-b` | 1 | failed part-way (see the log) |')
    expect(keepVersionsSummary(2, [])).toContain("No secret's value changed: no version retired.")
    expect(keepVersionsSummary(1, { skipped: 'No version retired: x' })).toContain('No version retired: x')
  })
})
