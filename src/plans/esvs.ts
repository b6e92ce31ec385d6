import type { DesiredEsv } from '../esvs/file.js'
import type { Plan, PlanItem as EsvPlanItem, PlannedAction } from '../esvs/plan.js'
import type { RestartMode } from '../inputs/types.js'
import { planFingerprint, sortItems, valueHash } from './canonical.js'
import type { CanonicalValue, PlanItem, PlanModel } from './types.js'
import { ACTION_LABEL } from '../esvs/render.js'
import { shownVariableValue } from '../esvs/values.js'

/** Writes that change the tenant for sure (a pushed secret value may be de-duplicated to nothing). */
const DEFINITE: ReadonlySet<PlannedAction> = new Set(['create', 'update', 'update-description', 'replace', 'delete'])

/** The set-esvs plan as reviewers see it and the apply compares: its changes and the restart they lead to. */
export function esvPlanModel(plan: Plan, context: { file: string; tenantUrl: string; restart: RestartMode }): PlanModel {
  const changes = plan.items.filter((item) => item.action !== 'unchanged')
  const items: PlanItem[] = changes.map(esvItem)
  const restart = restartItem(changes, context.restart)
  if (restart) items.push(restart)
  const sorted = sortItems(items)
  const notes: string[] = []
  if (plan.unmanaged.length > 0)
    notes.push(`In the tenant but not in the file (kept; \`prune: true\` deletes them): ${plan.unmanaged.map(code).join(', ')}`)
  if (plan.pending.length > 0 && context.restart === 'auto')
    notes.push(`Waiting for a restart to load (the apply restarts for them): ${plan.pending.map(code).join(', ')}`)
  return {
    operation: 'set-esvs',
    file: context.file,
    tenantUrl: context.tenantUrl,
    items: sorted,
    unchanged: plan.items.length - changes.length,
    notes,
    fingerprint: planFingerprint(
      'set-esvs',
      context.tenantUrl,
      context.file,
      sorted.map((item) => item.entry)
    )
  }
}

function esvItem(item: EsvPlanItem): PlanItem {
  const action = item.action as Exclude<PlannedAction, 'unchanged'>
  const content: { [key: string]: CanonicalValue } = { kind: item.kind }
  if (item.currentKind && item.currentKind !== item.kind) content.from = item.currentKind
  if (item.desired && action !== 'delete') Object.assign(content, desiredContent(item.desired, writesDescription(item)))
  const detail = [item.reason, describeDesired(item)].filter(Boolean).join('; ')
  return {
    entry: { key: `${item.kind} ${item.id}`, action, content },
    row: {
      change: `${ACTION_LABEL[action]}${item.setDescription && action !== 'update-description' ? ' and description' : ''}`,
      kind: item.kind,
      name: item.id,
      detail,
      ...(item.desired?.kind === 'variable' && action !== 'update-description' ? { value: shownVariableValue(item.desired) } : {})
    },
    resultKey: item.id
  }
}

/** Whether the write sets the file's description (a create always carries it when the file has one). */
function writesDescription(item: EsvPlanItem): boolean {
  return item.setDescription || item.action === 'create' || item.action === 'replace'
}

/**
 * What is written, in canonical form: a variable's type and a hash of its new
 * value; a secret's encoding, placeholders and where its value comes from
 * (the environment variable or file), never the value or a hash of it.
 */
function desiredContent(desired: DesiredEsv, withDescription: boolean): { [key: string]: CanonicalValue } {
  const description: { [key: string]: CanonicalValue } =
    withDescription && desired.description !== undefined ? { description: desired.description } : {}
  // Bytes that are not UTF-8 say so: their base64 can never be taken for the same text.
  if (desired.kind === 'variable')
    return {
      type: desired.type,
      value: valueHash(desired.text),
      ...(desired.valueEncoding ? { valueEncoding: desired.valueEncoding } : {}),
      ...description
    }
  return {
    encoding: desired.encoding,
    useInPlaceholders: desired.useInPlaceholders,
    source: `${desired.source.from} ${desired.source.name}`,
    ...description
  }
}

function describeDesired(item: EsvPlanItem): string {
  const desired = item.desired
  if (!desired) return item.action === 'delete' ? 'not in the file (prune)' : ''
  if (desired.kind === 'variable') return item.action === 'update-description' ? '' : `type ${desired.type}`
  const from = desired.source.from === 'value-from-env' ? `env ${desired.source.name}` : `file ${desired.source.name}`
  return `${desired.encoding}, value from ${from}${desired.useInPlaceholders ? '' : ', not in placeholders'}`
}

/** The restart the apply makes after its writes, as restart says; pending loads are a note, not part of the plan. */
function restartItem(changes: EsvPlanItem[], mode: RestartMode): PlanItem | undefined {
  if (mode === 'never') return undefined
  const definite = changes.some((item) => DEFINITE.has(item.action))
  const when = mode === 'always' ? 'always' : definite ? 'after the writes' : changes.length > 0 ? 'if a secret value changed' : undefined
  if (!when) return undefined
  return {
    entry: { key: 'restart tenant', action: 'restart', content: { when } },
    row: { change: 'restart', kind: 'tenant', name: 'tenant', detail: `${when} (restart: ${mode}), then every change must load` },
    resultKey: 'restart'
  }
}

function code(id: string): string {
  return `\`${id}\``
}
