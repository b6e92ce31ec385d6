import { createPublicKey, X509Certificate } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { startEmulator } from '../../emulator/index.js'
import type { Emulator } from '../../emulator/index.js'
import { buildCertificate, selfSignedCertificate } from '../../emulator/x509.js'
import type { Certificate, CertificateSigningRequest, ContentSecurityPolicy, DomainList } from '../../src/tenant/types.js'
import { call, sleep, tokenFor, serviceAccountKey } from './client.js'

const LOGIN = selfSignedCertificate({
  commonName: 'login.acme.example',
  subjectAlternativeNames: ['login.acme.example', 'id.acme.example']
})
const OTHER = selfSignedCertificate({ commonName: 'other.acme.example', algorithm: 'ecdsa' })

let emulator: Emulator
let token: string

beforeEach(async () => {
  // No lags here: their own tests set them.
  emulator = await startEmulator({
    serviceAccountKey: await serviceAccountKey(),
    certificateOnlineMs: 0,
    certificateOfflineMs: 0,
    certificateDeleteLagMs: 0,
    dnsDelayMs: 0
  })
  token = await tokenFor(emulator, 'upper', [
    'fr:idc:certificate:*',
    'fr:idc:content-security-policy:*',
    'fr:idc:cookie-domain:*',
    'fr:idc:custom-domain:*',
    'fr:idc:federation:*',
    'fr:idc:sso-cookie:*'
  ])
})
afterEach(() => emulator.close())

const upper = (method: string, path: string, body?: unknown, withToken = token) =>
  call(emulator, 'upper', method, path, { token: withToken, body })

describe('scopes from the OpenAPI security of each endpoint', () => {
  test.each([
    ['GET', '/environment/content-security-policy/enforced', 'fr:idc:content-security-policy:read', 200],
    ['GET', '/environment/cookie-domains', 'fr:idc:cookie-domain:read', 200],
    ['GET', '/environment/custom-domains/bravo', 'fr:idc:custom-domain:read', 200],
    ['POST', '/environment/custom-domains?_action=verify', 'fr:idc:custom-domain:read', 403],
    ['GET', '/environment/federation/enforcement', 'fr:idc:federation:read', 200],
    ['GET', '/environment/sso-cookie', 'fr:idc:sso-cookie:read', 200],
    ['PUT', '/environment/sso-cookie', 'fr:idc:sso-cookie:read', 403]
  ])(
    '[SET-01] %s %s with the read scope %s answers %d: reads accept either scope, writes the full one',
    async (method, path, scope, status) => {
      const scoped = await tokenFor(emulator, 'upper', [scope])
      expect((await upper(method, path, method === 'GET' ? undefined : {}, scoped)).status).toBe(status)
    }
  )

  test.each([
    ['GET', '/environment/certificates', 'fr:idc:certificate:read', 200],
    ['POST', '/environment/certificates', 'fr:idc:certificate:read', 403],
    ['GET', '/environment/csrs', 'fr:idc:certificate:read', 200],
    ['GET', '/environment/content-security-policy/enforced', 'fr:idc:cookie-domain:*', 403],
    ['GET', '/environment/content-security-policy/report-only', 'fr:idc:content-security-policy:*', 200],
    ['GET', '/environment/cookie-domains', 'fr:idc:cookie-domain:*', 200],
    ['GET', '/environment/custom-domains/alpha', 'fr:idc:federation:*', 403],
    ['GET', '/environment/federation/enforcement', 'fr:idc:federation:*', 200],
    ['GET', '/environment/sso-cookie', 'fr:idc:sso-cookie:*', 200],
    ['PUT', '/environment/sso-cookie', 'fr:idc:esv:*', 403]
  ])('[SET-01] %s %s with %s answers %d', async (method, path, scope, status) => {
    const scoped = await tokenFor(emulator, 'upper', [scope])
    const answer = await upper(method, path, method === 'GET' ? undefined : {}, scoped)
    expect(answer.status).toBe(status)
    expect(answer.headers.get('content-api-version') ?? 'none').toBe(status === 200 ? 'resource=1.0' : 'none')
  })

  test('no token: 401', async () => {
    expect((await call(emulator, 'upper', 'GET', '/environment/sso-cookie')).status).toBe(401)
  })
})

describe('certificates', () => {
  test('[SET-02] [SET-03] [SET-05] [SET-06] upload, read, activate, delete only when inactive; never the key; missing ones answer with empty bodies', async () => {
    const uploaded = await upper('POST', '/environment/certificates', {
      certificate: LOGIN.certificate,
      privateKey: LOGIN.privateKey,
      active: true
    })
    expect(uploaded.status).toBe(200)
    const certificate = uploaded.body as unknown as Certificate
    const x509 = new X509Certificate(LOGIN.certificate)
    expect(certificate).toEqual({
      id: expect.any(String),
      active: true,
      live: true,
      subject: 'CN=login.acme.example',
      issuer: 'CN=login.acme.example',
      subjectAlternativeNames: ['login.acme.example', 'id.acme.example'],
      validFromTime: new Date(x509.validFrom).toISOString().replace('.000', ''),
      expireTime: new Date(x509.validTo).toISOString().replace('.000', '')
    })
    expect(uploaded.text).not.toContain('PRIVATE KEY')
    expect((await upper('GET', `/environment/certificates/${certificate.id}`)).body).toEqual(certificate)
    expect((await upper('GET', '/environment/certificates')).body).toEqual([certificate])

    const refused = await upper('DELETE', `/environment/certificates/${certificate.id}`)
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({
      code: 400,
      message: 'Cannot delete an active certificate, de-activate the certificate first and allow it to be removed from the loadbalancer.'
    })
    expect((await upper('PATCH', `/environment/certificates/${certificate.id}`, { active: false })).body).toMatchObject({
      active: false,
      live: false
    })
    expect((await upper('DELETE', `/environment/certificates/${certificate.id}`)).status).toBe(200)
    const missing = await upper('GET', `/environment/certificates/${certificate.id}`)
    expect([missing.status, missing.text]).toEqual([404, ''])
    const again = await upper('DELETE', `/environment/certificates/${certificate.id}`)
    expect([again.status, again.text]).toEqual([200, ''])
  })

  test('[SET-04] a deactivated certificate stays live for a while, and DELETE answers 500 with an empty body until a little after', async () => {
    const lagged = await startEmulator({
      serviceAccountKey: await serviceAccountKey(),
      certificateOnlineMs: 0,
      certificateOfflineMs: 300,
      certificateDeleteLagMs: 300
    })
    try {
      const scoped = await tokenFor(lagged, 'upper', ['fr:idc:certificate:*'])
      const send = (method: string, path: string, body?: unknown) => call(lagged, 'upper', method, path, { token: scoped, body })
      const uploaded = (
        await send('POST', '/environment/certificates', { certificate: LOGIN.certificate, privateKey: LOGIN.privateKey, active: true })
      ).body as unknown as Certificate
      const one = `/environment/certificates/${uploaded.id}`
      expect((await send('PATCH', one, { active: false })).body).toMatchObject({ active: false, live: true })
      const early = await send('DELETE', one)
      expect([early.status, early.text]).toEqual([500, ''])
      await sleep(350)
      expect((await send('GET', one)).body).toMatchObject({ active: false, live: false })
      expect((await send('DELETE', one)).status).toBe(500)
      await sleep(300)
      expect((await send('DELETE', one)).status).toBe(200)
      expect(lagged.upper.state.settings.certificates.size).toBe(0)
    } finally {
      await lagged.close()
    }
  })

  test('[SET-11] an activated certificate, or one uploaded active, becomes live only after a while', async () => {
    const lagged = await startEmulator({ serviceAccountKey: await serviceAccountKey(), certificateOnlineMs: 300 })
    try {
      const scoped = await tokenFor(lagged, 'upper', ['fr:idc:certificate:*'])
      const send = (method: string, path: string, body?: unknown) => call(lagged, 'upper', method, path, { token: scoped, body })
      const uploaded = await send('POST', '/environment/certificates', {
        certificate: LOGIN.certificate,
        privateKey: LOGIN.privateKey,
        active: true
      })
      const id = (uploaded.body as unknown as Certificate).id
      expect(uploaded.body).toMatchObject({ active: true, live: false })
      await sleep(350)
      expect((await send('GET', `/environment/certificates/${id}`)).body).toMatchObject({ active: true, live: true })
      const other = (await send('POST', '/environment/certificates', { certificate: OTHER.certificate, privateKey: OTHER.privateKey }))
        .body as unknown as Certificate
      expect(other).toMatchObject({ active: false, live: false })
      expect((await send('PATCH', `/environment/certificates/${other.id}`, { active: true })).body).toMatchObject({
        active: true,
        live: false
      })
      await sleep(350)
      expect((await send('GET', `/environment/certificates/${other.id}`)).body).toMatchObject({ active: true, live: true })
    } finally {
      await lagged.close()
    }
  })

  test('[SET-02] [SET-05] uploads are refused for a key that is not the certificate’s, a broken PEM, an expired certificate, missing fields', async () => {
    const expired = selfSignedCertificate({ commonName: 'old.acme.example', days: -1 })
    const answers = await Promise.all([
      upper('POST', '/environment/certificates', { certificate: LOGIN.certificate, privateKey: OTHER.privateKey }),
      upper('POST', '/environment/certificates', { certificate: 'not a pem', privateKey: LOGIN.privateKey }),
      upper('POST', '/environment/certificates', { certificate: expired.certificate, privateKey: expired.privateKey }),
      upper('POST', '/environment/certificates', { certificate: LOGIN.certificate }),
      upper('PATCH', '/environment/certificates/cert-000404', { active: true })
    ])
    expect(answers.map((a) => [a.status, a.text === '' ? '' : (a.body as { message: string }).message])).toEqual([
      [400, 'The private key does not match the certificate'],
      [400, 'Invalid certificate: expected a PEM encoded X.509 certificate'],
      [400, 'The certificate has expired'],
      [400, 'privateKey is required'],
      [404, '']
    ])
    expect(emulator.upper.state.settings.certificates.size).toBe(0)
  })
})

describe('CSRs', () => {
  test('[SET-07] [SET-05] [SET-06] create makes a key and a PKCS#10 request; complete installs a certificate for that key only, once', async () => {
    const created = await upper('POST', '/environment/csrs', {
      algorithm: 'rsa',
      commonName: 'login.acme.example',
      organization: 'Acme',
      country: 'US',
      subjectAlternativeNames: ['login.acme.example']
    })
    expect(created.status).toBe(200)
    const csr = created.body as unknown as CertificateSigningRequest
    expect(csr).toMatchObject({
      algorithm: 'SHA256-RSA',
      subject: 'C=US/O=Acme/CN=login.acme.example',
      subjectAlternativeNames: ['login.acme.example']
    })
    expect(csr.request).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/)
    expect(csr.certificateID).toBeUndefined()
    expect((await upper('GET', '/environment/csrs')).body).toEqual([csr])

    const key = emulator.upper.state.settings.csrs.get(csr.id)!.privateKey
    const now = Date.now()
    const signed = buildCertificate({
      subject: [['CN', 'login.acme.example']],
      subjectAlternativeNames: ['login.acme.example'],
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 86_400_000),
      publicKey: createPublicKey(key),
      issuer: { subject: [['CN', 'CA']], privateKey: OTHER.keys.privateKey }
    })
    const wrong = await upper('PATCH', `/environment/csrs/${csr.id}`, { certificate: LOGIN.certificate })
    expect(wrong.body).toEqual({ code: 400, message: 'The certificate does not match the certificate signing request' })
    const extra = await upper('PATCH', `/environment/csrs/${csr.id}`, { certificate: signed, privateKey: 'x' })
    expect(extra.status).toBe(400)
    const done = await upper('PATCH', `/environment/csrs/${csr.id}`, { certificate: signed })
    expect(done.status).toBe(200)
    const certificateId = (done.body as unknown as CertificateSigningRequest).certificateID!
    expect((await upper('GET', `/environment/certificates/${certificateId}`)).body).toMatchObject({ active: false, issuer: 'CN=CA' })
    expect((await upper('PATCH', `/environment/csrs/${csr.id}`, { certificate: signed })).body).toEqual({
      code: 400,
      message: `The CSR was already completed with certificate ${certificateId}`
    })
    expect((await upper('DELETE', `/environment/csrs/${csr.id}`)).status).toBe(200)
    const gone = await upper('GET', `/environment/csrs/${csr.id}`)
    expect([gone.status, gone.text]).toEqual([404, ''])
    const again = await upper('DELETE', `/environment/csrs/${csr.id}`)
    expect([again.status, again.text]).toEqual([200, ''])
  })

  test('[SET-12] certificate answers carry no certificate member; no DNS name answers subjectAlternativeNames null', async () => {
    const plain = selfSignedCertificate({ commonName: 'plain.acme.example', subjectAlternativeNames: [], algorithm: 'ecdsa' })
    const uploaded = await upper('POST', '/environment/certificates', { certificate: plain.certificate, privateKey: plain.privateKey })
    expect(uploaded.status).toBe(200)
    expect(uploaded.body).not.toHaveProperty('certificate')
    expect(uploaded.body).toMatchObject({ subjectAlternativeNames: null })
    const id = String(uploaded.body.id)
    for (const answer of [
      await upper('GET', `/environment/certificates/${id}`),
      await upper('PATCH', `/environment/certificates/${id}`, { active: false })
    ])
      expect(Object.keys(answer.body).sort()).toEqual([
        'active',
        'expireTime',
        'id',
        'issuer',
        'live',
        'subject',
        'subjectAlternativeNames',
        'validFromTime'
      ])
    const listed = (await upper('GET', '/environment/certificates')).body as unknown as Record<string, unknown>[]
    expect(listed.every((certificate) => !('certificate' in certificate))).toBe(true)
  })

  test('[SET-13] a CSR’s subject leaves postalCode out (its PKCS#10 too), in the recorded order whatever the request’s; algorithm is the signature’s', async () => {
    // Every field, in another order than the tenant's, postalCode among them.
    const everyField = {
      jurisdictionState: 'Texas',
      jurisdictionCity: 'Georgetown',
      jurisdictionCountry: 'US',
      businessCategory: 'Private Organization',
      email: 'pki@acme.example',
      serialNumber: '04',
      commonName: 'login.acme.example',
      organizationalUnit: 'IAM',
      organization: 'Acme',
      postalCode: '78626',
      streetAddress: '1 Main Street',
      city: 'Georgetown',
      state: 'Texas',
      country: 'US'
    }
    const created = await upper('POST', '/environment/csrs', everyField)
    expect(created.status).toBe(200)
    const csr = created.body as unknown as CertificateSigningRequest
    expect(csr.algorithm).toBe('SHA256-RSA')
    expect(csr.subject).toBe(
      'C=US/ST=Texas/L=Georgetown/streetAddress=1 Main Street/O=Acme/OU=IAM/CN=login.acme.example/SERIALNUMBER=04/emailAddress=pki@acme.example/' +
        'businessCategory=Private Organization/jurisdictionCountryName=US/jurisdictionLocalityName=Georgetown/jurisdictionStateOrProvinceName=Texas'
    )
    const der = Buffer.from(csr.request.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')
    const oid = (...bytes: number[]) => der.includes(Buffer.from([0x06, 0x03, ...bytes]))
    expect({ postalCode: oid(0x55, 0x04, 0x11), street: oid(0x55, 0x04, 0x09) }).toEqual({ postalCode: false, street: true })
    const ecdsa = await upper('POST', '/environment/csrs', { algorithm: 'ecdsa', commonName: 'api.acme.example' })
    expect(ecdsa.body).toMatchObject({ algorithm: 'ECDSA-SHA256' })
    expect((await upper('POST', '/environment/csrs', { postalCode: 78626 })).status).toBe(400)
  })

  test('[SET-07] bad requests: algorithm, country, email', async () => {
    const answers = await Promise.all([
      upper('POST', '/environment/csrs', { algorithm: 'dsa' }),
      upper('POST', '/environment/csrs', { country: 'usa' }),
      upper('POST', '/environment/csrs', { email: 'nobody' })
    ])
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400])
  })
})

describe('environment settings', () => {
  test('[SET-08] content security policies: read and replace each, whole', async () => {
    expect((await upper('GET', '/environment/content-security-policy/enforced')).body).toEqual({ active: false, directives: {} })
    const policy: ContentSecurityPolicy = { active: true, directives: { 'script-src': ["'self'"] } }
    expect((await upper('PUT', '/environment/content-security-policy/report-only', policy)).body).toEqual(policy)
    expect(emulator.upper.state.settings.contentSecurityPolicy['report-only']).toEqual(policy)
    expect(emulator.upper.state.settings.contentSecurityPolicy.enforced.active).toBe(false)
    expect((await upper('PUT', '/environment/content-security-policy/enforced', { active: 'yes' })).status).toBe(400)
    expect((await upper('PUT', '/environment/content-security-policy/enforced', { directives: { x: 'y' } })).status).toBe(400)
  })

  test('[SET-08] cookie domains', async () => {
    expect((await upper('PUT', '/environment/cookie-domains', { domains: ['acme.example'] })).body).toEqual({ domains: ['acme.example'] })
    expect(((await upper('GET', '/environment/cookie-domains')).body as unknown as DomainList).domains).toEqual(['acme.example'])
    expect((await upper('PUT', '/environment/cookie-domains', { domains: 'acme.example' })).status).toBe(400)
  })

  test('[SET-09] custom domains: verify checks the CNAME; only verified domains can be set; realms are alpha and bravo', async () => {
    const failed = await upper('POST', '/environment/custom-domains?_action=verify', { name: 'login.acme.example' })
    expect(failed.body).toEqual({
      code: 400,
      message: 'CNAME validation failed: no CNAME record for login.acme.example points at this tenant'
    })
    expect((await upper('PUT', '/environment/custom-domains/alpha', { domains: ['login.acme.example'] })).status).toBe(400)
    emulator.upper.state.settings.cnameRecords.add('login.acme.example')
    const verified = await upper('POST', '/environment/custom-domains?_action=verify', { name: 'login.acme.example' })
    expect([verified.status, verified.text]).toEqual([200, ''])
    expect((await upper('PUT', '/environment/custom-domains/alpha', { domains: ['login.acme.example'] })).body).toEqual({
      domains: ['login.acme.example']
    })
    expect((await upper('GET', '/environment/custom-domains/bravo')).body).toEqual({ domains: [] })
    expect((await upper('GET', '/environment/custom-domains/charlie')).status).toBe(400)
    expect((await upper('POST', '/environment/custom-domains', { name: 'login.acme.example' })).status).toBe(400)
    expect((await upper('POST', '/environment/custom-domains?_action=verify', {})).status).toBe(400)
  })

  test('[SET-10] a new CNAME record verifies only after the DNS delay, counted from the first verification', async () => {
    const slow = await startEmulator({ serviceAccountKey: await serviceAccountKey(), dnsDelayMs: 300 })
    try {
      const scoped = await tokenFor(slow, 'upper', ['fr:idc:custom-domain:*'])
      const verify = () =>
        call(slow, 'upper', 'POST', '/environment/custom-domains?_action=verify', { token: scoped, body: { name: 'id.acme.example' } })
      slow.upper.state.settings.cnameRecords.add('id.acme.example')
      const early = await verify()
      expect([early.status, (early.body as { message: string }).message]).toEqual([
        400,
        'CNAME validation failed: the CNAME record for id.acme.example is not visible yet'
      ])
      await sleep(350)
      expect((await verify()).status).toBe(200)
    } finally {
      await slow.close()
    }
  })

  test('[SET-08] federation enforcement: none, non-global, all', async () => {
    expect((await upper('GET', '/environment/federation/enforcement')).body).toEqual({ groups: 'none' })
    expect((await upper('PUT', '/environment/federation/enforcement', { groups: 'all' })).body).toEqual({ groups: 'all' })
    expect((await upper('PUT', '/environment/federation/enforcement', { groups: 'some' })).status).toBe(400)
    expect(emulator.upper.state.settings.federationEnforcement).toBe('all')
  })

  test('[SET-08] SSO cookie: set by pattern, reset to the default', async () => {
    expect((await upper('PUT', '/environment/sso-cookie', { name: 'acmeSession' })).body).toEqual({ name: 'acmeSession' })
    expect((await upper('PUT', '/environment/sso-cookie', { name: 'acme-session' })).status).toBe(400)
    expect((await upper('PUT', '/environment/sso-cookie', { name: 'a'.repeat(33) })).status).toBe(400)
    expect((await upper('GET', '/environment/sso-cookie')).body).toEqual({ name: 'acmeSession' })
    expect((await upper('POST', '/environment/sso-cookie?_action=reset')).body).toEqual({ name: 'iPlanetDirectoryPro' })
  })

  test('[SET-08] each tenant has its own settings', async () => {
    await upper('PUT', '/environment/sso-cookie', { name: 'upperOnly' })
    expect(emulator.lower.state.settings.ssoCookieName).toBe('iPlanetDirectoryPro')
  })
})
