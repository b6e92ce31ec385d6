import { describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { assessReport, canonicalDifference, canonicalReport, fingerprintOf, normaliseFingerprint } from '../../../src/report/fingerprint.js'
import type { PromotionReport } from '../../../src/tenant/types.js'

const report = (overrides: Partial<PromotionReport> = {}): PromotionReport => ({
  reportId: 'r-1',
  promotionId: 'p-1',
  createdDate: '2024-05-01T10:00:00Z',
  dryRun: true,
  missingESVs: ['esv-b', 'esv-a'],
  previouslyIgnoredEncryptedSecrets: [],
  report: {
    AMConfig: [
      {
        configItem: 'Journeys',
        configChange: {
          added: [{ name: 'Login', realm: '/alpha', uid: 'j1' }],
          modified: [{ name: 'Register', realm: '/alpha', uid: 'j2' }]
        }
      }
    ],
    IDMConfig: [{ configItem: 'Email > Templates', configChange: { deleted: [{ name: 'welcome', uid: 'e1' }] } }]
  },
  ...overrides
})

describe('report fingerprint', () => {
  test('the promotion id is the report’s, else the run’s; it never changes the fingerprint', () => {
    expect(assessReport(report()).promotionId).toBe('p-1')
    const { promotionId: _dropped, ...bare } = report()
    const fromRun = assessReport(bare as PromotionReport, { status: 'READY', promotionId: 'p-run' })
    expect(fromRun.promotionId).toBe('p-run')
    expect(fromRun.fingerprint).toBe(assessReport(report()).fingerprint)
  })

  test('is a sha256 of the canonical form', () => {
    const assessed = assessReport(report())
    expect(assessed.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(assessed.fingerprint).toBe(fingerprintOf(canonicalReport(assessed.rows)))
    expect(canonicalReport(assessed.rows)).toEqual({
      version: 2,
      changes: [
        ['AMConfig', 'Journeys', 'added', 'j1', 'Login'],
        ['AMConfig', 'Journeys', 'modified', 'j2', 'Register'],
        ['IDMConfig', 'Email > Templates', 'deleted', 'e1', 'welcome']
      ]
    })
  })

  test('ignores ids, dates, promoter and ordering', () => {
    const reordered = report({
      reportId: 'r-2',
      promotionId: 'p-2',
      createdDate: '2025-01-01T00:00:00Z',
      promoter: 'someone',
      missingESVs: ['esv-a', 'esv-b', 'esv-a'],
      report: {
        IDMConfig: [{ configItem: 'Email > Templates', configChange: { deleted: [{ name: 'welcome', uid: 'e1' }] } }],
        AMConfig: [
          {
            configItem: 'Journeys',
            configChange: {
              modified: [{ name: 'Register', realm: '/alpha', uid: 'j2' }],
              added: [{ name: 'Login', realm: '/alpha', uid: 'j1' }]
            }
          }
        ]
      }
    })
    expect(assessReport(reordered).fingerprint).toBe(assessReport(report()).fingerprint)
  })

  test('changes with any changed item, never with what blocks the promotion', () => {
    const base = assessReport(report()).fingerprint
    const renamed = report()
    renamed.report.AMConfig![0]!.configChange.added![0]!.name = 'Login2'
    expect(assessReport(renamed).fingerprint).not.toBe(base)
    // Creating the missing ESVs (the fix promote asks for) keeps the approval valid.
    expect(assessReport(report({ missingESVs: [] })).fingerprint).toBe(base)
    expect(assessReport(report(), { encryptedSecrets: ['ldapPassword'] }).fingerprint).toBe(base)
    expect(assessReport(report({ previouslyIgnoredEncryptedSecrets: ['ldapPassword'] })).fingerprint).toBe(base)
  })

  test('previously ignored encrypted secrets are shown apart and never block', () => {
    const assessed = assessReport(report({ previouslyIgnoredEncryptedSecrets: ['old', 'found'] }), { encryptedSecrets: ['found', 'new'] })
    expect(assessed.previouslyIgnoredEncryptedSecrets).toEqual(['found', 'old'])
    expect(assessed.encryptedSecrets).toEqual(['new'])
    expect(assessed.missingEsvs).toEqual(['esv-a', 'esv-b'])
  })

  test('an empty report has a stable fingerprint of its own', () => {
    const empty = assessReport(report({ report: {}, missingESVs: [] }))
    expect(empty.rows).toEqual([])
    expect(empty.fingerprint).toBe(assessReport({ reportId: 'x', report: {} }).fingerprint)
  })

  test('normalises the accepted spellings and refuses others', () => {
    const hex = 'A'.repeat(64)
    expect(normaliseFingerprint(`sha256:${hex}`)).toBe('a'.repeat(64))
    expect(normaliseFingerprint(` ${hex} `)).toBe('a'.repeat(64))
    expect(normaliseFingerprint('abc')).toBeUndefined()
    expect(normaliseFingerprint(`md5:${hex}`)).toBeUndefined()
  })

  test('the difference lists what appeared and what went', () => {
    const before = assessReport(report())
    const changed = report({ missingESVs: ['esv-c'] })
    changed.report.AMConfig![0]!.configChange.added![0]!.name = 'Login2'
    const after = assessReport(changed)
    expect(canonicalDifference(canonicalReport(before.rows), canonicalReport(after.rows))).toEqual([
      '+ AMConfig Journeys: added Login2',
      '- AMConfig Journeys: added Login'
    ])
  })

  test('the streamed hash equals the canonical JSON hashed whole, on small, unicode, duplicated and large reports', () => {
    const wholeHash = (rows: ReturnType<typeof assessReport>['rows']): string =>
      createHash('sha256')
        .update(JSON.stringify(canonicalReport(rows)), 'utf8')
        .digest('hex')
    const many = (count: number): PromotionReport =>
      report({
        report: {
          AMConfig: Array.from({ length: 7 }, (_, group) => ({
            configItem: `Journeys ${group}`,
            configChange: {
              added: Array.from({ length: count }, (_, i) => ({ name: `item-${i}-"quoted"\\-ünïcødé-😀`, uid: `u${group}-${i}` })),
              deleted: [
                { name: 'same', uid: 'same' },
                { name: 'same', uid: 'same' }
              ]
            }
          }))
        }
      })
    const reports = [report(), report({ report: {} }), many(3), many(2000)]
    for (const r of reports) {
      const assessed = assessReport(r)
      expect(assessed.fingerprint).toBe(wholeHash(assessed.rows))
      expect(fingerprintOf(canonicalReport(assessed.rows))).toBe(wholeHash(assessed.rows))
    }
    // The large one spans many chunks of the stream.
    expect(JSON.stringify(canonicalReport(assessReport(many(2000)).rows)).length).toBeGreaterThan(1_000_000)
  })
})
