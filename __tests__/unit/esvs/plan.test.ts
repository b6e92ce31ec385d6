import { describe, expect, test } from '@jest/globals'
import type { DesiredSecret, DesiredVariable, EsvFile } from '../../../src/esvs/file.js'
import { planEsvs } from '../../../src/esvs/plan.js'
import type { EsvSecret, EsvVariable } from '../../../src/tenant/types.js'

const at = { file: 'esvs.yaml', line: 1, column: 1 }
const variable = (id: string, text: string, over: Partial<DesiredVariable> = {}): DesiredVariable => ({
  kind: 'variable',
  id,
  type: 'string',
  text,
  description: undefined,
  position: at,
  ...over
})
const secret = (id: string, over: Partial<DesiredSecret> = {}): DesiredSecret => ({
  kind: 'secret',
  id,
  encoding: 'generic',
  value: 'v',
  source: { from: 'value-from-env', name: 'V' },
  useInPlaceholders: true,
  description: undefined,
  position: at,
  ...over
})
const tenantVariable = (id: string, text: string, over: Partial<EsvVariable> = {}): EsvVariable => ({
  _id: id,
  description: '',
  expressionType: 'string',
  lastChangeDate: '',
  lastChangedBy: '',
  loaded: true,
  valueBase64: Buffer.from(text).toString('base64'),
  ...over
})
const tenantSecret = (id: string, over: Partial<EsvSecret> = {}): EsvSecret => ({
  _id: id,
  activeVersion: '3',
  description: '',
  encoding: 'generic',
  lastChangeDate: '',
  lastChangedBy: '',
  loaded: true,
  loadedVersion: '3',
  useInPlaceholders: true,
  ...over
})
const file = (variables: DesiredVariable[], secrets: DesiredSecret[] = []): EsvFile => ({ path: 'esvs.yaml', variables, secrets })
const actions = (plan: ReturnType<typeof planEsvs>) =>
  plan.items.map((i) => `${i.action} ${i.id}${i.setDescription ? ' +description' : ''}`)
const noPrune = { prune: false, replaceOnTypeChange: false }

describe('planEsvs', () => {
  test('create, update, description only, unchanged', () => {
    const plan = planEsvs(
      file([
        variable('esv-new', 'x'),
        variable('esv-changed', 'b', { description: 'new' }),
        variable('esv-described', 'a', { description: 'new' }),
        variable('esv-same', 'a')
      ]),
      {
        variables: [
          tenantVariable('esv-changed', 'a'),
          tenantVariable('esv-described', 'a'),
          tenantVariable('esv-same', 'a', { description: 'kept when the file has none' })
        ],
        secrets: []
      },
      noPrune
    )
    expect(actions(plan)).toEqual([
      'create esv-new',
      'update esv-changed +description',
      'update-description esv-described +description',
      'unchanged esv-same'
    ])
    expect(plan.refusals).toEqual([])
  })

  test('a variable made before types (expressionType "") matches a string, and only a string; it carries the tenant description', () => {
    const untyped = tenantVariable('esv-legacy', 'old', { expressionType: '', description: 'from 2022' })
    const plan = planEsvs(file([variable('esv-legacy', 'new')]), { variables: [untyped], secrets: [] }, noPrune)
    expect(actions(plan)).toEqual(['update esv-legacy'])
    expect(plan.items[0]).toMatchObject({ untypedInTenant: true, currentDescription: 'from 2022' })
    const same = planEsvs(file([variable('esv-legacy', 'old')]), { variables: [untyped], secrets: [] }, noPrune)
    expect(actions(same)).toEqual(['unchanged esv-legacy'])
    const typed = planEsvs(file([variable('esv-legacy', '1', { type: 'int' })]), { variables: [untyped], secrets: [] }, noPrune)
    expect(typed.refusals).toEqual([expect.stringMatching(/^esv-legacy: it has no expressionType in the tenant .* and is int in the file/)])
  })

  test('existing secrets are checked by pushing the value, with the latest version known', () => {
    const plan = planEsvs(file([], [secret('esv-s', { description: 'd' })]), { variables: [], secrets: [tenantSecret('esv-s')] }, noPrune)
    expect(actions(plan)).toEqual(['check-value esv-s +description'])
    expect(plan.items[0]?.latestVersion).toBe(3)
  })

  test('refuses what cannot change in place, or replaces it when allowed', () => {
    const desired = file(
      [variable('esv-t', '1', { type: 'int' }), variable('esv-k', 'x')],
      [secret('esv-e', { encoding: 'pem' }), secret('esv-p', { useInPlaceholders: false })]
    )
    const current = {
      variables: [tenantVariable('esv-t', '1')],
      secrets: [tenantSecret('esv-k'), tenantSecret('esv-e'), tenantSecret('esv-p')]
    }
    const refused = planEsvs(desired, current, noPrune)
    expect(refused.refusals).toEqual([
      expect.stringMatching(/^esv-t: its expressionType is string in the tenant and int in the file/),
      expect.stringMatching(/^esv-k: it is a secret in the tenant and a variable in the file/),
      expect.stringMatching(/^esv-e: its encoding is generic in the tenant and pem in the file/),
      expect.stringMatching(/^esv-p: its use-in-placeholders is true in the tenant and false in the file/)
    ])
    const replaced = planEsvs(desired, current, { prune: false, replaceOnTypeChange: true })
    expect(replaced.refusals).toEqual([])
    expect(replaced.items.map((i) => `${i.action} ${i.id} (was ${i.currentKind})`)).toEqual([
      'replace esv-t (was variable)',
      'replace esv-k (was secret)',
      'replace esv-e (was secret)',
      'replace esv-p (was secret)'
    ])
  })

  test('deletes only with prune; otherwise lists what it keeps', () => {
    const current = { variables: [tenantVariable('esv-old', 'x')], secrets: [tenantSecret('esv-old-secret')] }
    expect(planEsvs(file([]), current, noPrune)).toMatchObject({ items: [], unmanaged: ['esv-old', 'esv-old-secret'] })
    expect(actions(planEsvs(file([]), current, { prune: true, replaceOnTypeChange: false }))).toEqual([
      'delete esv-old',
      'delete esv-old-secret'
    ])
  })

  test('finds what waits for a restart', () => {
    const plan = planEsvs(
      file([]),
      {
        variables: [tenantVariable('esv-a', 'x', { loaded: false }), tenantVariable('esv-b', 'x')],
        secrets: [tenantSecret('esv-c', { activeVersion: '4', loadedVersion: '3' }), tenantSecret('esv-d')]
      },
      noPrune
    )
    expect(plan.pending).toEqual(['esv-a', 'esv-c'])
  })
})
