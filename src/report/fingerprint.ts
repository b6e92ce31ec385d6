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
  return { version: CANONICAL_VERSION, changes: canonicalChanges(rows) }
}

type CanonicalTuple = CanonicalReport['changes'][number]

/** Sorted, then equal neighbours dropped: the same set as de-duplicating first, without a key per row. */
function canonicalChanges(rows: ChangeRow[]): CanonicalTuple[] {
  const tuples = rows.map((row): CanonicalTuple => [row.section, row.configItem, row.kind, row.uid, row.name])
  tuples.sort(compareTuples)
  return tuples.filter((tuple, i) => i === 0 || compareTuples(tuple, tuples[i - 1]!) !== 0)
}

/** Bytes handed to the hash at a time: few calls, and never the whole (large) form in memory at once. */
const HASH_CHUNK_CHARS = 64 * 1024

/**
 * sha256 (lower-case hex) of the canonical form serialised as compact JSON in UTF-8: the same hash as
 * JSON.stringify of `{ version, changes }` hashed whole, streamed, as that text is megabytes on a large
 * report and only its hash is needed.
 */
export function fingerprintOf({ version, changes }: CanonicalReport): string {
  const hash = createHash('sha256')
  let chunk = `{"version":${JSON.stringify(version)},"changes":[`
  for (let i = 0; i < changes.length; i++) {
    const json = JSON.stringify(changes[i])
    chunk += i === 0 ? json : `,${json}`
    if (chunk.length >= HASH_CHUNK_CHARS) {
      hash.update(chunk, 'utf8')
      chunk = ''
    }
  }
  hash.update(`${chunk}]}`, 'utf8')
  return hash.digest('hex')
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
