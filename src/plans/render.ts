import { markdownRow, markdownTable } from '../github/summary.js'
import { displayFingerprint } from '../report/fingerprint.js'
import { escapeHtml, readableUtc } from '../report/render.js'
import type { PlanItem, PlanModel, PlanStatus } from './types.js'

export interface PlanView {
  status: PlanStatus
  model: PlanModel
  /** show-values: true shows variables' new values; secret values are never in a plan. */
  showValues: boolean
  at: Date
  runUrl?: string
  /** After the apply: what each change did, by the item's result key. */
  results?: ReadonlyMap<string, string>
  /** Why the apply was refused or failed. */
  failure?: string
  /** The approved fingerprint, when it is not the plan's own (a refused apply). */
  approvedFingerprint?: string
  /** Where the run came from, for the next-step line. */
  trigger?: { pullRequest: boolean; baseBranch?: string }
  /** Where the whole plan is, for the note on a cut table. */
  fullPlanHint: string
  /** Who approved the plan applied ("Approved by @alice …", or break-glass): said under the title. */
  approvedBy?: string
}

const TITLES: Record<PlanModel['operation'], string> = { 'set-esvs': 'ESV plan', 'set-tenant-settings': 'Tenant settings plan' }

const HEADLINES: Record<PlanStatus, string> = {
  planned: '📝',
  applied: '✅ Applied:',
  refused: '⛔ Apply refused:',
  failed: '❌ Apply failed:'
}

/**
 * The plan as markdown, for the PR comment and the job summary: a status line,
 * counts per change, the table of changes, notes, and the fingerprint. When
 * the whole does not fit in `limit` (as `size` measures), rows are dropped from
 * the end, whole, and a note says so; header, notes and fingerprint stay.
 */
export function renderPlan(view: PlanView, limit: number, prefix = '', size: (text: string) => number = (text) => text.length): string {
  const head = [prefix, headline(view), nextStep(view), counts(view)].filter(Boolean).join('\n\n')
  const tail = [notes(view), footer(view)].filter(Boolean).join('\n\n')
  const items = displayOrder(view.model.items)
  const header = tableHeader(view)
  const rows = items.map((item) => markdownRow(cells(view, item)))
  const whole = join([head, table(view, header, rows, rows.length), tail])
  if (size(whole) <= limit) return whole
  let room = limit - size(head) - size(tail) - size(table(view, header, [], items.length)) - 16
  let shown = 0
  for (const row of rows) {
    room -= size(row) + 1
    if (room < 0) break
    shown += 1
  }
  return join([head, table(view, header, rows.slice(0, shown), items.length), tail])
}

/** Around a planned comment's table: the apply checks that what is between them is the plan it applies. */
export const PLAN_TABLE_OPEN = '<!-- tenant-pilot:planned-changes -->'
export const PLAN_TABLE_CLOSE = '<!-- /tenant-pilot:planned-changes -->'

/**
 * The table (its first rows when cut, saying so inside the markers), marked as the one reviewers
 * approve when the plan is a dry run's: an outcome's table (with results) approves nothing.
 */
function table(view: PlanView, header: string, rows: string[], total: number): string {
  if (total === 0) return ''
  const cut =
    rows.length < total
      ? `\n\n> [!NOTE]\n> Cut to fit: this shows ${rows.length} of ${total} changes. ${view.fullPlanHint} The fingerprint covers every change.`
      : ''
  const body = `${[header, ...rows].join('\n')}${cut}`
  return view.status === 'planned' ? `${PLAN_TABLE_OPEN}\n${body}\n${PLAN_TABLE_CLOSE}` : body
}

/**
 * Whether a comment shows exactly this plan's table as a planned comment renders it (whole, or its first
 * rows and saying so), with or without the values column: what reviewers saw is what is applied.
 */
export function showsPlanTable(body: string, model: PlanModel, fullPlanHint: string): boolean {
  const start = body.indexOf(PLAN_TABLE_OPEN)
  const end = start < 0 ? -1 : body.indexOf(PLAN_TABLE_CLOSE, start)
  if (end < 0) return model.items.length === 0 && !body.includes(PLAN_TABLE_CLOSE)
  const shownTable = body.slice(start, end + PLAN_TABLE_CLOSE.length)
  const shownRows = shownTable.split('\n').filter((line) => line.startsWith('|')).length - 2
  if (shownRows < 0 || shownRows > model.items.length) return false
  return [false, true].some((showValues) => {
    const view: PlanView = { status: 'planned', model, showValues, at: new Date(0), fullPlanHint }
    const rows = displayOrder(model.items).map((item) => markdownRow(cells(view, item)))
    return table(view, tableHeader(view), rows.slice(0, shownRows), model.items.length) === shownTable
  })
}

function headline(view: PlanView): string {
  const { model } = view
  const run = view.runUrl ? ` · [workflow run](${view.runUrl})` : ''
  const lines = [
    `### ${HEADLINES[view.status]} ${TITLES[model.operation]} · \`${tick(model.file)}\` → ${escapeHtml(hostOf(model.tenantUrl))}`,
    `${readableUtc(view.at)} · ${plural(model.items.length, 'change')}${run}`
  ]
  if (view.approvedBy) lines.push('', `**Approval:** ${escapeHtml(view.approvedBy)}`)
  if (view.failure)
    lines.push(
      '',
      `> [!CAUTION]\n${view.failure
        .split('\n')
        .map((line) => `> ${escapeHtml(line)}`)
        .join('\n')}`
    )
  return lines.join('\n')
}

function nextStep(view: PlanView): string {
  if (view.status !== 'planned') return ''
  if (view.model.items.length === 0) return '**Next:** nothing to apply; the tenant already matches the file.'
  const changes = view.model.items.length === 1 ? 'this change' : `these ${view.model.items.length} changes`
  const guard = 'it refuses before any write if the tenant or the file changed since this plan'
  const binds =
    view.model.operation === 'set-esvs'
      ? "_The approval binds these changes and the variables' values; a secret's value is never in a plan: the apply writes the value its source holds then._"
      : '_The approval binds these changes and their content._'
  if (view.trigger?.pullRequest) {
    const into = view.trigger.baseBranch ? ` into \`${tick(view.trigger.baseBranch)}\`` : ''
    return `**Next:** a reviewer with write access approves this pull request after this plan; merging it${into} then lets the apply make exactly ${changes}, once; ${guard}. ${binds}`
  }
  return `**Next:** the apply with approved-plan \`${displayFingerprint(view.model.fingerprint)}\` (break-glass) makes exactly ${changes}; ${guard}. ${binds}`
}

function counts(view: PlanView): string {
  const byChange = new Map<string, number>()
  for (const { row } of displayOrder(view.model.items)) byChange.set(row.change, (byChange.get(row.change) ?? 0) + 1)
  const parts = [...byChange].map(([change, n]) => `${n} ${change}`)
  if (view.model.unchanged > 0) parts.push(`${view.model.unchanged} unchanged`)
  return parts.join(' · ') || 'Nothing declared.'
}

function tableHeader(view: PlanView): string {
  const headers = ['change', 'kind', 'name', 'detail']
  if (view.showValues && view.model.operation === 'set-esvs') headers.push('value')
  if (view.results) headers.push('result')
  return markdownTable(headers, [])
}

function cells(view: PlanView, { row, resultKey }: PlanItem): string[] {
  const shown = [emphasise(row.change), row.kind, `\`${tick(row.name)}\``, escapeHtml(row.detail)]
  if (view.showValues && view.model.operation === 'set-esvs')
    shown.push(row.value === undefined ? '' : `\`${tick(escapeHtml(row.value))}\``)
  if (view.results) shown.push(view.results.get(resultKey) ?? (view.status === 'applied' ? 'done' : 'not done'))
  return shown
}

/** Deletions first, then replacements, creations, updates; the restart they lead to last. */
const DISPLAY_RANK: Record<string, number> = {
  delete: 0,
  'deactivate-and-delete': 0,
  replace: 1,
  create: 2,
  upload: 2,
  update: 3,
  activate: 3,
  deactivate: 3,
  'update-description': 4,
  'check-value': 5,
  restart: 9
}

/** The table's order (the canonical form sorts by key: the order shown never changes the fingerprint). */
export function displayOrder(items: readonly PlanItem[]): PlanItem[] {
  const rank = (item: PlanItem): number => DISPLAY_RANK[item.entry.action] ?? 6
  return [...items].sort((a, b) => rank(a) - rank(b) || (a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : 0))
}

/** Deletions and replacements are what a reviewer must not miss. */
function emphasise(change: string): string {
  if (change.startsWith('delete') || change.startsWith('deactivate, then delete')) return `🗑️ **${change}**`
  if (change === 'replace') return `♻️ **${change}**`
  return change
}

function notes(view: PlanView): string {
  return view.model.notes.map((note) => escapeNote(note)).join('\n\n')
}

function footer(view: PlanView): string {
  const { model } = view
  const approved =
    view.approvedFingerprint && view.approvedFingerprint !== model.fingerprint
      ? ` · approved: \`${displayFingerprint(view.approvedFingerprint)}\``
      : ''
  return `Plan fingerprint: \`${displayFingerprint(model.fingerprint)}\`${approved} · ${model.operation} · file \`${tick(model.file)}\` · tenant \`${model.tenantUrl}\``
}

function escapeNote(note: string): string {
  // Notes carry ids in backticks; only HTML may not pass.
  return note.replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function tick(text: string): string {
  return text.replace(/`/g, "'")
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

function join(blocks: string[]): string {
  return blocks.filter(Boolean).join('\n\n')
}
