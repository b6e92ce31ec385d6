/**
 * Service-account authentication as AM does it: the JWT-bearer token endpoint,
 * and the bearer check in front of every API call.
 */
import { decodeJwt, errors, jwtVerify } from 'jose'
import type { JWTPayload } from 'jose'
import { json } from './respond.js'
import type { ApiResponse } from './respond.js'
import type { RequestContext, Route } from './router.js'
import type { ServiceAccountStore } from './svcacct.js'
import type { AccessToken, TokenStore } from './tokens.js'
import type { TenantName } from './types.js'

export const TOKEN_PATH = '/am/oauth2/access_token'
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
const SERVICE_ACCOUNT_CLIENT = 'service-account'
/** Real clients put exp about 3 minutes ahead; AM refuses assertions that live much longer. */
const MAX_ASSERTION_LIFETIME_SECONDS = 15 * 60
const CLOCK_SKEW_SECONDS = 30

export interface AuthConfig {
  tenant: TenantName
  /** The tenant's base URL; known only once the server listens. */
  url: () => string
  /**
   * The tenant's service accounts: an assertion is verified against the keys its issuer's `jwks` holds
   * now (AUTH-09), and the token carries only scopes that account holds.
   */
  accounts: ServiceAccountStore
  /**
   * Whether holding a full scope (`fr:idc:x:*`) also grants its narrower children (`fr:idc:x:read`).
   * Not documented; false (the harder answer) by default: such a request is refused with invalid_scope.
   */
  fullScopeGrantsNarrower: boolean
  tokenTtlSeconds: number
  tokens: TokenStore
}

/** AM's OAuth error body: not the `{code, message}` shape of the environment API. */
function oauthError(status: number, error: string, description: string): ApiResponse {
  return json(status, { error, error_description: description })
}

export function tokenRoutes(config: AuthConfig): Route[] {
  return [{ method: 'POST', path: TOKEN_PATH, scopes: null, handle: (ctx) => issueToken(config, ctx) }]
}

async function issueToken(config: AuthConfig, ctx: RequestContext): Promise<ApiResponse> {
  const form = new URLSearchParams(ctx.body)
  const grantType = form.get('grant_type')
  if (!grantType) return oauthError(400, 'invalid_request', 'Grant type is not set')
  if (grantType !== JWT_BEARER) return oauthError(400, 'unsupported_grant_type', 'Grant type is not supported')
  if (form.get('client_id') !== SERVICE_ACCOUNT_CLIENT) {
    return oauthError(401, 'invalid_client', 'Client authentication failed')
  }
  const assertion = form.get('assertion')
  if (!assertion) return oauthError(400, 'invalid_request', "Missing parameter, 'assertion'")

  const verified = await verifyAssertion(config, assertion, ctx)
  if (typeof verified === 'string') return oauthError(400, 'invalid_grant', verified)
  const allowedScopes = verified.scopes

  const scopes = (form.get('scope') ?? '').split(' ').filter((s) => s.length > 0)
  if (scopes.length === 0) return oauthError(400, 'invalid_scope', 'Invalid scope requested')
  // AM names the first scope it refuses; clients parse the scope out of this message.
  const unsupported = scopes.find((s) => !granted(config, allowedScopes, s))
  if (unsupported !== undefined) return oauthError(400, 'invalid_scope', `Unsupported scope for service account: ${unsupported}`)

  const token = config.tokens.issue(config.tenant, verified.accountId, scopes, config.tokenTtlSeconds, ctx.now)
  return json(200, {
    access_token: token.value,
    scope: scopes.join(' '),
    token_type: 'Bearer',
    expires_in: config.tokenTtlSeconds
  })
}

function granted(config: AuthConfig, allowedScopes: readonly string[], scope: string): boolean {
  if (allowedScopes.includes(scope)) return true
  const full = scope.replace(/:[^:*]+$/, ':*')
  return config.fullScopeGrantsNarrower && full !== scope && allowedScopes.includes(full)
}

const SIGNATURE_REFUSED = 'Invalid JWT: signature verification failed'

/**
 * The account the assertion is good for (its scopes), or why it is refused. The issuer names the account;
 * any key its `jwks` holds now may have signed it (AUTH-09): a key removed from the set fails at once.
 */
async function verifyAssertion(
  config: AuthConfig,
  assertion: string,
  ctx: RequestContext
): Promise<{ accountId: string; scopes: readonly string[] } | string> {
  let issuer: string | undefined
  try {
    issuer = decodeJwt(assertion).iss
  } catch {
    return 'Invalid JWT: the assertion is not a JWT'
  }
  const account = issuer === undefined ? undefined : config.accounts.get(issuer)
  if (!account) return SIGNATURE_REFUSED
  for (const key of await config.accounts.trustedKeys(account._id, ctx.now)) {
    let payload: JWTPayload
    try {
      payload = (
        await jwtVerify(assertion, key, {
          algorithms: ['RS256'],
          issuer: account._id,
          subject: account._id,
          requiredClaims: ['exp', 'jti'],
          clockTolerance: CLOCK_SKEW_SECONDS,
          currentDate: new Date(ctx.now)
        })
      ).payload
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) continue
      if (error instanceof errors.JOSEError) return `Invalid JWT: ${error.message}`
      throw error
    }
    const problem = claimsProblem(config, payload, ctx)
    return problem ?? { accountId: account._id, scopes: account.scopes }
  }
  return SIGNATURE_REFUSED
}

/** Why verified claims are still refused, or undefined when they are good. */
function claimsProblem(config: AuthConfig, payload: JWTPayload, ctx: RequestContext): string | undefined {
  if (typeof payload.jti !== 'string' || payload.jti.length === 0) return 'Invalid JWT: "jti" claim must be a non-empty string'
  if (payload.exp !== undefined && payload.exp > ctx.now / 1000 + MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) {
    return 'Invalid JWT: "exp" claim is too far in the future'
  }
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? [])
  const requestHost = typeof ctx.headers.host === 'string' ? ctx.headers.host : undefined
  if (!audiences.some((aud) => audienceMatches(aud, new URL(config.url()), requestHost))) {
    return 'Invalid JWT: "aud" claim does not name this token endpoint'
  }
  return undefined
}

/**
 * Clients write the audience differently (`https://host/...`, `https://host:443/...`);
 * real tenants accept all of them, so compare normalised: same host (the tenant's
 * or the one the request was sent to), the token path, and either the listening
 * port, the default port of the scheme, or 443.
 */
export function audienceMatches(aud: string, tenantUrl: URL, requestHost?: string): boolean {
  let url: URL
  try {
    url = new URL(aud)
  } catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  if (url.search !== '' || url.hash !== '') return false
  if (url.pathname.replace(/\/+$/, '') !== TOKEN_PATH) return false
  const hosts = [tenantUrl.hostname]
  if (requestHost) hosts.push(hostnameOf(requestHost))
  if (!hosts.includes(url.hostname)) return false
  return [tenantUrl.port, '443', ''].includes(url.port)
}

function hostnameOf(hostHeader: string): string {
  try {
    return new URL(`http://${hostHeader}`).hostname
  } catch {
    return ''
  }
}

/** The token behind an `Authorization: Bearer ...` header, if this tenant issued it and it is valid. */
export function bearerToken(
  tokens: TokenStore,
  tenant: TenantName,
  authorization: string | undefined,
  now: number
): AccessToken | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  return match?.[1] ? tokens.find(match[1], tenant, now) : undefined
}
