import { markdownTable } from '../github/summary.js'
import type { Change } from './apply.js'
import type { Plan, PlanItem, PlannedAction } from './plan.js'
import { shownVariableValue } from './values.js'

const SYMBOL: Record<PlannedAction, string> = {
  create: '+',
  update: '~',
  'update-description': '~',
  'check-value': '?',
  replace: '±',
  delete: '-',
  unchanged: '='
}

/** What each planned action is called, in the log, the summary and the plan comment. */
export const ACTION_LABEL: Record<PlannedAction, string> = {
  create: 'create',
  update: 'update value',
  'update-description': 'update description',
  'check-value': 'value from its source (a secret cannot be read back; unchanged if equal)',
  replace: 'replace',
  delete: 'delete',
  unchanged: 'unchanged'
}

/** One log line per ESV, Terraform-style. Never a secret value; variable values only when asked. */
export function planLines(plan: Plan, showValues: boolean): string[] {
  const lines = plan.items.map((item) => `${SYMBOL[item.action]} ${item.kind.padEnd(8)} ${item.id}: ${describe(item, showValues)}`)
  for (const id of plan.unmanaged) lines.push(`  (kept)   ${id}: in the tenant, not in the file (prune is off)`)
  return lines
}

function describe(item: PlanItem, showValues: boolean): string {
  const parts = [ACTION_LABEL[item.action]]
  if (item.setDescription && item.action !== 'update-description') parts.push('and description')
  if (item.reason) parts.push(`(${item.reason})`)
  if (showValues && item.desired?.kind === 'variable' && ['create', 'update', 'replace'].includes(item.action))
    parts.push(`= ${shownVariableValue(item.desired)}`)
  return parts.join(' ')
}

export function planSummary(plan: Plan, options: { dryRun: boolean; showValues: boolean; file: string; changes?: Change[] }): string {
  const applied = new Map(options.changes?.map((c) => [c.id, c.action]))
  const headers = ['ESV', 'kind', options.dryRun ? 'plan' : 'result', ...(options.showValues ? ['value'] : [])]
  const rows = plan.items.map((item) => [
    `\`${item.id}\``,
    item.kind,
    options.dryRun ? ACTION_LABEL[item.action] : (applied.get(item.id) ?? 'failed'),
    ...(options.showValues ? [item.desired?.kind === 'variable' ? `\`${shownVariableValue(item.desired)}\`` : ''] : [])
  ])
  const counts = countBy(options.dryRun ? plan.items.map((i) => ACTION_LABEL[i.action]) : [...applied.values()])
  const heading = options.dryRun
    ? `### ESV plan for \`${options.file}\` (dry run: nothing written)`
    : `### ESV sync from \`${options.file}\``
  const unmanaged =
    plan.unmanaged.length > 0
      ? `\n\nIn the tenant but not in the file (kept; \`prune: true\` deletes them): ${plan.unmanaged.map((id) => `\`${id}\``).join(', ')}`
      : ''
  return `${heading}\n\n${counts}\n\n${markdownTable(headers, rows)}${unmanaged}`
}

/** "2 update, 1 unchanged": how many rows of each label a summary table holds. */
export function countBy(labels: string[]): string {
  const counts = new Map<string, number>()
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1)
  return [...counts].map(([label, n]) => `${n} ${label}`).join(', ') || 'nothing declared'
}
