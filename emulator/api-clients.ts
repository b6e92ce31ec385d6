/**
 * `/v1.0/apiclients` of the identity tenant: create (201, empty body, a
 * `Location`), read, search by name, replace and delete. Entitlements are
 * checked against the catalogue and the tenant's offerings; the secret is
 * shown only to tokens holding manageAPIClients or readAPIClientsAndClientSecret.
 */
import type { ApiClient, ApiClientCreateRequest, ApiClientList, IdentityErrorBody } from '../src/tenant/types.js'
import { findEntitlement, READ_API_CLIENTS_AND_SECRET, SHOWS_CLIENT_SECRETS } from '../src/verify/entitlements.js'
import { newApiClient, newClientSecret } from './identity-state.js'
import type { ApiClientState, IdentityState } from './identity-state.js'
import { ApiError, json } from './respond.js'
import type { ApiResponse } from './respond.js'
import type { RequestContext, Route } from './router.js'

export const API_CLIENTS_PATH = '/v1.0/apiclients'
export const MANAGE_API_CLIENTS = ['manageAPIClients'] as const
export const READ_API_CLIENTS = ['manageAPIClients', 'readAPIClients', READ_API_CLIENTS_AND_SECRET] as const

/**
 * Message ids by status. Real ids differ per message; clients must key on the
 * HTTP status and show `messageDescription`, so the emulator keeps one per status.
 */
const MESSAGE_IDS: Record<number, string> = {
  400: 'CSIAI0400E',
  401: 'CSIAI0401E',
  403: 'CSIAI0403E',
  404: 'CSIAI0404E',
  405: 'CSIAI0405E',
  413: 'CSIAI0413E',
  500: 'CSIAI0500E'
}

/** The identity tenant's error body, `{messageId, messageDescription}`. */
export function identityError(status: number, message: string, headers?: Record<string, string>): ApiResponse {
  const description =
    status === 403
      ? `The client is not entitled to perform this operation; it needs ${message.replace(/^Forbidden: missing scope /, '')}`
      : message
  const body: IdentityErrorBody = { messageId: MESSAGE_IDS[status] ?? `CSIAI${status}E`, messageDescription: description }
  return json(status, body, headers)
}

export interface ApiClientRoutesConfig {
  state: IdentityState
  /** The `Location` of a created client, per the tenant's location style. */
  location: (id: string) => string
}

export function apiClientRoutes(config: ApiClientRoutesConfig): Route[] {
  const { state } = config
  return [
    {
      method: 'POST',
      path: API_CLIENTS_PATH,
      scopes: MANAGE_API_CLIENTS,
      handle: (ctx) => {
        const request = parseClientRequest(state, ctx.body)
        const client = newApiClient(request)
        state.apiClients.set(client.id, client)
        return { status: 201, headers: { Location: config.location(client.id) } }
      }
    },
    {
      method: 'GET',
      path: API_CLIENTS_PATH,
      scopes: READ_API_CLIENTS,
      handle: (ctx) => {
        const matches = [...state.apiClients.values()].filter(searchFilter(state, ctx.query.get('search')))
        const body: ApiClientList = { apiClients: matches.map((client) => view(state, client, ctx)), total: matches.length }
        return json(200, body)
      }
    },
    {
      method: 'GET',
      path: `${API_CLIENTS_PATH}/{id}`,
      scopes: READ_API_CLIENTS,
      handle: (ctx) => json(200, view(state, existing(state, ctx), ctx))
    },
    {
      method: 'PUT',
      path: `${API_CLIENTS_PATH}/{id}`,
      scopes: MANAGE_API_CLIENTS,
      handle: (ctx) => {
        const client = existing(state, ctx)
        const request = parseClientRequest(state, ctx.body)
        const given = (JSON.parse(ctx.body) as { clientSecret?: unknown }).clientSecret
        // Leaving the secret out rotates it: the trap a careless update falls into.
        const clientSecret = typeof given === 'string' && given !== '' ? given : newClientSecret()
        Object.assign(client, request, { clientSecret })
        return { status: 204 }
      }
    },
    {
      method: 'DELETE',
      path: `${API_CLIENTS_PATH}/{id}`,
      scopes: MANAGE_API_CLIENTS,
      handle: (ctx) => {
        state.apiClients.delete(existing(state, ctx).id)
        return { status: 204 }
      }
    }
  ]
}

function existing(state: IdentityState, ctx: RequestContext): ApiClientState {
  const client = state.apiClients.get(ctx.params.id ?? '')
  if (!client) throw new ApiError(404, `The API client ${ctx.params.id ?? ''} was not found`)
  return client
}

/** What a caller sees: the secret only with manageAPIClients or readAPIClientsAndClientSecret (not readAPIClients). */
function view(state: IdentityState, client: ApiClientState, ctx: RequestContext): ApiClient {
  const body: ApiClient = {
    id: client.id,
    clientName: client.clientName,
    clientId: client.clientId,
    entitlements: [...client.entitlements],
    enabled: client.enabled
  }
  if (client.description !== undefined) body.description = client.description
  if (state.secretsShown && SHOWS_CLIENT_SECRETS.some((e) => ctx.token?.scopes.includes(e))) body.clientSecret = client.clientSecret
  return body
}

/**
 * How `search` matches is not documented where we looked: by default (`loose`) any text, the quoted
 * name of `clientName = "x"` included, matches names containing it in any case, so a caller must
 * filter exactly itself; with `exact-syntax`, `clientName = "x"` matches that name only.
 */
function searchFilter(state: IdentityState, search: string | null): (client: ApiClientState) => boolean {
  if (!search) return () => true
  const quoted = /^\s*clientName\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(search)
  const name = quoted ? (quoted[1] ?? '').replace(/\\(.)/g, '$1') : undefined
  if (name !== undefined && state.searchMatching === 'exact-syntax') return (client) => client.clientName === name
  const text = (name ?? search).toLowerCase()
  return (client) => client.clientName.toLowerCase().includes(text)
}

type ClientFields = Pick<ApiClientState, 'clientName' | 'entitlements' | 'enabled' | 'description' | 'ipFilterOp' | 'ipFilters'>

function parseClientRequest(state: IdentityState, text: string): ClientFields {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON')
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ApiError(400, 'The request body must be a JSON object')
  const body = raw as Partial<Record<keyof ApiClientCreateRequest, unknown>>
  if (typeof body.clientName !== 'string' || body.clientName.trim() === '') throw new ApiError(400, 'The attribute clientName is required')
  if (typeof body.enabled !== 'boolean') throw new ApiError(400, 'The attribute enabled is required and must be a boolean')
  if (!Array.isArray(body.entitlements) || !body.entitlements.every((e): e is string => typeof e === 'string')) {
    throw new ApiError(400, 'The attribute entitlements is required and must be an array of strings')
  }
  for (const name of body.entitlements) entitlementProblem(state, name)
  if (body.description !== undefined && typeof body.description !== 'string')
    throw new ApiError(400, 'The attribute description must be a string')
  return {
    clientName: body.clientName,
    enabled: body.enabled,
    entitlements: [...new Set(body.entitlements)],
    description: body.description,
    ipFilterOp: typeof body.ipFilterOp === 'string' ? body.ipFilterOp : undefined,
    ipFilters: Array.isArray(body.ipFilters) ? body.ipFilters.filter((f): f is string => typeof f === 'string') : undefined
  }
}

/** Names are case-sensitive; an entitlement of an offering the tenant lacks is refused too. */
function entitlementProblem(state: IdentityState, name: string): void {
  const entitlement = findEntitlement(name)
  if (!entitlement) throw new ApiError(400, `The entitlement ${name} is not valid`)
  if (entitlement.offerings.length > 0 && !entitlement.offerings.some((o) => state.offerings.includes(o))) {
    throw new ApiError(400, `The entitlement ${name} is not available: it requires the ${entitlement.offerings.join(' or ')} offering`)
  }
}
