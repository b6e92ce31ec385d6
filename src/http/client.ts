import type { IncomingHttpHeaders } from 'node:http'
import * as core from '@actions/core'
import { HttpClient } from '@actions/http-client'
import { ApiError, OutcomeUnknownError, UnavailableError } from '../errors.js'
import { redact } from '../secrets.js'
import { decideRetry, DEFAULT_RETRY_POLICY, GATEWAY_STATUSES, type Failure, type RetryPolicy } from './retry.js'
import { sleep as defaultSleep } from '../sleep.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'
export type QueryValue = string | number | boolean | undefined

export interface HttpRequest {
  method: HttpMethod
  /** Path below the base URL; query parameters go in `query`. */
  path: string
  query?: Record<string, QueryValue>
  headers?: Record<string, string>
  json?: unknown
  form?: Record<string, string>
  /**
   * Safe to send twice. Defaults to true for GET, PUT and DELETE. A POST that
   * is not marked idempotent is repeated only when the server surely did not
   * act on it; otherwise the caller gets an OutcomeUnknownError and must look.
   */
  idempotent?: boolean
  /** Send the bearer token (default true). */
  authenticate?: boolean
  /**
   * A 2xx answer with no body is the whole answer (e.g. `_action=setDescription`). Without it, an
   * empty or `null` body where JSON is expected is an error that names the request.
   */
  allowEmptyBody?: boolean
  /** Turn an error status into a hint for the error message. */
  hint?: (status: number, apiMessage: string | undefined) => string | undefined
}

export interface HttpResponse<T> {
  status: number
  headers: IncomingHttpHeaders
  body: T
}

/** Supplies bearer tokens; `invalidate` forces a fresh one after a 401. */
export interface TokenSource {
  token(): Promise<string>
  invalidate(token: string): void
  readonly refreshable: boolean
}

export interface JsonHttpClientOptions {
  baseUrl: string
  userAgent: string
  timeoutMs: number
  tokens?: TokenSource
  policy?: RetryPolicy
  sleep?: (ms: number) => Promise<void>
  /** Name used in log lines, e.g. "tenant" or "GitHub". */
  label: string
}

/**
 * The one HTTP layer: JSON in and out, bearer auth with refresh on 401,
 * retries on 429/502/503/504 and network errors with backoff and Retry-After,
 * a request timeout, and errors that carry the API's code and message only.
 * Built on @actions/http-client so the runner's proxy settings apply.
 */
export class JsonHttpClient {
  private readonly http: HttpClient
  private readonly policy: RetryPolicy
  private readonly sleep: (ms: number) => Promise<void>
  readonly baseUrl: string

  constructor(private readonly options: JsonHttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY
    this.sleep = options.sleep ?? defaultSleep
    this.http = new HttpClient(options.userAgent, [], {
      socketTimeout: options.timeoutMs,
      allowRedirects: false,
      allowRetries: false,
      keepAlive: true
    })
  }

  async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const idempotent = req.idempotent ?? (req.method !== 'POST' && req.method !== 'PATCH')
    const started = Date.now()
    let refreshedAfter401 = false
    for (let attempt = 1; ; attempt++) {
      const token = req.authenticate === false ? undefined : await this.options.tokens?.token()
      const outcome = await this.send(req, token)
      if (outcome.kind === 'response' && outcome.status === 401 && token && !refreshedAfter401 && this.options.tokens?.refreshable) {
        // A 401 was not acted upon: refreshing and sending again is safe for any method.
        refreshedAfter401 = true
        this.options.tokens.invalidate(token)
        core.info(`${this.options.label} answered 401 to ${req.method} ${req.path}; refreshing the access token`)
        attempt--
        continue
      }
      if (outcome.kind === 'response' && outcome.status < 300) {
        const parsed = parseJsonBody(outcome.text)
        if (parsed.ok) return { status: outcome.status, headers: outcome.headers, body: parsed.value as T }
        // A success answered with a broken body is what a misbehaving proxy sends; treat it like a 502.
        const failure: Failure = { kind: 'status', status: 502 }
        if (!idempotent) throw new OutcomeUnknownError(req.method, req.path, `HTTP ${outcome.status} with a body that is not JSON`)
        if (await this.backOff(req, failure, attempt, started, idempotent, `HTTP ${outcome.status} with a body that is not JSON`)) continue
        throw new UnavailableError(`${req.method} ${req.path}: ${this.options.label} kept answering with a body that is not JSON`)
      }
      const failure: Failure =
        outcome.kind === 'response'
          ? { kind: 'status', status: outcome.status, retryAfter: headerValue(outcome.headers['retry-after']) }
          : { kind: 'network', sent: outcome.sent }
      const what = outcome.kind === 'response' ? `HTTP ${outcome.status}` : outcome.message
      if (await this.backOff(req, failure, attempt, started, idempotent, what)) continue
      throw this.finalError(req, outcome, idempotent)
    }
  }

  /**
   * Sends a request that must not take effect twice (creating a secret version, a lock, an API client).
   * When its outcome is unknown (no answer, a gateway status, a broken body), `look` learns what the
   * attempt left behind; only when it took no effect is the request sent again, after a back-off, up
   * to the retry policy's attempts. After a timeout the tenant may still be acting on the request, so
   * the look waits one request-timeout first.
   */
  async sendOnce<T>(what: string, send: () => Promise<T>, look: () => Promise<T | undefined>): Promise<T> {
    const started = Date.now()
    for (let attempt = 1; ; attempt++) {
      try {
        return await send()
      } catch (error) {
        if (!(error instanceof OutcomeUnknownError)) throw error
        core.info(`${what} got no clear answer (${error.message}); looking whether it took effect before trying again`)
        if (error.timedOut) await this.sleep(this.options.timeoutMs)
        const found = await look()
        if (found !== undefined) {
          core.info(`${what} did take effect`)
          return found
        }
        const failure: Failure = { kind: 'status', status: 503 }
        if (!(await this.backOff({ method: error.method as HttpMethod, path: error.path }, failure, attempt, started, true, 'no effect')))
          throw error
      }
    }
  }

  private async backOff(
    req: Pick<HttpRequest, 'method' | 'path'>,
    failure: Failure,
    attempt: number,
    started: number,
    idempotent: boolean,
    what: string
  ): Promise<boolean> {
    const decision = decideRetry(
      failure,
      { attempt, elapsedMs: Date.now() - started, idempotent, nowMs: Date.now(), random: Math.random },
      this.policy
    )
    if (!decision.retry) return false
    core.info(
      `${this.options.label}: ${req.method} ${req.path} got ${what}; retrying in ${(decision.delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${this.policy.maxAttempts})`
    )
    await this.sleep(decision.delayMs)
    return true
  }

  private finalError(req: HttpRequest, outcome: Outcome, idempotent: boolean): Error {
    if (outcome.kind === 'network') {
      if (outcome.sent && !idempotent) return new OutcomeUnknownError(req.method, req.path, outcome.message, outcome.timedOut)
      return new UnavailableError(
        `${req.method} ${req.path}: ${this.options.label} unreachable (${outcome.message}) after retries; check the URL and network, then run the step again`
      )
    }
    // A gateway status on a request that is not idempotent says nothing of whether the tenant acted on it.
    if (!idempotent && GATEWAY_STATUSES.has(outcome.status)) return new OutcomeUnknownError(req.method, req.path, `HTTP ${outcome.status}`)
    const { code, message } = apiErrorFields(outcome.text)
    return new ApiError(
      {
        method: req.method,
        path: req.path,
        status: outcome.status,
        code,
        apiMessage: message,
        transactionId: headerValue(outcome.headers['x-forgerock-transactionid'])
      },
      req.hint?.(outcome.status, message)
    )
  }

  private async send(req: HttpRequest, token: string | undefined): Promise<Outcome> {
    const url = this.baseUrl + req.path + queryString(req.query)
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers }
    if (token) headers.authorization = `Bearer ${token}`
    let data: string | null = null
    if (req.json !== undefined) {
      data = JSON.stringify(req.json)
      headers['content-type'] = 'application/json'
    } else if (req.form) {
      data = new URLSearchParams(req.form).toString()
      headers['content-type'] = 'application/x-www-form-urlencoded'
    }
    const t0 = Date.now()
    try {
      const res = await this.http.request(req.method, url, data, headers)
      const text = await res.readBody()
      const status = res.message.statusCode ?? 0
      core.debug(`${this.options.label} ${req.method} ${req.path} -> ${status} in ${Date.now() - t0} ms`)
      return { kind: 'response', status, headers: res.message.headers, text }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const sent = !NOT_SENT_CODES.has(code ?? '')
      const timedOut = code === undefined && error instanceof Error && /timeout/i.test(error.message)
      const message = code ?? (timedOut ? 'request timed out' : 'connection failed')
      core.debug(`${this.options.label} ${req.method} ${req.path} -> ${message} in ${Date.now() - t0} ms`)
      return { kind: 'network', sent, message, timedOut }
    }
  }
}

type Outcome =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; text: string }
  | { kind: 'network'; sent: boolean; message: string; timedOut: boolean }

/** Failures that happen before a single byte of the request left this machine. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value))
  const text = params.toString()
  return text ? `?${text}` : ''
}

function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

const MAX_API_MESSAGE = 300

/**
 * The API's `code`/`message` (ESV, GitHub), `error`/`error_description` (OAuth)
 * or `messageId`/`messageDescription` (identity tenant); nothing else of the body.
 */
export function apiErrorFields(text: string): { code?: number | string; message?: string } {
  const parsed = parseJsonBody(text)
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return {}
  const body = parsed.value as Record<string, unknown>
  const code =
    typeof body.code === 'number' || typeof body.code === 'string'
      ? body.code
      : typeof body.error === 'string'
        ? body.error
        : typeof body.messageId === 'string'
          ? body.messageId
          : undefined
  const raw =
    typeof body.message === 'string'
      ? body.message
      : typeof body.error_description === 'string'
        ? body.error_description
        : typeof body.messageDescription === 'string'
          ? body.messageDescription
          : undefined
  const message = raw === undefined ? undefined : redact(raw.replace(/\s+/g, ' ').slice(0, MAX_API_MESSAGE))
  return { code, message }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
