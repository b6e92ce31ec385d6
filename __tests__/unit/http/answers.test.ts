import { EventEmitter } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { ActionError, ApiError, InputError, OutcomeUnknownError, UnavailableError } from '../../../src/errors.js'
import { CachedTokens, type TokenResponse } from '../../../src/http/cached-tokens.js'
import { JsonHttpClient } from '../../../src/http/client.js'
import { guardRun } from '../../../src/run-guard.js'

/** Each path is one way an answer can go wrong. */
const HANDLERS: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => void> = {
  '/cut': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '40' })
    res.write('{"restartStatus":', () => res.socket?.destroy())
  },
  '/stall': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '40' })
    res.write('{"restartStatus":')
  },
  '/drip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 20)
  },
  '/endless': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    const piece = Buffer.alloc(64 * 1024, 0x20)
    const more = (): void => {
      while (!res.destroyed && res.write(piece)) {
        // fill the socket
      }
      if (!res.destroyed) res.once('drain', more)
    }
    more()
  },
  '/empty': (_req, res) => res.writeHead(200, { 'content-length': '0' }).end(),
  '/null': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('null'),
  '/no-content': (_req, res) => res.writeHead(204).end(),
  '/echo': (_req, res, body) =>
    res
      .writeHead(400, { 'content-type': 'application/json', 'x-forgerock-transactionid': 'tx-1' })
      .end(JSON.stringify({ code: 400, message: `Invalid request: ${body}` })),
  '/safe': (_req, res) =>
    res
      .writeHead(400, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: 'invalid_scope', error_description: 'Invalid scope requested' }))
}

let server: Server
let baseUrl = ''
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => HANDLERS[new URL(req.url ?? '/', 'http://x').pathname]!(req, res, body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.closeAllConnections()
  return new Promise<void>((resolve) => server.close(() => resolve()))
})

const client = (over: { timeoutMs?: number; maxAnswerBytes?: number } = {}) =>
  new JsonHttpClient({
    baseUrl,
    userAgent: 'test',
    timeoutMs: over.timeoutMs ?? 300,
    label: 'tenant',
    maxAnswerBytes: over.maxAnswerBytes,
    policy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxElapsedMs: 60_000 },
    sleep: () => Promise.resolve()
  })

describe('answers that never finish settle as failures', () => {
  test('a body cut mid-way: retried once for a GET, then unavailable; a POST learns its outcome is unknown', async () => {
    await expect(client().request({ method: 'GET', path: '/cut' })).rejects.toThrow(
      new UnavailableError(
        'GET /cut: tenant unreachable (the answer was cut off mid-body) after retries; check the URL and network, then run the step again'
      )
    )
    await expect(client().request({ method: 'POST', path: '/cut', json: {} })).rejects.toBeInstanceOf(OutcomeUnknownError)
  })

  test('a body that stalls after the headers trips the idle timeout', async () => {
    const error = await client()
      .request({ method: 'POST', path: '/stall', json: {} })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    expect((error as OutcomeUnknownError).timedOut).toBe(true)
    expect((error as Error).message).toContain('the answer stalled mid-body')
  })

  test('a body dripped a byte at a time is cut at the whole-request limit (3 request-timeouts)', async () => {
    const error = await client({ timeoutMs: 200 })
      .request({ method: 'POST', path: '/drip', json: {} })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    expect((error as Error).message).toContain('the answer took longer than the whole-request limit')
  })

  test('an endless body stops at the answer size limit, named in the error, and is not retried', async () => {
    const error = await client({ maxAnswerBytes: 1024 * 1024, timeoutMs: 5000 })
      .request({ method: 'GET', path: '/endless' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ActionError)
    expect((error as Error).message).toMatch(/^GET \/endless: the tenant's answer passed 1 MiB, the limit of one answer the action reads/)
  })
})

describe('empty answers', () => {
  test.each(['/empty', '/null'])('a 200 with %s where an object is expected is a typed error naming the request', async (path) => {
    await expect(client().request({ method: 'GET', path })).rejects.toThrow(
      `GET ${path}: tenant kept answering HTTP 200 with an empty body where an object was expected`
    )
  })

  test('an empty answer is the whole answer for a 204 and for a request that allows it', async () => {
    await expect(client().request({ method: 'DELETE', path: '/no-content' })).resolves.toMatchObject({ status: 204, body: undefined })
    await expect(client().request({ method: 'POST', path: '/empty', json: {}, allowEmptyBody: true })).resolves.toMatchObject({
      status: 200
    })
  })
})

describe('a request that carried a secret', () => {
  test('shows the code and transaction id of an error, never its echo', async () => {
    const secret = 'echoed-secret-value-Qx81'
    const error = await client()
      .request({ method: 'PUT', path: '/echo', json: { valueBase64: Buffer.from(secret).toString('base64') }, carriesSecret: true })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as Error).message).toBe(
      'PUT /echo failed with HTTP 400: (message withheld: the request carried secret material and the answer may echo it) [transaction tx-1]'
    )
  })

  test('shows a message from the safe list, and an ordinary request shows the message it got', async () => {
    await expect(client().request({ method: 'POST', path: '/safe', form: { client_secret: 'x' }, carriesSecret: true })).rejects.toThrow(
      'POST /safe failed with HTTP 400 (code invalid_scope): Invalid scope requested'
    )
    await expect(client().request({ method: 'PUT', path: '/echo', json: { name: 'plain' } })).rejects.toThrow(
      'Invalid request: {"name":"plain"}'
    )
  })
})

class FixedTokens extends CachedTokens {
  constructor(private readonly answer: TokenResponse) {
    super('The test token endpoint', 900)
  }
  protected request(): Promise<TokenResponse> {
    return Promise.resolve(this.answer)
  }
}

describe('token_type', () => {
  test.each(['Bearer', 'bearer', 'BEARER', undefined])('%s is sent as a bearer token', async (tokenType) => {
    await expect(new FixedTokens({ access_token: 'tok-123456', token_type: tokenType }).token()).resolves.toBe('tok-123456')
  })

  test.each(['DPoP', 'mac', 'N_A'])('%s is refused: that token is never sent as a bearer', async (tokenType) => {
    await expect(new FixedTokens({ access_token: 'tok-123456', token_type: tokenType }).token()).rejects.toThrow(
      `The test token endpoint issued a token of type "${tokenType}", not Bearer; the action sends bearer tokens only`
    )
  })
})

describe('guardRun', () => {
  test('a run still pending when the event loop empties fails the step and writes the summary', async () => {
    const events = new EventEmitter()
    const stalled: string[] = []
    const previous = process.exitCode
    guardRun('main', new Promise<void>(() => undefined), async (message) => void stalled.push(message), events)
    events.emit('beforeExit')
    expect(process.exitCode).toBe(1)
    process.exitCode = previous
    await Promise.resolve()
    expect(stalled).toEqual([expect.stringMatching(/^The main step stopped before it finished/)])
  })

  test('a run that settled leaves the exit alone', async () => {
    const events = new EventEmitter()
    let called = false
    guardRun('post', Promise.resolve(), async () => void (called = true), events)
    await new Promise((resolve) => setImmediate(resolve))
    events.emit('beforeExit')
    expect(called).toBe(false)
    expect(events.listenerCount('beforeExit')).toBe(0)
  })
})

describe('InputError', () => {
  test('is one line whatever the count, each problem once', () => {
    expect(new InputError(['a: bad', 'b: worse', 'a: bad']).message).toBe('Invalid inputs (2): a: bad; b: worse')
    expect(new InputError(['a: one\nline']).message).toBe('Invalid input: a: one line')
  })
})
