import { ActionError } from '../errors.js'
import type { JsonHttpClient, TokenSource } from '../http/client.js'
import { maskSecret } from '../secrets.js'
import type { ClientCredentialsTokenResponse } from '../tenant/types.js'

export const VERIFY_TOKEN_PATH = '/v1.0/endpoint/default/token'
/** Refresh this long before expiry so a token never dies in the middle of a request. */
const REFRESH_MARGIN_MS = 60_000
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
export class ClientCredentialsTokens implements TokenSource {
  readonly refreshable = true
  private cached: { token: string; expiresAt: number } | undefined
  private inFlight: Promise<string> | undefined
  private readonly now: () => number

  constructor(private readonly options: ClientCredentialsOptions) {
    this.now = options.now ?? Date.now
    maskSecret(options.clientSecret)
  }

  async token(): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt - REFRESH_MARGIN_MS) return this.cached.token
    this.inFlight ??= this.fetchToken().finally(() => (this.inFlight = undefined))
    return this.inFlight
  }

  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined
  }

  private async fetchToken(): Promise<string> {
    const response = await this.options.http.request<ClientCredentialsTokenResponse>({
      method: 'POST',
      path: VERIFY_TOKEN_PATH,
      authenticate: false,
      // Asking for a token has no side effect, so it may be repeated.
      idempotent: true,
      form: { grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: this.options.clientSecret },
      hint: (status) =>
        status === 400 || status === 401
          ? 'Check verify-client-id and verify-client-secret, and that the admin API client is enabled in the identity tenant.'
          : undefined
    })
    const { access_token: token, expires_in: expiresIn } = response.body ?? ({} as Partial<ClientCredentialsTokenResponse>)
    if (typeof token !== 'string' || token === '')
      throw new ActionError('The identity tenant token endpoint answered without an access_token')
    maskSecret(token)
    const lifetimeSeconds = typeof expiresIn === 'number' ? expiresIn : DEFAULT_LIFETIME_SECONDS
    this.cached = { token, expiresAt: this.now() + lifetimeSeconds * 1000 }
    return token
  }
}
