/**
 * The live state of the emulated identity tenant: its API clients, with the
 * secrets the API shows only to callers holding manageAPIClients or readAPIClientsAndClientSecret.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Offering } from '../src/verify/entitlements.js'

export interface ApiClientState {
  /** The resource id (`/v1.0/apiclients/{id}`). */
  id: string
  clientName: string
  /** The OAuth client id. */
  clientId: string
  clientSecret: string
  entitlements: string[]
  enabled: boolean
  description: string | undefined
  ipFilterOp: string | undefined
  ipFilters: string[] | undefined
}

export interface IdentityState {
  apiClients: Map<string, ApiClientState>
  /** Entitlements that need an offering outside this list are refused. */
  offerings: Offering[]
  /** False: secrets are hidden even from manageAPIClients holders (a tenant with stricter secret visibility). */
  secretsShown: boolean
  /** How `GET /v1.0/apiclients?search=` matches (IDN-08): `loose` (default) or `exact-syntax`. */
  searchMatching: 'loose' | 'exact-syntax'
  /**
   * A disabled client never gets a token; `refuse-issued-tokens` (default, IDN-03) also refuses the
   * tokens it got before it was disabled (401), `honour-issued-tokens` lets them run out.
   */
  disabledClients: 'refuse-issued-tokens' | 'honour-issued-tokens'
}

export function createIdentityState(offerings: readonly Offering[]): IdentityState {
  return {
    apiClients: new Map(),
    offerings: [...offerings],
    secretsShown: true,
    searchMatching: 'loose',
    disabledClients: 'refuse-issued-tokens'
  }
}

/** A random client id and secret, as the tenant makes them; never chosen by the caller. */
export function newApiClient(
  fields: Pick<ApiClientState, 'clientName' | 'entitlements' | 'enabled'> & Partial<ApiClientState>
): ApiClientState {
  return {
    description: undefined,
    ipFilterOp: undefined,
    ipFilters: undefined,
    ...fields,
    id: randomUUID(),
    clientId: randomUUID(),
    clientSecret: newClientSecret()
  }
}

export function newClientSecret(): string {
  return randomBytes(12).toString('base64url')
}

export function findByClientId(state: IdentityState, clientId: string): ApiClientState | undefined {
  return [...state.apiClients.values()].find((client) => client.clientId === clientId)
}
