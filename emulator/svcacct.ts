/**
 * Identity Cloud service accounts: the IDM managed object `svcacct` (`/openidm/managed/svcacct`) and the
 * catalogue of scopes an account may hold (`/environment/scopes/service-accounts`). Each tenant has its own
 * accounts; the seed's account (whose key the emulator hands out) is one of them. The token endpoint
 * (auth.ts) trusts exactly the public keys each account's `jwks` holds at the moment of the request.
 * Ledger: evidence/service-accounts.md (SVC-nn).
 */
import { randomUUID } from 'node:crypto'
import { calculateJwkThumbprint, importJWK } from 'jose'
import type { CryptoKey, JWK } from 'jose'
import { ApiError, idmError, json } from './respond.js'
import type { ApiResponse } from './respond.js'
import type { RequestContext, Route } from './router.js'
import type { AccountStatus, ServiceAccountRecord, ServiceAccountsEmulator } from './types.js'

export const SVCACCT_PATH = '/openidm/managed/svcacct'
export const SCOPES_PATH = '/environment/scopes/service-accounts'
/** SVC-09: the managed-object API takes IDM's own scope. */
const IDM_SCOPES = ['fr:idm:*'] as const

export interface ScopeEntry {
  scope: string
  description: string
  childScopes?: ScopeEntry[]
}

/**
 * SVC-08: full scopes with their narrower children (frodo-lib `ServiceAccountOps.ts` lists the allowed
 * ones, `EnvServiceAccountScopesApi.ts` the shape); descriptions are the emulator's own words.
 */
export const SERVICE_ACCOUNT_SCOPE_CATALOGUE: readonly ScopeEntry[] = [
  { scope: 'fr:am:*', description: 'All access to Access Management' },
  { scope: 'fr:idm:*', description: 'All access to Identity Management' },
  { scope: 'fr:iga:*', description: 'All access to Identity Governance' },
  { scope: 'fr:autoaccess:*', description: 'All access to Autonomous Access' },
  { scope: 'fr:idc:analytics:*', description: 'All access to analytics' },
  {
    scope: 'fr:idc:esv:*',
    description: 'All access to ESVs',
    childScopes: [
      { scope: 'fr:idc:esv:read', description: 'Read ESVs, excluding secret values' },
      { scope: 'fr:idc:esv:update', description: 'Create, update and delete ESVs' },
      { scope: 'fr:idc:esv:restart', description: 'Restart workloads that consume ESVs' }
    ]
  },
  {
    scope: 'fr:idc:promotion:*',
    description: 'All access to promotions',
    childScopes: [{ scope: 'fr:idc:promotion:read', description: 'Read promotions' }]
  },
  {
    scope: 'fr:idc:proxy-connect:*',
    description: 'All access to Proxy Connect',
    childScopes: [
      { scope: 'fr:idc:proxy-connect:read', description: 'Read Proxy Connect' },
      { scope: 'fr:idc:proxy-connect:write', description: 'Create and update Proxy Connect' }
    ]
  },
  {
    scope: 'fr:idc:direct-configuration:session:*',
    description: 'All access to direct configuration sessions',
    childScopes: [{ scope: 'fr:idc:direct-configuration:session:read', description: 'Read direct configuration sessions' }]
  },
  ...['certificate', 'content-security-policy', 'cookie-domain', 'custom-domain', 'dataset', 'federation', 'sso-cookie', 'release'].map(
    (area) => ({
      scope: `fr:idc:${area}:*`,
      description: `All access to ${area}`,
      childScopes: [{ scope: `fr:idc:${area}:read`, description: `Read ${area}` }]
    })
  ),
  { scope: 'fr:idc:mtls:*', description: 'All access to mTLS' },
  { scope: 'fr:idc:ws:admin', description: 'All access to the PingFederate APIs' }
]

export function flattenScopes(entries: readonly ScopeEntry[]): string[] {
  return entries.flatMap((entry) => [entry.scope, ...flattenScopes(entry.childScopes ?? [])])
}

/** Every service account of one tenant, with the keys its token endpoint trusts. */
export class ServiceAccountStore implements ServiceAccountsEmulator {
  private readonly accounts = new Map<string, ServiceAccountRecord>()
  /** By account id, then the key (kty.e.n): when the token endpoint starts to trust it (epoch ms). */
  private readonly trust = new Map<string, Map<string, number>>()
  private readonly imported = new Map<string, CryptoKey>()
  private revCounter = 0
  /** SVC-11: how long a newly added key takes to be trusted (default 300 ms); 0 trusts it at once. */
  keyAcceptDelayMs = 300
  private interventions = 0

  constructor(private readonly allowedScopes: () => readonly string[] = () => flattenScopes(SERVICE_ACCOUNT_SCOPE_CATALOGUE)) {}

  /** Adds an account as if made in the admin console (its keys are trusted at once). */
  seed(account: Omit<ServiceAccountRecord, '_rev'>): ServiceAccountRecord {
    const record = { ...account, _rev: this.nextRev() }
    this.accounts.set(record._id, record)
    this.trackKeys(record, 0)
    return record
  }

  get(id: string): ServiceAccountRecord | undefined {
    return this.accounts.get(id)
  }

  all(): ServiceAccountRecord[] {
    return [...this.accounts.values()]
  }

  /** The public JWKs the account's jwks holds now. */
  keysOf(id: string): JWK[] {
    const account = this.accounts.get(id)
    return account ? parseKeySet(account.jwks) : []
  }

  /** SVC-06: someone else changes the account right before the next PATCH is applied (its _rev moves on). */
  changeBeforeNextPatch(): void {
    this.interventions++
  }

  /** The keys that verify an assertion for this account now: those in its jwks, past their accept delay. */
  async trustedKeys(id: string, now: number): Promise<CryptoKey[]> {
    const account = this.accounts.get(id)
    if (!account || account.accountStatus !== 'Active') return []
    const keys: CryptoKey[] = []
    for (const jwk of parseKeySet(account.jwks)) {
      const text = keyText(jwk)
      if ((this.trust.get(id)?.get(text) ?? 0) > now) continue
      let key = this.imported.get(text)
      if (!key) {
        key = (await importJWK({ ...jwk, alg: 'RS256' }, 'RS256')) as CryptoKey
        this.imported.set(text, key)
      }
      keys.push(key)
    }
    return keys
  }

  routes(): Route[] {
    // The svcacct calls are IDM's: their errors are IDM's `{code, reason, message}` (SVC-12).
    const idm = (method: string, path: string, handle: Route['handle']): Route => ({
      method,
      path,
      scopes: IDM_SCOPES,
      handle,
      errorResponse: idmError
    })
    return [
      { method: 'GET', path: SCOPES_PATH, scopes: IDM_SCOPES, handle: () => json(200, SERVICE_ACCOUNT_SCOPE_CATALOGUE) },
      idm('POST', SVCACCT_PATH, (ctx) => this.create(ctx)),
      idm('GET', SVCACCT_PATH, (ctx) => this.query(ctx)),
      idm('GET', `${SVCACCT_PATH}/{id}`, (ctx) => withEtag(this.existing(ctx.params.id))),
      idm('PATCH', `${SVCACCT_PATH}/{id}`, (ctx) => this.patch(ctx)),
      idm('DELETE', `${SVCACCT_PATH}/{id}`, (ctx) => this.remove(ctx))
    ]
  }

  /** SVC-01: `POST ?_action=create` → 201 with the object, its `_rev` as ETag and an absolute Location (as recorded). */
  private create(ctx: RequestContext): ApiResponse {
    if (ctx.query.get('_action') !== 'create') throw new ApiError(400, 'Unsupported action')
    const body = parseObject(ctx.body)
    const record: ServiceAccountRecord = {
      _id: randomUUID(),
      _rev: this.nextRev(),
      name: requiredString(body, 'name'),
      description: typeof body.description === 'string' ? body.description : '',
      accountStatus: status(body.accountStatus ?? 'Active'),
      scopes: this.scopesOf(body.scopes),
      jwks: checkedKeySet(body.jwks)
    }
    this.accounts.set(record._id, record)
    this.trackKeys(record, ctx.now + this.keyAcceptDelayMs)
    return {
      ...withEtag(record, 201),
      headers: { ETag: `"${record._rev}"`, Location: `http://${String(ctx.headers.host ?? 'localhost')}${SVCACCT_PATH}/${record._id}` }
    }
  }

  /** SVC-03: `_queryFilter=true` or `name eq "…"` (with or without a leading slash), in IDM's paged shape. */
  private query(ctx: RequestContext): ApiResponse {
    const filter = ctx.query.get('_queryFilter')
    if (filter === null) throw new ApiError(400, 'The request could not be processed because it did not specify a query expression')
    let result: ServiceAccountRecord[]
    if (filter === 'true') result = this.all()
    else {
      const match = /^\/?name eq "((?:[^"\\]|\\.)*)"$/.exec(filter)
      if (!match) throw new ApiError(400, `Invalid query filter: ${filter.slice(0, 80)}`)
      const name = (JSON.parse(`"${match[1]}"`) as string).toString()
      result = this.all().filter((account) => account.name === name)
    }
    return json(200, {
      result,
      resultCount: result.length,
      pagedResultsCookie: null,
      totalPagedResultsPolicy: 'NONE',
      totalPagedResults: -1,
      remainingPagedResults: -1
    })
  }

  /**
   * SVC-05/06: a JSON Patch list (`operation` replace/add/remove on `/description`, `/scopes`,
   * `/accountStatus`, `/jwks`, `/name`); `If-Match` with another `_rev` is 412 and changes nothing.
   */
  private patch(ctx: RequestContext): ApiResponse {
    const account = this.existing(ctx.params.id)
    if (this.interventions > 0) {
      this.interventions--
      account._rev = this.nextRev()
    }
    const ifMatch = headerText(ctx.headers['if-match'])
    if (ifMatch !== undefined && ifMatch !== '*' && ifMatch.replace(/^"|"$/g, '') !== account._rev)
      throw new ApiError(412, 'Precondition Failed: the revision does not match the object')
    const operations = JSON.parse(ctx.body || 'null') as unknown
    if (!Array.isArray(operations)) throw new ApiError(400, 'The request body must be a JSON Patch list')
    const next = { ...account }
    for (const raw of operations) this.apply(next, raw)
    next._rev = this.nextRev()
    this.accounts.set(next._id, next)
    this.trackKeys(next, ctx.now + this.keyAcceptDelayMs)
    return withEtag(next)
  }

  private apply(account: ServiceAccountRecord, raw: unknown): void {
    const op = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
    if (op.operation !== 'replace' && op.operation !== 'add') throw new ApiError(400, `Unsupported patch operation ${String(op.operation)}`)
    const field = typeof op.field === 'string' ? op.field.replace(/^\//, '') : ''
    const value = op.value
    if (field === 'description' && typeof value === 'string') account.description = value
    else if (field === 'name' && typeof value === 'string' && value !== '') account.name = value
    else if (field === 'accountStatus') account.accountStatus = status(value)
    else if (field === 'scopes') account.scopes = this.scopesOf(value)
    else if (field === 'jwks') account.jwks = checkedKeySet(value)
    else throw new ApiError(400, `Cannot patch field ${field.slice(0, 40)}`)
  }

  private remove(ctx: RequestContext): ApiResponse {
    const account = this.existing(ctx.params.id)
    this.accounts.delete(account._id)
    this.trust.delete(account._id)
    return withEtag(account)
  }

  private existing(id: string | undefined): ServiceAccountRecord {
    const account = id === undefined ? undefined : this.accounts.get(id)
    if (!account) throw new ApiError(404, `Object ${id ?? ''} not found in managed/svcacct`)
    return account
  }

  /** SVC-04: only scopes of the catalogue; anything else is 400. */
  private scopesOf(value: unknown): string[] {
    if (!Array.isArray(value) || value.some((scope) => typeof scope !== 'string'))
      throw new ApiError(400, 'scopes must be an array of strings')
    const allowed = this.allowedScopes()
    const bad = (value as string[]).find((scope) => !allowed.includes(scope))
    if (bad !== undefined) throw new ApiError(400, `Invalid scope ${bad.slice(0, 60)}`)
    return [...(value as string[])]
  }

  /** Keys already known keep when they became trusted; keys gone are forgotten, so they stop working at once. */
  private trackKeys(account: ServiceAccountRecord, trustedFrom: number): void {
    const previous = this.trust.get(account._id) ?? new Map<string, number>()
    const next = new Map<string, number>()
    for (const jwk of parseKeySet(account.jwks)) {
      const text = keyText(jwk)
      next.set(text, previous.get(text) ?? trustedFrom)
    }
    this.trust.set(account._id, next)
  }

  private nextRev(): string {
    return `${randomUUID()}-${++this.revCounter}`
  }
}

function keyText(jwk: JWK): string {
  return `${jwk.kty ?? ''}.${jwk.e ?? ''}.${jwk.n ?? ''}`
}

function withEtag(account: ServiceAccountRecord, status = 200): ApiResponse {
  return json(status, account, { ETag: `"${account._rev}"` })
}

function parseObject(text: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new ApiError(400, 'The request body is not JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ApiError(400, 'The request body must be an object')
  return parsed as Record<string, unknown>
}

function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field]
  if (typeof value !== 'string' || value === '') throw new ApiError(400, `${field} is required`)
  return value
}

function status(value: unknown): AccountStatus {
  if (value === 'Active' || value === 'Inactive') return value
  throw new ApiError(400, 'accountStatus must be Active or Inactive')
}

/** SVC-02: `jwks` is a JSON string of a key set of public RSA keys; private members are refused. */
function checkedKeySet(value: unknown): string {
  if (typeof value !== 'string') throw new ApiError(400, 'jwks must be a JSON string')
  let keys: JWK[]
  try {
    keys = parseKeySet(value, true)
  } catch {
    throw new ApiError(400, 'jwks is not a JSON key set')
  }
  for (const key of keys) {
    if (key.kty !== 'RSA' || typeof key.n !== 'string' || typeof key.e !== 'string')
      throw new ApiError(400, 'jwks holds a key that is not an RSA public key')
    if ('d' in key) throw new ApiError(400, 'jwks must hold public keys only')
  }
  return value
}

export function parseKeySet(text: string, strict = false): JWK[] {
  try {
    const parsed = JSON.parse(text) as { keys?: unknown }
    if (!Array.isArray(parsed.keys)) throw new Error('no keys')
    return parsed.keys as JWK[]
  } catch (error) {
    if (strict) throw error
    return []
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** The key set text of one public JWK, with its kid the RFC 7638 thumbprint (as the seed account's). */
export async function keySetOf(publicJwk: JWK): Promise<string> {
  const kid = publicJwk.kid ?? (await calculateJwkThumbprint(publicJwk))
  return JSON.stringify({ keys: [{ kty: publicJwk.kty, kid, alg: 'RS256', e: publicJwk.e, n: publicJwk.n }] })
}
