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

    test('an unknown outcome is looked for over the settle window (10 s at least), then sent once more where a duplicate is harmless', async () => {
      script = [{ status: 502 }, { status: 200, body: '{"id":3}' }]
      const c = client()
      let looks = 0
      const made = await c.sendOnce('Creating it', create(c), async () => {
        looks++
        return undefined
      })
      expect(made).toEqual({ id: 3 })
      expect(seen).toEqual(['POST /create', 'POST /create'])
      // Looked at once and then every second for 10 s (request-timeout 2 s × 3 is less), then one back-off.
      expect(looks).toBe(11)
      expect(slept.slice(0, 10)).toEqual(Array(10).fill(1000))
      expect(slept).toHaveLength(11)
    })

    test('the settle window is three request-timeouts when that is longer', async () => {
      script = [{ status: 504 }]
      const c = new JsonHttpClient({
        baseUrl,
        userAgent: 'test',
        timeoutMs: 5000,
        label: 'tenant',
        sleep: async (ms) => void slept.push(ms)
      })
      await expect(c.sendOnce('Creating it', create(c), async () => undefined, { duplicateHarmless: false })).rejects.toThrow(
        /not found after looking for 15 s/
      )
      expect(slept.reduce((sum, ms) => sum + ms, 0)).toBe(15_000)
    })

    test('where a duplicate is harmless: the window once, then a look at once after each later send, up to the policy’s attempts', async () => {
      script = [{ status: 503 }]
      const c = client()
      let looks = 0
      const error = await c
        .sendOnce('Creating it', create(c), async () => {
          looks++
          return undefined
        })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OutcomeUnknownError)
      expect((error as Error).message).toMatch(
        /^Creating it: outcome unknown \(POST \/create: no answer \(HTTP 503\)\); not found after looking for 10 s\. It was sent 6 times without a clear answer\. The next run looks for it first: run the step again$/
      )
      expect(seen).toHaveLength(6)
      expect(looks).toBe(11 + 5)
    })

    test('duplicateHarmless false: never sent twice; found late within the window, it is the answer', async () => {
      script = [{ status: 504 }]
      const c = client()
      let looks = 0
      const made = await c.sendOnce('Creating it', create(c), async () => (++looks >= 4 ? { id: 5 } : undefined), {
        duplicateHarmless: false
      })
      expect(made).toEqual({ id: 5 })
      expect(seen).toEqual(['POST /create'])
    })

    test('duplicateHarmless false: absent after the window, the step fails with the outcome unknown and sends nothing more', async () => {
      script = [{ status: 504 }, { status: 200, body: '{"id":1}' }]
      const c = client()
      await expect(c.sendOnce('Creating it', create(c), async () => undefined, { duplicateHarmless: false })).rejects.toThrow(
        /outcome unknown .*It was not sent again, as a second one would be a duplicate\. The next run looks for it first/
      )
      expect(seen).toEqual(['POST /create'])
    })

    test('after a timeout the tenant may still be acting: what it applies late is found by a later look', async () => {
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
        let looks = 0
        const made = await c.sendOnce('Creating it', create(c), async () => (++looks >= 3 ? { id: 9 } : undefined), {
          duplicateHarmless: false
        })
        expect(made).toEqual({ id: 9 })
        expect(waits).toEqual([1000, 1000])
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
