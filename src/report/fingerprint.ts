import { createHash } from 'node:crypto'
import type { PromotionProgress, PromotionReport } from '../tenant/types.js'
import { blockers, changeRows, type AssessedReport, type ChangeRow } from './changes.js'

/**
 * Bumped if the canonical form ever changes, so old and new fingerprints never match by accident.
 * 2: the blockers (missing ESVs, encrypted secrets) left the form, so fixing them keeps an approval valid.
 */
export const CANONICAL_VERSION = 2

export interface CanonicalReport {
  version: number
  /** [section, configItem, kind, uid, name], sorted, no duplicates. */
  changes: [string, string, string, string, string][]
}

/**
 * The report reduced to the set of changed items that is promoted: independent
 * of report and promotion ids, dates, promoter, and the order the tenant lists
 * things in. Not the items' content (the report has none), and not what blocks
 * the promotion: creating a missing ESV in the upper environment must not
 * invalidate the approval of the same changes; promote still refuses while
 * anything blocks.
 */
export function canonicalReport(rows: ChangeRow[]): CanonicalReport {
  const seen = new Set<string>()
  const changes: CanonicalReport['changes'] = []
  for (const row of rows) {
    const tuple: [string, string, string, string, string] = [row.section, row.configItem, row.kind, row.uid, row.name]
    const key = JSON.stringify(tuple)
    if (seen.has(key)) continue
    seen.add(key)
    changes.push(tuple)
  }
  changes.sort((a, b) => compareTuples(a, b))
  return { version: CANONICAL_VERSION, changes }
}

/** sha256 (lower-case hex) of the canonical form serialised as compact JSON in UTF-8. */
export function fingerprintOf(canonical: CanonicalReport): string {
  return createHash('sha256').update(JSON.stringify(canonical), 'utf8').digest('hex')
}

export function assessReport(report: PromotionReport, progress?: PromotionProgress): AssessedReport {
  const rows = changeRows(report)
  return {
    report,
    rows,
    ...blockers(report, progress),
    fingerprint: fingerprintOf(canonicalReport(rows)),
    promotionId: report.promotionId ?? progress?.promotionId
  }
}

/** Accepts `sha256:<hex>` or bare hex in any case; undefined when it is not a sha256. */
export function normaliseFingerprint(value: string): string | undefined {
  const hex = value
    .trim()
    .replace(/^sha256:/i, '')
    .toLowerCase()
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined
}

export function displayFingerprint(fingerprint: string): string {
  return `sha256:${fingerprint}`
}

/** What differs between two canonical reports, one line each: `+ ` now there, `- ` no longer there. */
export function canonicalDifference(approved: CanonicalReport, current: CanonicalReport): string[] {
  const lines = (c: CanonicalReport): string[] =>
    c.changes.map(([section, configItem, kind, , name]) => `${section} ${configItem}: ${kind} ${name}`)
  const before = new Set(lines(approved))
  const after = new Set(lines(current))
  return [
    ...[...after].filter((line) => !before.has(line)).map((line) => `+ ${line}`),
    ...[...before].filter((line) => !after.has(line)).map((line) => `- ${line}`)
  ]
}

function compareTuples(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? ''
    const y = b[i] ?? ''
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}
