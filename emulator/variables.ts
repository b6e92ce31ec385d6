/** ESV variables: `/environment/variables[/{variableId}]`. */
import type { EsvVariable, EsvVariableV2 } from '../src/tenant/types.js'
import { EXPRESSION_TYPES } from '../src/tenant/types.js'
import { esvBehaviour } from './esv-behaviour.js'
import { esvList, esvVersioned } from './esv-protocol.js'
import { base64Value, esvId, jsonObject, optionalDescription, optionalEnum, requiredAction, requiredDescription } from './esv-validate.js'
import { ApiError, json } from './respond.js'
import type { ApiResponse } from './respond.js'
import { actorOf } from './router.js'
import type { RequestContext, Route } from './router.js'
import { ESV_READ, ESV_UPDATE } from './scopes.js'
import { markChanged } from './state.js'
import type { TenantState, VariableState } from './state.js'

const ONE = '/environment/variables/{variableId}'

export function variableRoutes(state: TenantState): Route[] {
  const variable = (handle: (ctx: RequestContext) => VariableState): Route['handle'] =>
    esvVersioned(state, (ctx) => json(200, toVariable(handle(ctx))))
  return [
    {
      method: 'GET',
      path: '/environment/variables',
      scopes: ESV_READ,
      handle: esvVersioned(state, ({ query }, version) =>
        esvList(
          state.variables.values(),
          version,
          query,
          { isPending: (v) => !v.loaded, v1: toVariable, v2: toVariableV2 },
          esvBehaviour(state).strictParameters,
          esvBehaviour(state).v1PageSize
        )
      )
    },
    { method: 'GET', path: ONE, scopes: ESV_READ, handle: variable((ctx) => existing(state, ctx)) },
    { method: 'PUT', path: ONE, scopes: ESV_UPDATE, handle: variable((ctx) => putVariable(state, ctx)) },
    // A real tenant answers 200 with no body and no content type (recording VariablesApi setVariableDescription).
    { method: 'POST', path: ONE, scopes: ESV_UPDATE, handle: esvVersioned(state, (ctx) => setDescription(state, ctx)) },
    { method: 'DELETE', path: ONE, scopes: ESV_UPDATE, handle: variable((ctx) => deleteVariable(state, ctx)) }
  ]
}

export function toVariable(v: VariableState): EsvVariable {
  return { ...toVariableV2(v), valueBase64: v.valueBase64 }
}

/** The v2 list leaves the value out. */
function toVariableV2(v: VariableState): EsvVariableV2 {
  return {
    _id: v._id,
    description: v.description,
    expressionType: v.expressionType,
    lastChangeDate: v.lastChangeDate,
    lastChangedBy: v.lastChangedBy,
    loaded: v.loaded
  }
}

function existing(state: TenantState, ctx: RequestContext): VariableState {
  const variable = state.variables.get(esvId(ctx.params['variableId'], 'variable'))
  if (!variable) throw new ApiError(404, 'The variable does not exist')
  return variable
}

/**
 * Creates or updates; the type is fixed at creation. Whether an update that
 * leaves `description` out keeps the old one is not recorded: the tenant's ESV
 * behaviour decides (clearing it by default).
 */
function putVariable(state: TenantState, ctx: RequestContext): VariableState {
  const id = esvId(ctx.params['variableId'], 'variable')
  const body = jsonObject(ctx.body)
  const valueBase64 = base64Value(body)
  const description = optionalDescription(body)
  const expressionType = optionalEnum(body, 'expressionType', EXPRESSION_TYPES)
  let variable = state.variables.get(id)
  if (!variable) {
    if (!expressionType) {
      throw new ApiError(400, 'Variable type required; expressionType cannot be empty when creating new variables')
    }
    variable = { _id: id, description: '', expressionType, valueBase64, lastChangeDate: '', lastChangedBy: '', loaded: false, changeSeq: 0 }
    state.variables.set(id, variable)
  } else if (variable.expressionType === '' && expressionType && esvBehaviour(state).typingUntyped === 'sets') {
    variable.expressionType = expressionType
  } else if (expressionType && expressionType !== variable.expressionType) {
    // Real wording not recorded; the rule (type fixed once created) is.
    throw new ApiError(400, `Variable type cannot be changed; ${id} has expressionType ${variable.expressionType}, not ${expressionType}`)
  }
  variable.valueBase64 = valueBase64
  if (description !== undefined) variable.description = description
  else if (esvBehaviour(state).putWithoutDescription === 'clears') variable.description = ''
  markChanged(state, variable, actorOf(ctx), ctx.now)
  return variable
}

/** Answers 200 with no body, as a real tenant does. */
function setDescription(state: TenantState, ctx: RequestContext): ApiResponse {
  requiredAction(ctx.query, 'setDescription')
  const variable = existing(state, ctx)
  variable.description = requiredDescription(jsonObject(ctx.body))
  markChanged(state, variable, actorOf(ctx), ctx.now)
  return { status: 200 }
}

function deleteVariable(state: TenantState, ctx: RequestContext): VariableState {
  const variable = existing(state, ctx)
  state.variables.delete(variable._id)
  return variable
}
