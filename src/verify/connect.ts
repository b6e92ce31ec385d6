import { JsonHttpClient } from '../http/client.js'
import type { CreateApiClientInputs } from '../inputs/api-client.js'
import { REQUEST_TIMEOUT_MS } from '../tenant/connect.js'
import { USER_AGENT } from '../version.js'
import { ClientCredentialsTokens } from './tokens.js'

/** An authenticated client for the identity tenant, as its admin API client. */
export function connectIdentityTenant(
  inputs: Pick<CreateApiClientInputs, 'verifyTenantUrl' | 'adminClientId' | 'adminClientSecret'>
): JsonHttpClient {
  const base = { baseUrl: inputs.verifyTenantUrl, userAgent: USER_AGENT, timeoutMs: REQUEST_TIMEOUT_MS, label: 'identity tenant' }
  const tokens = new ClientCredentialsTokens({
    clientId: inputs.adminClientId,
    clientSecret: inputs.adminClientSecret,
    http: new JsonHttpClient(base)
  })
  return new JsonHttpClient({ ...base, tokens })
}
