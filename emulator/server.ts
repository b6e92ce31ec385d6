/**
 * One HTTP listener and its request pipeline:
 * latency -> fault rule -> route -> bearer token -> scope -> handler -> answer,
 * with one request-log entry per request (never bodies, headers or values).
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { DEFAULT_DRIP_EVERY_MS, describeFault } from './faults.js'
import type { FaultSet } from './faults.js'
import { ApiError, apiError } from './respond.js'
import type { ApiResponse } from './respond.js'
import type { Router } from './router.js'
import type { AccessToken } from './tokens.js'
import type { FaultRule, RequestLogEntry, ServerName } from './types.js'

/** Far above any ESV body; only there so a runaway client cannot fill memory. */
const MAX_BODY_BYTES = 1024 * 1024

export interface TenantServerConfig {
  tenant: ServerName
  router: Router
  latencyMs: number
  faults: FaultSet
  log: RequestLogEntry[]
  authenticate: (authorization: string | undefined, now: number) => AccessToken | undefined
  /** Every token this server issued is expired from now on. */
  expireTokens: () => void
  /** The error body of this server's API; default the tenant-environment `{code, message}`. */
  errorResponse?: (status: number, message: string, headers?: Record<string, string>) => ApiResponse
}

export function createTenantServer(config: TenantServerConfig): Server {
  return createServer((req, res) => {
    serve(config, req, res).catch((error: unknown) => {
      console.error(`[emulator ${config.tenant}] ${req.method} ${req.url}:`, error)
      if (!res.headersSent) send(res, apiError(500, 'Internal emulator error'))
      else res.destroy()
    })
  })
}

async function serve(config: TenantServerConfig, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Prefixing keeps a path like //environment/x a path (new URL would read "environment" as a host).
  const url = new URL(`http://emulator.invalid${req.url ?? '/'}`)
  const entry: RequestLogEntry = {
    tenant: config.tenant,
    method: req.method ?? '',
    path: url.pathname,
    query: url.search.slice(1),
    status: 0,
    scopes: [],
    at: Date.now()
  }
  let logged = false
  // Appended before the answer is written, so a client that has its answer always finds the entry.
  const record = (status: number): void => {
    if (logged) return
    logged = true
    entry.status = status
    config.log.push(entry)
  }
  res.once('close', () => record(0)) // the client went away before any answer

  if (config.latencyMs > 0) await sleep(config.latencyMs)
  const fault = config.faults.take(config.tenant, entry.method, entry.path)
  if (fault) entry.fault = describeFault(fault)
  if (fault?.drop) {
    record(0)
    req.socket.destroy()
    return
  }

  // Read before any delay: a slow tenant has the request, and acts on it even if the client gives up waiting.
  let body: string
  try {
    body = await readBody(req)
  } catch (error) {
    if (!(error instanceof ApiError)) return // the client aborted mid-body: nothing to answer
    const response = apiError(error.status, error.message)
    record(response.status)
    send(res, response)
    return
  }
  if (fault?.delayMs) await sleep(fault.delayMs)
  if (fault?.expireTokens) config.expireTokens()

  if (fault?.endlessBody) {
    record(200)
    sendEndless(res)
    return
  }
  const response = fault?.echoRequest
    ? echoed(config, req, fault.status ?? 400, body, fault.echoRequest)
    : fault?.status !== undefined
      ? injected(fault, fault.status)
      : await dispatch(config, req, url, body, entry)
  if (logged) {
    // The client gave up (a timeout) while the request was handled: the work was done all the same.
    entry.status = response.status
    entry.unanswered = true
    return
  }
  record(response.status)
  if (fault?.handleThenDrop && fault.status === undefined) {
    // The work is done and the state changed, but the client never learns the outcome.
    req.socket.destroy()
    return
  }
  if (fault) return sendFaulty(res, withTokenType(response, fault.tokenType), fault)
  send(res, response)
}

/** Applies a fault to how an answer is written: cut, dripped, emptied (the GitHub server's answers too, GH-38). */
export function sendFaulty(res: ServerResponse, response: ApiResponse, fault: FaultRule): void {
  if (fault.emptyAnswer) {
    const payload = fault.emptyAnswer === 'null' ? 'null' : ''
    const headers: Record<string, string> = { ...response.headers, 'Content-Length': String(payload.length) }
    if (payload) headers['Content-Type'] = 'application/json'
    res.writeHead(response.status, headers)
    res.end(payload)
    return
  }
  if (fault.cutBodyAfter === undefined && fault.dripBytes === undefined) return send(res, response)
  const { headers, payload } = serialise(response)
  res.writeHead(response.status, headers)
  const bytes = Buffer.from(payload)
  if (fault.cutBodyAfter !== undefined) {
    // Headers and part of the body, then the connection goes: the client has a promise of more that never comes.
    res.write(bytes.subarray(0, Math.min(fault.cutBodyAfter, bytes.length)), () => res.socket?.destroy())
    return
  }
  const step = Math.max(1, fault.dripBytes!)
  const every = fault.dripEveryMs ?? DEFAULT_DRIP_EVERY_MS
  let offset = 0
  const drip = (): void => {
    if (res.destroyed) return
    if (offset >= bytes.length) return void res.end()
    res.write(bytes.subarray(offset, offset + step))
    offset += step
    setTimeout(drip, every).unref()
  }
  drip()
}

/** A 200 whose JSON body never ends: chunked, written while the client reads, until it goes away. */
function sendEndless(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/json' })
  const piece = Buffer.from(`${'"padding",'.repeat(6_000)}`)
  res.write('[')
  const more = (): void => {
    while (!res.destroyed && res.write(piece)) {
      // keep writing until the socket's buffer is full
    }
    if (!res.destroyed) res.once('drain', more)
  }
  more()
}

/** The request echoed back in the error message, as a validator or gateway that quotes its input does. */
function echoed(
  config: TenantServerConfig,
  req: IncomingMessage,
  status: number,
  body: string,
  how: true | { field?: string; chars?: number }
): ApiResponse {
  const { field, chars } = how === true ? {} : how
  let echo = body
  let what = 'request'
  if (field !== undefined) {
    const value = (JSON.parse(body) as Record<string, unknown>)[field]
    echo = typeof value === 'string' ? value : JSON.stringify(value)
    what = field
  }
  const message = `Invalid ${what}: ${chars === undefined ? echo : echo.slice(0, chars)}`
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded'))
    return { status, body: { error: 'invalid_request', error_description: message } }
  return (config.errorResponse ?? apiError)(status, message)
}

function withTokenType(response: ApiResponse, tokenType: string | undefined): ApiResponse {
  if (tokenType === undefined || typeof response.body !== 'object' || response.body === null || !('token_type' in response.body))
    return response
  return { ...response, body: { ...response.body, token_type: tokenType } }
}

async function dispatch(
  config: TenantServerConfig,
  req: IncomingMessage,
  url: URL,
  body: string,
  entry: RequestLogEntry
): Promise<ApiResponse> {
  const serverFail = config.errorResponse ?? apiError
  const match = config.router.match(entry.method, url.pathname)
  if (match.kind === 'notFound') return serverFail(404, 'Not found')
  if (match.kind === 'methodNotAllowed') return serverFail(405, 'Method not allowed', { Allow: match.allowed.join(', ') })
  const { route, params } = match
  const fail = route.errorResponse ?? serverFail
  const now = Date.now()
  let token: AccessToken | null = null
  if (route.scopes !== null) {
    const found = config.authenticate(req.headers.authorization, now)
    if (!found) {
      const challenge = req.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer'
      return fail(401, 'unauthorized', { 'WWW-Authenticate': challenge })
    }
    entry.scopes = [...found.scopes]
    if (!route.scopes.some((scope) => found.scopes.includes(scope))) {
      return fail(403, `Forbidden: missing scope ${route.scopes.join(' or ')}`, {
        'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${route.scopes.join(' ')}"`
      })
    }
    token = found
  }
  try {
    return await route.handle({
      method: entry.method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      params,
      token,
      now
    })
  } catch (error) {
    if (error instanceof ApiError) return fail(error.status, error.message)
    throw error
  }
}

function injected(fault: FaultRule, status: number): ApiResponse {
  const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {}
  if (fault.body !== undefined) return { status, raw: fault.body, headers }
  return apiError(status, 'Injected fault', headers)
}

function send(res: ServerResponse, response: ApiResponse): void {
  const { headers, payload } = serialise(response)
  res.writeHead(response.status, headers)
  res.end(payload)
}

function serialise(response: ApiResponse): { headers: Record<string, string>; payload: string } {
  const headers: Record<string, string> = { ...response.headers }
  let payload = ''
  if (response.raw !== undefined) {
    payload = response.raw
    headers['Content-Type'] = 'text/plain; charset=utf-8'
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body)
    headers['Content-Type'] = 'application/json'
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload))
  return { headers, payload }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) reject(new ApiError(413, 'Request body too large'))
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** Unref'd: a pending delay never keeps a closed emulator's process alive. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}

/** Listens on a random port; resolves with the base URL (no trailing slash). */
export function listen(server: Server, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => {
      const address = server.address()
      if (address === null || typeof address === 'string') return reject(new Error('unexpected listen address'))
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`)
    })
  })
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    // Keep-alive connections (fetch keeps them) would hold close() open.
    server.closeAllConnections()
  })
}
