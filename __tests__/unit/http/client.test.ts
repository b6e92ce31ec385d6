import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { ApiError, OutcomeUnknownError } from '../../../src/errors.js'
import { JsonHttpClient } from '../../../src/http/client.js'

/** Answers each request with the next scripted reply (the last one repeats), and records what it saw. */
type Reply = { status: number; body?: string; headers?: Record<string, string> }
let script: Reply[] = []
let seen: string[] = []
let server: Server
let baseUrl = ''

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url}`)
    const reply = script.length > 1 ? script.shift()! : script[0]!
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
    res.end(reply.body ?? '{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  script = []
  seen = []
  slept = []
})

let slept: number[] = []
const client = () =>
  new JsonHttpClient({
    baseUrl,
    userAgent: 'test',
    timeoutMs: 2000,
    label: 'tenant',
    sleep: async (ms) => {
      slept.push(ms)
    }
  })

describe('JsonHttpClient', () => {
  test('an idempotent request rides out a gateway burst', async () => {
    script = [{ status: 503 }, { status: 502 }, { status: 200, body: '{"ok":true}' }]
    await expect(client().request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 200, body: { ok: true } })
    expect(seen).toHaveLength(3)
  })

  test.each([502, 503, 504])(
    'a POST that is not idempotent answered %i is sent once and reported as an unknown outcome',
    async (status) => {
      script = [{ status }, { status: 201 }]
      await expect(client().request({ method: 'POST', path: '/create', json: {} })).rejects.toBeInstanceOf(OutcomeUnknownError)
      expect(seen).toEqual(['POST /create'])
    }
  )

  test('a 429 on a POST is repeated (the server turned it away), after the Retry-After it asked for', async () => {
    script = [
      { status: 429, headers: { 'retry-after': '3' } },
      { status: 201, body: '{"id":"1"}' }
    ]
    await expect(client().request({ method: 'POST', path: '/create', json: {} })).resolves.toMatchObject({ status: 201 })
    expect(seen).toEqual(['POST /create', 'POST /create'])
    expect(slept).toEqual([3000])
  })

  test('a plain 400 is not retried and carries only the API code and message', async () => {
    script = [{ status: 400, body: '{"code":400,"message":"Invalid id","detail":"secret-body-echo"}' }]
    const error = await client()
      .request({ method: 'PUT', path: '/thing', json: { value: 'hush' } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(String((error as Error).message)).toContain('Invalid id')
    expect(String((error as Error).message)).not.toContain('hush')
    expect(seen).toHaveLength(1)
  })
})
