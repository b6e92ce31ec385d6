import { JsonHttpClient } from '../http/client.js'
import type { TenantConnection } from '../inputs/types.js'
import { clientTiming, DEFAULT_HTTP_SETTINGS, type HttpSettings } from '../http/settings.js'
import { USER_AGENT } from '../version.js'
import { ServiceAccountTokens, StaticToken } from './auth.js'

export interface ConnectOptions {
  operation: string
  /** Default: DEFAULT_HTTP_SETTINGS. */
  http?: HttpSettings
  /** How logs and errors name this tenant; default 'tenant' ('lower tenant' for promotion-report's lower-tenant-url). */
  label?: string
  /** The clock of the HTTP layer's waits (back-offs, looks over the settle window); default: real time. */
  sleep?: (ms: number) => Promise<void>
}

/** An authenticated client for one tenant, from the validated connection inputs. */
export function connectTenant(connection: TenantConnection, options: ConnectOptions): JsonHttpClient {
  const base = {
    baseUrl: connection.url,
    userAgent: USER_AGENT,
    ...clientTiming(options.http ?? DEFAULT_HTTP_SETTINGS),
    label: options.label ?? 'tenant',
    sleep: options.sleep
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
