import type { ChangeKind, PromotionProgress, PromotionReport } from '../tenant/types.js'
import { CHANGE_KINDS, REPORT_SECTIONS } from '../tenant/types.js'

/** One changed item of a report, flattened: what tables and the fingerprint are made of. */
export interface ChangeRow {
  section: string
  configItem: string
  kind: ChangeKind
  name: string
  realm: string
  uid: string
}

/** A report with what blocks it: what the action shows, fingerprints and checks. */
export interface AssessedReport {
  report: PromotionReport
  rows: ChangeRow[]
  /** ESVs the promoted config references that the upper environment lacks: they block a promotion. */
  missingEsvs: string[]
  /** Secrets stored encrypted in config, found by the run: they block unless ignore-encrypted-secrets is true. */
  encryptedSecrets: string[]
  /** Encrypted secrets an earlier promotion already accepted with ignoreEncryptedSecrets: shown, never blocking. */
  previouslyIgnoredEncryptedSecrets: string[]
  /** Binds the set of changed items only (see canonicalReport), never the blockers. */
  fingerprint: string
  /** The promotion it belongs to: the report's own id, else the run's (a report may leave it out). */
  promotionId: string | undefined
}

/** Sections in the order a tenant sends them (AMConfig, IDMConfig), then any other by name. */
export function sectionOrder(report: PromotionReport): string[] {
  const known: readonly string[] = REPORT_SECTIONS
  const others = Object.keys(report.report ?? {})
    .filter((section) => !known.includes(section))
    .sort()
  return [...REPORT_SECTIONS, ...others]
}

export function changeRows(report: PromotionReport): ChangeRow[] {
  const rows: ChangeRow[] = []
  for (const section of sectionOrder(report)) {
    for (const group of report.report?.[section] ?? []) {
      for (const kind of CHANGE_KINDS) {
        for (const item of group.configChange?.[kind] ?? []) {
          rows.push({ section, configItem: group.configItem, kind, name: item.name ?? '', realm: item.realm ?? '', uid: item.uid ?? '' })
        }
      }
    }
  }
  return rows
}

/** Sorted and without duplicates, so the order a tenant lists them in never matters. */
export function uniqueSorted(values: Iterable<string | undefined>): string[] {
  return [...new Set([...values].filter((value): value is string => typeof value === 'string' && value !== ''))].sort()
}

export interface Blockers {
  missingEsvs: string[]
  encryptedSecrets: string[]
  previouslyIgnoredEncryptedSecrets: string[]
}

/**
 * Missing ESVs and encrypted secrets, from the report and (after a run) the run's progress. The report's
 * previouslyIgnoredEncryptedSecrets were accepted by an earlier promotion: they are kept apart and never block.
 */
export function blockers(report: PromotionReport, progress?: PromotionProgress): Blockers {
  const previouslyIgnoredEncryptedSecrets = uniqueSorted(report.previouslyIgnoredEncryptedSecrets ?? [])
  return {
    missingEsvs: uniqueSorted([...(report.missingESVs ?? []), ...(progress?.missingESVs ?? [])]),
    encryptedSecrets: uniqueSorted(progress?.encryptedSecrets ?? []).filter((id) => !previouslyIgnoredEncryptedSecrets.includes(id)),
    previouslyIgnoredEncryptedSecrets
  }
}

export function countsBySection(rows: ChangeRow[]): Map<string, Record<ChangeKind, number>> {
  const counts = new Map<string, Record<ChangeKind, number>>()
  for (const row of rows) {
    const entry = counts.get(row.section) ?? { added: 0, modified: 0, deleted: 0 }
    entry[row.kind] += 1
    counts.set(row.section, entry)
  }
  return counts
}
