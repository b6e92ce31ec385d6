/**
 * The ESV behaviours the evidence leaves open (emulator/evidence/esv.md), per tenant. Defaults are the
 * adversarial choice or the recorded one; tests set the others with `esvBehaviour(state)`.
 */
import type { TenantState } from './state.js'

export interface EsvBehaviour {
  /**
   * A `PUT` on an existing variable whose body has no `description`: `clears` it (default; unknown, and
   * the harder case for a client that promises to leave descriptions it does not manage alone) or
   * `keeps` it.
   */
  putWithoutDescription: 'clears' | 'keeps'
  /**
   * Whether answers carry `Content-API-Version`. The OpenAPI file documents it; recorded real answers
   * have none, so by default there is none.
   */
  contentApiVersionHeader: boolean
  /**
   * Parameters outside what the OpenAPI file documents (an `Accept-API-Version` resource other than 1
   * or 2, `_pageSize` outside 1..100, a negative offset, `_onlyPending` not true/false): refused with
   * 400 (default; unknown) or, when false, answered as resource 1.0 with the value clamped or ignored.
   */
  strictParameters: boolean
  /**
   * A destroyed version deleted again or given a status: `refuses` with 400 (default; unknown, and
   * what a client retrying a lost DELETE must survive) or `answers` with the destroyed version.
   */
  destroyedVersion: 'refuses' | 'answers'
  /**
   * A `PUT` that names an `expressionType` for a variable that has none (`''`, made before types):
   * `refuses` with 400 like any type change (default; unknown) or `sets` the type.
   */
  typingUntyped: 'refuses' | 'sets'
  /**
   * v1 lists (`resource=1.0`) are recorded answering the whole list (ESV-04), but only for a few
   * items; whether a tenant with many ESVs pages them too is unknown. Undefined (default): the whole
   * list. A number: v1 lists longer than it are paged like v2 (a cookie, EXACT totals), at that size.
   */
  v1PageSize: number | undefined
}

const DEFAULTS: EsvBehaviour = {
  putWithoutDescription: 'clears',
  contentApiVersionHeader: false,
  strictParameters: true,
  destroyedVersion: 'refuses',
  typingUntyped: 'refuses',
  v1PageSize: undefined
}

const behaviours = new WeakMap<TenantState, EsvBehaviour>()

/** The tenant's ESV behaviour, mutable: a test changes a field and the next request follows it. */
export function esvBehaviour(state: TenantState): EsvBehaviour {
  let behaviour = behaviours.get(state)
  if (!behaviour) {
    behaviour = { ...DEFAULTS }
    behaviours.set(state, behaviour)
  }
  return behaviour
}
