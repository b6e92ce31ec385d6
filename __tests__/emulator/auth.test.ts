import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { generateKeyPair } from 'jose'
import { startEmulator } from '../../emulator/index.js'
import type { Emulator } from '../../emulator/index.js'
import { call, requestToken, signAssertion, tokenFor } from './client.js'
import type { AssertionOptions } from './client.js'

let emulator: Emulator
let narrow: Emulator

beforeAll(async () => {
  ;[emulator, narrow] = await Promise.all([
    startEmulator({ tokenTtlSeconds: 600 }),
    startEmulator({ serviceAccountScopes: ['fr:idc:esv:read'] })
  ])
})
afterAll(async () => {
  await Promise.all([emulator.close(), narrow.close()])
})

describe('service account', () => {
  test('has a fixed id from the seed and a fresh RSA private JWK', () => {
    expect(emulator.serviceAccount.id).toBe('6f1c2a8e-3d4b-4c5a-9e7f-0a1b2c3d4e5f')
    const jwk = JSON.parse(emulator.serviceAccount.privateJwk) as Record<string, string>
    expect(jwk['kty']).toBe('RSA')
    expect(jwk['d']).toBeTruthy()
    expect(emulator.serviceAccount.publicJwk['d']).toBeUndefined()
    expect(narrow.serviceAccount.privateJwk).not.toBe(emulator.serviceAccount.privateJwk)
  })
})

describe('token endpoint', () => {
  test('[AUTH-01] issues an opaque bearer token for a good assertion', async () => {
    const answer = await requestToken(emulator, 'lower', { scope: 'fr:idc:esv:read fr:idc:esv:update' })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
      scope: 'fr:idc:esv:read fr:idc:esv:update',
      token_type: 'Bearer',
      expires_in: 600
    })
    expect(emulator.issuedTokens()).toContain(answer.body['access_token'])
  })

  test('[AUTH-02] accepts the audience with an explicit port, :443, or the default port', async () => {
    const url = new URL(emulator.lower.url)
    for (const aud of [
      `http://${url.hostname}:${url.port}/am/oauth2/access_token`,
      `https://${url.hostname}:443/am/oauth2/access_token`,
      `https://${url.hostname}/am/oauth2/access_token`
    ]) {
      const answer = await requestToken(emulator, 'lower', { assertion: await signAssertion(emulator, 'lower', { aud }) })
      expect({ aud, status: answer.status }).toEqual({ aud, status: 200 })
    }
  })

  test.each([
    ['another tenant', (e: Emulator) => `${e.upper.url}/am/oauth2/access_token`],
    ['another host', () => 'https://openam-acme.forgeblocks.com/am/oauth2/access_token'],
    ['another path', (e: Emulator) => `${e.lower.url}/am/oauth2/authorize`]
  ])('refuses an audience naming %s', async (_what, aud) => {
    const answer = await requestToken(emulator, 'lower', { assertion: await signAssertion(emulator, 'lower', { aud: aud(emulator) }) })
    expect(answer.status).toBe(400)
    expect(answer.body['error']).toBe('invalid_grant')
    expect(answer.body['error_description']).toMatch(/aud/)
  })

  test('[AUTH-02] refuses an expired assertion, one that lives too long, and one without jti', async () => {
    const cases: [AssertionOptions, RegExp][] = [
      [{ expiresIn: -120 }, /"exp"/],
      [{ expiresIn: 3600 }, /too far in the future/],
      [{ jti: null }, /"jti"/]
    ]
    for (const [options, reason] of cases) {
      const answer = await requestToken(emulator, 'lower', { assertion: await signAssertion(emulator, 'lower', options) })
      expect(answer).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: expect.stringMatching(reason) } })
    }
  })

  test('[AUTH-02] refuses an assertion signed with another key or for another account', async () => {
    const { privateKey } = await generateKeyPair('RS256')
    const wrongKey = await requestToken(emulator, 'lower', { assertion: await signAssertion(emulator, 'lower', { key: privateKey }) })
    expect(wrongKey).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: expect.stringMatching(/signature/) } })
    const wrongIssuer = await requestToken(emulator, 'lower', {
      assertion: await signAssertion(emulator, 'lower', { iss: 'someone-else', sub: 'someone-else' })
    })
    expect(wrongIssuer.body['error']).toBe('invalid_grant')
  })

  test('[AUTH-03] names the scope the service account may not have', async () => {
    const answer = await requestToken(narrow, 'upper', { scope: 'fr:idc:esv:read fr:idc:esv:restart' })
    expect(answer).toEqual({
      status: 400,
      body: { error: 'invalid_scope', error_description: 'Unsupported scope for service account: fr:idc:esv:restart' }
    })
  })

  test('[AUTH-04] an account holding only a full scope is refused its read scope by default; fullScopeGrantsNarrower grants it', async () => {
    const fullOnly = await startEmulator({ serviceAccountScopes: ['fr:idc:cookie-domain:*'] })
    const granting = await startEmulator({ serviceAccountScopes: ['fr:idc:cookie-domain:*'], fullScopeGrantsNarrower: true })
    try {
      expect(await requestToken(fullOnly, 'upper', { scope: 'fr:idc:cookie-domain:read' })).toEqual({
        status: 400,
        body: { error: 'invalid_scope', error_description: 'Unsupported scope for service account: fr:idc:cookie-domain:read' }
      })
      expect((await requestToken(fullOnly, 'upper', { scope: 'fr:idc:cookie-domain:*' })).status).toBe(200)
      const granted = await requestToken(granting, 'upper', { scope: 'fr:idc:cookie-domain:read' })
      expect([granted.status, granted.body['scope']]).toEqual([200, 'fr:idc:cookie-domain:read'])
      expect((await requestToken(granting, 'upper', { scope: 'fr:idc:sso-cookie:read' })).status).toBe(400)
    } finally {
      await Promise.all([fullOnly.close(), granting.close()])
    }
  })

  test('[AUTH-05] refuses other grants, other clients and missing parts like AM', async () => {
    expect((await requestToken(emulator, 'lower', { grant_type: 'client_credentials' })).body['error']).toBe('unsupported_grant_type')
    expect(await requestToken(emulator, 'lower', { client_id: 'someone' })).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' }
    })
    expect((await requestToken(emulator, 'lower', { scope: '' })).body['error']).toBe('invalid_scope')
    const get = await call(emulator, 'lower', 'GET', '/am/oauth2/access_token')
    expect(get.status).toBe(405)
  })
})

describe('bearer and scope checks', () => {
  test('[AUTH-06] 401 with WWW-Authenticate without a token, with an unknown one, and with one from the other tenant', async () => {
    const upperToken = await tokenFor(emulator, 'upper')
    for (const token of [undefined, 'not-a-token', upperToken]) {
      const answer = await call(emulator, 'lower', 'GET', '/environment/variables', token === undefined ? {} : { token })
      expect(answer.status).toBe(401)
      expect(answer.body).toEqual({ code: 401, message: 'unauthorized' })
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/)
    }
  })

  test('[AUTH-07] expireTokens makes every token of that tenant fail, and only of that tenant', async () => {
    const lower = await tokenFor(emulator, 'lower')
    const upper = await tokenFor(emulator, 'upper')
    expect((await call(emulator, 'lower', 'GET', '/environment/startup', { token: lower })).status).toBe(200)
    emulator.lower.expireTokens()
    expect((await call(emulator, 'lower', 'GET', '/environment/startup', { token: lower })).status).toBe(401)
    expect((await call(emulator, 'upper', 'GET', '/environment/startup', { token: upper })).status).toBe(200)
    const fresh = await tokenFor(emulator, 'lower')
    expect((await call(emulator, 'lower', 'GET', '/environment/startup', { token: fresh })).status).toBe(200)
  })

  test('[AUTH-07] a token expires after tokenTtlSeconds', async () => {
    const shortLived = await startEmulator({ tokenTtlSeconds: 0.2 })
    try {
      const token = await tokenFor(shortLived, 'lower')
      expect((await call(shortLived, 'lower', 'GET', '/environment/count', { token })).status).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, 250))
      expect((await call(shortLived, 'lower', 'GET', '/environment/count', { token })).status).toBe(401)
    } finally {
      await shortLived.close()
    }
  })

  test('[AUTH-08] 403 naming the scopes the operation needs', async () => {
    const readOnly = await tokenFor(emulator, 'lower', ['fr:idc:esv:read'])
    const write = await call(emulator, 'lower', 'PUT', '/environment/variables/esv-x', {
      token: readOnly,
      body: { valueBase64: 'eA==', expressionType: 'string' }
    })
    expect(write.status).toBe(403)
    expect(write.body).toEqual({ code: 403, message: 'Forbidden: missing scope fr:idc:esv:* or fr:idc:esv:update' })
    const restart = await call(emulator, 'lower', 'POST', '/environment/startup?_action=restart', { token: readOnly })
    expect(restart.body).toEqual({ code: 403, message: 'Forbidden: missing scope fr:idc:esv:* or fr:idc:esv:restart' })
    expect(emulator.lower.state.variables.has('esv-x')).toBe(false)
    const certificates = await tokenFor(emulator, 'lower', ['fr:idc:certificate:read'])
    expect((await call(emulator, 'lower', 'GET', '/environment/variables', { token: certificates })).status).toBe(403)
  })

  test('unknown paths answer 404 and wrong methods 405', async () => {
    const token = await tokenFor(emulator, 'lower')
    expect(await call(emulator, 'lower', 'GET', '/environment/nothing', { token })).toMatchObject({
      status: 404,
      body: { code: 404, message: 'Not found' }
    })
    const patch = await call(emulator, 'lower', 'PATCH', '/environment/variables/esv-api-base-url', { token })
    expect(patch.status).toBe(405)
    expect(patch.headers.get('allow')).toBe('GET, PUT, POST, DELETE')
  })
})
