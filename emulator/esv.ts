/** The ESV area of a tenant: variables, secrets with versions, and the count. */
import type { EsvCount } from '../src/tenant/types.js'
import { esvBehaviour } from './esv-behaviour.js'
import { esvVersioned, pendingOnly } from './esv-protocol.js'
import { json } from './respond.js'
import type { Route } from './router.js'
import { ESV_READ } from './scopes.js'
import { secretRoutes } from './secrets.js'
import type { TenantState } from './state.js'
import { variableRoutes } from './variables.js'

export function esvRoutes(state: TenantState): Route[] {
  return [...variableRoutes(state), ...secretRoutes(state), countRoute(state)]
}

function countRoute(state: TenantState): Route {
  return {
    method: 'GET',
    path: '/environment/count',
    scopes: ESV_READ,
    handle: esvVersioned(state, ({ query }, version) => {
      const onlyPending = pendingOnly(query, version, esvBehaviour(state).strictParameters)
      const count = (items: Iterable<{ loaded: boolean }>): number => [...items].filter((item) => !onlyPending || !item.loaded).length
      const body: EsvCount = { secrets: count(state.secrets.values()), variables: count(state.variables.values()) }
      return json(200, body)
    })
  }
}
