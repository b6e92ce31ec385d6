/** Opaque access tokens, remembered with their tenant, scopes and expiry. */
import { randomBytes } from 'node:crypto'
import type { ServerName } from './types.js'

export interface AccessToken {
  value: string
  tenant: ServerName
  /** The service account the token was issued to. */
  subject: string
  scopes: string[]
  /** Epoch ms. */
  expiresAt: number
}

export class TokenStore {
  private readonly tokens = new Map<string, AccessToken>()

  issue(tenant: ServerName, subject: string, scopes: string[], ttlSeconds: number, now: number): AccessToken {
    const token: AccessToken = {
      value: randomBytes(32).toString('base64url'),
      tenant,
      subject,
      scopes,
      expiresAt: now + ttlSeconds * 1000
    }
    this.tokens.set(token.value, token)
    return token
  }

  /** The token if it was issued by this tenant and is still valid. */
  find(value: string, tenant: ServerName, now: number): AccessToken | undefined {
    const token = this.tokens.get(value)
    if (!token || token.tenant !== tenant || token.expiresAt <= now) return undefined
    return token
  }

  expireAll(tenant: ServerName): void {
    for (const token of this.tokens.values()) if (token.tenant === tenant) token.expiresAt = 0
  }

  values(): string[] {
    return [...this.tokens.keys()]
  }
}
