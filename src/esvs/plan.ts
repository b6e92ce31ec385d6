import type { EsvSecret, EsvVariable } from '../tenant/types.js'
import type { DesiredEsv, DesiredSecret, DesiredVariable, EsvFile } from './file.js'
import { sameTenantValue } from './values.js'

export type EsvKind = 'variable' | 'secret'

/**
 * - `check-value`: the secret exists; its value cannot be read back, so the value is
 *   pushed and the tenant's de-duplication decides whether it changed.
 * - `replace`: delete and create, because expressionType, encoding,
 *   useInPlaceholders or the kind cannot change in place.
 */
export type PlannedAction = 'create' | 'update' | 'update-description' | 'check-value' | 'replace' | 'delete' | 'unchanged'

export interface PlanItem {
  id: string
  kind: EsvKind
  action: PlannedAction
  /** Also set the description (with update, check-value). */
  setDescription: boolean
  /** What the file declares; absent for deletions. */
  desired: DesiredEsv | undefined
  /** The kind the tenant has now, for deletions and replacements. */
  currentKind: EsvKind | undefined
  /** For secrets that exist: the latest version now. */
  latestVersion: number | undefined
  /**
   * The tenant's description now, for an ESV that exists. A file that declares
   * no description does not manage it, so writes that carry one (a variable's
   * PUT, a re-creation) send this back: a PUT without it may clear it.
   */
  currentDescription?: string
  /**
   * A variable with no `expressionType` in the tenant (`''`, made before types; it holds text): its
   * update leaves the type out, since naming one may be refused as a type change.
   */
  untypedInTenant?: boolean
  /** Why it is replaced, for the plan's display. */
  reason?: string
}

export interface Plan {
  items: PlanItem[]
  /** Changes the options do not allow; any of them stops the run before a write. */
  refusals: string[]
  /** In the tenant but not in the file, kept (prune is off). */
  unmanaged: string[]
  /** Something in the tenant waits for a restart to take effect. */
  pending: string[]
}

export interface PlanOptions {
  prune: boolean
  replaceOnTypeChange: boolean
}

export interface CurrentEsvs {
  variables: EsvVariable[]
  secrets: EsvSecret[]
}

/** Compares what the file declares with what the tenant has. Pure. */
export function planEsvs(file: EsvFile, current: CurrentEsvs, options: PlanOptions): Plan {
  const variables = new Map(current.variables.map((v) => [v._id, v]))
  const secrets = new Map(current.secrets.map((s) => [s._id, s]))
  const items: PlanItem[] = []
  const refusals: string[] = []

  const replaceOrRefuse = (item: PlanItem, reason: string): void => {
    if (options.replaceOnTypeChange) items.push({ ...item, action: 'replace', reason })
    else refusals.push(`${item.id}: ${reason}, which cannot change in place; set replace-on-type-change: true to delete and re-create it`)
  }

  for (const desired of [...file.variables, ...file.secrets]) {
    const variable = variables.get(desired.id)
    const secret = secrets.get(desired.id)
    const base: PlanItem = {
      id: desired.id,
      kind: desired.kind,
      action: 'unchanged',
      setDescription: false,
      desired,
      currentKind: variable ? 'variable' : secret ? 'secret' : undefined,
      latestVersion: secret ? Number(secret.activeVersion) || undefined : undefined,
      currentDescription: variable?.description ?? secret?.description
    }
    if (!variable && !secret) {
      items.push({ ...base, action: 'create' })
    } else if (desired.kind === 'variable' && variable) {
      planVariable(desired, variable, base, items, replaceOrRefuse)
    } else if (desired.kind === 'secret' && secret) {
      planSecret(desired, secret, base, items, replaceOrRefuse)
    } else {
      replaceOrRefuse(base, `it is a ${base.currentKind} in the tenant and a ${desired.kind} in the file`)
    }
  }

  const declared = new Set([...file.variables, ...file.secrets].map((d) => d.id))
  const undeclared = [
    ...current.variables.filter((v) => !declared.has(v._id)).map((v) => ({ id: v._id, kind: 'variable' as const })),
    ...current.secrets.filter((s) => !declared.has(s._id)).map((s) => ({ id: s._id, kind: 'secret' as const }))
  ]
  if (options.prune) {
    for (const { id, kind } of undeclared) {
      items.push({ id, kind, action: 'delete', setDescription: false, desired: undefined, currentKind: kind, latestVersion: undefined })
    }
  }
  return { items, refusals, unmanaged: options.prune ? [] : undeclared.map((u) => u.id), pending: pendingIds(current) }
}

function planVariable(
  desired: DesiredVariable,
  current: EsvVariable,
  base: PlanItem,
  items: PlanItem[],
  replaceOrRefuse: (item: PlanItem, reason: string) => void
): void {
  // A variable made before types has expressionType '' and holds text: it matches a string in the file.
  const untyped = current.expressionType === ''
  if (untyped && desired.type !== 'string') {
    replaceOrRefuse(base, `it has no expressionType in the tenant (made before variables had types) and is ${desired.type} in the file`)
    return
  }
  if (!untyped && current.expressionType !== desired.type) {
    replaceOrRefuse(base, `its expressionType is ${current.expressionType} in the tenant and ${desired.type} in the file`)
    return
  }
  const item: PlanItem = untyped ? { ...base, untypedInTenant: true } : base
  const descriptionDiffers = desired.description !== undefined && desired.description !== current.description
  const valueDiffers = !sameTenantValue(desired.type, current.valueBase64 ?? '', desired)
  if (valueDiffers) items.push({ ...item, action: 'update', setDescription: descriptionDiffers })
  else if (descriptionDiffers) items.push({ ...item, action: 'update-description', setDescription: true })
  else items.push(item)
}

function planSecret(
  desired: DesiredSecret,
  current: EsvSecret,
  base: PlanItem,
  items: PlanItem[],
  replaceOrRefuse: (item: PlanItem, reason: string) => void
): void {
  if (current.encoding !== desired.encoding) {
    replaceOrRefuse(base, `its encoding is ${current.encoding} in the tenant and ${desired.encoding} in the file`)
    return
  }
  if (current.useInPlaceholders !== desired.useInPlaceholders) {
    replaceOrRefuse(
      base,
      `its use-in-placeholders is ${current.useInPlaceholders} in the tenant and ${desired.useInPlaceholders} in the file`
    )
    return
  }
  const descriptionDiffers = desired.description !== undefined && desired.description !== current.description
  items.push({ ...base, action: 'check-value', setDescription: descriptionDiffers })
}

/** ESVs whose last change has not been loaded by a restart yet. */
export function pendingIds(current: CurrentEsvs): string[] {
  return [
    ...current.variables.filter((v) => !v.loaded).map((v) => v._id),
    ...current.secrets.filter((s) => !s.loaded || s.loadedVersion !== s.activeVersion).map((s) => s._id)
  ]
}
