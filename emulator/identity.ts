/**
 * The emulated identity tenant where create-api-client makes API clients:
 * the client-credentials token endpoint and `/v1.0/apiclients`, on its own
 * listener. An admin API client holding manageAPIClients is made at start.
 */
import type { Server } from 'node:http'
import type { Offering } from '../src/verify/entitlements.js'
import { apiClientRoutes, identityError } from './api-clients.js'
import type { FaultSet } from './faults.js'
import { identityTokenRoutes } from './identity-auth.js'
import { createIdentityState, findByClientId, newApiClient } from './identity-state.js'
import type { IdentityState } from './identity-state.js'
import { Router } from './router.js'
import { closeServer, createTenantServer, listen } from './server.js'
import type { TokenStore } from './tokens.js'
import type { ClientCredentials, IdentityEmulator, LocationStyle, RequestLogEntry } from './types.js'

export interface IdentityParts {
  host: string
  latencyMs: number
  tokenTtlSeconds: number
  offerings: readonly Offering[]
  tokens: TokenStore
  faults: FaultSet
  log: RequestLogEntry[]
}

export class RunningIdentityTenant implements IdentityEmulator {
  readonly name = 'identity' as const
  readonly state: IdentityState
  readonly adminClient: ClientCredentials
  private baseUrl = ''
  private locationStyle: LocationStyle = { kind: 'absolute' }
  private readonly server: Server

  constructor(private readonly parts: IdentityParts) {
    this.state = createIdentityState(parts.offerings)
    this.adminClient = this.createAdminClient(['manageAPIClients'])
    const routes = [
      ...identityTokenRoutes({ state: this.state, tokens: parts.tokens, tokenTtlSeconds: parts.tokenTtlSeconds }),
      ...apiClientRoutes({ state: this.state, location: (id) => this.location(id) })
    ]
    this.server = createTenantServer({
      tenant: 'identity',
      router: new Router(routes),
      latencyMs: parts.latencyMs,
      faults: parts.faults,
      log: parts.log,
      authenticate: (authorization, now) => {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
        const token = match?.[1] ? parts.tokens.find(match[1], 'identity', now) : undefined
        return token && this.honours(token.subject) ? token : undefined
      },
      expireTokens: () => this.expireTokens(),
      errorResponse: identityError
    })
  }

  get url(): string {
    return this.baseUrl
  }

  async start(): Promise<void> {
    this.baseUrl = await listen(this.server, this.parts.host)
  }

  createAdminClient(entitlements: string[]): ClientCredentials {
    const client = newApiClient({
      clientName: `emulator-admin-${this.state.apiClients.size + 1}`,
      entitlements: [...entitlements],
      enabled: true
    })
    this.state.apiClients.set(client.id, client)
    return { id: client.id, clientId: client.clientId, clientSecret: client.clientSecret }
  }

  setLocationStyle(style: LocationStyle): void {
    this.locationStyle = style
  }

  expireTokens(): void {
    this.parts.tokens.expireAll('identity')
  }

  async close(): Promise<void> {
    if (this.server.listening) await closeServer(this.server)
  }

  /** A token of a client disabled since it was issued is refused unless the tenant honours such tokens (IDN-03). */
  private honours(clientId: string): boolean {
    return this.state.disabledClients === 'honour-issued-tokens' || findByClientId(this.state, clientId)?.enabled !== false
  }

  private location(id: string): string {
    const path = `/v1.0/apiclients/${encodeURIComponent(id)}`
    switch (this.locationStyle.kind) {
      case 'relative':
        return path
      case 'absolute':
        return `${this.baseUrl}${path}`
      case 'other-origin':
        return `${this.locationStyle.origin}${path}`
    }
  }
}
