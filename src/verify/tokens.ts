import { CachedTokens } from '../http/cached-tokens.js'
import type { JsonHttpClient } from '../http/client.js'
import { maskSecret } from '../secrets.js'
import type { ClientCredentialsTokenResponse } from '../tenant/types.js'

export const VERIFY_TOKEN_PATH = '/v1.0/endpoint/default/token'
const DEFAULT_LIFETIME_SECONDS = 7200

export interface ClientCredentialsOptions {
  clientId: string
  clientSecret: string
  /** An unauthenticated client for the identity tenant's base URL. */
  http: Pick<JsonHttpClient, 'request'>
  now?: () => number
}

/**
 * Access tokens for the identity tenant's admin API client by the
 * client-credentials grant, cached until shortly before they expire.
 */
export class ClientCredentialsTokens extends CachedTokens {
  constructor(private readonly options: ClientCredentialsOptions) {
    super('The identity tenant token endpoint', DEFAULT_LIFETIME_SECONDS, options.now)
    maskSecret(options.clientSecret)
  }

  protected async request(): Promise<ClientCredentialsTokenResponse | undefined> {
    const response = await this.options.http.request<ClientCredentialsTokenResponse>({
      method: 'POST',
      path: VERIFY_TOKEN_PATH,
      authenticate: false,
      // Asking for a token has no side effect, so it may be repeated.
      idempotent: true,
      carriesSecret: true,
      form: { grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: this.options.clientSecret },
      hint: (status) =>
        status === 400 || status === 401
          ? 'Check verify-client-id and verify-client-secret, and that the admin API client is enabled in the identity tenant.'
          : undefined
    })
    return response.body
  }
}
