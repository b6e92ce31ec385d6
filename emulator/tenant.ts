/**
 * One emulated tenant: its state, restart machine, route table and listener.
 * The route table is per tenant so later areas (promotions, API clients) can
 * be added as further handler modules.
 */
import type { Server } from 'node:http'
import { bearerToken, tokenRoutes } from './auth.js'
import { certificateRoutes, type CertificateTiming } from './certificates.js'
import { esvRoutes } from './esv.js'
import type { FaultSet } from './faults.js'
import type { PromotionController } from './promotion.js'
import { Router } from './router.js'
import type { Route } from './router.js'
import { closeServer, createTenantServer, listen } from './server.js'
import type { ServiceAccountKeys } from './service-account.js'
import { settingsRoutes } from './settings.js'
import { keySetOf, ServiceAccountStore } from './svcacct.js'
import { createTenantState } from './state.js'
import type { SeedFile, TenantState } from './state.js'
import { RestartController, startupRoutes, type RestartWhileRestarting } from './startup.js'
import type { TokenStore } from './tokens.js'
import type { RequestLogEntry, TenantEmulator, TenantName } from './types.js'

/** What both tenants of one emulator share. */
export interface SharedParts {
  seed: SeedFile
  host: string
  restartMs: number
  latencyMs: number
  tokenTtlSeconds: number
  serviceAccountScopes: readonly string[]
  fullScopeGrantsNarrower: boolean
  restartWhileRestarting: RestartWhileRestarting
  certificateTiming: CertificateTiming
  dnsDelayMs: number
  serviceAccount: ServiceAccountKeys
  tokens: TokenStore
  faults: FaultSet
  log: RequestLogEntry[]
  /** Promotions are calls to the upper tenant, which locks its lower partner too. */
  promotion: PromotionController
}

export class RunningTenant implements TenantEmulator {
  readonly state: TenantState
  readonly serviceAccounts = new ServiceAccountStore()
  private baseUrl = ''
  private readonly restart: RestartController
  private readonly server: Server

  constructor(
    readonly name: TenantName,
    private readonly shared: SharedParts
  ) {
    this.state = createTenantState(shared.seed)
    this.restart = new RestartController(this.state, shared.restartMs, shared.restartWhileRestarting)
    this.server = createTenantServer({
      tenant: name,
      router: new Router(this.routes()),
      latencyMs: shared.latencyMs,
      faults: shared.faults,
      log: shared.log,
      authenticate: (authorization, now) => bearerToken(shared.tokens, name, authorization, now),
      expireTokens: () => this.expireTokens()
    })
  }

  get url(): string {
    return this.baseUrl
  }

  async start(): Promise<void> {
    // The seed's account, as made in the admin console: its one key is the one the emulator hands out.
    const { account } = this.shared.serviceAccount
    this.serviceAccounts.seed({
      _id: account.id,
      name: 'tenant-pilot',
      description: 'The service account tenant-pilot runs as',
      accountStatus: 'Active',
      scopes: [...this.shared.serviceAccountScopes],
      jwks: await keySetOf(account.publicJwk)
    })
    this.baseUrl = await listen(this.server, this.shared.host)
  }

  setRestartMs(ms: number): void {
    this.restart.setRestartMs(ms)
  }

  beginRestart(): void {
    this.restart.begin(Date.now())
  }

  expireTokens(): void {
    this.shared.tokens.expireAll(this.name)
  }

  async close(): Promise<void> {
    this.restart.close()
    if (this.server.listening) await closeServer(this.server)
  }

  private routes(): Route[] {
    const { tokens } = this.shared
    const auth = tokenRoutes({
      tenant: this.name,
      url: () => this.baseUrl,
      accounts: this.serviceAccounts,
      fullScopeGrantsNarrower: this.shared.fullScopeGrantsNarrower,
      tokenTtlSeconds: this.shared.tokenTtlSeconds,
      tokens
    })
    const promotion = this.name === 'upper' ? this.shared.promotion.routes() : this.shared.promotion.lowerRoutes()
    return [
      ...auth,
      ...esvRoutes(this.state),
      ...startupRoutes(this.restart, this.state),
      ...promotion,
      ...certificateRoutes(this.state, this.shared.certificateTiming),
      ...settingsRoutes(this.state, this.shared.dnsDelayMs),
      ...this.serviceAccounts.routes()
    ]
  }
}
