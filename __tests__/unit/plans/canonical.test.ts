import { describe, expect, test } from '@jest/globals'
import type { DesiredSecret, DesiredVariable, EsvFile } from '../../../src/esvs/file.js'
import { planEsvs, type CurrentEsvs } from '../../../src/esvs/plan.js'
import { canonicalJson, entryDigest, markedItems, MAX_MARKED_ITEMS, planDifference, planFingerprint } from '../../../src/plans/canonical.js'
import { esvPlanModel } from '../../../src/plans/esvs.js'
import { settingsPlanModel } from '../../../src/plans/settings.js'
import { planSettings } from '../../../src/settings/plan.js'
import type { PlanEntry } from '../../../src/plans/types.js'

const at = { file: 'esvs.yaml', line: 1, column: 1 }
const TENANT = 'https://openam-acme-staging.forgeblocks.com'
const variable = (id: string, text: string, over: Partial<DesiredVariable> = {}): DesiredVariable => ({
  kind: 'variable',
  id,
  type: 'string',
  text,
  description: undefined,
  position: at,
  ...over
})
const secret = (id: string, value: string, env = 'SMTP_PASSWORD', over: Partial<DesiredSecret> = {}): DesiredSecret => ({
  kind: 'secret',
  id,
  encoding: 'generic',
  value,
  source: { from: 'value-from-env', name: env },
  useInPlaceholders: true,
  description: undefined,
  position: at,
  ...over
})
const file = (variables: DesiredVariable[], secrets: DesiredSecret[] = []): EsvFile => ({ path: 'esvs/prod.yaml', variables, secrets })
const NOTHING: CurrentEsvs = { variables: [], secrets: [] }
const model = (esvs: EsvFile, current = NOTHING, options: { prune?: boolean; restart?: 'auto' | 'always' | 'never' } = {}) =>
  esvPlanModel(planEsvs(esvs, current, { prune: options.prune ?? false, replaceOnTypeChange: false }), {
    file: 'esvs/prod.yaml',
    tenantUrl: TENANT,
    restart: options.restart ?? 'auto'
  })
const tenantVariable = (id: string, text: string) => ({
  _id: id,
  description: '',
  expressionType: 'string' as const,
  lastChangeDate: '',
  lastChangedBy: '',
  loaded: true,
  valueBase64: Buffer.from(text).toString('base64')
})

describe('canonicalJson', () => {
  test('sorts object keys at every depth, keeps array order, and leaves undefined members out', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}')
    expect(canonicalJson({ a: 1, b: undefined } as unknown as { a: number })).toBe('{"a":1}')
  })
})

describe('the ESV plan in canonical form', () => {
  test('a variable commits to a hash of its new value, never the value; a secret to its source, never its value', () => {
    const plan = model(file([variable('esv-url', 'https://orders.example.com')], [secret('esv-smtp', 'hunter2-secret-value')]))
    const json = JSON.stringify(plan.items.map((item) => item.entry))
    expect(json).not.toContain('https://orders.example.com')
    expect(json).not.toContain('hunter2-secret-value')
    const url = plan.items.find((item) => item.entry.key === 'variable esv-url')!.entry
    expect(url).toEqual({
      key: 'variable esv-url',
      action: 'create',
      content: { kind: 'variable', type: 'string', value: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }
    })
    const smtp = plan.items.find((item) => item.entry.key === 'secret esv-smtp')!.entry
    expect(smtp.content).toEqual({ kind: 'secret', encoding: 'generic', useInPlaceholders: true, source: 'value-from-env SMTP_PASSWORD' })
  })

  test("the fingerprint follows a variable's value, but not a secret's value: only where the secret's value comes from", () => {
    const base = model(file([variable('esv-url', 'a')], [secret('esv-smtp', 'one')]))
    expect(model(file([variable('esv-url', 'a')], [secret('esv-smtp', 'two')])).fingerprint).toBe(base.fingerprint)
    expect(model(file([variable('esv-url', 'b')], [secret('esv-smtp', 'one')])).fingerprint).not.toBe(base.fingerprint)
    expect(model(file([variable('esv-url', 'a')], [secret('esv-smtp', 'one', 'OTHER_ENV')])).fingerprint).not.toBe(base.fingerprint)
    expect(model(file([variable('esv-url', 'a', { type: 'list' })], [secret('esv-smtp', 'one')])).fingerprint).not.toBe(base.fingerprint)
    expect(model(file([variable('esv-url', 'a')], [secret('esv-smtp', 'one', 'SMTP_PASSWORD', { encoding: 'pem' })])).fingerprint).not.toBe(
      base.fingerprint
    )
  })

  test('the fingerprint is independent of the order the file lists things in, and covers tenant and file', () => {
    const one = model(file([variable('esv-a', '1'), variable('esv-b', '2')]))
    const other = model(file([variable('esv-b', '2'), variable('esv-a', '1')]))
    expect(other.fingerprint).toBe(one.fingerprint)
    const entries = one.items.map((item) => item.entry)
    expect(planFingerprint('set-esvs', TENANT, 'esvs/prod.yaml', [...entries].reverse())).toBe(one.fingerprint)
    expect(planFingerprint('set-esvs', 'https://openam-acme-prod.forgeblocks.com', 'esvs/prod.yaml', entries)).not.toBe(one.fingerprint)
    expect(planFingerprint('set-esvs', TENANT, 'esvs/other.yaml', entries)).not.toBe(one.fingerprint)
    expect(planFingerprint('set-tenant-settings', TENANT, 'esvs/prod.yaml', entries)).not.toBe(one.fingerprint)
  })

  test('only changes are in the plan: an unchanged ESV is counted, and a tenant changed by hand changes the fingerprint', () => {
    const same = model(file([variable('esv-a', '1')]), { variables: [tenantVariable('esv-a', '1')], secrets: [] })
    expect(same.items).toEqual([])
    expect(same.unchanged).toBe(1)
    const drifted = model(file([variable('esv-a', '1')]), { variables: [tenantVariable('esv-a', '0')], secrets: [] })
    expect(drifted.items.map((item) => item.entry.key)).toEqual(['restart tenant', 'variable esv-a'])
    expect(drifted.fingerprint).not.toBe(same.fingerprint)
  })

  test('deletions come with prune only, and the restart follows the restart input', () => {
    const current = { variables: [tenantVariable('esv-old', 'x')], secrets: [] }
    expect(model(file([]), current).items).toEqual([])
    expect(model(file([]), current).notes.join()).toContain('`esv-old`')
    const pruned = model(file([]), current, { prune: true })
    expect(pruned.items.map((item) => [item.entry.key, item.entry.action])).toEqual([
      ['restart tenant', 'restart'],
      ['variable esv-old', 'delete']
    ])
    expect(model(file([]), current, { prune: true, restart: 'never' }).items.map((item) => item.entry.action)).toEqual(['delete'])
    const secretOnly = model(file([], [secret('esv-s', 'v')]), { variables: [], secrets: [] })
    expect(secretOnly.items.find((item) => item.entry.action === 'restart')?.entry.content).toEqual({ when: 'after the writes' })
  })
})

describe('the settings plan in canonical form', () => {
  test("a setting's change is its whole desired state; an unchanged one is counted, not planned", () => {
    const plan = planSettings(
      { path: 'tenant/settings.yaml', cookieDomains: ['acme.example'], federationEnforcement: 'all' },
      { contentSecurityPolicy: {}, customDomains: {}, cookieDomains: [], federationEnforcement: 'all' },
      { prune: false }
    )
    const settings = settingsPlanModel(plan, { file: 'tenant/settings.yaml', tenantUrl: TENANT })
    expect(settings.items.map((item) => item.entry)).toEqual([
      { key: 'setting cookie-domains', action: 'update', content: { desired: { domains: ['acme.example'] } } }
    ])
    expect(settings.unchanged).toBe(1)
  })
})

describe('naming what differs', () => {
  const entry = (key: string, action: string, content: PlanEntry['content'] = {}): PlanEntry => ({ key, action, content })
  const approvedOf = (entries: PlanEntry[]) => entries.map((e): [string, string, string] => [e.key, e.action, entryDigest(e)])
  const now = (entries: PlanEntry[]) => ({
    ...model(file([])),
    items: entries.map((e) => ({ entry: e, row: { change: e.action, kind: '', name: e.key, detail: '' }, resultKey: e.key }))
  })

  test('added, no longer planned, another action, other content', () => {
    const approved = approvedOf([
      entry('variable esv-a', 'update', { value: 'h1' }),
      entry('variable esv-b', 'create'),
      entry('variable esv-c', 'update')
    ])
    const lines = planDifference(
      approved,
      now([entry('variable esv-a', 'update', { value: 'h2' }), entry('variable esv-c', 'create'), entry('variable esv-d', 'delete')])
    )
    expect(lines).toEqual([
      '~ variable esv-a: update with other content than approved (value, type, encoding, source or description)',
      '~ variable esv-c: approved update, now create',
      '+ variable esv-d: delete (not in the approved plan)',
      '- variable esv-b: create was approved and is no longer planned'
    ])
    expect(
      planDifference(
        approved,
        now([entry('variable esv-a', 'update', { value: 'h1' }), entry('variable esv-b', 'create'), entry('variable esv-c', 'update')])
      )
    ).toEqual([])
    expect(planDifference(undefined, now([entry('variable esv-a', 'update')]))).toEqual([])
  })

  test('a plan too large for the marker carries no items (the fingerprint still covers them)', () => {
    const big = model(file(Array.from({ length: MAX_MARKED_ITEMS + 1 }, (_, i) => variable(`esv-v${i}`, String(i)))))
    expect(markedItems(big)).toBeUndefined()
    expect(markedItems(model(file([variable('esv-a', '1')])))).toHaveLength(2)
  })
})
