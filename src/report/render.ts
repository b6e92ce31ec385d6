import { markdownRow, markdownTable } from '../github/summary.js'
import { CHANGE_KINDS } from '../tenant/types.js'
import { countsBySection, type AssessedReport, type ChangeRow } from './changes.js'
import { displayFingerprint } from './fingerprint.js'

export type PromotionStatus = 'dry-run' | 'promoted' | 'nothing-to-promote' | 'rolled-back' | 'report' | 'failed'

export interface ReportView {
  status: PromotionStatus
  /** The upper environment's URL. */
  tenantUrl: string
  /** Absent when the run failed before any report existed. */
  assessed: AssessedReport | undefined
  /** Why the run failed (status failed). */
  failure?: string
  /** Link to the workflow run. */
  runUrl?: string
  at: Date
  /** Where the full report is, for the note on a cut body. */
  fullReportHint: string
}

const HEADLINES: Record<PromotionStatus, string> = {
  'dry-run': '🔎 Promotion dry run',
  promoted: '✅ Promoted',
  'nothing-to-promote': '✅ Nothing to promote',
  'rolled-back': '↩️ Rolled back',
  report: '📄 Promotion report',
  failed: '❌ Promotion failed'
}

const ROW_HEADERS = ['config item', 'change', 'name', 'realm']

const characters = (text: string): number => text.length

/** The job summary's limit is in bytes: a name in another script takes up to three per character. */
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8')

/**
 * The report as markdown: a status line, counts per section and kind,
 * warnings, a collapsible table per section, and the fingerprint. When the
 * whole does not fit in `limit` (as `size` measures: characters for a PR
 * comment, UTF-8 bytes for the job summary), rows are dropped from the end
 * (never cut in half) and a note says where the full report is; the header,
 * warnings and fingerprint always stay.
 */
export function renderReport(view: ReportView, limit: number, prefix = '', size: (text: string) => number = characters): string {
  const head = [prefix, headline(view), counts(view), warnings(view)].filter(Boolean).join('\n\n')
  const tail = footer(view)
  const sections = sectionBlocks(view.assessed?.rows ?? [])
  const full = [head, ...sections.map((s) => [s.open, ...s.rows, s.close].join('\n')), tail].join('\n\n')
  if (size(full) <= limit) return full

  const total = view.assessed?.rows.length ?? 0
  const parts = [head]
  let shown = 0
  // A generous estimate of the note (its numbers have at most 10 digits), so adding it never breaks the limit.
  let used = size(head) + size(tail) + size(cutNote(total, total, view.fullReportHint)) + 8
  outer: for (const section of sections) {
    const fixed = size(section.open) + size(section.close) + 4
    if (used + fixed + size(section.rows[0] ?? '') + 1 > limit) break
    const rows: string[] = []
    used += fixed
    for (const row of section.rows) {
      const rowSize = size(row)
      if (used + rowSize + 1 > limit) {
        parts.push([section.open, ...rows, section.close].join('\n'))
        shown += rows.length
        break outer
      }
      rows.push(row)
      used += rowSize + 1
    }
    parts.push([section.open, ...rows, section.close].join('\n'))
    shown += rows.length
  }
  return [...parts, cutNote(shown, total, view.fullReportHint), tail].join('\n\n')
}

function headline(view: ReportView): string {
  const report = view.assessed?.report
  const what = report?.dryRun === false ? (report.type === 'rollback' ? 'rollback' : 'promotion') : 'dry run'
  const changes = view.assessed ? `${view.assessed.rows.length} change${view.assessed.rows.length === 1 ? '' : 's'}` : 'no report'
  const run = view.runUrl ? ` · [workflow run](${view.runUrl})` : ''
  const lines = [`### ${HEADLINES[view.status]} · \`${view.tenantUrl}\``, `${changes} (${what} report) · ${view.at.toISOString()}${run}`]
  if (view.status === 'failed' && view.failure) lines.push('', `> [!CAUTION]\n> ${oneLine(view.failure)}`)
  return lines.join('\n')
}

function counts(view: ReportView): string {
  const rows = view.assessed?.rows
  if (!rows) return ''
  if (rows.length === 0) return 'The lower and upper environments hold the same configuration: nothing to promote.'
  const bySection = countsBySection(rows)
  return markdownTable(
    ['section', ...CHANGE_KINDS],
    [...bySection].map(([section, n]) => [section, ...CHANGE_KINDS.map((kind) => String(n[kind]))])
  )
}

function warnings(view: ReportView): string {
  const assessed = view.assessed
  if (!assessed) return ''
  const lines: string[] = []
  if (assessed.missingEsvs.length > 0)
    lines.push(`> **Missing ESVs** in the upper environment (create them there before promoting): ${codeList(assessed.missingEsvs)}`)
  if (assessed.encryptedSecrets.length > 0)
    lines.push(`> **Encrypted secrets** in config (promoting needs ignore-encrypted-secrets: true): ${codeList(assessed.encryptedSecrets)}`)
  return lines.length > 0 ? `> [!WARNING]\n${lines.join('\n>\n')}` : ''
}

function footer(view: ReportView): string {
  if (!view.assessed) return ''
  const { report, fingerprint } = view.assessed
  const ids = [`report \`${report.reportId}\``, report.promotionId ? `promotion \`${report.promotionId}\`` : ''].filter(Boolean).join(', ')
  return `Fingerprint: \`${displayFingerprint(fingerprint)}\` (${ids})`
}

interface SectionBlock {
  open: string
  rows: string[]
  close: string
}

function sectionBlocks(rows: ChangeRow[]): SectionBlock[] {
  const bySection = new Map<string, ChangeRow[]>()
  for (const row of rows) {
    const sectionRows = bySection.get(row.section)
    // Pushing, not copying: a copy per row made rendering quadratic in the report's size.
    if (sectionRows) sectionRows.push(row)
    else bySection.set(row.section, [row])
  }
  return [...bySection].map(([section, sectionRows]) => ({
    open: `<details><summary>${escapeHtml(section)}: ${sectionRows.length} change${sectionRows.length === 1 ? '' : 's'}</summary>\n\n${markdownTable(ROW_HEADERS, [])}`,
    rows: sectionRows.map((row) => markdownRow([row.configItem, row.kind, row.name, row.realm].map(escapeHtml))),
    close: '\n</details>'
  }))
}

function cutNote(shown: number, total: number, hint: string): string {
  return `> [!NOTE]\n> Cut to fit: this shows ${shown} of ${total} changed items. ${hint} The fingerprint covers the whole report.`
}

function codeList(values: string[]): string {
  return values.map((value) => `\`${value.replace(/`/g, "'")}\``).join(', ')
}

/** Names come from the tenant: they must not open HTML (or end the hidden marker) in the comment. */
function escapeHtml(text: string): string {
  // Most names hold none of these; testing first saves three passes per cell on large reports.
  if (!/[&<>]/.test(text)) return text
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ')
}
