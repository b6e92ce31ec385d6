import { randomUUID } from 'node:crypto'
import * as core from '@actions/core'
import { importJWK, SignJWT, type JWK } from 'jose'
import { ActionError, ApiError } from '../errors.js'
import { CachedTokens } from '../http/cached-tokens.js'
import type { JsonHttpClient, TokenSource } from '../http/client.js'
import { maskSecret } from '../secrets.js'
import { fullScopeOf } from './scopes.js'

export const TOKEN_PATH = '/am/oauth2/access_token'
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
/** Real tenants reject assertions that live long; 3 minutes is what the Ping clients use. */
const ASSERTION_LIFETIME_SECONDS = 180
/** Tenants issue tokens for about 15 minutes; assumed when the answer omits expires_in. */
const DEFAULT_LIFETIME_SECONDS = 900

export interface AccessTokenResponse {
  access_token: string
  scope?: string
  token_type: string
  expires_in: number
}

export interface ServiceAccountOptions {
  tenantUrl: string
  serviceAccountId: string
  privateJwk: JWK
  scopes: string[]
  /** Operation named in a missing-scope error. */
  operation: string
  /** An unauthenticated client for the tenant's base URL. */
  http: Pick<JsonHttpClient, 'request'>
  now?: () => number
}

/** The audience the tenant's AM expects: the token endpoint with an explicit port. */
export function tokenAudience(tenantUrl: string): string {
  const url = new URL(tenantUrl)
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return `${url.protocol}//${url.hostname}:${port}${TOKEN_PATH}`
}

export async function signAssertion(
  options: Pick<ServiceAccountOptions, 'tenantUrl' | 'serviceAccountId' | 'privateJwk'>,
  nowMs: number
): Promise<string> {
  const key = await importJWK({ ...options.privateJwk, alg: 'RS256' }, 'RS256')
  const nowSeconds = Math.floor(nowMs / 1000)
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(options.serviceAccountId)
    .setSubject(options.serviceAccountId)
    .setAudience(tokenAudience(options.tenantUrl))
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + ASSERTION_LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(key)
}

/**
 * Access tokens for a service account by the JWT-bearer grant, cached until a
 * minute before they expire; one request in flight at a time.
 */
export class ServiceAccountTokens extends CachedTokens {
  /** The scopes asked for: the operation's, with a refused read scope replaced by its full scope. */
  private scopes: string[]
  /** Full scope asked for → the read scope it replaced. */
  private readonly widened = new Map<string, string>()

  constructor(private readonly options: ServiceAccountOptions) {
    super('The tenant token endpoint', DEFAULT_LIFETIME_SECONDS, options.now)
    this.scopes = [...options.scopes]
  }

  /**
   * Whether an account that holds only a full scope (`fr:idc:x:*`) is granted its `:read` child is not
   * documented: a read scope refused with invalid_scope is asked for once more as its full scope.
   */
  protected async request(): Promise<AccessTokenResponse | undefined> {
    for (;;) {
      try {
        return await this.requestScopes(this.scopes)
      } catch (error) {
        const refused = refusedScope(error)
        const full = refused === undefined ? undefined : fullScopeOf(refused)
        if (refused === undefined || full === undefined || !this.scopes.includes(refused))
          throw explainScopeError(error, this.options.operation, this.scopes, this.widened)
        core.info(
          `The service account was refused ${refused} (invalid_scope); asking once more with its full scope ${full}, which an account may hold without the read scope`
        )
        this.widened.set(full, refused)
        this.scopes = [...new Set(this.scopes.map((scope) => (scope === refused ? full : scope)))]
      }
    }
  }

  private async requestScopes(scopes: string[]): Promise<AccessTokenResponse | undefined> {
    const assertion = await signAssertion(this.options, this.now())
    maskSecret(assertion)
    const response = await this.options.http.request<AccessTokenResponse>({
      method: 'POST',
      path: TOKEN_PATH,
      authenticate: false,
      // Asking for a token has no side effect, so it may be repeated.
      idempotent: true,
      carriesSecret: true,
      form: { grant_type: JWT_BEARER_GRANT, client_id: 'service-account', assertion, scope: scopes.join(' ') },
      hint: (status) =>
        status === 400 || status === 401
          ? 'Check service-account-id and service-account-key, and that the account is enabled in the tenant.'
          : undefined
    })
    return response.body
  }
}

/** The scope an invalid_scope answer names ("Unsupported scope for service account: …"). */
function refusedScope(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.details.code !== 'invalid_scope') return undefined
  return /scope for service account:\s*(\S+)/i.exec(error.details.apiMessage ?? '')?.[1]
}

function explainScopeError(error: unknown, operation: string, scopes: string[], widened: ReadonlyMap<string, string>): unknown {
  if (!(error instanceof ApiError) || error.details.code !== 'invalid_scope') return error
  const missing = refusedScope(error)
  const read = missing === undefined ? undefined : widened.get(missing)
  const which =
    missing === undefined
      ? `one of the scopes ${scopes.join(' ')}`
      : read
        ? `the scope ${read} (and its full scope ${missing}, asked for instead)`
        : `the scope ${missing}`
  return new ActionError(
    `The service account lacks ${which}, which the operation ${operation} needs. Add it to the service account in the tenant's admin console, or set the scopes input.`
  )
}

/** A bearer token given by the user; it cannot be refreshed. */
export class StaticToken implements TokenSource {
  readonly refreshable = false
  constructor(private readonly value: string) {
    maskSecret(value)
  }
  token(): Promise<string> {
    return Promise.resolve(this.value)
  }
  invalidate(): void {
    // Nothing to refresh: a 401 then surfaces as an error that says to renew the token.
  }
}
