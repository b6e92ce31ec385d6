import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import * as core from '@actions/core'
import { HttpClient, type HttpClientResponse } from '@actions/http-client'
import { currentDeadline, DeadlineError } from '../deadline.js'
import { ActionError, ApiError, OutcomeUnknownError, TimeoutError, UnavailableError } from '../errors.js'
import { formatDuration, poll } from '../poller.js'
import { redact } from '../secrets.js'
import { decideRetry, DEFAULT_RETRY_POLICY, GATEWAY_STATUSES, type Failure, type RetryPolicy } from './retry.js'
import { sleep as defaultSleep } from '../sleep.js'
import { lookIntervalMs, settleWindowMs } from '../waits.js'

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
  /**
   * The request carries secret material (a secret value, a token request's credentials, a private key).
   * An error answer may echo the request, so the error shown keeps only the API's `code`, a message
   * from the known-safe list (`SAFE_API_MESSAGES`) and the transaction id, never other text of the body.
   */
  carriesSecret?: boolean
  /** Turn an error status into a hint for the error message. */
  hint?: (status: number, apiMessage: string | undefined) => string | undefined
}

export interface HttpResponse<T> {
  status: number
  headers: IncomingHttpHeaders
  body: T
}

export interface SendOnceOptions {
  /**
   * A second one would do no harm (default true): after a settle window that found nothing, the request
   * is sent once more. False for creates that must not be doubled (API clients, certificates, CSRs).
   */
  duplicateHarmless?: boolean
}

/** An unknown outcome that looking over the settle window did not resolve: the step stops, the next run looks first. */
export class UnresolvedOutcomeError extends OutcomeUnknownError {
  constructor(what: string, cause: OutcomeUnknownError, windowMs: number, sends: number) {
    super(cause.method, cause.path, cause.message, cause.timedOut)
    const seen = cause.message.replace(/; the request may or may not have taken effect$/, '')
    this.message = `${what}: outcome unknown (${seen}); not found after looking for ${formatDuration(windowMs)}. ${
      sends > 1 ? `It was sent ${sends} times without a clear answer.` : 'It was not sent again, as a second one would be a duplicate.'
    } The next run looks for it first: run the step again`
  }
}

/** Supplies bearer tokens; `invalidate` forces a fresh one after a 401. */
export interface TokenSource {
  token(): Promise<string>
  invalidate(token: string): void
  readonly refreshable: boolean
}

/**
 * How a service says "too many requests" and how long it asks to wait (GitHub's rate limits): such an
 * answer was not acted on, so any request is sent again once the wait is over, within `budgetMs` in all.
 */
export interface RateLimitPolicy {
  waitFor(status: number, headers: IncomingHttpHeaders, body: string, nowMs: number): { waitMs: number; why: string } | undefined
  budgetMs: number
  /** The input that sets the budget, named when it is not enough. */
  input: string
}

export interface JsonHttpClientOptions {
  baseUrl: string
  userAgent: string
  timeoutMs: number
  tokens?: TokenSource
  policy?: RetryPolicy
  sleep?: (ms: number) => Promise<void>
  /** How long a request whose answer was lost is looked for (settle-window); absent: three timeouts, at least 10 s. */
  settleWindowMs?: number | undefined
  /** Name used in log lines, e.g. "tenant" or "GitHub". */
  label: string
  /** Largest answer body read; default MAX_ANSWER_BYTES. */
  maxAnswerBytes?: number
  /** Rate-limit answers to wait out (GitHub's); without it a 429 is retried as any other. */
  rateLimit?: RateLimitPolicy
}

/** No tenant or GitHub answer the action reads comes near this; an endless body stops here. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024

/**
 * One attempt (connecting, sending, waiting, reading the whole answer) may take at most this many
 * request-timeouts: the idle timeout restarts on every byte, so a body dripped slowly never trips it.
 */
export const TOTAL_TIMEOUT_FACTOR = 3

/** A whole answer-read budget, in ms, for a request-timeout of `timeoutMs`. */
export function totalRequestLimitMs(timeoutMs: number): number {
  return timeoutMs * TOTAL_TIMEOUT_FACTOR
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
    let rateLimitWaitedMs = 0
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
      if (outcome.kind === 'response' && this.options.rateLimit) {
        const limit = this.options.rateLimit.waitFor(outcome.status, outcome.headers, outcome.text, Date.now())
        if (limit) {
          rateLimitWaitedMs = await this.waitForRateLimit(req, limit, rateLimitWaitedMs, outcome)
          attempt--
          continue
        }
      }
      if (outcome.kind === 'tooLarge') {
        throw new ActionError(
          `${req.method} ${req.path}: the ${this.options.label}'s answer passed ${formatBytes(this.maxAnswerBytes)}, the limit of one answer the action reads; check the ${this.options.label} (or a proxy in between) and run the step again`
        )
      }
      if (outcome.kind === 'response' && outcome.status < 300) {
        const parsed = parseJsonBody(outcome.text)
        const empty = parsed.ok && (parsed.value === undefined || parsed.value === null)
        // 204 is empty by definition; otherwise only a request that says so may be answered with nothing.
        if (parsed.ok && (!empty || outcome.status === 204 || req.allowEmptyBody))
          return { status: outcome.status, headers: outcome.headers, body: parsed.value as T }
        // A success answered with a broken or missing body is what a misbehaving proxy sends; treat it like a 502.
        const what = `HTTP ${outcome.status} with ${empty ? 'an empty body where an object was expected' : 'a body that is not JSON'}`
        const failure: Failure = { kind: 'status', status: 502 }
        if (!idempotent) throw new OutcomeUnknownError(req.method, req.path, what)
        if (await this.backOff(req, failure, attempt, started, idempotent, what)) continue
        throw new UnavailableError(
          `${req.method} ${req.path}: ${this.options.label} kept answering ${what}; check the ${this.options.label}'s status and run the step again`
        )
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
   * When its outcome is unknown (no answer, a gateway status, a broken body), the tenant may still
   * apply it late, so `look` is asked repeatedly over a settle window (settle-window; without it,
   * request-timeout × 3, at least 10 s) before the request counts as not taken. Then, only when `duplicateHarmless` (default true),
   * it is sent again after a back-off, up to the retry policy's attempts; a later unknown outcome is
   * looked for once more at once (the window has shown the tenant is not applying late, and a
   * duplicate is harmless). Otherwise the caller gets an OutcomeUnknownError saying that the next run
   * looks first.
   */
  async sendOnce<T>(what: string, send: () => Promise<T>, look: () => Promise<T | undefined>, options: SendOnceOptions = {}): Promise<T> {
    const duplicateHarmless = options.duplicateHarmless ?? true
    const started = Date.now()
    const windowMs = settleWindowMs({ requestTimeoutMs: this.options.timeoutMs, settleWindowMs: this.options.settleWindowMs })
    for (let attempt = 1; ; attempt++) {
      let unknown: OutcomeUnknownError
      try {
        return await send()
      } catch (error) {
        if (!(error instanceof OutcomeUnknownError)) throw error
        unknown = error
      }
      const lookMs = attempt === 1 ? windowMs : 0
      core.info(
        lookMs > 0
          ? `${what} got no clear answer (${unknown.message}); looking for it for up to ${formatDuration(lookMs)} (settle-window), as the tenant may apply it late`
          : `${what} got no clear answer again (${unknown.message}); looking whether it took effect`
      )
      const found = await this.lookUntilSettled(what, look, lookMs)
      if (found !== undefined) {
        core.info(`${what} did take effect`)
        return found
      }
      const failure: Failure = { kind: 'status', status: 503 }
      const method = unknown.method as HttpMethod
      if (!duplicateHarmless || !(await this.backOff({ method, path: unknown.path }, failure, attempt, started, true, 'no effect')))
        throw new UnresolvedOutcomeError(what, unknown, windowMs, attempt)
    }
  }

  /** Looks at once, then every few seconds, until found or the window is over (undefined: not there). */
  private async lookUntilSettled<T>(what: string, look: () => Promise<T | undefined>, windowMs: number): Promise<T | undefined> {
    // A clock that counts only the waits: the window is at least this long in real time, and a test's sleep can shorten it.
    let waitedMs = 0
    try {
      const result = await poll<T | undefined>({
        what: `the outcome of ${what.charAt(0).toLowerCase()}${what.slice(1)}`,
        intervalMs: lookIntervalMs(windowMs),
        timeoutMs: windowMs,
        timeoutInput: 'settle-window',
        check: look,
        describe: (found) => (found === undefined ? 'not there (yet)' : 'found'),
        done: (found) => found !== undefined,
        sleep: async (ms) => {
          waitedMs += ms
          await this.sleep(ms)
        },
        now: () => waitedMs
      })
      return result.value
    } catch (error) {
      // The window ended with nothing found; the deadline of a wait this look serves is that wait's end, not "not there".
      if (error instanceof TimeoutError && !(error instanceof DeadlineError)) return undefined
      throw error
    }
  }

  /** Waits as the service asked, or (past the budget) ends with an error that names the budget's input. */
  private async waitForRateLimit(
    req: HttpRequest,
    limit: { waitMs: number; why: string },
    waitedMs: number,
    outcome: Extract<Outcome, { kind: 'response' }>
  ): Promise<number> {
    const policy = this.options.rateLimit!
    if (waitedMs + limit.waitMs > policy.budgetMs) {
      const fields = apiErrorFields(outcome.text)
      throw new ApiError(
        { method: req.method, path: req.path, status: outcome.status, code: fields.code, apiMessage: fields.message, rateLimited: true },
        `${this.options.label} rate-limited the request (${limit.why}); waiting ${seconds(limit.waitMs)} s more would pass ${policy.input} ` +
          `(${seconds(policy.budgetMs)} s, ${seconds(waitedMs)} s waited already). Run the step again later, or raise ${policy.input}.`
      )
    }
    core.info(
      `${this.options.label} rate-limited ${req.method} ${req.path} (${limit.why}); waiting ${seconds(limit.waitMs)} s, then sending it again (${policy.input}: ${seconds(policy.budgetMs)} s in all)`
    )
    await this.sleep(limit.waitMs)
    return waitedMs + limit.waitMs
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
    // A retry past the end of the wait this request serves would outlive that wait: its timeout ends it here.
    const wait = currentDeadline()
    if (wait && Date.now() + decision.delayMs >= wait.at) {
      throw new DeadlineError(
        `Timed out after ${formatDuration(Date.now() - wait.startedAt)} waiting for ${wait.what}: ${req.method} ${req.path} got ${what}, ` +
          `and ${wait.input} ends before another attempt; raise ${wait.input} or check the ${this.options.label}`
      )
    }
    core.info(
      `${this.options.label}: ${req.method} ${req.path} got ${what}; retrying in ${(decision.delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${this.policy.maxAttempts})`
    )
    await this.sleep(decision.delayMs)
    return true
  }

  private finalError(req: HttpRequest, outcome: Exclude<Outcome, { kind: 'tooLarge' }>, idempotent: boolean): Error {
    if (outcome.kind === 'network') {
      if (outcome.sent && !idempotent) return new OutcomeUnknownError(req.method, req.path, outcome.message, outcome.timedOut)
      return new UnavailableError(
        `${req.method} ${req.path}: ${this.options.label} unreachable (${outcome.message}) after retries; check the URL and network, then run the step again`
      )
    }
    // A gateway status on a request that is not idempotent says nothing of whether the tenant acted on it.
    if (!idempotent && GATEWAY_STATUSES.has(outcome.status)) return new OutcomeUnknownError(req.method, req.path, `HTTP ${outcome.status}`)
    const fields = apiErrorFields(outcome.text)
    const { code, message } = req.carriesSecret ? withoutEcho(fields) : fields
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
    // An attempt ends within its whole-request limit, and within one request-timeout after the end of the wait it serves.
    const waitEnd = currentDeadline()?.at
    const ownLimit = t0 + totalRequestLimitMs(this.options.timeoutMs)
    const deadline = waitEnd === undefined ? ownLimit : Math.min(ownLimit, waitEnd + this.options.timeoutMs)
    try {
      const res = await beforeDeadline(this.http.request(req.method, url, data, headers), deadline)
      const status = res.message.statusCode ?? 0
      const answer = await readAnswer(res.message, { maxBytes: this.maxAnswerBytes, idleMs: this.options.timeoutMs, deadline })
      core.debug(`${this.options.label} ${req.method} ${req.path} -> ${status} (${answer.kind}) in ${Date.now() - t0} ms`)
      if (answer.kind === 'complete') return { kind: 'response', status, headers: res.message.headers, text: answer.text }
      if (answer.kind === 'tooLarge') return { kind: 'tooLarge' }
      // The server sent headers and then stopped or hung up: the request reached it, its outcome is unknown.
      const message =
        answer.kind === 'cut'
          ? 'the answer was cut off mid-body'
          : answer.kind === 'idle'
            ? 'the answer stalled mid-body'
            : 'the answer took longer than the whole-request limit'
      return { kind: 'network', sent: true, message, timedOut: answer.kind !== 'cut' }
    } catch (error) {
      if (error instanceof DeadlinePassed) {
        core.debug(`${this.options.label} ${req.method} ${req.path} -> no answer within the whole-request limit in ${Date.now() - t0} ms`)
        return { kind: 'network', sent: true, message: 'no answer within the whole-request limit', timedOut: true }
      }
      const code = (error as NodeJS.ErrnoException).code
      const sent = !NOT_SENT_CODES.has(code ?? '')
      const timedOut = code === undefined && error instanceof Error && /timeout/i.test(error.message)
      const message = code ?? (timedOut ? 'request timed out' : 'connection failed')
      core.debug(`${this.options.label} ${req.method} ${req.path} -> ${message} in ${Date.now() - t0} ms`)
      return { kind: 'network', sent, message, timedOut }
    }
  }

  private get maxAnswerBytes(): number {
    return this.options.maxAnswerBytes ?? MAX_ANSWER_BYTES
  }
}

class DeadlinePassed extends Error {}

/**
 * The response headers, or DeadlinePassed once the whole-request limit is reached first; an answer that
 * comes after that is thrown away (its socket destroyed), so nothing keeps reading it.
 */
function beforeDeadline(pending: Promise<HttpClientResponse>, deadline: number): Promise<HttpClientResponse> {
  return new Promise((resolve, reject) => {
    let late = false
    const timer = setTimeout(
      () => {
        late = true
        reject(new DeadlinePassed())
      },
      Math.max(0, deadline - Date.now())
    )
    pending.then(
      (res) => {
        clearTimeout(timer)
        if (late) res.message.destroy()
        else resolve(res)
      },
      (error: unknown) => {
        clearTimeout(timer)
        if (!late) reject(error)
      }
    )
  })
}

type Answer = { kind: 'complete'; text: string } | { kind: 'cut' } | { kind: 'idle' } | { kind: 'overdue' } | { kind: 'tooLarge' }

/**
 * Reads a whole answer body. Unlike `readBody` of @actions/http-client, which waits for `end` only
 * (a body cut mid-way then never settles, and node exits with the step unfinished), every way a body
 * can stop settles it: the end, a cut connection (`aborted`, `error`, `close`), no byte for `idleMs`,
 * the whole-request deadline, or more than `maxBytes`.
 */
export function readAnswer(message: IncomingMessage, limits: { maxBytes: number; idleMs: number; deadline: number }): Promise<Answer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const finish = (answer: Answer, stop = false): void => {
      if (settled) return
      settled = true
      clearTimeout(overdue)
      clearTimeout(idle)
      if (stop) message.destroy()
      resolve(answer)
    }
    const overdue = setTimeout(() => finish({ kind: 'overdue' }, true), Math.max(0, limits.deadline - Date.now()))
    let idle = setTimeout(() => finish({ kind: 'idle' }, true), limits.idleMs)
    message.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limits.maxBytes) return finish({ kind: 'tooLarge' }, true)
      chunks.push(chunk)
      clearTimeout(idle)
      idle = setTimeout(() => finish({ kind: 'idle' }, true), limits.idleMs)
    })
    message.on('end', () => finish({ kind: 'complete', text: Buffer.concat(chunks).toString('utf8') }))
    message.on('aborted', () => finish({ kind: 'cut' }))
    message.on('error', () => finish({ kind: 'cut' }))
    message.on('close', () => finish({ kind: 'cut' }))
  })
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`
}

type Outcome =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; text: string }
  | { kind: 'network'; sent: boolean; message: string; timedOut: boolean }
  | { kind: 'tooLarge' }

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

/**
 * Error messages a tenant, AM or the identity tenant sends that carry no request text, so they may be
 * shown even for a request that carried a secret. Anything else is withheld: gateways and validators
 * echo the request (`Invalid request: {"valueBase64": …}`), and a cut echo matches no mask.
 */
export const SAFE_API_MESSAGES: readonly RegExp[] = [
  /^(Bad Request|Unauthorized|unauthorized|Forbidden|Not Found|Not found|Method not allowed|Conflict|Too Many Requests|Internal Server Error|Service Unavailable|Gateway Timeout|Bad Gateway)\.?$/,
  /^Forbidden: missing scope [\w:*.\- ]{1,200}$/,
  /^The client is not entitled to perform this operation(; it needs [\w:*. -]{1,200})?$/,
  /^Grant type is not (set|supported)$/,
  /^Client authentication failed$/,
  /^Invalid scope requested$/,
  /^Unsupported scope for service account: [\w:*.-]{1,100}$/,
  /^Missing parameter, '[a-z_]{1,40}'$/,
  /^Invalid JWT: "[a-z]{2,5}" claim [a-z ,"]{1,80}$/,
  /^(The )?secret (version )?(already exists|not found)\.?$/i,
  // A real tenant's answer to a PUT on an existing secret (reference README, "ESVs").
  /^Failed to create secret, the secret already exists$/
]

/** A short identifier-like code is no echo; anything longer or freer is dropped. */
const SAFE_CODE = /^[A-Za-z0-9_.:-]{1,64}$/

function withoutEcho(fields: { code?: number | string; message?: string }): { code?: number | string; message?: string } {
  const code = typeof fields.code === 'number' || (fields.code !== undefined && SAFE_CODE.test(fields.code)) ? fields.code : undefined
  if (fields.message === undefined) return { code }
  const safe = SAFE_API_MESSAGES.some((pattern) => pattern.test(fields.message!))
  return { code, message: safe ? fields.message : '(message withheld: the request carried secret material and the answer may echo it)' }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)
}
