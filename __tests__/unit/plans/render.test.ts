import { describe, expect, test } from '@jest/globals'
import type { DesiredVariable, EsvFile } from '../../../src/esvs/file.js'
import { planEsvs } from '../../../src/esvs/plan.js'
import { esvPlanModel } from '../../../src/plans/esvs.js'
import { parsePlanMarker, planKey, renderPlanMarker } from '../../../src/plans/marker.js'
import { renderPlan, type PlanView } from '../../../src/plans/render.js'

const at = { file: 'esvs.yaml', line: 1, column: 1 }
const TENANT = 'https://openam-acme-staging.forgeblocks.com'
const variable = (id: string, text: string): DesiredVariable => ({
  kind: 'variable',
  id,
  type: 'string',
  text,
  description: undefined,
  position: at
})
const esvs = (variables: DesiredVariable[]): EsvFile => ({
  path: 'esvs/prod.yaml',
  variables,
  secrets: [
    {
      kind: 'secret',
      id: 'esv-smtp',
      encoding: 'generic',
      value: 'hunter2-secret-value',
      source: { from: 'value-from-env', name: 'SMTP_PASSWORD' },
      useInPlaceholders: true,
      description: undefined,
      position: at
    }
  ]
})
const current = {
  variables: [
    {
      _id: 'esv-gone',
      description: '',
      expressionType: 'string' as const,
      lastChangeDate: '',
      lastChangedBy: '',
      loaded: true,
      valueBase64: 'eA=='
    }
  ],
  secrets: []
}
const viewOf = (variables: DesiredVariable[], over: Partial<PlanView> = {}): PlanView => ({
  status: 'planned',
  model: esvPlanModel(planEsvs(esvs(variables), current, { prune: true, replaceOnTypeChange: false }), {
    file: 'esvs/prod.yaml',
    tenantUrl: TENANT,
    restart: 'auto'
  }),
  showValues: false,
  at: new Date('2026-12-01T21:03:00Z'),
  trigger: { pullRequest: true, baseBranch: 'main' },
  fullPlanHint: 'The whole plan is in the job summary.',
  ...over
})

describe('renderPlan', () => {
  test('a table of the changes, deletions first and the restart last, with the fingerprint; no value unless asked', () => {
    const view = viewOf([variable('esv-url', 'https://orders.example.com')])
    const text = renderPlan(view, 65_536)
    expect(text).toContain('### 📝 ESV plan · `esvs/prod.yaml` → openam-acme-staging.forgeblocks.com')
    expect(text).toContain(
      '**Next:** a reviewer with write access approves this pull request after this plan; merging it into `main` then lets the apply make exactly these 4 changes, once'
    )
    expect(text).toContain("a secret's value is never in a plan")
    const rows = text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| change') && !line.startsWith('| ---'))
    expect(rows).toEqual([
      '| 🗑️ **delete** | variable | `esv-gone` | not in the file (prune) |',
      '| create | secret | `esv-smtp` | generic, value from env SMTP_PASSWORD |',
      '| create | variable | `esv-url` | type string |',
      '| restart | tenant | `tenant` | after the writes (restart: auto), then every change must load |'
    ])
    expect(text).toContain(`Plan fingerprint: \`sha256:${view.model.fingerprint}\``)
    expect(text).not.toContain('https://orders.example.com')
    expect(text).not.toContain('hunter2-secret-value')
  })

  test('show-values adds a value column for variables, empty for secrets', () => {
    const text = renderPlan(viewOf([variable('esv-url', 'https://orders.example.com')], { showValues: true }), 65_536)
    expect(text).toContain('| create | variable | `esv-url` | type string | `https://orders.example.com` |')
    expect(text).toContain('| create | secret | `esv-smtp` | generic, value from env SMTP_PASSWORD |  |')
    expect(text).not.toContain('hunter2-secret-value')
  })

  test('after the apply, each row says what it did; a refusal shows why and both fingerprints', () => {
    const view = viewOf([variable('esv-url', 'u')])
    const applied = renderPlan(
      {
        ...view,
        status: 'applied',
        results: new Map([
          ['esv-url', 'created'],
          ['restart', 'ready']
        ])
      },
      65_536
    )
    expect(applied).toContain('### ✅ Applied: ESV plan')
    expect(applied).toContain('| create | variable | `esv-url` | type string | created |')
    expect(applied).toContain('| restart | tenant | `tenant` | after the writes (restart: auto), then every change must load | ready |')
    const refused = renderPlan(
      { ...view, status: 'refused', failure: 'changed\n  + variable esv-x: create', approvedFingerprint: 'a'.repeat(64) },
      65_536
    )
    expect(refused).toContain('### ⛔ Apply refused: ESV plan')
    expect(refused).toContain('> [!CAUTION]\n> changed\n>   + variable esv-x: create')
    expect(refused).toContain(`approved: \`sha256:${'a'.repeat(64)}\``)
  })

  test('cut at the limit: whole rows only, a note, and the marker and fingerprint kept', () => {
    const many = Array.from({ length: 2000 }, (_, i) => variable(`esv-variable-number-${i}`, String(i)))
    const view = viewOf(many)
    const marker = renderPlanMarker({
      key: planKey('set-esvs', TENANT, 'esvs/prod.yaml'),
      status: 'planned',
      fingerprint: view.model.fingerprint
    })
    const text = renderPlan(view, 65_536, marker)
    expect(text.length).toBeLessThanOrEqual(65_536)
    expect(text.startsWith(marker)).toBe(true)
    expect(text).toMatch(/> Cut to fit: this shows \d+ of 2003 changes\. The whole plan is in the job summary\./)
    expect(text).toContain(`Plan fingerprint: \`sha256:${view.model.fingerprint}\``)
    const table = text.split('\n').filter((line) => line.startsWith('| '))
    expect(table.at(-1)).toMatch(/^\| create \| variable \| `esv-variable-number-\d+` \| type string \|$/)
  })

  test('names from the tenant or file cannot open HTML or end the marker', () => {
    const text = renderPlan(viewOf([variable('esv-url', 'u')], { failure: '<!-- --> <script>' }), 65_536)
    expect(text).not.toContain('<script>')
    expect(text).toContain('&lt;script&gt;')
  })
})

describe('the plan marker', () => {
  const key = planKey('set-esvs', TENANT, 'esvs/prod.yaml')

  test('round-trips, found by its key only, and a malformed one is not a marker', () => {
    const marker = {
      key,
      status: 'planned' as const,
      fingerprint: 'f'.repeat(64),
      items: [['variable esv-a', 'create', '0123456789abcdef']] as [string, string, string][]
    }
    const body = `${renderPlanMarker(marker)}\n\ntext`
    expect(body.split('\n')[0]).not.toContain(' esvs/prod.yaml')
    expect(parsePlanMarker(body, key)).toEqual(marker)
    expect(parsePlanMarker(body, planKey('set-esvs', TENANT, 'esvs/other.yaml'))).toBeUndefined()
    const encoded = encodeURIComponent(key)
    expect(parsePlanMarker(`<!-- tenant-pilot:plan key=${encoded} {"status":"planned","fingerprint":"short"} -->`, key)).toBeUndefined()
    expect(
      parsePlanMarker(`<!-- tenant-pilot:plan key=${encoded} {"status":"merged","fingerprint":"${'f'.repeat(64)}"} -->`, key)
    ).toBeUndefined()
  })

  test('a value cannot end the hidden comment early', () => {
    const text = renderPlanMarker({ key, status: 'planned', fingerprint: 'f'.repeat(64), author: 'x-->y' })
    expect(text.indexOf('-->')).toBe(text.length - 3)
  })
})
