import { JsonHttpClient } from '../http/client.js'
import type { CreateApiClientInputs } from '../inputs/types.js'
import { clientTiming, type HttpSettings } from '../http/settings.js'
import { USER_AGENT } from '../version.js'
import { ClientCredentialsTokens } from './tokens.js'

/** An authenticated client for the identity tenant, as its admin API client. */
export function connectIdentityTenant(
  inputs: Pick<CreateApiClientInputs, 'verifyTenantUrl' | 'adminClientId' | 'adminClientSecret'>,
  http: HttpSettings
): JsonHttpClient {
  const base = { baseUrl: inputs.verifyTenantUrl, userAgent: USER_AGENT, ...clientTiming(http), label: 'identity tenant' }
  const tokens = new ClientCredentialsTokens({
    clientId: inputs.adminClientId,
    clientSecret: inputs.adminClientSecret,
    http: new JsonHttpClient(base)
  })
  return new JsonHttpClient({ ...base, tokens })
}
