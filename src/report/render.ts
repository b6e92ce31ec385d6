import { createHash } from 'node:crypto'
import { markdownRow, markdownTable } from '../github/summary.js'
import type { HeldLock } from '../github/marker.js'
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
  /** Which tenant the report was read from, when that is worth saying (the provisional report). */
  source?: string
  /** Mark the change table as the approvable one (a dry run's PR comment): promote re-renders it to compare. */
  markApproved?: boolean
  /** An approval kept from an earlier comment: its approved table, markers included, shown again as it was. */
  keptApproval?: { reportId: string; table: string }
  /** A lock a hold-lock dry run keeps held (strict mode): said near the top, never cut. */
  heldLock?: HeldLock
}

/** Around the table of the approved dry run in a PR comment; promote compares what is between them. */
export const APPROVED_TABLE_OPEN = '<!-- tenant-pilot:approved-changes -->'
export const APPROVED_TABLE_CLOSE = '<!-- /tenant-pilot:approved-changes -->'

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
 * warnings and fingerprint always stay. The table is always
 * renderChangeTable's, whole or its first rows, so promote can render it again.
 */
export function renderReport(view: ReportView, limit: number, prefix = '', size: (text: string) => number = characters): string {
  const head = [prefix, headline(view), heldLockNote(view), counts(view), warnings(view)].filter(Boolean).join('\n\n')
  const tail = [keptApproval(view), footer(view)].filter(Boolean).join('\n\n')
  const rows = view.assessed?.rows ?? []
  const table = (shown: number): string => (view.markApproved ? approvedTable(rows, shown) : renderChangeTable(rows, shown))
  const full = joinBlocks([head, table(rows.length), tail])
  if (size(full) <= limit) return full
  const shown = rowsThatFit(sectionBlocks(rows), limit - size(head) - size(tail) - size(table(0)), view.fullReportHint, rows.length, size)
  return joinBlocks([head, table(shown), cutNote(shown, rows.length, view.fullReportHint), tail])
}

/**
 * The one rendering of a report's change table (its first `shown` rows): a
 * collapsible block per section, each counting the whole section. Pure, so a
 * stored report renders to the same text whenever it is rendered.
 */
export function renderChangeTable(rows: ChangeRow[], shown = rows.length): string {
  const blocks: string[] = []
  let left = shown
  for (const section of sectionBlocks(rows)) {
    if (left <= 0) break
    const sectionRows = section.rows.slice(0, left)
    left -= sectionRows.length
    blocks.push([section.open, ...sectionRows, section.close].join('\n'))
  }
  return blocks.join('\n\n')
}

/** sha256 (hex) of the whole change table's rendering: what the marker records of an approved dry run. */
export function changeTableHash(rows: ChangeRow[]): string {
  return createHash('sha256').update(renderChangeTable(rows), 'utf8').digest('hex')
}

/**
 * The change table of an approvable dry run as a comment shows it: between
 * the markers, and saying inside them when it is cut, so the table is whole
 * wherever it is copied (a kept approval), and promote can render it again.
 */
export function approvedTable(rows: ChangeRow[], shown = rows.length): string {
  const cut = shown < rows.length ? `\n\n_Cut to fit: the first ${shown} of ${rows.length} changed items._` : ''
  return `${APPROVED_TABLE_OPEN}\n${renderChangeTable(rows, shown)}${cut}\n${APPROVED_TABLE_CLOSE}`
}

/** The approved table a comment body shows (between the markers), or undefined when it shows none. */
export function approvedTableIn(body: string): string | undefined {
  const start = body.indexOf(APPROVED_TABLE_OPEN)
  if (start < 0) return undefined
  const end = body.indexOf(APPROVED_TABLE_CLOSE, start)
  return end < 0 ? undefined : body.slice(start, end + APPROVED_TABLE_CLOSE.length)
}

/**
 * Whether the approved table a comment shows is exactly approvedTable of these
 * rows: all of them, or (cut to fit, and saying so) their first rows.
 */
export function showsChangeTable(body: string, rows: ChangeRow[]): boolean {
  const shownTable = approvedTableIn(body)
  if (shownTable === undefined) return false
  const lines = shownTable.split('\n')
  // Each section block has two header lines (the names and the ---) before its rows.
  const shown = lines.filter((line) => line.startsWith('|')).length - 2 * lines.filter((line) => line.startsWith('<details>')).length
  return shown >= 0 && shown <= rows.length && shownTable === approvedTable(rows, shown)
}

/** How many rows fit in `room` (as `size` measures) with the cut note; whole rows only, in order. */
function rowsThatFit(sections: SectionBlock[], room: number, hint: string, total: number, size: (text: string) => number): number {
  // A generous estimate of the note (its numbers have at most 10 digits), so adding it never breaks the limit.
  let used = size(cutNote(total, total, hint)) + 8
  let shown = 0
  for (const section of sections) {
    const fixed = size(section.open) + size(section.close) + 4
    if (used + fixed + size(section.rows[0] ?? '') + 1 > room) break
    used += fixed
    for (const row of section.rows) {
      const rowSize = size(row) + 1
      if (used + rowSize > room) return shown
      used += rowSize
      shown += 1
    }
  }
  return shown
}

function joinBlocks(blocks: string[]): string {
  return blocks.filter(Boolean).join('\n\n')
}

function headline(view: ReportView): string {
  const report = view.assessed?.report
  const what = report?.dryRun === false ? (report.type === 'rollback' ? 'rollback' : 'promotion') : 'dry run'
  const changes = view.assessed ? `${view.assessed.rows.length} change${view.assessed.rows.length === 1 ? '' : 's'}` : 'no report'
  const run = view.runUrl ? ` · [workflow run](${view.runUrl})` : ''
  const lines = [`### ${HEADLINES[view.status]} · \`${view.tenantUrl}\``, `${changes} (${what} report) · ${view.at.toISOString()}${run}`]
  if (view.source) lines.push('', oneLine(view.source))
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
  const warning = lines.length > 0 ? `> [!WARNING]\n${lines.join('\n>\n')}` : ''
  const accepted =
    assessed.previouslyIgnoredEncryptedSecrets.length > 0
      ? `> [!NOTE]\n> **Encrypted secrets accepted by an earlier promotion** (ignore-encrypted-secrets; they do not block): ${codeList(assessed.previouslyIgnoredEncryptedSecrets)}`
      : ''
  return [warning, accepted].filter(Boolean).join('\n\n')
}

/** The held lock, what it means for the lower environment, and what releases it. */
function heldLockNote(view: ReportView): string {
  const held = view.heldLock
  if (!held) return ''
  const id = `\`${held.promotionId.replace(/`/g, "'")}\``
  const expired = Date.parse(held.deadline) <= view.at.getTime()
  const release = expired
    ? `> Its hold-lock-timeout passed at ${held.deadline}: the next dry-run-promote or promote on this PR releases it (or the unlock operation with promotion-id: ${id}).`
    : `> promote reuses this lock and releases it; the unlock operation with promotion-id: ${id} releases it earlier; after ${held.deadline} (hold-lock-timeout) the next promotion run on this PR releases it.`
  return [
    '> [!IMPORTANT]',
    `> 🔒 **The environments stay locked** by promotion ${id} (hold-lock, taken ${held.takenAt}): the lower environment cannot change while this PR is reviewed.`,
    release
  ].join('\n')
}

function keptApproval(view: ReportView): string {
  const kept = view.keptApproval
  if (!kept) return ''
  return [
    `#### Approved dry run (report \`${kept.reportId.replace(/`/g, "'")}\`)`,
    'What promote holds the lower environment to, as the dry run showed it:',
    kept.table
  ].join('\n\n')
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
  return `> [!NOTE]\n> Cut to fit: this shows ${shown} of ${total} changed items. ${hint} The fingerprint covers every changed item.`
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
