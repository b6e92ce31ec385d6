import { describe, expect, test } from '@jest/globals'
import { assessReport } from '../../../src/report/fingerprint.js'
import {
  approvedTableIn,
  changeTableHash,
  renderChangeTable,
  renderReport,
  showsChangeTable,
  utf8Bytes,
  type ReportView
} from '../../../src/report/render.js'
import type { ConfigChangeItem, PromotionReport } from '../../../src/tenant/types.js'

const items = (n: number, prefix: string): ConfigChangeItem[] =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${String(i).padStart(5, '0')}`, realm: '/alpha', uid: `${prefix}-${i}` }))

const reportOf = (am: number, idm: number, extra: Partial<PromotionReport> = {}): PromotionReport => ({
  reportId: 'r-1',
  promotionId: 'p-1',
  report: {
    AMConfig: [{ configItem: 'Journeys', configChange: { added: items(am, 'journey') } }],
    IDMConfig: [{ configItem: 'IDM > Mappings', configChange: { modified: items(idm, 'mapping') } }]
  },
  ...extra
})

const view = (report: PromotionReport, overrides: Partial<ReportView> = {}): ReportView => ({
  status: 'dry-run',
  tenantUrl: 'https://openam-acme-staging.forgeblocks.com',
  assessed: assessReport(report),
  runUrl: 'https://github.com/acme/iam/actions/runs/1',
  at: new Date('2024-05-01T10:00:00Z'),
  fullReportHint: 'See the job summary.',
  ...overrides
})

describe('renderReport', () => {
  test('status line, counts per section and kind, a table per section, and the fingerprint', () => {
    const assessed = assessReport(reportOf(2, 1))
    const body = renderReport(view(reportOf(2, 1)), 65_536, '<!-- marker -->')
    expect(body.startsWith('<!-- marker -->\n\n### 🔎 Promotion dry run · lower → openam-acme-staging.forgeblocks.com\n')).toBe(true)
    expect(body).toContain('2024-05-01 10:00 UTC · 3 changes · [workflow run](https://github.com/acme/iam/actions/runs/1)')
    expect(body).toContain('| section | deleted | added | modified |')
    expect(body).toContain('| AMConfig | 0 | 2 | 0 |')
    expect(body).toContain('| IDMConfig | 0 | 0 | 1 |')
    expect(body).toContain('| **total** | **0** | **2** | **1** |')
    expect(body).toContain('<details><summary>AMConfig: 2 changes, all in realm /alpha</summary>')
    expect(body).toContain('| IDM &gt; Mappings | modified | mapping 00000 |\n')
    expect(body).toContain(
      `Fingerprint: \`sha256:${assessed.fingerprint}\` (report \`r-1\`, promotion \`p-1\`) · upper: \`https://openam-acme-staging.forgeblocks.com\``
    )
    expect(body).not.toContain('Cut to fit')
  })

  test('missing ESVs and encrypted secrets are a warning block; previously ignored secrets a note that does not block', () => {
    const report = reportOf(1, 0, { missingESVs: ['esv-x'], previouslyIgnoredEncryptedSecrets: ['oldPassword'] })
    const body = renderReport(
      view(report, { assessed: assessReport(report, { status: 'READY', encryptedSecrets: ['ldapPassword'] }) }),
      65_536
    )
    expect(body).toContain('> [!WARNING]')
    expect(body).toContain('**Missing ESVs** in the upper environment (create them there before promoting): `esv-x`')
    expect(body).toContain('**Encrypted secrets** in config (promoting needs ignore-encrypted-secrets: true): `ldapPassword`')
    expect(body).toContain(
      '**Encrypted secrets accepted by an earlier promotion** (ignore-encrypted-secrets; they do not block): `oldPassword`'
    )
  })

  test('the approved table is marked, and is exactly the rendering of the report rows', () => {
    const assessed = assessReport(reportOf(2, 1))
    const body = renderReport(view(reportOf(2, 1), { markApproved: true }), 65_536)
    expect(approvedTableIn(body)).toContain(renderChangeTable(assessed.rows))
    expect(showsChangeTable(body, assessed.rows)).toBe(true)
    expect(changeTableHash(assessed.rows)).toMatch(/^[0-9a-f]{64}$/)
    // An edited row, a missing row, or no marked table at all is not the rendering.
    expect(showsChangeTable(body.replace('journey 00001', 'journey 0000X'), assessed.rows)).toBe(false)
    expect(showsChangeTable(body, assessReport(reportOf(3, 1)).rows)).toBe(false)
    expect(showsChangeTable(renderReport(view(reportOf(2, 1)), 65_536), assessed.rows)).toBe(false)
  })

  test('a cut approved table is the rendering of the first rows, and says it is cut', () => {
    const v = view(reportOf(3000, 3000), { markApproved: true })
    const body = renderReport(v, 20_000)
    expect(body.length).toBeLessThanOrEqual(20_000)
    expect(showsChangeTable(body, v.assessed!.rows)).toBe(true)
    expect(approvedTableIn(body)).toMatch(/_Cut to fit: the first \d+ of 6000 changed items\._\n<!-- \/tenant-pilot:approved-changes -->$/)
    expect(showsChangeTable(body.replace(/the first \d+ of 6000/, 'the first 6000 of 6000'), v.assessed!.rows)).toBe(false)
    expect(showsChangeTable(body.replace(/\n\n_Cut to fit: the first \d+ of 6000 changed items\._/, ''), v.assessed!.rows)).toBe(false)
    // Kept in a later comment, the cut table is still the approved one.
    const kept = renderReport(
      view(reportOf(1, 0), { status: 'report', keptApproval: { reportId: 'r-1', table: approvedTableIn(body)! } }),
      65_536
    )
    expect(showsChangeTable(kept, v.assessed!.rows)).toBe(true)
  })

  test('a kept approval is shown again as it was, and names the provisional report source', () => {
    const approved = renderReport(view(reportOf(1, 0), { markApproved: true }), 65_536)
    const table = approvedTableIn(approved)!
    const body = renderReport(
      view(reportOf(0, 1), { status: 'report', keptApproval: { reportId: 'r-1', table }, source: 'Read from the lower tenant.' }),
      65_536
    )
    expect(body).toContain('#### Approved dry run (report `r-1`)')
    expect(approvedTableIn(body)).toBe(table)
    expect(showsChangeTable(body, assessReport(reportOf(1, 0)).rows)).toBe(true)
    expect(body).toContain('Read from the lower tenant.')
  })

  test('the title names the pair and shows the description; the time reads as UTC to the minute', () => {
    const body = renderReport(
      view(reportOf(1, 0), { pair: { lower: 'dev', upper: 'staging' }, description: 'CHG-1: <b>new</b>\njourneys' }),
      65_536
    )
    expect(body).toContain('### 🔎 Promotion dry run · dev → staging\n2024-05-01 10:00 UTC · 1 change ·')
    expect(body).toContain('\n> CHG-1: &lt;b&gt;new&lt;/b&gt; journeys\n')
    expect(body).toContain('· staging: `https://openam-acme-staging.forgeblocks.com`')
    expect(body).not.toMatch(/### .*https:/)
  })

  test('the next step: what merging the pull request does, or an approved-fingerprint run off a PR', () => {
    const pair = { lower: 'dev', upper: 'staging' }
    const onPr = renderReport(view(reportOf(2, 1), { pair, trigger: { pullRequest: true, baseBranch: 'main' } }), 65_536)
    expect(onPr).toContain(
      '**Next:** a reviewer with write access approves this pull request after this dry run; merging it into `main` then lets promote apply exactly these 3 changes to staging; it refuses if the items that change in dev are not these any more.'
    )
    // The honest words: what an approval binds, and what binds more; how to run it again.
    expect(onPr).toContain(
      '_The approval binds which items change, not their content: an item edited again in dev before the merge is promoted as it is then'
    )
    expect(onPr).toContain('comment `/tenant-pilot dry-run`')
    const held = renderReport(
      view(reportOf(2, 1), {
        pair,
        trigger: { pullRequest: true },
        heldLock: { promotionId: 'p', takenAt: '2024-05-01T10:00:00Z', deadline: '2099-01-01T00:00:00Z' }
      }),
      65_536
    )
    expect(held).toContain('the held lock keeps dev as it is until then, so it binds their content too')
    const assessed = assessReport(reportOf(1, 0))
    const offPr = renderReport(view(reportOf(1, 0), { trigger: { pullRequest: false } }), 65_536)
    expect(offPr).toContain(
      `**Next:** promote with approved-fingerprint \`sha256:${assessed.fingerprint}\` and report-id \`r-1\` (break-glass) applies exactly this change to the upper environment;`
    )
    expect(renderReport(view(reportOf(0, 0), { pair }), 65_536)).toContain('**Next:** nothing to promote; merging leaves staging as it is.')
    expect(renderReport(view(reportOf(1, 0), { status: 'promoted' }), 65_536)).not.toContain('**Next:**')
  })

  test('the next step says why promote will fail: missing ESVs, encrypted secrets', () => {
    const report = reportOf(1, 0, { missingESVs: ['esv-x'] })
    const body = renderReport(
      view(report, {
        pair: { upper: 'staging' },
        trigger: { pullRequest: true },
        assessed: assessReport(report, { status: 'READY', encryptedSecrets: ['ldapPassword'] })
      }),
      65_536
    )
    expect(body).toContain(
      '**Next:** promote will fail until the missing ESVs exist in staging (create them with set-esvs; this approval stays valid), and its step sets ignore-encrypted-secrets: true (config holds encrypted secrets).'
    )
    expect(body).not.toContain('merging this pull request')
  })

  test('deletions come first in a section and are marked; a section of mixed realms keeps the realm column', () => {
    const report: PromotionReport = {
      reportId: 'r-3',
      report: {
        AMConfig: [
          { configItem: 'Journeys', configChange: { added: [{ name: 'New', realm: '/alpha', uid: 'n' }] } },
          { configItem: 'Scripts', configChange: { deleted: [{ name: 'Gone', realm: '/bravo', uid: 'g' }] } }
        ]
      }
    }
    const body = renderReport(view(report, { markApproved: true }), 65_536)
    expect(body).toContain('<details><summary>AMConfig: 2 changes (1 deletion)</summary>')
    // Deletions lead: counted before the table.
    expect(body).toMatch(/> \[!CAUTION\]\n> This promotion \*\*deletes 1 item\*\* from /)
    expect(body.indexOf('deletes 1 item')).toBeLessThan(body.indexOf('<details>'))
    expect(body).toContain(
      '| config item | change | name | realm |\n| --- | --- | --- | --- |\n| Scripts | 🗑️ **deleted** | Gone | /bravo |\n| Journeys | added | New | /alpha |'
    )
    expect(body).toContain('| **total** | **1** | **1** | **0** |')
    expect(showsChangeTable(body, assessReport(report).rows)).toBe(true)
  })

  test('a failure does not call itself a dry run nor repeat the blockers it names', () => {
    const report = reportOf(1, 0, { missingESVs: ['esv-x'] })
    const body = renderReport(
      view(report, {
        status: 'failed',
        failure: 'Missing ESVs in the upper environment: esv-x. Create them there (e.g. with set-esvs) and run again; nothing was promoted'
      }),
      65_536
    )
    expect(body).toContain('### ❌ Promotion failed · ')
    expect(body).toContain('> [!CAUTION]\n> Missing ESVs in the upper environment: esv-x.')
    expect(body).not.toContain('**Missing ESVs**')
    expect(body).not.toMatch(/dry run/i)
    // A blocker the failure does not name is still listed.
    const other = renderReport(view(report, { status: 'failed', failure: 'The lower environment changed' }), 65_536)
    expect(other).toContain('**Missing ESVs** in the upper environment')
  })

  test('a failure says why; a run with no report still renders', () => {
    const body = renderReport(view(reportOf(0, 0), { status: 'failed', assessed: undefined, failure: 'Timed out\nwaiting' }), 65_536)
    expect(body).toContain('❌ Promotion failed')
    expect(body).toContain('> Timed out waiting')
    expect(body).toContain('no report')
  })

  test('names cannot inject HTML or break a table', () => {
    const report = reportOf(0, 0)
    report.report.AMConfig = [{ configItem: 'Scripts', configChange: { added: [{ name: 'a|b <!-- x --> c', uid: 'u' }] } }]
    const body = renderReport(view(report), 65_536)
    expect(body).toContain('| Scripts | added | a\\|b &lt;!-- x --&gt; c |\n')
  })

  test.each([5_000, 20_000, 65_536])('a body over %i characters is cut on a row boundary, keeping the head and fingerprint', (limit) => {
    const v = view(reportOf(3000, 3000))
    const body = renderReport(v, limit, '<!-- marker -->')
    expect(body.length).toBeLessThanOrEqual(limit)
    expect(body.startsWith('<!-- marker -->')).toBe(true)
    expect(body).toContain('| AMConfig | 0 | 3000 | 0 |')
    expect(body).toMatch(
      /Cut to fit: this shows \d+ of 6000 changed items\. See the job summary\. The fingerprint covers every changed item\./
    )
    expect(body).toContain(`sha256:${v.assessed!.fingerprint}`)
    for (const line of body.split('\n').filter((l) => l.startsWith('|'))) expect(line).toMatch(/^\| .* \|$/)
    expect(body.match(/<details>/g)?.length).toBe(body.match(/<\/details>/g)?.length)
    const shown = Number(/this shows (\d+) of/.exec(body)![1])
    expect(body.split('\n').filter((l) => /^\| (Journeys|IDM &gt; Mappings) \|/.test(l))).toHaveLength(shown)
    expect(shown).toBeGreaterThan(0)
  })

  test('a byte limit (the job summary) counts names in other scripts at their UTF-8 size, and keeps the fingerprint', () => {
    const report: PromotionReport = {
      reportId: 'r-2',
      report: {
        AMConfig: [
          {
            configItem: 'Journeys',
            configChange: {
              added: Array.from({ length: 2000 }, (_, i) => ({ name: `登録ジャーニー ${i}`, realm: '/alpha', uid: `j-${i}` }))
            }
          }
        ]
      }
    }
    const v = view(report)
    const limit = 40_000
    const body = renderReport(v, limit, '', utf8Bytes)
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(limit)
    expect(body.length).toBeLessThan(limit) // characters alone would have let far more rows through
    expect(body).toContain(`sha256:${v.assessed!.fingerprint}`)
    expect(body.match(/<details>/g)?.length).toBe(body.match(/<\/details>/g)?.length)
    expect(renderReport(v, limit).length).toBeGreaterThan(body.length)
  })
})
