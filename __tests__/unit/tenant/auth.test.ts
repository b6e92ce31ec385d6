import { describe, expect, test } from '@jest/globals'
import { decodeJwt, exportJWK, generateKeyPair, jwtVerify } from 'jose'
import { ActionError, ApiError } from '../../../src/errors.js'
import type { HttpRequest, HttpResponse } from '../../../src/http/client.js'
import { ServiceAccountTokens, signAssertion, tokenAudience } from '../../../src/tenant/auth.js'

const ACCOUNT = '2f6ac4a6-8a5c-4c4f-9d8e-3a3b7f1e9c01'
const keys = generateKeyPair('RS256', { extractable: true })

describe('tokenAudience', () => {
  test('names the token endpoint with an explicit port', () => {
    expect(tokenAudience('https://openam-acme-dev.forgeblocks.com')).toBe(
      'https://openam-acme-dev.forgeblocks.com:443/am/oauth2/access_token'
    )
    expect(tokenAudience('http://127.0.0.1:4321')).toBe('http://127.0.0.1:4321/am/oauth2/access_token')
  })
})

describe('signAssertion', () => {
  test('signs RS256 with iss = sub = account, the audience, a jti and a short expiry', async () => {
    const { privateKey, publicKey } = await keys
    const privateJwk = await exportJWK(privateKey)
    const now = Date.now()
    const jwt = await signAssertion({ tenantUrl: 'https://tenant.example.com', serviceAccountId: ACCOUNT, privateJwk }, now)
    const { payload, protectedHeader } = await jwtVerify(jwt, publicKey, {
      issuer: ACCOUNT,
      subject: ACCOUNT,
      audience: 'https://tenant.example.com:443/am/oauth2/access_token'
    })
    expect(protectedHeader.alg).toBe('RS256')
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/)
    expect(payload.exp! - Math.floor(now / 1000)).toBe(180)
  })

  test('a different key does not verify', async () => {
    const { privateKey } = await keys
    const other = await generateKeyPair('RS256')
    const jwt = await signAssertion(
      { tenantUrl: 'https://t.example.com', serviceAccountId: ACCOUNT, privateJwk: await exportJWK(privateKey) },
      Date.now()
    )
    await expect(jwtVerify(jwt, other.publicKey)).rejects.toThrow()
  })
})

/** A token endpoint stand-in recording the requests it gets. */
function tokenEndpoint(answer: (call: number) => Promise<HttpResponse<unknown>>) {
  const calls: HttpRequest[] = []
  return {
    calls,
    request: async <T>(req: HttpRequest): Promise<HttpResponse<T>> => {
      calls.push(req)
      return (await answer(calls.length)) as HttpResponse<T>
    }
  }
}

const ok = (token: string, expiresIn = 900): Promise<HttpResponse<unknown>> =>
  Promise.resolve({ status: 200, headers: {}, body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn } })

describe('ServiceAccountTokens', () => {
  async function make(http: ReturnType<typeof tokenEndpoint>, now: () => number) {
    const privateJwk = await exportJWK((await keys).privateKey)
    return new ServiceAccountTokens({
      tenantUrl: 'https://t.example.com',
      serviceAccountId: ACCOUNT,
      privateJwk,
      scopes: ['fr:idc:esv:read', 'fr:idc:esv:restart'],
      operation: 'restart',
      http,
      now
    })
  }

  test('asks with the JWT-bearer grant and the derived scopes, then caches', async () => {
    const http = tokenEndpoint((n) => ok(`token-${n}`))
    const tokens = await make(http, () => 0)
    expect(await tokens.token()).toBe('token-1')
    expect(await tokens.token()).toBe('token-1')
    expect(http.calls).toHaveLength(1)
    const form = http.calls[0]!.form!
    expect(form.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer')
    expect(form.client_id).toBe('service-account')
    expect(form.scope).toBe('fr:idc:esv:read fr:idc:esv:restart')
    expect(decodeJwt(form.assertion!).sub).toBe(ACCOUNT)
    expect(http.calls[0]!.authenticate).toBe(false)
  })

  test('refreshes a minute before expiry, and after invalidate', async () => {
    let now = 0
    const http = tokenEndpoint((n) => ok(`token-${n}`, 900))
    const tokens = await make(http, () => now)
    expect(await tokens.token()).toBe('token-1')
    now = 839_000
    expect(await tokens.token()).toBe('token-1')
    now = 841_000
    expect(await tokens.token()).toBe('token-2')
    tokens.invalidate('token-2')
    expect(await tokens.token()).toBe('token-3')
  })

  test('shares one request between concurrent callers', async () => {
    const http = tokenEndpoint((n) => ok(`token-${n}`))
    const tokens = await make(http, () => 0)
    expect(await Promise.all([tokens.token(), tokens.token(), tokens.token()])).toEqual(['token-1', 'token-1', 'token-1'])
    expect(http.calls).toHaveLength(1)
  })

  test('turns invalid_scope into an error naming the scope and the operation', async () => {
    const http = tokenEndpoint(() =>
      Promise.reject(
        new ApiError({
          method: 'POST',
          path: '/am/oauth2/access_token',
          status: 400,
          code: 'invalid_scope',
          apiMessage: 'Unsupported scope for service account: fr:idc:esv:restart'
        })
      )
    )
    const tokens = await make(http, () => 0)
    const failure = tokens.token()
    await expect(failure).rejects.toThrow(ActionError)
    await expect(failure).rejects.toThrow('The service account lacks the scope fr:idc:esv:restart, which the operation restart needs')
  })

  const refused = (scope: string): Promise<HttpResponse<unknown>> =>
    Promise.reject(
      new ApiError({
        method: 'POST',
        path: '/am/oauth2/access_token',
        status: 400,
        code: 'invalid_scope',
        apiMessage: `Unsupported scope for service account: ${scope}`
      })
    )

  test('a refused read scope is asked for once more as its full scope, and kept for refreshes', async () => {
    const http = tokenEndpoint((n) => (n === 1 ? refused('fr:idc:esv:read') : ok(`token-${n}`)))
    const tokens = await make(http, () => 0)
    expect(await tokens.token()).toBe('token-2')
    expect(http.calls.map((call) => call.form!.scope)).toEqual(['fr:idc:esv:read fr:idc:esv:restart', 'fr:idc:esv:* fr:idc:esv:restart'])
    tokens.invalidate('token-2')
    expect(await tokens.token()).toBe('token-3')
    expect(http.calls[2]!.form!.scope).toBe('fr:idc:esv:* fr:idc:esv:restart')
  })

  test('the full scope refused too: the error names the read scope, the full one and the operation; a refused non-read scope is not widened', async () => {
    const both = tokenEndpoint((n) => refused(n === 1 ? 'fr:idc:esv:read' : 'fr:idc:esv:*'))
    await expect((await make(both, () => 0)).token()).rejects.toThrow(
      'The service account lacks the scope fr:idc:esv:read (and its full scope fr:idc:esv:*, asked for instead), which the operation restart needs'
    )
    expect(both.calls).toHaveLength(2)
    const restart = tokenEndpoint(() => refused('fr:idc:esv:restart'))
    await expect((await make(restart, () => 0)).token()).rejects.toThrow('lacks the scope fr:idc:esv:restart,')
    expect(restart.calls).toHaveLength(1)
  })
})
