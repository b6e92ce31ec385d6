import type { JWK } from 'jose'
import { maskJwk } from '../secrets.js'
import type { InputReader, TenantAuth } from './types.js'

/** The credential inputs of one tenant: '' for tenant-url's, 'lower-' for lower-tenant-url's, 'key-tenant-' for key-tenant-url's. */
export type CredentialPrefix = '' | 'lower-' | 'key-tenant-'

export function credentialInputs(prefix: CredentialPrefix): { accountId: string; key: string; accessToken: string } {
  return { accountId: `${prefix}service-account-id`, key: `${prefix}service-account-key`, accessToken: `${prefix}access-token` }
}

export function parseAuth(read: InputReader, problems: string[], prefix: CredentialPrefix = ''): TenantAuth | undefined {
  const names = credentialInputs(prefix)
  const accountId = read(names.accountId).trim()
  const key = read(names.key).trim()
  const accessToken = read(names.accessToken).trim()
  if (accessToken && (accountId || key)) {
    problems.push(`${names.accessToken}: give either ${names.accessToken} or ${names.accountId} with ${names.key}, not both`)
    return undefined
  }
  if (accessToken) return { kind: 'access-token', accessToken }
  if (!accountId && !key) {
    problems.push(`${names.accountId} / ${names.key}: credentials are required (or give ${names.accessToken})`)
    return undefined
  }
  if (!accountId) problems.push(`${names.accountId}: required with ${names.key}`)
  else if (!/^[A-Za-z0-9._-]{1,128}$/.test(accountId))
    problems.push(`${names.accountId}: expected the service account id (a UUID), got an invalid value`)
  const privateJwk = key ? parsePrivateJwk(key, problems, names.key) : undefined
  if (!key) problems.push(`${names.key}: required with ${names.accountId} (the private JWK, as JSON)`)
  return accountId && privateJwk ? { kind: 'service-account', serviceAccountId: accountId, privateJwk } : undefined
}

/**
 * The key is secret: no part of it, and no parser message (which quotes the
 * text), may reach an error.
 */
export function parsePrivateJwk(text: string, problems: string[], name = 'service-account-key'): JWK | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    problems.push(`${name}: not valid JSON; paste the private JWK downloaded when the service account was created`)
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push(`${name}: expected a JSON object (a JWK)`)
    return undefined
  }
  const jwk = parsed as Record<string, unknown>
  maskJwk(jwk)
  if (jwk.kty !== 'RSA') {
    problems.push(`${name}: expected an RSA JWK ("kty": "RSA")`)
    return undefined
  }
  const missing = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'].filter((member) => typeof jwk[member] !== 'string' || jwk[member] === '')
  if (missing.includes('d')) {
    problems.push(`${name}: this is a public key; the private JWK (with "d") is needed`)
    return undefined
  }
  if (missing.length > 0) {
    problems.push(`${name}: the JWK lacks ${missing.join(', ')}`)
    return undefined
  }
  return jwk as JWK
}
