import { ActionError } from '../errors.js'
import { maskSecret } from '../secrets.js'
import type { TokenSource } from './client.js'

/** The fields of an OAuth token response that matter here (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token?: unknown
  token_type?: unknown
  expires_in?: unknown
}

/** Refresh this long before expiry so a token never dies in the middle of a request. */
const REFRESH_MARGIN_MS = 60_000

/**
 * A token source that asks an OAuth token endpoint (through `request`),
 * masks what it gets, caches it until a minute before it expires, and keeps
 * one request in flight at a time. The grant is the subclass's business.
 */
export abstract class CachedTokens implements TokenSource {
  readonly refreshable = true
  private cached: { token: string; expiresAt: number } | undefined
  private inFlight: Promise<string> | undefined

  protected constructor(
    /** Who answered, for the error when the answer has no token. */
    private readonly endpointName: string,
    private readonly defaultLifetimeSeconds: number,
    protected readonly now: () => number = Date.now
  ) {}

  protected abstract request(): Promise<TokenResponse | undefined>

  async token(): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt - REFRESH_MARGIN_MS) return this.cached.token
    this.inFlight ??= this.fetchToken().finally(() => (this.inFlight = undefined))
    return this.inFlight
  }

  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined
  }

  private async fetchToken(): Promise<string> {
    const { access_token: token, token_type: tokenType, expires_in: expiresIn } = (await this.request()) ?? {}
    if (typeof token !== 'string' || token === '') throw new ActionError(`${this.endpointName} answered without an access_token`)
    maskSecret(token)
    // A DPoP or MAC token sent as a bearer would be refused, or worse, accepted by a proxy that logs it.
    if (tokenType !== undefined && !(typeof tokenType === 'string' && tokenType.toLowerCase() === 'bearer')) {
      throw new ActionError(
        `${this.endpointName} issued a token of type ${JSON.stringify(String(tokenType)).slice(0, 40)}, not Bearer; the action sends bearer tokens only, so configure the client (or service account) to issue Bearer tokens`
      )
    }
    const lifetimeSeconds = typeof expiresIn === 'number' ? expiresIn : this.defaultLifetimeSeconds
    this.cached = { token, expiresAt: this.now() + lifetimeSeconds * 1000 }
    return token
  }
}
