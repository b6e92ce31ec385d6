/** A minimal client for the emulator tests: signs assertions with jose and calls over real sockets. */
import { randomUUID } from 'node:crypto'
import { importJWK, SignJWT } from 'jose'
import type { CryptoKey, JWK } from 'jose'
import { generateServiceAccountKey, type Emulator, type ServiceAccountKeyPair, type TenantName } from '../../emulator/index.js'

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'

/**
 * One service-account key pair per test file, made on first use, for files that start an emulator per test:
 * generating a 2048-bit pair is most of an emulator's start.
 */
let fileKey: Promise<ServiceAccountKeyPair> | undefined
export const serviceAccountKey = (): Promise<ServiceAccountKeyPair> => (fileKey ??= generateServiceAccountKey())

export interface AssertionOptions {
  aud?: string
  iss?: string
  sub?: string
  /** Seconds from now; negative for an expired assertion. */
  expiresIn?: number
  /** null leaves the claim out. */
  jti?: string | null
  key?: CryptoKey
}

export async function signAssertion(emulator: Emulator, tenant: TenantName, options: AssertionOptions = {}): Promise<string> {
  const key = options.key ?? (await importJWK(JSON.parse(emulator.serviceAccount.privateJwk) as JWK, 'RS256'))
  const now = Math.floor(Date.now() / 1000)
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(options.iss ?? emulator.serviceAccount.id)
    .setSubject(options.sub ?? emulator.serviceAccount.id)
    .setAudience(options.aud ?? `${emulator[tenant].url}/am/oauth2/access_token`)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresIn ?? 180))
  if (options.jti !== null) jwt.setJti(options.jti ?? randomUUID())
  return jwt.sign(key)
}

export interface TokenAnswer {
  status: number
  body: Record<string, unknown>
}

export async function requestToken(
  emulator: Emulator,
  tenant: TenantName,
  form: Record<string, string> & { assertion?: string }
): Promise<TokenAnswer> {
  const assertion = form.assertion ?? (await signAssertion(emulator, tenant))
  const response = await fetch(`${emulator[tenant].url}/am/oauth2/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: JWT_BEARER, client_id: 'service-account', scope: 'fr:idc:esv:*', ...form, assertion })
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

export async function tokenFor(emulator: Emulator, tenant: TenantName, scopes: string[] = ['fr:idc:esv:*']): Promise<string> {
  const answer = await requestToken(emulator, tenant, { scope: scopes.join(' ') })
  const token = answer.body['access_token']
  if (answer.status !== 200 || typeof token !== 'string') throw new Error(`no token: ${JSON.stringify(answer.body)}`)
  return token
}

export interface CallOptions {
  token?: string
  body?: unknown
  /** Accept-API-Version resource version; default 1.0 as the action sends. */
  resource?: '1.0' | '2.0'
}

export interface Answer<T = unknown> {
  status: number
  headers: Headers
  text: string
  body: T
}

export async function call<T = Record<string, unknown>>(
  emulator: Emulator,
  tenant: TenantName,
  method: string,
  path: string,
  options: CallOptions = {}
): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'accept-api-version': `protocol=1.0,resource=${options.resource ?? '1.0'}` }
  if (options.token) headers['authorization'] = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${emulator[tenant].url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, body: parseJson(text) as T }
}

/** Undefined for a body that is not JSON (an injected raw body, an empty answer). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
