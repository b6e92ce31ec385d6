import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { startEmulator } from '../../emulator/index.js'
import type { Emulator } from '../../emulator/index.js'
import { b64, call, requestToken, sleep, tokenFor } from './client.js'

let emulator: Emulator
let token: string

beforeAll(async () => {
  emulator = await startEmulator({ restartMs: 100 })
  token = await tokenFor(emulator, 'lower')
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.clearFaults()
  emulator.log.length = 0
})

const startup = () => call(emulator, 'lower', 'GET', '/environment/startup', { token })

describe('fault rules', () => {
  test('status with Retry-After, N times, then the real answer', async () => {
    emulator.fault({ path: '/environment/startup', status: 503, retryAfter: '2', times: 2 })
    for (let i = 0; i < 2; i += 1) {
      const answer = await startup()
      expect(answer.status).toBe(503)
      expect(answer.headers.get('retry-after')).toBe('2')
      expect(answer.body).toEqual({ code: 503, message: 'Injected fault' })
    }
    expect(await startup()).toMatchObject({ status: 200, body: { restartStatus: 'ready' } })
  })

  test('after lets the first N through; method, tenant and a RegExp path narrow the rule', async () => {
    emulator.fault({ tenant: 'lower', method: 'GET', path: /^\/environment\/variables\//, after: 1, times: 1, status: 500 })
    const get = (id: string) => call(emulator, 'lower', 'GET', `/environment/variables/${id}`, { token })
    expect((await get('esv-api-base-url')).status).toBe(200)
    expect((await call(emulator, 'lower', 'DELETE', '/environment/variables/esv-nothing', { token })).status).toBe(404)
    const upperToken = await tokenFor(emulator, 'upper')
    expect((await call(emulator, 'upper', 'GET', '/environment/variables/esv-api-base-url', { token: upperToken })).status).toBe(200)
    expect((await get('esv-api-base-url')).status).toBe(500)
    expect((await get('esv-api-base-url')).status).toBe(200)
  })

  test('a raw body answers as is', async () => {
    emulator.fault({ path: '/environment/startup', status: 502, body: '<html>Bad gateway</html>', times: 1 })
    const answer = await startup()
    expect(answer.status).toBe(502)
    expect(answer.text).toBe('<html>Bad gateway</html>')
  })

  test('drop resets the connection without an answer', async () => {
    emulator.fault({ path: '/environment/startup', drop: true, times: 1 })
    await expect(startup()).rejects.toThrow()
    expect((await startup()).status).toBe(200)
    expect(emulator.log.map((entry) => [entry.status, entry.fault])).toEqual([
      [0, 'drop'],
      [200, undefined]
    ])
  })

  test('handleThenDrop does the work and then hangs up: the outcome is unknown to the client', async () => {
    emulator.fault({ method: 'PUT', path: '/environment/variables/esv-lost-answer', handleThenDrop: true, times: 1 })
    const put = () =>
      call(emulator, 'lower', 'PUT', '/environment/variables/esv-lost-answer', {
        token,
        body: { valueBase64: b64('written'), expressionType: 'string' }
      })
    await expect(put()).rejects.toThrow()
    expect(emulator.lower.state.variables.get('esv-lost-answer')?.valueBase64).toBe(b64('written'))
    expect(emulator.log[0]).toMatchObject({ status: 200, fault: 'handleThenDrop' })
    expect((await put()).status).toBe(200)
  })

  test('delay slows a request that is then handled normally; latencyMs slows every request', async () => {
    emulator.fault({ path: '/environment/startup', delayMs: 150, times: 1 })
    let started = Date.now()
    expect((await startup()).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(emulator.log[0]?.fault).toBe('delay 150ms')

    const slow = await startEmulator({ latencyMs: 120 })
    try {
      started = Date.now()
      await call(slow, 'upper', 'GET', '/environment/count')
      expect(Date.now() - started).toBeGreaterThanOrEqual(110)
    } finally {
      await slow.close()
    }
  })

  test('a delayed request whose client gives up is still handled, and logged as unanswered', async () => {
    emulator.fault({ method: 'PUT', path: '/environment/variables/esv-acted-late', delayMs: 300, times: 1 })
    const put = fetch(`${emulator.lower.url}/environment/variables/esv-acted-late`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-api-version': 'resource=1.0' },
      body: JSON.stringify({ valueBase64: b64('late'), expressionType: 'string' }),
      signal: AbortSignal.timeout(100)
    })
    await expect(put).rejects.toThrow()
    await sleep(400)
    expect(emulator.lower.state.variables.get('esv-acted-late')?.valueBase64).toBe(b64('late'))
    expect(emulator.log[0]).toMatchObject({ status: 200, unanswered: true, fault: 'delay 300ms' })
  })

  test('expireTokens lapses every token of that server at that request; a new token works', async () => {
    const upperToken = await tokenFor(emulator, 'upper')
    emulator.fault({ tenant: 'lower', path: '/environment/startup', expireTokens: true, times: 1 })
    const answer = await startup()
    expect(answer.status).toBe(401)
    expect(emulator.log.at(-1)?.fault).toBe('expireTokens')
    expect((await startup()).status).toBe(401) // the token stays expired: only a new one helps
    expect((await call(emulator, 'upper', 'GET', '/environment/startup', { token: upperToken })).status).toBe(200)
    token = await tokenFor(emulator, 'lower')
    expect((await startup()).status).toBe(200)
  })

  test('faults apply before authentication, so the token endpoint can fail too', async () => {
    emulator.fault({ tenant: 'upper', path: '/am/oauth2/access_token', status: 500, times: 1 })
    expect((await requestToken(emulator, 'upper', {})).status).toBe(500)
    expect((await requestToken(emulator, 'upper', {})).status).toBe(200)
  })

  test('probability affects a seeded, repeatable share of the window; 0 affects none; out of range is refused', async () => {
    const statuses = async (): Promise<number[]> => {
      const seen: number[] = []
      for (let i = 0; i < 100; i += 1) seen.push((await startup()).status)
      return seen
    }
    emulator.fault({ path: '/environment/startup', status: 429, probability: 0.25, seed: 7, after: 10 })
    const first = await statuses()
    expect(first.slice(0, 10).every((status) => status === 200)).toBe(true)
    const hit = first.filter((status) => status === 429).length
    expect(hit).toBeGreaterThan(10)
    expect(hit).toBeLessThan(40)
    expect(first.every((status) => status === 200 || status === 429)).toBe(true)

    emulator.clearFaults()
    emulator.fault({ path: '/environment/startup', status: 429, probability: 0.25, seed: 7, after: 10 })
    expect(await statuses()).toEqual(first)

    emulator.clearFaults()
    emulator.fault({ path: '/environment/startup', status: 429, probability: 0.25, seed: 8, after: 10 })
    expect(await statuses()).not.toEqual(first)

    emulator.clearFaults()
    emulator.fault({ path: '/environment/startup', status: 429, probability: 0 })
    expect((await statuses()).every((status) => status === 200)).toBe(true)
    expect(() => emulator.fault({ path: '/environment/startup', status: 429, probability: 1.5 })).toThrow(/probability/)
  })

  test('clearFaults removes every rule', async () => {
    emulator.fault({ path: '/environment/startup', status: 503 })
    expect((await startup()).status).toBe(503)
    emulator.clearFaults()
    expect((await startup()).status).toBe(200)
  })
})

describe('request log', () => {
  test('one entry per request: tenant, method, path, query, status, token scopes, fault; never bodies or values', async () => {
    emulator.fault({ path: '/environment/count', status: 429, retryAfter: '1', times: 1 })
    const scoped = await tokenFor(emulator, 'lower', ['fr:idc:esv:read', 'fr:idc:esv:update'])
    await call(emulator, 'lower', 'PUT', '/environment/variables/esv-logged', {
      token: scoped,
      body: { valueBase64: b64('a value that must not be logged'), expressionType: 'string' }
    })
    await call(emulator, 'lower', 'GET', '/environment/variables?_pageSize=5', { token: scoped, resource: '2.0' })
    await call(emulator, 'lower', 'GET', '/environment/count')
    await call(emulator, 'lower', 'GET', '/environment/startup')

    expect(emulator.log.map(({ at: _at, ...entry }) => entry)).toEqual([
      { tenant: 'lower', method: 'POST', path: '/am/oauth2/access_token', query: '', status: 200, scopes: [] },
      {
        tenant: 'lower',
        method: 'PUT',
        path: '/environment/variables/esv-logged',
        query: '',
        status: 200,
        scopes: ['fr:idc:esv:read', 'fr:idc:esv:update']
      },
      {
        tenant: 'lower',
        method: 'GET',
        path: '/environment/variables',
        query: '_pageSize=5',
        status: 200,
        scopes: ['fr:idc:esv:read', 'fr:idc:esv:update']
      },
      { tenant: 'lower', method: 'GET', path: '/environment/count', query: '', status: 429, scopes: [], fault: 'status 429' },
      { tenant: 'lower', method: 'GET', path: '/environment/startup', query: '', status: 401, scopes: [] }
    ])
    expect(emulator.log.every((entry) => typeof entry.at === 'number' && entry.at > 0)).toBe(true)
    const text = JSON.stringify(emulator.log)
    expect(text).not.toContain(b64('a value that must not be logged'))
    expect(text).not.toContain(scoped)
  })
})
