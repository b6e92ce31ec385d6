import { request as httpRequest } from 'node:http'
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
  test('[NET-02] status with Retry-After, N times, then the real answer', async () => {
    emulator.fault({ path: '/environment/startup', status: 503, retryAfter: '2', times: 2 })
    for (let i = 0; i < 2; i += 1) {
      const answer = await startup()
      expect(answer.status).toBe(503)
      expect(answer.headers.get('retry-after')).toBe('2')
      expect(answer.body).toEqual({ code: 503, message: 'Injected fault' })
    }
    expect(await startup()).toMatchObject({ status: 200, body: { restartStatus: 'ready' } })
  })

  test('[NET-03] after lets the first N through; method, tenant and a RegExp path narrow the rule', async () => {
    emulator.fault({ tenant: 'lower', method: 'GET', path: /^\/environment\/variables\//, after: 1, times: 1, status: 500 })
    const get = (id: string) => call(emulator, 'lower', 'GET', `/environment/variables/${id}`, { token })
    expect((await get('esv-api-base-url')).status).toBe(200)
    expect((await call(emulator, 'lower', 'DELETE', '/environment/variables/esv-nothing', { token })).status).toBe(404)
    const upperToken = await tokenFor(emulator, 'upper')
    expect((await call(emulator, 'upper', 'GET', '/environment/variables/esv-api-base-url', { token: upperToken })).status).toBe(200)
    expect((await get('esv-api-base-url')).status).toBe(500)
    expect((await get('esv-api-base-url')).status).toBe(200)
  })

  test('[NET-04] a raw body answers as is', async () => {
    emulator.fault({ path: '/environment/startup', status: 502, body: '<html>Bad gateway</html>', times: 1 })
    const answer = await startup()
    expect(answer.status).toBe(502)
    expect(answer.text).toBe('<html>Bad gateway</html>')
  })

  test('[NET-05] drop resets the connection without an answer', async () => {
    emulator.fault({ path: '/environment/startup', drop: true, times: 1 })
    await expect(startup()).rejects.toThrow()
    expect((await startup()).status).toBe(200)
    expect(emulator.log.map((entry) => [entry.status, entry.fault])).toEqual([
      [0, 'drop'],
      [200, undefined]
    ])
  })

  test('[NET-06] handleThenDrop does the work and then hangs up: the outcome is unknown to the client', async () => {
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

  test('[NET-01] [NET-07] delay slows a request that is then handled normally; latencyMs slows every request', async () => {
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

  test('[NET-07] a delayed request whose client gives up is still handled, and logged as unanswered', async () => {
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

  test('[NET-08] expireTokens lapses every token of that server at that request; a new token works', async () => {
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

  test('[NET-09] faults apply before authentication, so the token endpoint can fail too', async () => {
    emulator.fault({ tenant: 'upper', path: '/am/oauth2/access_token', status: 500, times: 1 })
    expect((await requestToken(emulator, 'upper', {})).status).toBe(500)
    expect((await requestToken(emulator, 'upper', {})).status).toBe(200)
  })

  test('[NET-10] probability affects a seeded, repeatable share of the window; 0 affects none; out of range is refused', async () => {
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

  test('[NET-03] clearFaults removes every rule', async () => {
    emulator.fault({ path: '/environment/startup', status: 503 })
    expect((await startup()).status).toBe(503)
    emulator.clearFaults()
    expect((await startup()).status).toBe(200)
  })
})

describe('request log', () => {
  test('[NET-11] one entry per request: tenant, method, path, query, status, token scopes, fault; never bodies or values', async () => {
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

/** What a raw socket client saw: the status, the bytes that came, and how the body ended. */
interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  ended: 'end' | 'cut' | 'stopped'
  /** Milliseconds between the first and the last body byte. */
  spreadMs: number
}

/** A GET read byte by byte, so a cut or dripped body shows as it happens; stops reading after `stopAfter` bytes. */
function rawGet(url: string, headers: Record<string, string>, stopAfter = Number.POSITIVE_INFINITY): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      let size = 0
      let first = 0
      let last = 0
      let done = false
      const finish = (ended: RawAnswer['ended']): void => {
        if (done) return
        done = true
        const body = Buffer.concat(chunks).toString('utf8')
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ended, spreadMs: last - first })
      }
      res.on('data', (chunk: Buffer) => {
        first ||= Date.now()
        last = Date.now()
        chunks.push(chunk)
        size += chunk.length
        if (size >= stopAfter) {
          finish('stopped')
          res.destroy()
        }
      })
      res.on('end', () => finish('end'))
      res.on('error', () => finish('cut'))
      res.on('close', () => finish('cut'))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('faults in how an answer is written', () => {
  const startupUrl = () => `${emulator.lower.url}/environment/startup`
  const auth = () => ({ authorization: `Bearer ${token}`, 'accept-api-version': 'resource=1.0' })

  test('[NET-12] echoRequest answers an error whose message quotes the request body; a form gets the OAuth shape', async () => {
    emulator.fault({ method: 'PUT', path: '/environment/variables/esv-echoed', echoRequest: true, times: 1 })
    const body = { valueBase64: b64('echo me'), expressionType: 'string' }
    const answer = await call(emulator, 'lower', 'PUT', '/environment/variables/esv-echoed', { token, body })
    expect(answer).toMatchObject({ status: 400, body: { code: 400, message: `Invalid request: ${JSON.stringify(body)}` } })
    expect(emulator.lower.state.variables.has('esv-echoed')).toBe(false)

    emulator.fault({ path: '/am/oauth2/access_token', echoRequest: true, status: 401, times: 1 })
    const refused = await requestToken(emulator, 'lower', {})
    expect(refused.status).toBe(401)
    const oauth = refused.body as { error?: string; error_description?: string }
    expect(oauth.error).toBe('invalid_request')
    expect(oauth.error_description).toMatch(/^Invalid request: grant_type=urn%3Aietf%3Aparams.*assertion=eyJ/)

    emulator.fault({ method: 'PUT', path: '/environment/variables/esv-echoed', echoRequest: { field: 'valueBase64', chars: 6 }, times: 1 })
    const cut = await call(emulator, 'lower', 'PUT', '/environment/variables/esv-echoed', { token, body })
    expect(cut.body).toEqual({ code: 400, message: `Invalid valueBase64: ${b64('echo me').slice(0, 6)}` })
    expect(emulator.log.at(-1)?.fault).toBe('echoRequest {"field":"valueBase64","chars":6}')
  })

  test('[NET-13] cutBodyAfter sends the headers and part of the body, then drops the connection', async () => {
    emulator.fault({ path: '/environment/startup', cutBodyAfter: 5, times: 1 })
    const answer = await rawGet(startupUrl(), auth())
    expect(answer.status).toBe(200)
    expect(Number(answer.headers['content-length'])).toBeGreaterThan(5)
    expect(answer.body).toBe('{"res')
    expect(answer.ended).toBe('cut')
    expect(emulator.log.at(-1)).toMatchObject({ status: 200, fault: 'cutBodyAfter 5' })
  })

  test('[NET-14] dripBytes sends the whole body a few bytes at a time, spread over time', async () => {
    emulator.fault({ path: '/environment/startup', dripBytes: 4, dripEveryMs: 20, times: 1 })
    const answer = await rawGet(startupUrl(), auth())
    expect(answer).toMatchObject({ status: 200, ended: 'end' })
    expect(JSON.parse(answer.body)).toEqual({ restartStatus: 'ready' })
    expect(answer.spreadMs).toBeGreaterThan(0)
    expect(emulator.log.at(-1)?.fault).toBe('drip 4B/20ms')
  })

  test('[NET-15] endlessBody answers 200 with a JSON body that never ends, while the client reads', async () => {
    emulator.fault({ path: '/environment/startup', endlessBody: true, times: 1 })
    const answer = await rawGet(startupUrl(), auth(), 4 * 1024 * 1024)
    expect(answer).toMatchObject({ status: 200, ended: 'stopped' })
    expect(answer.headers['content-length']).toBeUndefined()
    expect(answer.body.startsWith('["padding",')).toBe(true)
    expect(emulator.log.at(-1)).toMatchObject({ status: 200, fault: 'endlessBody' })
    expect((await startup()).status).toBe(200)
  })

  test('[NET-16] emptyAnswer handles the request, then answers its status with an empty body or null', async () => {
    emulator.fault({ method: 'PUT', path: '/environment/variables/esv-emptied', emptyAnswer: 'empty', times: 1 })
    const put = () =>
      call(emulator, 'lower', 'PUT', '/environment/variables/esv-emptied', {
        token,
        body: { valueBase64: b64('kept'), expressionType: 'string' }
      })
    const empty = await put()
    expect(empty.status).toBe(200)
    expect(empty.text).toBe('')
    expect(emulator.lower.state.variables.get('esv-emptied')?.valueBase64).toBe(b64('kept'))
    emulator.fault({ path: '/environment/startup', emptyAnswer: 'null', times: 1 })
    const nothing = await startup()
    expect(nothing).toMatchObject({ status: 200, text: 'null' })
    expect(emulator.log.at(-1)?.fault).toBe('emptyAnswer null')
  })

  test('[NET-17] tokenType makes a token answer name another token_type; the token itself is valid', async () => {
    emulator.fault({ path: '/am/oauth2/access_token', tokenType: 'DPoP', times: 1 })
    const answer = await requestToken(emulator, 'lower', {})
    const body = answer.body as { token_type?: string; access_token?: string }
    expect(answer.status).toBe(200)
    expect(body.token_type).toBe('DPoP')
    expect((await call(emulator, 'lower', 'GET', '/environment/startup', { token: body.access_token })).status).toBe(200)
    expect(((await requestToken(emulator, 'lower', {})).body as { token_type?: string }).token_type).toBe('Bearer')
  })
})

describe('request limits', () => {
  test('[NET-18] a request body over 1 MiB is answered 413 and not handled', async () => {
    const answer = await call(emulator, 'lower', 'PUT', '/environment/variables/esv-huge', {
      token,
      body: { valueBase64: 'A'.repeat(1024 * 1024 + 16), expressionType: 'string' }
    })
    expect(answer.status).toBe(413)
    expect(emulator.lower.state.variables.has('esv-huge')).toBe(false)
  })
})
