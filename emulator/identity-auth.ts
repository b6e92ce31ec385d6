/**
 * The identity tenant's token endpoint: the client-credentials grant for API
 * clients. A token carries the client's entitlements as its scopes, so the
 * route table's scope check enforces entitlements.
 */
import { timingSafeEqual } from 'node:crypto'
import { findByClientId } from './identity-state.js'
import type { IdentityState } from './identity-state.js'
import { json } from './respond.js'
import type { ApiResponse } from './respond.js'
import type { RequestContext, Route } from './router.js'
import type { TokenStore } from './tokens.js'

export const IDENTITY_TOKEN_PATH = '/v1.0/endpoint/default/token'

export interface IdentityAuthConfig {
  state: IdentityState
  tokens: TokenStore
  tokenTtlSeconds: number
}

function oauthError(status: number, error: string, description: string): ApiResponse {
  return json(status, { error, error_description: description })
}

export function identityTokenRoutes(config: IdentityAuthConfig): Route[] {
  return [{ method: 'POST', path: IDENTITY_TOKEN_PATH, scopes: null, handle: (ctx) => issueToken(config, ctx) }]
}

function issueToken(config: IdentityAuthConfig, ctx: RequestContext): ApiResponse {
  const form = new URLSearchParams(ctx.body)
  const grantType = form.get('grant_type')
  if (!grantType) return oauthError(400, 'invalid_request', 'The grant_type parameter is missing')
  if (grantType !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'The grant type is not supported')
  const client = findByClientId(config.state, form.get('client_id') ?? '')
  if (!client || !sameSecret(client.clientSecret, form.get('client_secret') ?? '') || !client.enabled) {
    return oauthError(401, 'invalid_client', 'The client credentials are not valid')
  }
  const token = config.tokens.issue('identity', client.clientId, [...client.entitlements], config.tokenTtlSeconds, ctx.now)
  return json(200, {
    access_token: token.value,
    token_type: 'bearer',
    expires_in: config.tokenTtlSeconds,
    scope: client.entitlements.join(' ')
  })
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}
