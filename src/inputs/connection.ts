import type { JWK } from 'jose'
import { maskJwk } from '../secrets.js'
import type { InputReader, TenantAuth } from './index.js'

export function parseAuth(read: InputReader, problems: string[]): TenantAuth | undefined {
  const accountId = read('service-account-id').trim()
  const key = read('service-account-key').trim()
  const accessToken = read('access-token').trim()
  if (accessToken && (accountId || key)) {
    problems.push('access-token: give either access-token or service-account-id with service-account-key, not both')
    return undefined
  }
  if (accessToken) return { kind: 'access-token', accessToken }
  if (!accountId && !key) {
    problems.push('service-account-id / service-account-key: credentials are required (or give access-token)')
    return undefined
  }
  if (!accountId) problems.push('service-account-id: required with service-account-key')
  else if (!/^[A-Za-z0-9._-]{1,128}$/.test(accountId))
    problems.push('service-account-id: expected the service account id (a UUID), got an invalid value')
  const privateJwk = key ? parsePrivateJwk(key, problems) : undefined
  if (!key) problems.push('service-account-key: required with service-account-id (the private JWK, as JSON)')
  return accountId && privateJwk ? { kind: 'service-account', serviceAccountId: accountId, privateJwk } : undefined
}

/**
 * The key is secret: no part of it, and no parser message (which quotes the
 * text), may reach an error.
 */
export function parsePrivateJwk(text: string, problems: string[]): JWK | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    problems.push('service-account-key: not valid JSON; paste the private JWK downloaded when the service account was created')
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push('service-account-key: expected a JSON object (a JWK)')
    return undefined
  }
  const jwk = parsed as Record<string, unknown>
  maskJwk(jwk)
  if (jwk.kty !== 'RSA') {
    problems.push('service-account-key: expected an RSA JWK ("kty": "RSA")')
    return undefined
  }
  const missing = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'].filter((member) => typeof jwk[member] !== 'string' || jwk[member] === '')
  if (missing.includes('d')) {
    problems.push('service-account-key: this is a public key; the private JWK (with "d") is needed')
    return undefined
  }
  if (missing.length > 0) {
    problems.push(`service-account-key: the JWK lacks ${missing.join(', ')}`)
    return undefined
  }
  return jwk as JWK
}
