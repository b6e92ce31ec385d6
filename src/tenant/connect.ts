import { JsonHttpClient } from '../http/client.js'
import type { TenantConnection } from '../inputs/index.js'
import type { RetryPolicy } from '../http/retry.js'
import { USER_AGENT } from '../version.js'
import { ServiceAccountTokens, StaticToken } from './auth.js'

/** A request must not hang a job: real tenant calls answer in seconds. */
export const REQUEST_TIMEOUT_MS = 60_000

export interface ConnectOptions {
  operation: string
  timeoutMs?: number
  policy?: RetryPolicy
}

/** An authenticated client for one tenant, from the validated connection inputs. */
export function connectTenant(connection: TenantConnection, options: ConnectOptions): JsonHttpClient {
  const base = {
    baseUrl: connection.url,
    userAgent: USER_AGENT,
    timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
    policy: options.policy,
    label: 'tenant'
  }
  const auth = connection.auth
  const tokens =
    auth.kind === 'access-token'
      ? new StaticToken(auth.accessToken)
      : new ServiceAccountTokens({
          tenantUrl: connection.url,
          serviceAccountId: auth.serviceAccountId,
          privateJwk: auth.privateJwk,
          scopes: connection.scopes,
          operation: options.operation,
          http: new JsonHttpClient(base)
        })
  return new JsonHttpClient({ ...base, tokens })
}
