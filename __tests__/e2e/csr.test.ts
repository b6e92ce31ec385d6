import { readFileSync } from 'node:fs'
import { createPublicKey, X509Certificate } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { buildCertificate, generateKeys, selfSignedCertificate } from '../../emulator/x509.js'
import { errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, startE2e, type E2eContext } from '../helpers/e2e.js'

/** A certificate authority of our own, to sign what the tenant asks for. */
const CA = selfSignedCertificate({ commonName: 'Acme Test CA' })

describe('operations: create-csr, complete-csr', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e()
  })
  afterEach(() => e2e.close())

  const settings = () => e2e.emulator.upper.state.settings
  const requests = () =>
    e2e.emulator.log.filter((e) => e.tenant === 'upper' && !e.path.startsWith('/am/')).map((e) => `${e.method} ${e.path}`)

  function run(inputs: Record<string, string>, files: Record<string, string> = {}) {
    return e2e.run({
      inputs: { ...connectionInputs(e2e.emulator), ...FAST_WAITS, ...inputs },
      files,
      extraSecrets: [CA.privateKey]
    })
  }

  /** Signs the CSR the tenant made, as the CA would (the emulator's record holds its public key). */
  function sign(csrId: string, commonName = 'login.acme.example'): string {
    const csr = settings().csrs.get(csrId)!
    const now = Date.now()
    return buildCertificate({
      subject: [['CN', commonName]],
      subjectAlternativeNames: csr.subjectAlternativeNames,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 90 * 86_400_000),
      publicKey: createPublicKey(csr.privateKey),
      issuer: { subject: [['CN', 'Acme Test CA']], privateKey: CA.keys.privateKey }
    })
  }

  test('create-csr asks the tenant for a CSR and hands out its PEM as a file and an output; complete-csr installs the signed certificate', async () => {
    const created = await run({
      operation: 'create-csr',
      'csr-algorithm': 'ecdsa',
      'csr-common-name': 'login.acme.example',
      'csr-subject-alternative-names': 'id.acme.example, *.login.acme.example',
      'csr-organization': 'Acme, Inc',
      'csr-country': 'US',
      'csr-email': 'pki@acme.example'
    })
    expect(created.main.exitCode).toBe(0)
    const csrId = created.main.outputs['csr-id']!
    const csr = settings().csrs.get(csrId)
    expect(csr).toMatchObject({
      algorithm: 'ECDSA-SHA256',
      subjectAlternativeNames: ['login.acme.example', 'id.acme.example', '*.login.acme.example']
    })
    expect(csr?.privateKey.asymmetricKeyType).toBe('ec')
    expect(created.main.outputs.csr).toBe(csr?.request)
    const file = created.main.outputs['csr-file']!
    expect(file.startsWith(`${created.workDir}/runner-temp/`)).toBe(true)
    expect(readFileSync(file, 'utf8')).toBe(csr?.request)
    expect(created.main.summary).toContain('### Certificate signing request created')
    expect(created.main.summary).toContain(`csr-id: ${csrId}`)
    expect(requests()).toEqual(['GET /environment/csrs', 'POST /environment/csrs'])
    expect(
      e2e.emulator.log
        .filter((e) => e.tenant === 'upper' && !e.path.startsWith('/am/'))
        .every((e) => e.scopes.join() === 'fr:idc:certificate:*')
    ).toBe(true)

    e2e.emulator.log.length = 0
    const signed = sign(csrId)
    const completed = await run(
      { operation: 'complete-csr', 'csr-id': csrId, 'certificate-file': 'certs/login.pem' },
      { 'certs/login.pem': signed + CA.certificate }
    )
    expect(completed.main.exitCode).toBe(0)
    const certificateId = completed.main.outputs['certificate-id']!
    const installed = settings().certificates.get(certificateId)
    expect(installed).toMatchObject({ subject: 'CN=login.acme.example', issuer: 'CN=Acme Test CA', active: false })
    expect(new X509Certificate(installed!.pem).checkPrivateKey(csr!.privateKey)).toBe(true)
    expect(settings().csrs.get(csrId)?.certificateID).toBe(certificateId)
    expect(requests()).toEqual([`GET /environment/csrs/${csrId}`, `PATCH /environment/csrs/${csrId}`])

    // Running it again finds the CSR completed and uploads nothing.
    e2e.emulator.log.length = 0
    const again = await run(
      { operation: 'complete-csr', 'csr-id': csrId, 'certificate-file': 'certs/login.pem' },
      { 'certs/login.pem': signed }
    )
    expect(again.main.exitCode).toBe(0)
    expect(again.main.outputs['certificate-id']).toBe(certificateId)
    expect(requests()).toEqual([`GET /environment/csrs/${csrId}`])
    expect(settings().certificates.size).toBe(1)
  })

  test('issue 24: a real tenant leaves postalCode out of the CSR: the step warns; the rest in the tenant’s order is the same CSR on a rerun', async () => {
    const inputs = {
      operation: 'create-csr',
      'csr-common-name': 'login.acme.example',
      'csr-organization': 'Acme',
      'csr-city': 'Georgetown',
      'csr-state': 'Texas',
      'csr-country': 'US',
      'csr-postal-code': '78626'
    }
    const created = await run(inputs)
    expect(created.main.exitCode).toBe(0)
    const csrId = created.main.outputs['csr-id']!
    const csr = settings().csrs.get(csrId)!
    expect(csr.subject).toBe('C=US/ST=Texas/L=Georgetown/O=Acme/CN=login.acme.example')
    expect(created.main.stdout).toContain(
      `::warning::csr-postal-code: the tenant left postalCode out of CSR ${csrId} (its subject is C=US/ST=Texas/L=Georgetown/O=Acme/CN=login.acme.example)`
    )
    expect(created.main.summary).toMatch(/\| algorithm \| SHA256-RSA \|/)

    e2e.emulator.log.length = 0
    const again = await run(inputs)
    expect(again.main.exitCode).toBe(0)
    expect(again.main.outputs['csr-id']).toBe(csrId)
    expect(requests()).toEqual(['GET /environment/csrs'])
    expect(settings().csrs.size).toBe(1)

    const withoutPostalCode = await run({ ...inputs, 'csr-postal-code': '' })
    expect(withoutPostalCode.main.stdout).not.toContain('csr-postal-code:')
  })

  test('a CSR whose answer is lost is found by listing, not created twice', async () => {
    e2e.emulator.fault({ tenant: 'upper', method: 'POST', path: '/environment/csrs', handleThenDrop: true, times: 1 })
    const created = await run({ operation: 'create-csr', 'csr-common-name': 'login.acme.example' })
    expect(created.main.exitCode).toBe(0)
    expect(settings().csrs.size).toBe(1)
    expect(created.main.outputs['csr-id']).toBe([...settings().csrs.keys()][0])
    expect(requests()).toEqual(['GET /environment/csrs', 'POST /environment/csrs', 'GET /environment/csrs'])
  })

  test('a certificate that does not belong to the CSR is refused by the tenant, with its message', async () => {
    const created = await run({ operation: 'create-csr', 'csr-common-name': 'login.acme.example' })
    const other = selfSignedCertificate({ commonName: 'login.acme.example' })
    const completed = await run(
      { operation: 'complete-csr', 'csr-id': created.main.outputs['csr-id']!, 'certificate-file': 'cert.pem' },
      { 'cert.pem': other.certificate }
    )
    expect(completed.main.exitCode).toBe(1)
    expect(errorLines(completed.main).at(-1)).toMatch(
      /PATCH \/environment\/csrs\/csr-\d+ failed with HTTP 400: The certificate does not match the certificate signing request/
    )
    expect(settings().certificates.size).toBe(0)
  })

  test('an unknown CSR id fails naming it', async () => {
    const completed = await run(
      { operation: 'complete-csr', 'csr-id': 'csr-999999', 'certificate-file': 'cert.pem' },
      { 'cert.pem': CA.certificate }
    )
    expect(completed.main.exitCode).toBe(1)
    expect(errorLines(completed.main).at(-1)).toMatch(/^CSR csr-999999 does not exist in http:\/\/127\.0\.0\.1:\d+; check csr-id/)
  })

  describe('bad inputs: one line each, zero requests', () => {
    test('create-csr', async () => {
      const created = await run({
        operation: 'create-csr',
        'csr-algorithm': 'dsa',
        'csr-subject-alternative-names': 'https://login.acme.example, ok.acme.example',
        'csr-country': 'usa',
        'csr-email': 'not an email',
        'csr-organization': 'x'.repeat(65)
      })
      expect(created.main.exitCode).toBe(1)
      expect(errorLines(created.main)).toEqual([
        [
          'Invalid inputs (5): csr-algorithm: "dsa" is not one of rsa, ecdsa',
          'csr-subject-alternative-names: "https://login.acme.example" is a URL; give the certificate name alone, e.g. login.acme.example',
          'csr-country: expected a two-letter ISO 3166 country code in capitals, e.g. US, got "usa"',
          'csr-email: expected an email address, got "not an email"',
          'csr-organization: expected one line of at most 64 characters'
        ].join('; ')
      ])
      const nothing = await run({ operation: 'create-csr' })
      expect(errorLines(nothing.main)).toEqual([
        'Invalid input: csr-common-name: give csr-common-name and/or csr-subject-alternative-names: the domains the certificate will secure'
      ])
      expect(e2e.emulator.log).toEqual([])
    })

    test('complete-csr', async () => {
      const missing = await run({ operation: 'complete-csr' })
      expect(errorLines(missing.main)).toEqual([
        'Invalid inputs (2): csr-id: required (the id create-csr gave, output csr-id); certificate-file: required (the signed certificate, PEM, relative to the workspace)'
      ])
      const notPem = await run(
        { operation: 'complete-csr', 'csr-id': 'csr-000001', 'certificate-file': 'cert.pem' },
        { 'cert.pem': 'hello' }
      )
      expect(errorLines(notPem.main)).toEqual([
        'Invalid input: certificate-file: cert.pem: no PEM certificate (-----BEGIN CERTIFICATE-----) in it'
      ])
      const key = generateKeys('ecdsa').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
      const withKey = await e2e.run({
        inputs: { ...connectionInputs(e2e.emulator), operation: 'complete-csr', 'csr-id': 'csr-000001', 'certificate-file': 'cert.pem' },
        files: { 'cert.pem': CA.certificate + key },
        extraSecrets: [key]
      })
      expect(errorLines(withKey.main)).toEqual([
        'Invalid input: certificate-file: cert.pem: holds a private key; keep keys out of git and pass them with private-key-from-env'
      ])
      expect(e2e.emulator.log).toEqual([])
    })
  })
})
