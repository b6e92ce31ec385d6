import { randomUUID } from 'node:crypto'
import { importJWK, SignJWT, type JWK } from 'jose'
import { ActionError, ApiError } from '../errors.js'
import { CachedTokens } from '../http/cached-tokens.js'
import type { JsonHttpClient, TokenSource } from '../http/client.js'
import { maskSecret } from '../secrets.js'

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
  constructor(private readonly options: ServiceAccountOptions) {
    super('The tenant token endpoint', DEFAULT_LIFETIME_SECONDS, options.now)
  }

  protected async request(): Promise<AccessTokenResponse | undefined> {
    const assertion = await signAssertion(this.options, this.now())
    maskSecret(assertion)
    const response = await this.options.http
      .request<AccessTokenResponse>({
        method: 'POST',
        path: TOKEN_PATH,
        authenticate: false,
        // Asking for a token has no side effect, so it may be repeated.
        idempotent: true,
        carriesSecret: true,
        form: { grant_type: JWT_BEARER_GRANT, client_id: 'service-account', assertion, scope: this.options.scopes.join(' ') },
        hint: (status) =>
          status === 400 || status === 401
            ? 'Check service-account-id and service-account-key, and that the account is enabled in the tenant.'
            : undefined
      })
      .catch((error: unknown) => {
        throw explainScopeError(error, this.options.operation, this.options.scopes)
      })
    return response.body
  }
}

function explainScopeError(error: unknown, operation: string, scopes: string[]): unknown {
  if (!(error instanceof ApiError) || error.details.code !== 'invalid_scope') return error
  const missing = /scope for service account:\s*(\S+)/i.exec(error.details.apiMessage ?? '')?.[1]
  const which = missing ? `the scope ${missing}` : `one of the scopes ${scopes.join(' ')}`
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
