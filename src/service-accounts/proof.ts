import type { JWK } from 'jose'
import { ApiError, TimeoutError } from '../errors.js'
import type { JsonHttpClient } from '../http/client.js'
import { poll } from '../poller.js'
import { ServiceAccountTokens } from '../tenant/auth.js'

export interface ProofOptions {
  tenantUrl: string
  accountId: string
  privateJwk: JWK
  /** A scope the account holds (a token needs one). */
  scope: string
  /** Sends the token request (unauthenticated) through the one HTTP layer. */
  http: Pick<JsonHttpClient, 'request'>
  timeoutMs: number
  intervalMs: number
}

/**
 * Proves a key by what matters: the tenant issues a token for the account signed with it. A new key may
 * take a moment to be accepted, so a refusal (400/401) is asked again at poll-interval until the timeout;
 * any other failure stops at once. True when proven, false when still refused at the end.
 */
export async function proveKey(options: ProofOptions): Promise<boolean> {
  const attempt = async (): Promise<boolean> => {
    const tokens = new ServiceAccountTokens({
      tenantUrl: options.tenantUrl,
      serviceAccountId: options.accountId,
      privateJwk: options.privateJwk,
      scopes: [options.scope],
      operation: 'rotate-service-account-key',
      http: options.http
    })
    try {
      await tokens.token()
      return true
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 401)) return false
      throw error
    }
  }
  try {
    await poll({
      what: `the tenant to accept the key for ${options.accountId}`,
      intervalMs: options.intervalMs,
      timeoutMs: options.timeoutMs,
      timeoutInput: 'key-proof-timeout',
      check: attempt,
      describe: (accepted) => (accepted ? 'a token was issued' : 'the key is not accepted (yet)'),
      done: (accepted) => accepted
    })
    return true
  } catch (error) {
    if (error instanceof TimeoutError) return false
    throw error
  }
}
