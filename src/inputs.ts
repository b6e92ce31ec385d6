import type { JWK } from 'jose'
import { InputError } from './errors.js'
import { OPERATIONS, type OperationName } from './operations/names.js'
import { maskJwk, maskSecret } from './secrets.js'
import { scopesFor } from './tenant/scopes.js'

/** Reads one raw input by its action.yml name ('' when unset). */
export type InputReader = (name: string) => string

export type TenantAuth =
  { kind: 'service-account'; serviceAccountId: string; privateJwk: JWK } | { kind: 'access-token'; accessToken: string }

export interface TenantConnection {
  /** The tenant's origin, e.g. https://openam-acme-dev.forgeblocks.com */
  url: string
  auth: TenantAuth
  scopes: string[]
}

export type RestartMode = 'auto' | 'always' | 'never'

export interface Waits {
  restartTimeoutMs: number
  promotionTimeoutMs: number
  pollIntervalMs: number
}

export interface GitHubSettings {
  token: string | undefined
  comment: boolean
  prNumber: number | undefined
}

export interface ActionInputs {
  operation: OperationName
  tenant: TenantConnection
  restart: RestartMode
  waits: Waits
  github: GitHubSettings
}

const MAX_WAIT_SECONDS = 6 * 60 * 60 // a GitHub job's own limit
const MIN_POLL_SECONDS = 0.05

/**
 * Parses and validates every input at once. All problems are collected and
 * reported together, one line each naming its input; nothing is sent before
 * this succeeds. Secret inputs are masked before anything else reads them.
 */
export function parseInputs(read: InputReader): ActionInputs {
  const secretInputs = ['service-account-key', 'access-token', 'github-token']
  for (const name of secretInputs) maskSecret(read(name))

  const problems: string[] = []
  const p = new Parser(read, problems)

  const operation = p.oneOf('operation', OPERATIONS, { required: true })
  const url = p.tenantUrl('tenant-url')
  const auth = parseAuth(read, problems)
  const explicitScopes = p.scopes('scopes')
  const restart = parseRestartMode(p)
  const waits: Waits = {
    restartTimeoutMs: p.seconds('restart-timeout', 900, { min: 1, max: MAX_WAIT_SECONDS }),
    promotionTimeoutMs: p.seconds('promotion-timeout', 3600, { min: 1, max: MAX_WAIT_SECONDS }),
    pollIntervalMs: p.seconds('poll-interval', 10, { min: MIN_POLL_SECONDS, max: 600 })
  }
  const github: GitHubSettings = {
    token: read('github-token').trim() || undefined,
    comment: p.boolean('comment', true),
    prNumber: p.positiveInteger('pr-number')
  }

  if (problems.length > 0 || !operation || !url || !auth) throw new InputError(problems)
  return {
    operation,
    tenant: { url, auth, scopes: explicitScopes ?? scopesFor(operation) },
    restart,
    waits,
    github
  }
}

function parseAuth(read: InputReader, problems: string[]): TenantAuth | undefined {
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

function parseRestartMode(p: Parser): RestartMode {
  const value = p.oneOf('restart', ['auto', 'always', 'never', 'true', 'false'] as const)
  if (value === 'true') return 'auto'
  if (value === 'false') return 'never'
  return value ?? 'auto'
}

/** Small typed readers that record a problem instead of throwing. */
export class Parser {
  constructor(
    private readonly read: InputReader,
    private readonly problems: string[]
  ) {}

  raw(name: string): string {
    return this.read(name).trim()
  }

  problem(name: string, message: string): void {
    this.problems.push(`${name}: ${message}`)
  }

  required(name: string, what: string): string | undefined {
    const value = this.raw(name)
    if (!value) this.problem(name, `required (${what})`)
    return value || undefined
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], options: { required?: boolean } = {}): T | undefined {
    const value = this.raw(name)
    if (!value) {
      if (options.required) this.problem(name, `required; one of ${allowed.join(', ')}`)
      return undefined
    }
    if ((allowed as readonly string[]).includes(value)) return value as T
    this.problem(name, `"${clip(value)}" is not one of ${allowed.join(', ')}`)
    return undefined
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name).toLowerCase()
    if (!value) return fallback
    if (value === 'true') return true
    if (value === 'false') return false
    this.problem(name, `expected true or false, got "${clip(value)}"`)
    return fallback
  }

  /** A number of seconds (decimals allowed), returned in milliseconds. */
  seconds(name: string, fallback: number, range: { min: number; max: number }): number {
    const value = this.raw(name)
    if (!value) return fallback * 1000
    const seconds = Number(value)
    if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(seconds) || seconds < range.min || seconds > range.max) {
      this.problem(name, `expected a number of seconds from ${range.min} to ${range.max}, got "${clip(value)}"`)
      return fallback * 1000
    }
    return Math.round(seconds * 1000)
  }

  positiveInteger(name: string, range: { min: number; max: number } = { min: 1, max: Number.MAX_SAFE_INTEGER }): number | undefined {
    const value = this.raw(name)
    if (!value) return undefined
    const number = Number(value)
    if (!/^\d+$/.test(value) || number < range.min || number > range.max) {
      this.problem(name, `expected a whole number from ${range.min} to ${range.max}, got "${clip(value)}"`)
      return undefined
    }
    return number
  }

  tenantUrl(name: string): string | undefined {
    const value = this.raw(name)
    if (!value) {
      this.problem(name, 'required, e.g. https://openam-acme-dev.forgeblocks.com')
      return undefined
    }
    const problem = tenantUrlProblem(value)
    if (problem) {
      this.problem(name, problem)
      return undefined
    }
    return new URL(value).origin
  }

  scopes(name: string): string[] | undefined {
    const value = this.raw(name)
    if (!value) return undefined
    const scopes = value.split(/[\s,]+/).filter(Boolean)
    const bad = scopes.filter((scope) => !/^[A-Za-z0-9:*_.\-/]+$/.test(scope))
    if (bad.length > 0) this.problem(name, `invalid scope ${bad.map((s) => `"${clip(s)}"`).join(', ')}`)
    return [...new Set(scopes)]
  }
}

/** https only, except plain http to this machine (the emulator); an origin, nothing more. */
export function tenantUrlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `"${clip(value)}" is not a URL; expected e.g. https://openam-acme-dev.forgeblocks.com`
  }
  if (url.username || url.password) return 'must not contain credentials'
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    return 'must use https (http is allowed only for a local emulator on a loopback address)'
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must use https, got ${url.protocol.replace(':', '')}`
  if (url.pathname !== '/' && url.pathname !== '')
    return `must be the tenant's base URL without a path (got "${clip(url.pathname)}"); drop it, e.g. ${url.origin}`
  if (url.search || url.hash) return 'must not contain a query or fragment'
  return undefined
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/** Inputs are echoed in errors only in part, so a long value cannot flood the log. */
function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value
}
