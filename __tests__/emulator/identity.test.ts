import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { startEmulator } from '../../emulator/index.js'
import type { ClientCredentials, Emulator } from '../../emulator/index.js'
import type { ApiClient, ApiClientList, IdentityErrorBody } from '../../src/tenant/types.js'
import { serviceAccountKey } from './client.js'

let emulator: Emulator

beforeEach(async () => {
  emulator = await startEmulator({ serviceAccountKey: await serviceAccountKey() })
})
afterEach(() => emulator.close())

interface Answer<T> {
  status: number
  headers: Headers
  text: string
  body: T
}

async function requestToken(form: Record<string, string>): Promise<Answer<Record<string, unknown>>> {
  const response = await fetch(`${emulator.identity.url}/v1.0/endpoint/default/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form)
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as Record<string, unknown> }
}

async function tokenOf(client: ClientCredentials = emulator.identity.adminClient): Promise<string> {
  const answer = await requestToken({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret })
  const token = answer.body['access_token']
  if (typeof token !== 'string') throw new Error(`no token: ${answer.text}`)
  return token
}

async function call<T>(method: string, path: string, token: string | undefined, body?: unknown): Promise<Answer<T>> {
  const headers: Record<string, string> = {}
  if (token) headers['authorization'] = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${emulator.identity.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, body: (text ? JSON.parse(text) : undefined) as T }
}

const create = (token: string, body: Record<string, unknown>) => call<undefined>('POST', '/v1.0/apiclients', token, body)
const newClient = { clientName: 'crm-sync', enabled: true, entitlements: ['readUserGroups'] }

describe('identity tenant: client-credentials token endpoint', () => {
  test('[IDN-01] issues a bearer token to a known client and remembers it for leak scans', async () => {
    const { adminClient } = emulator.identity
    const answer = await requestToken({
      grant_type: 'client_credentials',
      client_id: adminClient.clientId,
      client_secret: adminClient.clientSecret
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ token_type: 'bearer', scope: 'manageAPIClients' })
    expect(emulator.issuedTokens()).toContain(answer.body['access_token'])
    expect(emulator.log.at(-1)).toMatchObject({ tenant: 'identity', method: 'POST', path: '/v1.0/endpoint/default/token', status: 200 })
  })

  test('[IDN-02] refuses a wrong secret, an unknown client and another grant type', async () => {
    const { adminClient } = emulator.identity
    const wrong = await requestToken({ grant_type: 'client_credentials', client_id: adminClient.clientId, client_secret: 'nope' })
    expect(wrong.status).toBe(401)
    expect(wrong.body).toEqual({ error: 'invalid_client', error_description: 'The client credentials are not valid' })
    expect((await requestToken({ grant_type: 'client_credentials', client_id: 'who', client_secret: 'x' })).status).toBe(401)
    expect((await requestToken({ grant_type: 'password', client_id: adminClient.clientId })).body['error']).toBe('unsupported_grant_type')
  })

  test('[IDN-04] a token of the Identity Cloud tenants is not accepted, nor the other way round', async () => {
    const token = await tokenOf()
    expect((await call('GET', '/v1.0/apiclients', 'not-a-token')).status).toBe(401)
    const onLower = await fetch(`${emulator.lower.url}/environment/startup`, { headers: { authorization: `Bearer ${token}` } })
    expect(onLower.status).toBe(401)
  })

  test('[IDN-04][IDN-05] expireTokens makes every issued token answer 401 with the identity error shape', async () => {
    const token = await tokenOf()
    emulator.identity.expireTokens()
    const answer = await call<IdentityErrorBody>('GET', '/v1.0/apiclients', token)
    expect(answer.status).toBe(401)
    expect(answer.body.messageId).toMatch(/^CSIAI\d+E$/)
  })
})

describe('identity tenant: /v1.0/apiclients', () => {
  test('[IDN-06][IDN-07][IDN-09] POST answers 201 with an empty body and an absolute Location; GET shows a random id and secret', async () => {
    const token = await tokenOf()
    const answer = await create(token, { ...newClient, description: 'nightly' })
    expect(answer.status).toBe(201)
    expect(answer.text).toBe('')
    const location = answer.headers.get('location')!
    expect(location).toMatch(new RegExp(`^${emulator.identity.url}/v1\\.0/apiclients/[0-9a-f-]{36}$`))
    const client = await call<ApiClient>('GET', new URL(location).pathname, token)
    expect(client.status).toBe(200)
    expect(client.body).toEqual({
      id: expect.any(String),
      clientName: 'crm-sync',
      clientId: expect.any(String),
      clientSecret: expect.any(String),
      entitlements: ['readUserGroups'],
      enabled: true,
      description: 'nightly'
    })
    expect(client.body.clientId).not.toBe(client.body.id)
    const again = await create(token, newClient)
    const other = await call<ApiClient>('GET', new URL(again.headers.get('location')!).pathname, token)
    expect(other.body.clientSecret).not.toBe(client.body.clientSecret)
  })

  test('[IDN-07] the Location style can be relative or point at another origin', async () => {
    const token = await tokenOf()
    emulator.identity.setLocationStyle({ kind: 'relative' })
    expect((await create(token, newClient)).headers.get('location')).toMatch(/^\/v1\.0\/apiclients\/[0-9a-f-]{36}$/)
    emulator.identity.setLocationStyle({ kind: 'other-origin', origin: 'http://elsewhere.invalid' })
    expect((await create(token, newClient)).headers.get('location')).toMatch(/^http:\/\/elsewhere\.invalid\/v1\.0\/apiclients\//)
  })

  test('[IDN-12][IDN-05] an unknown or wrongly cased entitlement is refused with the identity error shape', async () => {
    const token = await tokenOf()
    const answer = await call<IdentityErrorBody>('POST', '/v1.0/apiclients', token, { ...newClient, entitlements: ['readusergroups'] })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({ messageId: 'CSIAI0400E', messageDescription: 'The entitlement readusergroups is not valid' })
    expect(emulator.identity.state.apiClients.size).toBe(1)
  })

  test('[IDN-13] an entitlement of an offering the tenant lacks is refused', async () => {
    await emulator.close()
    emulator = await startEmulator({ serviceAccountKey: await serviceAccountKey(), identityOfferings: ['CIV'] })
    const token = await tokenOf()
    const answer = await call<IdentityErrorBody>('POST', '/v1.0/apiclients', token, { ...newClient, entitlements: ['manageMFAMethods'] })
    expect(answer.status).toBe(400)
    expect(answer.body.messageDescription).toBe('The entitlement manageMFAMethods is not available: it requires the CIC offering')
    expect((await create(token, { ...newClient, entitlements: ['managePwdVault'] })).status).toBe(201)
  })

  test('[IDN-14] required fields are checked', async () => {
    const token = await tokenOf()
    expect(
      (await call<IdentityErrorBody>('POST', '/v1.0/apiclients', token, { enabled: true, entitlements: [] })).body.messageDescription
    ).toBe('The attribute clientName is required')
    expect((await create(token, { clientName: 'x', entitlements: [] })).status).toBe(400)
    expect((await create(token, { clientName: 'x', enabled: true })).status).toBe(400)
  })

  test('[IDN-11][IDN-10] manageAPIClients is enforced with 403; readAPIClients reads without secrets', async () => {
    const reader = emulator.identity.createAdminClient(['readAPIClients'])
    const readerToken = await tokenOf(reader)
    const denied = await call<IdentityErrorBody>('POST', '/v1.0/apiclients', readerToken, newClient)
    expect(denied.status).toBe(403)
    expect(denied.body.messageId).toBe('CSIAI0403E')
    expect(denied.body.messageDescription).toContain('manageAPIClients')
    const listed = await call<ApiClientList>('GET', '/v1.0/apiclients', readerToken)
    expect(listed.status).toBe(200)
    expect(listed.body.apiClients.every((client) => client.clientSecret === undefined)).toBe(true)
    const nobody = emulator.identity.createAdminClient(['readUserGroups'])
    expect((await call('GET', '/v1.0/apiclients', await tokenOf(nobody))).status).toBe(403)
    expect(emulator.log.at(-1)).toMatchObject({ tenant: 'identity', status: 403, scopes: ['readUserGroups'] })
  })

  test('[IDN-10] readAPIClientsAndClientSecret reads with secrets but cannot create', async () => {
    const token = await tokenOf()
    await create(token, newClient)
    const reader = await tokenOf(emulator.identity.createAdminClient(['readAPIClientsAndClientSecret']))
    const listed = await call<ApiClientList>('GET', '/v1.0/apiclients', reader)
    expect(listed.body.apiClients.map((client) => typeof client.clientSecret)).toEqual(['string', 'string', 'string'])
    expect((await create(reader, newClient)).status).toBe(403)
  })

  test('[IDN-10] secretsShown false hides secrets even from manageAPIClients', async () => {
    const token = await tokenOf()
    emulator.identity.state.secretsShown = false
    const location = (await create(token, newClient)).headers.get('location')!
    expect((await call<ApiClient>('GET', new URL(location).pathname, token)).body.clientSecret).toBeUndefined()
  })

  test('[IDN-08] search matches loosely by default, even the clientName = "x" form; exact-syntax matches that name only', async () => {
    const token = await tokenOf()
    await create(token, newClient)
    await create(token, { ...newClient, clientName: 'CRM-sync-2' })
    const byName = `/v1.0/apiclients?search=${encodeURIComponent('clientName = "crm-sync"')}`
    const loosely = await call<ApiClientList>('GET', byName, token)
    expect(loosely.body.apiClients.map((c) => c.clientName).sort()).toEqual(['CRM-sync-2', 'crm-sync'])
    emulator.identity.state.searchMatching = 'exact-syntax'
    const exact = await call<ApiClientList>('GET', byName, token)
    expect(exact.body.apiClients.map((c) => c.clientName)).toEqual(['crm-sync'])
    expect(exact.body.total).toBe(1)
    expect(exact.body.apiClients[0]!.clientSecret).toEqual(expect.any(String))
    const loose = await call<ApiClientList>('GET', '/v1.0/apiclients?search=CRM', token)
    expect(loose.body.apiClients.map((c) => c.clientName).sort()).toEqual(['CRM-sync-2', 'crm-sync'])
    const all = await call<ApiClientList>('GET', '/v1.0/apiclients', token)
    expect(all.body.total).toBe(3) // the admin client too
  })

  test('[IDN-15][IDN-09] PUT replaces a client and rotates its secret when clientSecret is left out; DELETE answers 204', async () => {
    const token = await tokenOf()
    const path = new URL((await create(token, newClient)).headers.get('location')!).pathname
    const before = (await call<ApiClient>('GET', path, token)).body
    expect(
      (
        await call('PUT', path, token, {
          clientName: 'crm-sync',
          enabled: false,
          entitlements: ['readCerts'],
          clientSecret: before.clientSecret
        })
      ).status
    ).toBe(204)
    const kept = (await call<ApiClient>('GET', path, token)).body
    expect(kept).toMatchObject({ enabled: false, entitlements: ['readCerts'], clientSecret: before.clientSecret })
    await call('PUT', path, token, { clientName: 'crm-sync', enabled: true, entitlements: ['readCerts'] })
    const rotated = (await call<ApiClient>('GET', path, token)).body
    expect(rotated.clientSecret).not.toBe(before.clientSecret)
    expect(rotated.clientId).toBe(before.clientId)
    expect((await call('DELETE', path, token)).status).toBe(204)
    expect((await call<IdentityErrorBody>('GET', path, token)).body.messageId).toBe('CSIAI0404E')
  })

  test('[IDN-03] a disabled client gets no token, and by default its earlier tokens stop working; the option honours them', async () => {
    const client = emulator.identity.createAdminClient(['readAPIClients'])
    const earlier = await tokenOf(client)
    emulator.identity.state.apiClients.get(client.id)!.enabled = false
    expect(
      (await requestToken({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret })).status
    ).toBe(401)
    expect((await call('GET', '/v1.0/apiclients', earlier)).status).toBe(401)
    emulator.identity.state.disabledClients = 'honour-issued-tokens'
    expect((await call('GET', '/v1.0/apiclients', earlier)).status).toBe(200)
  })
})
