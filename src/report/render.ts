import { createHash } from 'node:crypto'
import { escapeHtml, escapeProse, markdownRow, markdownTable } from '../github/summary.js'
import type { HeldLock } from '../github/marker.js'
import type { ChangeKind } from '../tenant/types.js'
import { countsBySection, type AssessedReport, type ChangeRow } from './changes.js'
import { displayFingerprint } from './fingerprint.js'
import type { PromotionStatus } from './types.js'

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
  /** The pair's names for the title (lower-name/upper-name); each defaults to its tenant's host, or "lower". */
  pair?: { lower?: string; upper?: string }
  /** The promotion's description input, shown under the title. */
  description?: string
  /** What the run was started by, for the next-step line: a pull request (and its base branch) or not. */
  trigger?: { pullRequest: boolean; baseBranch?: string }
  /** A lock a hold-lock dry run keeps held (strict mode): said near the top, never cut. */
  heldLock?: HeldLock
  /** Who approved what was promoted ("Approved by @alice …", or break-glass): said under the title. */
  approvedBy?: string
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

/** Deletions first: they are what a reviewer must not miss. */
const DISPLAY_KINDS: readonly ChangeKind[] = ['deleted', 'added', 'modified']
const KIND_LABELS: Record<ChangeKind, string> = { deleted: '🗑️ **deleted**', added: 'added', modified: 'modified' }

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
  const head = [prefix, headline(view), approvedByLine(view), heldLockNote(view), nextStep(view), risk(view), counts(view), warnings(view)]
    .filter(Boolean)
    .join('\n\n')
  const tail = [keptApproval(view), footer(view)].filter(Boolean).join('\n\n')
  const rows = view.assessed?.rows ?? []
  // Rows are rendered when first needed, once: a report far over the limit renders only the rows that fit.
  const sections = sectionBlocks(rows)
  const table = (shown: number): string =>
    view.markApproved ? approvedTableOf(sections, rows.length, shown) : changeTableOf(sections, shown)
  if (!rowsAloneExceed(sections, limit, size)) {
    const full = joinBlocks([head, table(rows.length), tail])
    if (size(full) <= limit) return full
  }
  const shown = rowsThatFit(sections, limit - size(head) - size(tail) - size(table(0)), view.fullReportHint, rows.length, size)
  return joinBlocks([head, table(shown), cutNote(shown, rows.length, view.fullReportHint), tail])
}

/** Whether the rows alone pass the limit, so the whole cannot fit: rendering stops as soon as they do. */
function rowsAloneExceed(sections: SectionBlock[], limit: number, size: (text: string) => number): boolean {
  let total = 0
  for (const section of sections) {
    for (let i = 0; i < section.count; i++) {
      total += size(section.row(i))
      if (total > limit) return true
    }
  }
  return false
}

/**
 * The one rendering of a report's change table (its first `shown` rows): a
 * collapsible block per section, each counting the whole section. Pure, so a
 * stored report renders to the same text whenever it is rendered.
 */
export function renderChangeTable(rows: ChangeRow[], shown = rows.length): string {
  return changeTableOf(sectionBlocks(rows), shown)
}

function changeTableOf(sections: SectionBlock[], shown: number): string {
  const blocks: string[] = []
  let left = shown
  for (const section of sections) {
    if (left <= 0) break
    const count = Math.min(section.count, left)
    left -= count
    const lines = [section.open]
    for (let i = 0; i < count; i++) lines.push(section.row(i))
    lines.push(section.close)
    blocks.push(lines.join('\n'))
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
  return approvedTableOf(sectionBlocks(rows), rows.length, shown)
}

function approvedTableOf(sections: SectionBlock[], total: number, shown: number): string {
  const cut = shown < total ? `\n\n_Cut to fit: the first ${shown} of ${total} changed items._` : ''
  return `${APPROVED_TABLE_OPEN}\n${changeTableOf(sections, shown)}${cut}\n${APPROVED_TABLE_CLOSE}`
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
    if (used + fixed + size(section.count > 0 ? section.row(0) : '') + 1 > room) break
    used += fixed
    for (let i = 0; i < section.count; i++) {
      const rowSize = size(section.row(i)) + 1
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
  const changes = view.assessed ? plural(view.assessed.rows.length, 'change') : 'no report'
  const run = view.runUrl ? ` · [workflow run](${view.runUrl})` : ''
  const lines = [`### ${HEADLINES[view.status]} · ${escapeHtml(pairTitle(view))}`, `${readableUtc(view.at)} · ${changes}${run}`]
  if (view.description) lines.push('', `> ${escapeProse(oneLine(view.description))}`)
  if (view.source) lines.push('', oneLine(view.source))
  if (view.status === 'failed' && view.failure) lines.push('', `> [!CAUTION]\n> ${oneLine(view.failure)}`)
  return lines.join('\n')
}

/** `dev → staging`: the names given, else the upper tenant's host (the lower one is not known to most operations). */
export function pairTitle(view: Pick<ReportView, 'pair' | 'tenantUrl'>): string {
  return `${view.pair?.lower || 'lower'} → ${view.pair?.upper || hostOf(view.tenantUrl)}`
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/** `2026-12-01 21:03 UTC`: what a reviewer reads; the exact time is in the workflow run. */
export function readableUtc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/**
 * What happens next, phrased from what the run knows: a blocker that will stop promote, or what
 * merging the pull request (into its base branch) or an approved-fingerprint run will promote.
 */
export function nextStep(view: ReportView): string {
  const assessed = view.assessed
  if (view.status !== 'dry-run' || !assessed) return ''
  const upper = view.pair?.upper || 'the upper environment'
  const lower = view.pair?.lower || 'the lower environment'
  const blockers: string[] = []
  if (assessed.missingEsvs.length > 0)
    blockers.push(`the missing ESVs exist in ${upper} (create them with set-esvs; this approval stays valid)`)
  if (assessed.encryptedSecrets.length > 0) blockers.push('its step sets ignore-encrypted-secrets: true (config holds encrypted secrets)')
  if (blockers.length > 0) return `**Next:** promote will fail until ${blockers.join(', and ')}.`
  if (assessed.rows.length === 0) return `**Next:** nothing to promote; merging leaves ${upper} as it is.`
  const changes = assessed.rows.length === 1 ? 'this change' : `these ${assessed.rows.length} changes`
  const guard = `it refuses if the items that change in ${lower} are not these any more`
  const binds = view.heldLock
    ? `The approval binds which items change; the held lock keeps ${lower} as it is until then, so it binds their content too.`
    : `The approval binds which items change, not their content: an item edited again in ${lower} before the merge is promoted as it is then (hold-lock binds the content by keeping ${lower} locked).`
  if (view.trigger?.pullRequest) {
    const into = view.trigger.baseBranch ? ` into \`${view.trigger.baseBranch.replace(/`/g, "'")}\`` : ''
    return [
      `**Next:** a reviewer with write access approves this pull request after this dry run; merging it${into} then lets promote apply exactly ${changes} to ${upper}; ${guard}.`,
      `_${binds} To run the dry run again, comment \`/tenant-pilot dry-run\` (the recommended workflow) or re-run the workflow; a new dry run that changes the list needs a new approval._`
    ].join('\n\n')
  }
  return `**Next:** promote with approved-fingerprint \`${displayFingerprint(assessed.fingerprint)}\` and report-id \`${assessed.report.reportId}\` (break-glass) applies exactly ${changes} to ${upper}; ${guard}. _${binds}_`
}

function approvedByLine(view: ReportView): string {
  return view.approvedBy ? `**Approval:** ${escapeHtml(oneLine(view.approvedBy))}` : ''
}

/** Deletions lead: a reviewer must not miss what the promotion removes. */
function risk(view: ReportView): string {
  const deleted = (view.assessed?.rows ?? []).filter((row) => row.kind === 'deleted').length
  if (deleted === 0 || (view.status !== 'dry-run' && view.status !== 'report')) return ''
  const upper = view.pair?.upper || 'the upper environment'
  return `> [!CAUTION]\n> This promotion **deletes ${plural(deleted, 'item')}** from ${escapeHtml(upper)}: they come first in each section below.`
}

function counts(view: ReportView): string {
  const rows = view.assessed?.rows
  if (!rows) return ''
  if (rows.length === 0) return 'The report lists no change between the lower and upper environments: nothing to promote.'
  const bySection = [...countsBySection(rows)]
  const total = (kind: ChangeKind): number => bySection.reduce((sum, [, n]) => sum + n[kind], 0)
  return markdownTable(
    ['section', ...DISPLAY_KINDS],
    [
      ...bySection.map(([section, n]) => [section, ...DISPLAY_KINDS.map((kind) => String(n[kind]))]),
      ['**total**', ...DISPLAY_KINDS.map((kind) => `**${total(kind)}**`)]
    ]
  )
}

function warnings(view: ReportView): string {
  const assessed = view.assessed
  if (!assessed) return ''
  // A failure that names a blocker has said it already (in the caution above): the list is not repeated.
  const unsaid = (names: string[]): string[] =>
    view.status === 'failed' && names.every((name) => view.failure?.includes(name)) ? [] : names
  const missingEsvs = unsaid(assessed.missingEsvs)
  const encryptedSecrets = unsaid(assessed.encryptedSecrets)
  const lines: string[] = []
  if (missingEsvs.length > 0)
    lines.push(`> **Missing ESVs** in the upper environment (create them there before promoting): ${codeList(missingEsvs)}`)
  if (encryptedSecrets.length > 0)
    lines.push(`> **Encrypted secrets** in config (promoting needs ignore-encrypted-secrets: true): ${codeList(encryptedSecrets)}`)
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
  return `Fingerprint: \`${displayFingerprint(fingerprint)}\` (${ids}) · ${escapeHtml(view.pair?.upper || 'upper')}: \`${view.tenantUrl}\``
}

interface SectionBlock {
  open: string
  /** How many rows the section has. */
  count: number
  /** Row `index` rendered (on first use, then kept): a large report is never rendered whole to be cut. */
  row(index: number): string
  close: string
}

/**
 * A block per section, deletions first (in their report order, then the rest in theirs). When every
 * row of a section has the same realm, it is said once in the section's summary instead of per row.
 */
function sectionBlocks(rows: ChangeRow[]): SectionBlock[] {
  const bySection = new Map<string, ChangeRow[]>()
  for (const row of rows) {
    const sectionRows = bySection.get(row.section)
    // Pushing, not copying: a copy per row made rendering quadratic in the report's size.
    if (sectionRows) sectionRows.push(row)
    else bySection.set(row.section, [row])
  }
  return [...bySection].map(([section, sectionRows]) => {
    const ordered = [...sectionRows.filter((row) => row.kind === 'deleted'), ...sectionRows.filter((row) => row.kind !== 'deleted')]
    const realm = ordered[0]!.realm
    const oneRealm = ordered.every((row) => row.realm === realm)
    const where = oneRealm && realm ? `, all in realm ${realm}` : ''
    const deletions = ordered.filter((row) => row.kind === 'deleted').length
    const counted = `${plural(ordered.length, 'change')}${deletions > 0 ? ` (${plural(deletions, 'deletion')})` : ''}`
    const headers = oneRealm ? ['config item', 'change', 'name'] : ['config item', 'change', 'name', 'realm']
    const cells = (row: ChangeRow): string[] => {
      // Names come from the tenant: no markup, no marker, no mention of their own.
      const shown = [escapeProse(row.configItem), KIND_LABELS[row.kind], escapeProse(row.name)]
      return oneRealm ? shown : [...shown, escapeProse(row.realm)]
    }
    const rendered: string[] = []
    return {
      open: `<details><summary>${escapeHtml(`${section}: ${counted}${where}`)}</summary>\n\n${markdownTable(headers, [])}`,
      count: ordered.length,
      row: (index: number): string => (rendered[index] ??= markdownRow(cells(ordered[index]!))),
      close: '\n</details>'
    }
  })
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

function cutNote(shown: number, total: number, hint: string): string {
  return `> [!NOTE]\n> Cut to fit: this shows ${shown} of ${total} changed items. ${hint} The fingerprint covers every changed item.`
}

function codeList(values: string[]): string {
  return values.map((value) => `\`${value.replace(/`/g, "'")}\``).join(', ')
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ')
}
