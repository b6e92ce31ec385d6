import type { EsvClient } from '../tenant/esv.js'
import type { DesiredEsv } from './file.js'
import type { EsvKind, PlanItem } from './plan.js'
import { toBase64, variableValueBase64 } from './values.js'

/** What a write did in the end; a `check-value` whose value was de-duplicated is `unchanged`. */
export type AppliedAction = 'created' | 'updated' | 'description-updated' | 'replaced' | 'deleted' | 'unchanged'

export interface Change {
  id: string
  kind: EsvKind
  action: AppliedAction
}

/** Carries out one planned item: one request per write, two for a replacement. */
export async function applyItem(esv: EsvClient, item: PlanItem): Promise<Change> {
  const change = (action: AppliedAction): Change => ({ id: item.id, kind: item.kind, action })
  switch (item.action) {
    case 'create':
      await create(esv, item.desired!, undefined)
      return change('created')
    case 'update':
      await updateVariable(esv, item.desired!, item.currentDescription, item.untypedInTenant === true)
      return change('updated')
    case 'update-description':
      await setDescription(esv, item.desired!)
      return change('description-updated')
    case 'check-value': {
      const desired = item.desired!
      const { created } = await esv.createVersion(item.id, valueBase64(desired), item.latestVersion)
      if (item.setDescription) await setDescription(esv, desired)
      return change(created ? 'updated' : item.setDescription ? 'description-updated' : 'unchanged')
    }
    case 'replace':
      await remove(esv, item.id, item.currentKind!)
      await create(esv, item.desired!, item.currentDescription)
      return change('replaced')
    case 'delete':
      await remove(esv, item.id, item.currentKind!)
      return change('deleted')
    case 'unchanged':
      return change('unchanged')
  }
}

function valueBase64(desired: DesiredEsv): string {
  return desired.kind === 'variable' ? variableValueBase64(desired) : toBase64(desired.value)
}

/** The description a write carries: the file's, or else the tenant's (a description the file leaves out is not managed). */
function descriptionField(desired: DesiredEsv, current: string | undefined): { description?: string } {
  const description = desired.description ?? current
  return description === undefined ? {} : { description }
}

async function create(esv: EsvClient, desired: DesiredEsv, currentDescription: string | undefined): Promise<void> {
  const description = descriptionField(desired, currentDescription)
  if (desired.kind === 'variable') {
    await esv.putVariable(desired.id, { expressionType: desired.type, valueBase64: valueBase64(desired), ...description })
  } else {
    await esv.createSecret(desired.id, {
      encoding: desired.encoding,
      useInPlaceholders: desired.useInPlaceholders,
      valueBase64: valueBase64(desired),
      ...description
    })
  }
}

/** An untyped variable (`''` in the tenant) is updated without a type: naming one may be refused as a change. */
async function updateVariable(
  esv: EsvClient,
  desired: DesiredEsv,
  currentDescription: string | undefined,
  untyped: boolean
): Promise<void> {
  if (desired.kind !== 'variable') throw new Error(`${desired.id}: only variables are updated in place`)
  await esv.putVariable(desired.id, {
    ...(untyped ? {} : { expressionType: desired.type }),
    valueBase64: valueBase64(desired),
    ...descriptionField(desired, currentDescription)
  })
}

async function setDescription(esv: EsvClient, desired: DesiredEsv): Promise<void> {
  const description = desired.description ?? ''
  if (desired.kind === 'variable') await esv.setVariableDescription(desired.id, description)
  else await esv.setSecretDescription(desired.id, description)
}

async function remove(esv: EsvClient, id: string, kind: EsvKind): Promise<void> {
  if (kind === 'variable') await esv.deleteVariable(id)
  else await esv.deleteSecret(id)
}
