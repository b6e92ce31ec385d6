/** Service accounts (emulator/svcacct.ts) and the token endpoint trusting their keys, against evidence/service-accounts.md and auth.md. */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose'
import { startEmulator, type Emulator, type ServiceAccountRecord } from '../../emulator/index.js'
import { requestToken, signAssertion, sleep, tokenFor, serviceAccountKey } from './client.js'

let emulator: Emulator
let token: string

beforeEach(async () => {
  emulator = await startEmulator({ serviceAccountKey: await serviceAccountKey() })
  emulator.upper.serviceAccounts.keyAcceptDelayMs = 0
  token = await tokenFor(emulator, 'upper', ['fr:idm:*'])
})
afterEach(() => emulator.close())

const SVCACCT = '/openidm/managed/svcacct'

interface Answer<T> {
  status: number
  headers: Headers
  body: T
}

async function idm<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  bearer = token
): Promise<Answer<T>> {
  const response = await fetch(`${emulator.upper.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T }
}

interface KeyPair {
  privateKey: CryptoKey
  publicJwk: JWK
}

async function keyPair(): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk = await exportJWK(publicKey)
  return { privateKey, publicJwk: { kty: 'RSA', kid: await calculateJwkThumbprint(jwk), alg: 'RS256', e: jwk.e, n: jwk.n } }
}

const keySet = (...keys: JWK[]): string => JSON.stringify({ keys })

async function create(pair: KeyPair, extra: Record<string, unknown> = {}): Promise<Answer<ServiceAccountRecord>> {
  return idm<ServiceAccountRecord>('POST', `${SVCACCT}?_action=create`, {
    name: 'ci',
    description: 'CI',
    accountStatus: 'Active',
    scopes: ['fr:idc:esv:read'],
    jwks: keySet(pair.publicJwk),
    ...extra
  })
}

async function tokenStatus(accountId: string, key: CryptoKey, scope = 'fr:idc:esv:read'): Promise<number> {
  const assertion = await signAssertion(emulator, 'upper', { key, iss: accountId, sub: accountId })
  return (await requestToken(emulator, 'upper', { assertion, scope })).status
}

describe('svcacct', () => {
  test('[SVC-01] [SVC-10] create answers 201 with _id, _rev, ETag and Location, and stores exactly the public key set sent', async () => {
    const pair = await keyPair()
    const answer = await create(pair)
    expect(answer.status).toBe(201)
    expect(answer.body).toEqual({
      _id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      _rev: expect.any(String),
      name: 'ci',
      description: 'CI',
      accountStatus: 'Active',
      scopes: ['fr:idc:esv:read'],
      jwks: keySet(pair.publicJwk)
    })
    expect(answer.headers.get('etag')).toBe(`"${answer.body._rev}"`)
    expect(answer.headers.get('location')).toBe(`${emulator.upper.url}${SVCACCT}/${answer.body._id}`)
    expect(emulator.upper.serviceAccounts.get(answer.body._id)?.jwks).toBe(keySet(pair.publicJwk))
    expect(emulator.lower.serviceAccounts.get(answer.body._id)).toBeUndefined()
  })

  test('[SVC-02] [SVC-10] jwks must be a JSON string of public RSA keys: private members, other keys and other shapes are 400', async () => {
    const pair = await keyPair()
    for (const jwks of [keySet({ ...pair.publicJwk, d: 'secret' }), keySet({ kty: 'EC', crv: 'P-256' }), '{"nokeys":1}', { keys: [] }]) {
      expect((await create(pair, { jwks })).status).toBe(400)
    }
    expect(emulator.upper.serviceAccounts.all().map((a) => a.name)).toEqual(['tenant-pilot'])
  })

  test('[SVC-03] the query by name answers IDM’s paged shape; true lists all; another filter is 400', async () => {
    const made = (await create(await keyPair())).body
    const byName = await idm<{ result: ServiceAccountRecord[]; resultCount: number }>(
      'GET',
      `${SVCACCT}?_queryFilter=${encodeURIComponent('name eq "ci"')}&_fields=_id,name`
    )
    expect(byName.body).toMatchObject({ result: [{ _id: made._id, name: 'ci' }], resultCount: 1, pagedResultsCookie: null })
    expect(
      (await idm<{ result: unknown[] }>('GET', `${SVCACCT}?_queryFilter=${encodeURIComponent('/name eq "none"')}`)).body.result
    ).toEqual([])
    expect((await idm<{ resultCount: number }>('GET', `${SVCACCT}?_queryFilter=true`)).body.resultCount).toBe(2)
    expect((await idm('GET', `${SVCACCT}?_queryFilter=${encodeURIComponent('name sw "c"')}`)).status).toBe(400)
  })

  test('[SVC-04] scopes outside the catalogue and another accountStatus are refused', async () => {
    const pair = await keyPair()
    expect((await create(pair, { scopes: ['fr:idc:nothing:*'] })).status).toBe(400)
    expect((await create(pair, { accountStatus: 'active' })).status).toBe(400)
    expect((await create(pair, { accountStatus: 'Inactive' })).body.accountStatus).toBe('Inactive')
  })

  test('[SVC-05] PATCH replaces fields from a JSON Patch list and moves _rev on', async () => {
    const made = (await create(await keyPair())).body
    const answer = await idm<ServiceAccountRecord>(
      'PATCH',
      `${SVCACCT}/${made._id}`,
      [
        { operation: 'replace', field: '/description', value: 'changed' },
        { operation: 'replace', field: '/scopes', value: ['fr:idc:esv:read', 'fr:idc:esv:update'] }
      ],
      { 'if-match': made._rev }
    )
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ description: 'changed', scopes: ['fr:idc:esv:read', 'fr:idc:esv:update'] })
    expect(answer.body._rev).not.toBe(made._rev)
    expect(answer.headers.get('etag')).toBe(`"${answer.body._rev}"`)
    expect((await idm('PATCH', `${SVCACCT}/${made._id}`, [{ operation: 'remove', field: '/description' }])).status).toBe(400)
  })

  test('[SVC-06] If-Match with another _rev is 412 and changes nothing; quoted and bare revs both match; another writer moves it on', async () => {
    const made = (await create(await keyPair())).body
    const patch = (rev: string) =>
      idm('PATCH', `${SVCACCT}/${made._id}`, [{ operation: 'replace', field: '/description', value: rev }], { 'if-match': rev })
    expect((await patch('not-the-rev')).status).toBe(412)
    expect(emulator.upper.serviceAccounts.get(made._id)?.description).toBe('CI')
    const quoted = await patch(`"${made._rev}"`)
    expect(quoted.status).toBe(200)
    emulator.upper.serviceAccounts.changeBeforeNextPatch()
    const current = emulator.upper.serviceAccounts.get(made._id)!._rev
    expect((await patch(current)).status).toBe(412)
    expect((await patch(emulator.upper.serviceAccounts.get(made._id)!._rev)).status).toBe(200)
  })

  test('[SVC-07] read by id with ETag, delete answers the object, an unknown id is 404', async () => {
    const made = (await create(await keyPair())).body
    const read = await idm<ServiceAccountRecord>('GET', `${SVCACCT}/${made._id}`)
    expect(read.body).toEqual(made)
    expect(read.headers.get('etag')).toBe(`"${made._rev}"`)
    expect((await idm<ServiceAccountRecord>('DELETE', `${SVCACCT}/${made._id}`)).body._id).toBe(made._id)
    expect((await idm('GET', `${SVCACCT}/${made._id}`)).status).toBe(404)
  })

  test('[SVC-08] the scopes catalogue: full scopes with their children', async () => {
    const answer = await idm<{ scope: string; childScopes?: { scope: string }[] }[]>('GET', '/environment/scopes/service-accounts')
    expect(answer.status).toBe(200)
    expect(answer.body.map((entry) => entry.scope)).toEqual(
      expect.arrayContaining(['fr:am:*', 'fr:idm:*', 'fr:idc:esv:*', 'fr:idc:promotion:*'])
    )
    expect(answer.body.find((entry) => entry.scope === 'fr:idc:esv:*')?.childScopes?.map((child) => child.scope)).toEqual([
      'fr:idc:esv:read',
      'fr:idc:esv:update',
      'fr:idc:esv:restart'
    ])
  })

  test('[SVC-08] the catalogue holds every scope frodo-lib names: Governance, mTLS, Proxy Connect and the rest', async () => {
    const answer = await idm<{ scope: string; childScopes?: { scope: string }[] }[]>('GET', '/environment/scopes/service-accounts')
    const all = answer.body.flatMap((entry) => [entry.scope, ...(entry.childScopes ?? []).map((child) => child.scope)])
    expect(all).toEqual(
      expect.arrayContaining([
        'fr:iga:*',
        'fr:autoaccess:*',
        'fr:idc:analytics:*',
        'fr:idc:mtls:*',
        'fr:idc:proxy-connect:*',
        'fr:idc:proxy-connect:read',
        'fr:idc:proxy-connect:write',
        'fr:idc:direct-configuration:session:read',
        'fr:idc:dataset:read',
        'fr:idc:ws:admin'
      ])
    )
    expect(new Set(all).size).toBe(all.length)
    expect((await create(await keyPair(), { scopes: ['fr:iga:*', 'fr:idc:mtls:*', 'fr:idc:proxy-connect:write'] })).status).toBe(201)
  })

  test('[SVC-12] svcacct errors are IDM’s {code, reason, message}: 400, 404, 412 and the 403 of a token without fr:idm:*', async () => {
    const made = (await create(await keyPair())).body
    expect((await create(await keyPair(), { accountStatus: 'active' })).body).toEqual({
      code: 400,
      reason: 'Bad Request',
      message: 'accountStatus must be Active or Inactive'
    })
    expect((await idm('GET', `${SVCACCT}/no-such-id`)).body).toMatchObject({ code: 404, reason: 'Not Found', message: expect.any(String) })
    const stale = await idm('PATCH', `${SVCACCT}/${made._id}`, [{ operation: 'replace', field: '/description', value: 'x' }], {
      'if-match': 'stale'
    })
    expect(stale.body).toMatchObject({ code: 412, reason: 'Precondition Failed' })
    const esvOnly = await tokenFor(emulator, 'upper', ['fr:idc:esv:*'])
    expect((await idm('GET', `${SVCACCT}?_queryFilter=true`, undefined, {}, esvOnly)).body).toMatchObject({
      code: 403,
      reason: 'Forbidden'
    })
  })

  test('[SVC-09] every svcacct call and the catalogue need fr:idm:*', async () => {
    const esvOnly = await tokenFor(emulator, 'upper', ['fr:idc:esv:*'])
    for (const path of [
      `${SVCACCT}?_queryFilter=true`,
      '/environment/scopes/service-accounts',
      `${SVCACCT}/${emulator.serviceAccount.id}`
    ]) {
      expect((await idm('GET', path, undefined, {}, esvOnly)).status).toBe(403)
    }
  })
})

describe('the token endpoint and the keys of each account', () => {
  test('[AUTH-09] [SVC-11] any key in the account’s jwks signs; a key removed is refused at once; the token names the account and its scopes', async () => {
    const first = await keyPair()
    const made = (await create(first)).body
    expect(await tokenStatus(made._id, first.privateKey)).toBe(200)
    const answer = await requestToken(emulator, 'upper', {
      assertion: await signAssertion(emulator, 'upper', { key: first.privateKey, iss: made._id, sub: made._id }),
      scope: 'fr:idc:esv:update'
    })
    expect(answer.body).toMatchObject({
      error: 'invalid_scope',
      error_description: 'Unsupported scope for service account: fr:idc:esv:update'
    })

    const second = await keyPair()
    const both = await idm<ServiceAccountRecord>(
      'PATCH',
      `${SVCACCT}/${made._id}`,
      [{ operation: 'replace', field: '/jwks', value: keySet(first.publicJwk, second.publicJwk) }],
      {
        'if-match': made._rev
      }
    )
    expect(await tokenStatus(made._id, first.privateKey)).toBe(200)
    expect(await tokenStatus(made._id, second.privateKey)).toBe(200)
    await idm('PATCH', `${SVCACCT}/${made._id}`, [{ operation: 'replace', field: '/jwks', value: keySet(second.publicJwk) }], {
      'if-match': both.body._rev
    })
    expect(await tokenStatus(made._id, first.privateKey)).toBe(400)
    expect(await tokenStatus(made._id, second.privateKey)).toBe(200)
    // Another account's key does not sign for this one, nor an unknown issuer.
    const own = await tokenStatus(made._id, (await keyPair()).privateKey)
    expect(own).toBe(400)
    const bearer = (
      await requestToken(emulator, 'upper', {
        assertion: await signAssertion(emulator, 'upper', { key: second.privateKey, iss: made._id, sub: made._id }),
        scope: 'fr:idc:esv:read'
      })
    ).body['access_token'] as string
    expect((await fetch(`${emulator.upper.url}/environment/variables`, { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(
      200
    )
  })

  test('[SVC-11] a new key is trusted only after keyAcceptDelayMs; one already trusted stays trusted through later changes', async () => {
    emulator.upper.serviceAccounts.keyAcceptDelayMs = 400
    const first = await keyPair()
    const made = (await create(first)).body
    expect(await tokenStatus(made._id, first.privateKey)).toBe(400)
    await sleep(450)
    expect(await tokenStatus(made._id, first.privateKey)).toBe(200)
    await idm('PATCH', `${SVCACCT}/${made._id}`, [{ operation: 'replace', field: '/description', value: 'again' }], {
      'if-match': made._rev
    })
    expect(await tokenStatus(made._id, first.privateKey)).toBe(200)
  })

  test('[AUTH-10] an Inactive account gets no token', async () => {
    const pair = await keyPair()
    const made = (await create(pair, { accountStatus: 'Inactive' })).body
    expect(await tokenStatus(made._id, pair.privateKey)).toBe(400)
  })
})
