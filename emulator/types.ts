/**
 * Public types of the tenant emulator. The e2e harness, the demo and the CLI
 * depend on exactly these; `index.ts` re-exports them.
 */
import type { JsonWebKey } from 'node:crypto'
import type { JWK } from 'jose'
import type { Offering } from '../src/verify/entitlements.js'
import type { IdentityState } from './identity-state.js'
import type { SeedFile, TenantState } from './state.js'

export type TenantName = 'lower' | 'upper'

export const TENANT_NAMES: readonly TenantName[] = ['lower', 'upper']

/** Every server of the emulator: the Identity Cloud tenant pair, the identity tenant (API clients) and GitHub. */
export type ServerName = TenantName | 'identity' | 'github'

/** Every scope the emulated service account may be granted unless told otherwise. */
export const DEFAULT_SERVICE_ACCOUNT_SCOPES: readonly string[] = [
  'fr:idc:esv:*',
  'fr:idc:esv:read',
  'fr:idc:esv:update',
  'fr:idc:esv:restart',
  'fr:idc:promotion:*',
  'fr:idc:promotion:read',
  'fr:idc:certificate:*',
  'fr:idc:certificate:read',
  'fr:idc:content-security-policy:*',
  'fr:idc:content-security-policy:read',
  'fr:idc:cookie-domain:*',
  'fr:idc:cookie-domain:read',
  'fr:idc:custom-domain:*',
  'fr:idc:custom-domain:read',
  'fr:idc:federation:*',
  'fr:idc:federation:read',
  'fr:idc:sso-cookie:*',
  'fr:idc:sso-cookie:read',
  'fr:idc:release:*',
  'fr:idm:*'
]

export interface StartOptions {
  /** Default: emulator/seed.json. Each tenant gets its own deep copy. */
  seed?: SeedFile
  /** How long a restart stays 'restarting'; default 2000. */
  restartMs?: number
  /** Lifetime of issued access tokens; default 900. */
  tokenTtlSeconds?: number
  /** Added to every request; default 0. */
  latencyMs?: number
  /** Scopes the service account may be granted; default DEFAULT_SERVICE_ACCOUNT_SCOPES. */
  serviceAccountScopes?: string[]
  /** A full scope (`fr:idc:x:*`) also grants its narrower `:read`/`:update` children; default false (refused). */
  fullScopeGrantsNarrower?: boolean
  /** `POST /environment/startup?_action=restart` while restarting: 409 "Restart already in progress" (default) or join. */
  restartWhileRestarting?: 'conflict' | 'join'
  /** An activated (or uploaded active) certificate becomes live after this long; default 3000 (a real tenant: about a minute). */
  certificateOnlineMs?: number
  /** A deactivated certificate stays live this long; default 3000 (a real tenant: about a minute). */
  certificateOfflineMs?: number
  /** Then DELETE still answers 500 (empty body) this long; default 1000 (a real tenant: about 20 s). */
  certificateDeleteLagMs?: number
  /** A custom domain with a CNAME record verifies only this long after its first verification; default 1000. */
  dnsDelayMs?: number
  /** Default 127.0.0.1; the port is always random. */
  host?: string
  /** The identity tenant's offerings; entitlements needing another are refused. Default: all of them. */
  identityOfferings?: Offering[]
  /** How long locking and unlocking the promotion lock each take; default 1000. */
  promotionLockMs?: number
  /** How long a promotion, dry run or rollback stays RUNNING; default 2000. */
  promotionRunMs?: number
  /** The service account's key pair (generateServiceAccountKey); default: a fresh one for this run. */
  serviceAccountKey?: ServiceAccountKeyPair
}

/** The service account's RSA key pair: the private JWK as JSON text, as a user pastes it, and the public JWK. */
export interface ServiceAccountKeyPair {
  privateJwk: string
  publicJwk: JsonWebKey
}

export interface ServiceAccount {
  id: string
  /** JSON text of the RSA private JWK, as a user pastes it. */
  privateJwk: string
  publicJwk: JsonWebKey
}

/** One entry per request: never bodies, headers or values. */
export interface RequestLogEntry {
  tenant: ServerName
  method: string
  path: string
  /** The query string without its leading '?'. */
  query: string
  /**
   * The status answered. For `handleThenDrop`, and for a request whose client
   * gave up while it was handled, the status the handler produced (the client
   * never saw it); 0 when nothing was produced (drop, client gone before).
   */
  status: number
  /** The client had gone before the answer was written (it timed out); the handler ran all the same. */
  unanswered?: boolean
  /** Of the token used; [] for the token endpoint and unauthenticated calls. */
  scopes: string[]
  /** What fault was injected, if any, e.g. "status 503", "drop", "delay 200ms". */
  fault?: string
  /** When the request arrived (epoch ms). */
  at: number
}

export interface FaultRule {
  /** Default: every server but GitHub, whose faults are asked for by name (GH-38). */
  tenant?: ServerName
  /** Default: any. */
  method?: string
  /** Matched against the URL pathname (string = exact match). */
  path: string | RegExp
  /** Let the first N matching requests through unharmed (default 0). */
  after?: number
  /** Then affect this many (default: unlimited). */
  times?: number
  /**
   * Of the requests in that window, affect each with this probability (0..1, default 1),
   * drawn from a generator seeded with `seed`, so a run is repeatable.
   */
  probability?: number
  /** Seed of the `probability` draws (default 1). */
  seed?: number
  /** Answer this status, body {"code":status,"message":"Injected fault"} unless body given. */
  status?: number
  /** Retry-After header value. */
  retryAfter?: string
  /** Raw body instead (e.g. not JSON). */
  body?: string
  /**
   * Wait this long (after reading the request); with no status the request is then handled normally,
   * even when its client has given up waiting: a slow tenant that acts late.
   */
  delayMs?: number
  /** Destroy the socket without answering (connection reset). */
  drop?: boolean
  /** Handle the request normally (state changes!) and then destroy the socket without answering. */
  handleThenDrop?: boolean
  /**
   * Expire every token this server issued, then handle the request: its token
   * lapses at that moment, as a real one does mid-run (the answer is a 401).
   */
  expireTokens?: boolean
  /**
   * An error answer (this status, default 400) whose message echoes the request body whole, as gateways
   * and validators do: `{code, message: "Invalid request: <body>"}`, or for a form (a token request)
   * AM's `{error: "invalid_request", error_description: "Invalid request: <form body>"}`. Nothing is handled.
   * With `field`, only that member of a JSON body is echoed (`Invalid <field>: <value>`), as a field
   * validator does; with `chars`, the echo is cut to that many characters.
   */
  echoRequest?: boolean | { field?: string; chars?: number }
  /** Handle the request, send the headers (with the full Content-Length) and this many bytes of the body, then drop the connection. */
  cutBodyAfter?: number
  /** Handle the request, then send the body this many bytes at a time, one piece every `dripEveryMs`. */
  dripBytes?: number
  /** Pause between dripped pieces (default 100). */
  dripEveryMs?: number
  /** Handle nothing; answer 200 with a JSON body that never ends (chunked, written as fast as the client reads). */
  endlessBody?: boolean
  /** Handle the request, then answer its status with an empty body, or with the JSON `null`. */
  emptyAnswer?: 'empty' | 'null'
  /** Handle the request; a token answer (JSON with token_type) says this token_type instead, e.g. DPoP. */
  tokenType?: string
}

export type AccountStatus = 'Active' | 'Inactive'

/** One service account (`/openidm/managed/svcacct/{id}`) as the tenant stores it; `jwks` is the JSON string the API shows. */
export interface ServiceAccountRecord {
  _id: string
  _rev: string
  name: string
  description: string
  accountStatus: AccountStatus
  scopes: string[]
  jwks: string
}

/** A tenant's service accounts, for assertions and set-up (emulator/svcacct.ts). */
export interface ServiceAccountsEmulator {
  get(id: string): ServiceAccountRecord | undefined
  all(): ServiceAccountRecord[]
  /** The public JWKs the account's jwks holds now. */
  keysOf(id: string): JWK[]
  /** SVC-06: someone else changes the account right before the next PATCH is applied. */
  changeBeforeNextPatch(): void
  /** SVC-11: how long a newly added key takes to be trusted by the token endpoint. */
  keyAcceptDelayMs: number
}

export interface TenantEmulator {
  readonly name: TenantName
  /** The tenant's service accounts; the seed's account (whose key `serviceAccount` holds) is one of them. */
  readonly serviceAccounts: ServiceAccountsEmulator
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string
  /** Live state, for assertions and set-up. */
  readonly state: TenantState
  setRestartMs(ms: number): void
  /** As if someone else started a restart. */
  beginRestart(): void
  /** Every token issued so far by this tenant is now expired (401 on use). */
  expireTokens(): void
}

/** An API client's credentials for the client-credentials grant. */
export interface ClientCredentials {
  clientId: string
  clientSecret: string
  /** The resource id (`/v1.0/apiclients/{id}`). */
  id: string
}

/**
 * How `POST /v1.0/apiclients` writes `Location`: a path, an absolute URL on
 * the identity tenant, or an absolute URL on another origin (a misbehaving
 * proxy), which a client must refuse to follow.
 */
export type LocationStyle = { kind: 'relative' } | { kind: 'absolute' } | { kind: 'other-origin'; origin: string }

export interface IdentityEmulator {
  readonly name: 'identity'
  /** e.g. http://127.0.0.1:41235 (no trailing slash). */
  readonly url: string
  /** Live state, for assertions and set-up. */
  readonly state: IdentityState
  /** An admin API client holding manageAPIClients, made at start. */
  readonly adminClient: ClientCredentials
  /** Another API client with exactly these entitlements (e.g. without manageAPIClients). */
  createAdminClient(entitlements: string[]): ClientCredentials
  setLocationStyle(style: LocationStyle): void
  /** Every token issued so far by the identity tenant is now expired (401 on use). */
  expireTokens(): void
}
