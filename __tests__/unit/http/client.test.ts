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

  describe('sendOnce: a create is sent again only when a look finds it took no effect', () => {
    const create = (c: JsonHttpClient) => () => c.request<{ id: number }>({ method: 'POST', path: '/create', json: {} }).then((r) => r.body)

    test('an unknown outcome that did take effect is found by the look: one send', async () => {
      script = [{ status: 503 }]
      const c = client()
      const looks: number[] = []
      const made = await c.sendOnce('Creating it', create(c), async () => {
        looks.push(1)
        return { id: 7 }
      })
      expect(made).toEqual({ id: 7 })
      expect(seen).toEqual(['POST /create'])
      expect(looks).toHaveLength(1)
      expect(slept).toEqual([])
    })

    test('unknown outcomes that took no effect are sent again after a back-off, until one is answered', async () => {
      script = [{ status: 502 }, { status: 504 }, { status: 200, body: '{"id":3}' }]
      const c = client()
      const made = await c.sendOnce('Creating it', create(c), async () => undefined)
      expect(made).toEqual({ id: 3 })
      expect(seen).toHaveLength(3)
      expect(slept).toHaveLength(2)
    })

    test('gives up with the unknown outcome after the retry policy’s attempts', async () => {
      script = [{ status: 503 }]
      const c = client()
      await expect(c.sendOnce('Creating it', create(c), async () => undefined)).rejects.toBeInstanceOf(OutcomeUnknownError)
      expect(seen).toHaveLength(6)
    })

    test('after a timeout the look waits one request-timeout: the tenant may still be acting', async () => {
      const slow = createServer((_req, res) => setTimeout(() => res.end('{"id":1}'), 300))
      await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve))
      try {
        const waits: number[] = []
        const c = new JsonHttpClient({
          baseUrl: `http://127.0.0.1:${(slow.address() as AddressInfo).port}`,
          userAgent: 'test',
          timeoutMs: 100,
          label: 'tenant',
          sleep: async (ms) => {
            waits.push(ms)
          }
        })
        const made = await c.sendOnce('Creating it', create(c), async () => ({ id: 9 }))
        expect(made).toEqual({ id: 9 })
        expect(waits).toEqual([100])
      } finally {
        slow.closeAllConnections()
        await new Promise<void>((resolve) => slow.close(() => resolve()))
      }
    })

    test('an error that is not an unknown outcome is thrown without a look', async () => {
      script = [{ status: 400, body: '{"code":400,"message":"bad"}' }]
      const c = client()
      let looked = false
      await expect(
        c.sendOnce('Creating it', create(c), async () => {
          looked = true
          return { id: 1 }
        })
      ).rejects.toBeInstanceOf(ApiError)
      expect(looked).toBe(false)
    })
  })
})
