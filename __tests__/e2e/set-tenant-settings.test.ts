import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { selfSignedCertificate } from '../../emulator/x509.js'
import { annotations, errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, startE2e, type E2eContext, UNREVIEWED_APPLY } from '../helpers/e2e.js'

/** Made once: RSA key generation is the slow part. */
const LOGIN = selfSignedCertificate({
  commonName: 'login.acme.example',
  subjectAlternativeNames: ['login.acme.example', 'id.acme.example']
})
const OLD_LOGIN = selfSignedCertificate({ commonName: 'login.acme.example', days: 30 })
const API = selfSignedCertificate({ commonName: 'api.acme.example', algorithm: 'ecdsa', organization: 'Acme, Inc' })
/** The leak scan looks for each key whole and for each line of its body. */
const PRIVATE_KEYS = [LOGIN.privateKey, OLD_LOGIN.privateKey, API.privateKey]

const FULL = `
content-security-policy:
  enforced: { active: true, directives: { default-src: ["'self'"], script-src: ["'self'", https://cdn.acme.example] } }
  report-only: { active: false, directives: {} }
cookie-domains: [acme.example]
custom-domains:
  alpha: [login.acme.example]
federation-enforcement: non-global
sso-cookie: { name: acmeSession }
certificates:
  - certificate-file: certs/login.pem # relative to this file
    private-key-from-env: LOGIN_KEY
    active: true
`

describe('operation: set-tenant-settings', () => {
  let e2e: E2eContext
  // Without the tenant's lags here; the tests of the lags set their own.
  const NO_LAGS = { dnsDelayMs: 0, certificateOnlineMs: 0, certificateOfflineMs: 0, certificateDeleteLagMs: 0 }
  beforeEach(async () => {
    e2e = await startE2e(NO_LAGS)
  })
  afterEach(() => e2e.close())

  const settings = () => e2e.emulator.upper.state.settings
  const tenantRequests = () => e2e.emulator.log.filter((entry) => entry.tenant === 'upper' && !entry.path.startsWith('/am/'))
  const writes = () => tenantRequests().filter((entry) => entry.method !== 'GET' && !entry.query.includes('_action=verify'))
  const changed = (run: { main: { outputs: Record<string, string> } }) => JSON.parse(run.main.outputs.changed ?? 'null') as unknown[]

  function apply(
    file: string,
    options: { inputs?: Record<string, string>; env?: Record<string, string>; files?: Record<string, string>; name?: string } = {}
  ) {
    const name = options.name ?? 'tenant/settings.yaml'
    return e2e.run({
      inputs: {
        operation: 'set-tenant-settings',
        'settings-file': name,
        ...connectionInputs(e2e.emulator),
        ...FAST_WAITS,
        ...UNREVIEWED_APPLY,
        ...options.inputs
      },
      files: {
        [name]: file,
        'tenant/certs/login.pem': LOGIN.certificate,
        'tenant/certs/old-login.pem': OLD_LOGIN.certificate,
        'tenant/certs/api.pem': API.certificate,
        ...options.files
      },
      env: { LOGIN_KEY: LOGIN.privateKey, OLD_LOGIN_KEY: OLD_LOGIN.privateKey, API_KEY: API.privateKey, ...options.env },
      extraSecrets: PRIVATE_KEYS
    })
  }

  test('applies every setting: CSP, cookie and custom domains, federation, SSO cookie, a certificate', async () => {
    settings().cnameRecords.add('login.acme.example')
    const run = await apply(FULL)
    expect(run.main.exitCode).toBe(0)
    const state = settings()
    expect(state.contentSecurityPolicy.enforced).toEqual({
      active: true,
      directives: { 'default-src': ["'self'"], 'script-src': ["'self'", 'https://cdn.acme.example'] }
    })
    expect(state.cookieDomains).toEqual(['acme.example'])
    expect(state.customDomains).toEqual({ alpha: ['login.acme.example'], bravo: [] })
    expect(state.federationEnforcement).toBe('non-global')
    expect(state.ssoCookieName).toBe('acmeSession')
    const [certificate, ...others] = [...state.certificates.values()]
    expect(others).toEqual([])
    expect(certificate).toMatchObject({ active: true, subject: 'CN=login.acme.example' })
    expect(certificate?.subjectAlternativeNames).toEqual(['login.acme.example', 'id.acme.example'])
    expect(certificate?.privateKeyPem).toBe(LOGIN.privateKey)

    // The report-only policy already matched: it is not written. The domain was verified before it was set.
    const sequence = tenantRequests().map((e) => `${e.method} ${e.path}${e.query ? `?${e.query}` : ''}`)
    expect(sequence.filter((r) => !r.startsWith('GET')).sort()).toEqual(
      [
        'POST /environment/certificates',
        'POST /environment/custom-domains?_action=verify',
        'PUT /environment/content-security-policy/enforced',
        'PUT /environment/cookie-domains',
        'PUT /environment/custom-domains/alpha',
        'PUT /environment/federation/enforcement',
        'PUT /environment/sso-cookie'
      ].sort()
    )
    expect(sequence.indexOf('POST /environment/custom-domains?_action=verify')).toBeLessThan(
      sequence.indexOf('PUT /environment/custom-domains/alpha')
    )
    expect(changed(run)).toEqual(
      expect.arrayContaining([
        { setting: 'content-security-policy.enforced', action: 'updated' },
        { setting: 'cookie-domains', action: 'updated' },
        { setting: 'custom-domains.alpha', action: 'updated' },
        { setting: 'federation-enforcement', action: 'updated' },
        { setting: 'sso-cookie', action: 'updated' },
        expect.objectContaining({ setting: 'certificate', action: 'uploaded', id: certificate?.id })
      ])
    )
    expect(changed(run)).toHaveLength(6)
    expect(run.main.summary).toContain('### Tenant settings from `tenant/settings.yaml`')
    expect(run.main.summary).toMatch(/\| `sso-cookie` \| updated \| name iPlanetDirectoryPro → name acmeSession \|/)
    expect(run.main.summary).toMatch(
      /\| certificate \| uploaded \| CN=login\.acme\.example \+1 SAN, expires \d{4}-\d\d-\d\d from `certs\/login\.pem` \|/
    )
    expect(run.main.stdout).toMatch(/~ federation-enforcement: update \(none → non-global\)/)
  })

  test('a second run with the same file reads but writes nothing', async () => {
    settings().cnameRecords.add('login.acme.example')
    expect((await apply(FULL)).main.exitCode).toBe(0)
    e2e.emulator.log.length = 0
    const run = await apply(FULL)
    expect(run.main.exitCode).toBe(0)
    expect(writes()).toEqual([])
    expect(tenantRequests().some((e) => e.query.includes('_action=verify'))).toBe(false)
    expect(tenantRequests().length).toBeGreaterThan(0)
    expect(changed(run)).toEqual([])
    expect(settings().certificates.size).toBe(1)
    expect(run.main.stdout).toContain('The tenant already matches the file: nothing to write')
    expect(run.main.summary).toMatch(/7 unchanged/)
  })

  test('dry run plans, verifies new domains, and writes nothing; it asks only for read scopes where there is one', async () => {
    settings().cnameRecords.add('login.acme.example')
    const run = await apply(FULL, { inputs: { 'dry-run': 'true' } })
    expect(run.main.exitCode).toBe(0)
    expect(writes()).toEqual([])
    expect(settings().certificates.size).toBe(0)
    expect(settings().ssoCookieName).toBe('iPlanetDirectoryPro')
    expect(changed(run)).toHaveLength(6)
    expect(changed(run)).toContainEqual(expect.objectContaining({ setting: 'certificate', action: 'upload' }))
    expect(run.main.summary).toContain('(dry run: nothing written)')
    expect(run.main.stdout).toContain('Dry run: nothing was written')
    const scopes = new Set(tenantRequests().flatMap((e) => e.scopes))
    expect(scopes.has('fr:idc:certificate:read')).toBe(true)
    expect(scopes.has('fr:idc:certificate:*')).toBe(false)
  })

  test('asks only for the scopes of the areas the file declares', async () => {
    const run = await apply(`sso-cookie: { name: acmeSession }\n`)
    expect(run.main.exitCode).toBe(0)
    expect(tenantRequests().map((e) => e.scopes)).toEqual([['fr:idc:sso-cookie:*'], ['fr:idc:sso-cookie:*']])
    expect(tenantRequests().map((e) => `${e.method} ${e.path}`)).toEqual(['GET /environment/sso-cookie', 'PUT /environment/sso-cookie'])
  })

  test('a service account without a declared area’s scope fails naming the scope and the operation', async () => {
    await e2e.close()
    e2e = await startE2e({ ...NO_LAGS, serviceAccountScopes: ['fr:idc:sso-cookie:*'] })
    const run = await apply(`sso-cookie: { name: acmeSession }\nfederation-enforcement: all\n`)
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main).at(-1)).toMatch(/lacks the scope fr:idc:federation:\*, which the operation set-tenant-settings needs/)
    expect(writes()).toEqual([])
  })

  test('CSP: report-only policy and changed directives; sources compare in any order', async () => {
    settings().contentSecurityPolicy['report-only'] = { active: true, directives: { 'img-src': ['https:', "'self'"] } }
    const run = await apply(`
content-security-policy:
  report-only:
    active: true
    directives:
      img-src: ["'self'", "https:"]
      frame-ancestors: ["'none'"]
`)
    expect(run.main.exitCode).toBe(0)
    expect(settings().contentSecurityPolicy['report-only'].directives).toEqual({
      'img-src': ["'self'", 'https:'],
      'frame-ancestors': ["'none'"]
    })
    e2e.emulator.log.length = 0
    settings().contentSecurityPolicy['report-only'].directives['img-src'] = ['https:', "'self'"]
    const again = await apply(`
content-security-policy:
  report-only: { active: true, directives: { img-src: ["'self'", "https:"], frame-ancestors: ["'none'"] } }
`)
    expect(again.main.exitCode).toBe(0)
    expect(writes()).toEqual([])
  })

  test('certificates: upload, activate, deactivate; matched by subject, names and validity, not id', async () => {
    // The tenant holds the old certificate (active) and the API one (inactive), under its own ids.
    expect(
      (
        await apply(
          `certificates:\n  - { certificate-file: certs/old-login.pem, private-key-from-env: OLD_LOGIN_KEY }\n  - { certificate-file: certs/api.pem, private-key-from-env: API_KEY, active: false }\n`
        )
      ).main.exitCode
    ).toBe(0)
    const idOf = (cn: string) => [...settings().certificates.values()].find((c) => c.subject.includes(cn) && c.pem.length > 0)?.id
    const apiId = idOf('api.acme.example')
    expect(settings().certificates.get(apiId!)?.subject).toBe('CN=api.acme.example,O=Acme\\, Inc')
    e2e.emulator.log.length = 0

    const run = await apply(`
certificates:
  - certificate-file: certs/login.pem
    private-key-from-env: LOGIN_KEY
  - certificate-file: certs/old-login.pem
    private-key-from-env: OLD_LOGIN_KEY
    active: false
  - certificate-file: certs/api.pem
    private-key-from-env: API_KEY
`)
    expect(run.main.exitCode).toBe(0)
    const byKey = new Map([...settings().certificates.values()].map((c) => [c.privateKeyPem, c]))
    expect(byKey.get(LOGIN.privateKey)?.active).toBe(true)
    expect(byKey.get(OLD_LOGIN.privateKey)?.active).toBe(false)
    expect(byKey.get(API.privateKey)).toMatchObject({ id: apiId, active: true })
    // The new certificate goes live before the old one is switched off.
    expect(writes().map((e) => `${e.method} ${e.path}`)).toEqual([
      'POST /environment/certificates',
      `PATCH /environment/certificates/${apiId}`,
      `PATCH /environment/certificates/${byKey.get(OLD_LOGIN.privateKey)?.id}`
    ])
    expect(changed(run).map((c) => (c as { action: string }).action)).toEqual(['uploaded', 'activated', 'deactivated'])
  })

  test('prune deletes undeclared certificates, deactivating an active one first; without prune they are kept', async () => {
    expect(
      (
        await apply(
          `certificates:\n  - { certificate-file: certs/old-login.pem, private-key-from-env: OLD_LOGIN_KEY }\n  - { certificate-file: certs/api.pem, private-key-from-env: API_KEY, active: false }\n`
        )
      ).main.exitCode
    ).toBe(0)
    const [oldId, apiId] = [...settings().certificates.keys()]
    const file = `certificates:\n  - { certificate-file: certs/login.pem, private-key-from-env: LOGIN_KEY }\n`
    const kept = await apply(file)
    expect(kept.main.exitCode).toBe(0)
    expect(settings().certificates.size).toBe(3)
    expect(kept.main.summary).toMatch(/Certificates in the tenant but not in the file \(kept; `prune: true` deletes them\)/)
    e2e.emulator.log.length = 0

    const pruned = await apply(file, { inputs: { prune: 'true' } })
    expect(pruned.main.exitCode).toBe(0)
    expect([...settings().certificates.values()].map((c) => c.privateKeyPem)).toEqual([LOGIN.privateKey])
    expect(writes().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      `PATCH /environment/certificates/${oldId} 200`,
      `DELETE /environment/certificates/${oldId} 200`,
      `DELETE /environment/certificates/${apiId} 200`
    ])
  })

  test('prune of an active certificate: the new one goes live first; the old is deactivated, waited for until it is no longer live and the tenant stops answering 500, then deleted', async () => {
    await e2e.close()
    e2e = await startE2e({ ...NO_LAGS, certificateOfflineMs: 600, certificateDeleteLagMs: 400 })
    expect(
      (await apply(`certificates:\n  - { certificate-file: certs/old-login.pem, private-key-from-env: OLD_LOGIN_KEY }\n`)).main.exitCode
    ).toBe(0)
    const [oldId] = [...settings().certificates.keys()]
    e2e.emulator.log.length = 0
    const file = `certificates:\n  - { certificate-file: certs/login.pem, private-key-from-env: LOGIN_KEY }\n`
    const pruned = await apply(file, { inputs: { prune: 'true' } })
    expect(pruned.main.exitCode).toBe(0)
    expect([...settings().certificates.values()].map((c) => c.privateKeyPem)).toEqual([LOGIN.privateKey])
    const sequence = tenantRequests()
      .filter((e) => e.path === `/environment/certificates/${oldId}`)
      .map((e) => `${e.method} ${e.status}`)
    // Deactivated, then read while live, then refused while going offline, then deleted once.
    expect(sequence[0]).toBe('PATCH 200')
    expect(sequence).toContain('GET 200')
    expect(sequence).toContain('DELETE 500')
    expect(sequence.at(-1)).toBe('DELETE 200')
    expect(sequence.filter((r) => r === 'DELETE 200')).toHaveLength(1)
    expect(sequence.indexOf('DELETE 500')).toBeGreaterThan(sequence.indexOf('GET 200'))
    expect(pruned.main.stdout).toMatch(
      /Waiting for certificate CN=login\.acme\.example.* to go offline and be deleted: deactivated, still live/
    )
    expect(pruned.main.stdout).toMatch(/: offline, DELETE still answers HTTP 500/)
    expect(changed(pruned)).toContainEqual(expect.objectContaining({ setting: 'certificate', action: 'deleted', id: oldId }))
  })

  test('a new certificate is live before the old one is deactivated', async () => {
    await e2e.close()
    e2e = await startE2e({ ...NO_LAGS, certificateOnlineMs: 500 })
    expect(
      (await apply(`certificates:\n  - { certificate-file: certs/old-login.pem, private-key-from-env: OLD_LOGIN_KEY }\n`)).main.exitCode
    ).toBe(0)
    const [oldId] = [...settings().certificates.keys()]
    e2e.emulator.log.length = 0
    const run = await apply(
      `certificates:\n  - { certificate-file: certs/login.pem, private-key-from-env: LOGIN_KEY }\n  - { certificate-file: certs/old-login.pem, private-key-from-env: OLD_LOGIN_KEY, active: false }\n`
    )
    expect(run.main.exitCode).toBe(0)
    const sequence = tenantRequests().map((e) => `${e.method} ${e.path}`)
    const upload = sequence.indexOf('POST /environment/certificates')
    const deactivate = sequence.indexOf(`PATCH /environment/certificates/${oldId}`)
    expect(upload).toBeGreaterThan(-1)
    expect(deactivate).toBeGreaterThan(upload)
    expect(sequence.slice(upload, deactivate)).toContain('GET /environment/certificates')
    expect(run.main.stdout).toMatch(
      /Waiting for certificate\(s\) CN=login\.acme\.example.* to go live before another is taken down: 1 not live yet/
    )
    expect(run.main.stdout).toMatch(/to go live before another is taken down: live/)
  })

  test('prune leaves certificates alone when the file does not declare certificates', async () => {
    expect((await apply(`certificates:\n  - { certificate-file: certs/api.pem, private-key-from-env: API_KEY }\n`)).main.exitCode).toBe(0)
    const run = await apply(`federation-enforcement: all\n`, { inputs: { prune: 'true' } })
    expect(run.main.exitCode).toBe(0)
    expect(settings().certificates.size).toBe(1)
  })

  test('a custom domain whose CNAME does not verify fails the step naming it, before anything is set', async () => {
    settings().cnameRecords.add('login.acme.example')
    const run = await apply(
      `
sso-cookie: { name: acmeSession }
custom-domains:
  alpha: [login.acme.example]
  bravo: [partners.acme.example, shop.acme.example]
`,
      { inputs: { 'domain-verify-timeout': '0.3' } }
    )
    expect(run.main.exitCode).toBe(1)
    const error = errorLines(run.main).at(-1) ?? ''
    expect(error).toMatch(/Custom domain verification failed after 0\.3 s \(domain-verify-timeout\); nothing was written/)
    expect(error).toContain('partners.acme.example: CNAME validation failed: no CNAME record for partners.acme.example')
    expect(error).toContain('shop.acme.example')
    expect(error).not.toContain('login.acme.example:')
    expect(writes()).toEqual([])
    expect(settings().ssoCookieName).toBe('iPlanetDirectoryPro')
    expect(settings().customDomains).toEqual({ alpha: [], bravo: [] })
  })

  test('a new domain whose CNAME is still propagating is verified again at poll-interval until it passes', async () => {
    await e2e.close()
    e2e = await startE2e({ ...NO_LAGS, dnsDelayMs: 500 })
    settings().cnameRecords.add('login.acme.example')
    const run = await apply(`custom-domains:\n  alpha: [login.acme.example]\n`, { inputs: { 'domain-verify-timeout': '20' } })
    expect(run.main.exitCode).toBe(0)
    const verifies = tenantRequests().filter((e) => e.query.includes('_action=verify'))
    expect(verifies.length).toBeGreaterThan(1)
    expect(verifies.at(-1)?.status).toBe(200)
    expect(verifies.slice(0, -1).every((e) => e.status === 400)).toBe(true)
    expect(run.main.stdout).toMatch(/Waiting for the CNAME of custom domain login\.acme\.example to verify: not verified yet/)
    expect(settings().customDomains.alpha).toEqual(['login.acme.example'])
  })

  test('a domain already set is not verified again; removing one needs no verification', async () => {
    settings().customDomains.alpha = ['old.acme.example', 'login.acme.example']
    const run = await apply(`custom-domains:\n  alpha: [login.acme.example]\n`)
    expect(run.main.exitCode).toBe(0)
    expect(settings().customDomains.alpha).toEqual(['login.acme.example'])
    expect(tenantRequests().some((e) => e.query.includes('_action=verify'))).toBe(false)
  })

  test('a certificate the tenant holds (from a CSR) may be declared without a private key; a new one may not', async () => {
    expect(
      (await apply(`certificates:\n  - { certificate-file: certs/api.pem, private-key-from-env: API_KEY, active: false }\n`)).main.exitCode
    ).toBe(0)
    const activated = await apply(`certificates:\n  - { certificate-file: certs/api.pem, active: true }\n`)
    expect(activated.main.exitCode).toBe(0)
    expect([...settings().certificates.values()][0]?.active).toBe(true)
    e2e.emulator.log.length = 0

    const refused = await apply(`certificates:\n  - { certificate-file: certs/login.pem }\n`)
    expect(refused.main.exitCode).toBe(1)
    expect(errorLines(refused.main).at(-1)).toMatch(
      /Refused before any write:\n {2}- certificate CN=login\.acme\.example .* has no private-key-from-env/
    )
    expect(writes()).toEqual([])
  })

  test('a failed write is reported with the others still applied', async () => {
    e2e.emulator.fault({
      tenant: 'upper',
      method: 'PUT',
      path: '/environment/cookie-domains',
      status: 400,
      body: '{"code":400,"message":"Invalid cookie domain"}'
    })
    const run = await apply(`cookie-domains: [acme.example]\nfederation-enforcement: all\n`)
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main).at(-1)).toMatch(
      /1 setting\(s\) failed; 1 other change\(s\) were applied.*\n {2}- cookie-domains: PUT \/environment\/cookie-domains failed with HTTP 400: Invalid cookie domain/s
    )
    expect(settings().federationEnforcement).toBe('all')
  })

  test('an upload whose answer is lost is found by listing, not sent twice', async () => {
    e2e.emulator.fault({ tenant: 'upper', method: 'POST', path: '/environment/certificates', handleThenDrop: true, times: 1 })
    const run = await apply(`certificates:\n  - { certificate-file: certs/login.pem, private-key-from-env: LOGIN_KEY }\n`)
    expect(run.main.exitCode).toBe(0)
    expect(settings().certificates.size).toBe(1)
    expect(writes().filter((e) => e.method === 'POST')).toHaveLength(1)
    expect(run.main.stdout).toContain('Uploading a certificate got no clear answer')
  })

  describe('bad files: every problem annotated, zero requests', () => {
    test('invalid values in every area', async () => {
      const run = await apply(
        `
content-security-policy:
  enforced:
    active: yes please
    directives:
      script-scr: ["'self'"]
      img-src: [self, "https://a.example b.example"]
      default-src: ["'none'", "'self'"]
cookie-domains: [https://acme.example, .acme.example]
custom-domains:
  alpha: [login.acme.example]
  charlie: [x.acme.example]
  bravo: [login.acme.example]
federation-enforcement: some
sso-cookie: { name: acme-session }
certificates:
  - certificate-file: certs/missing.pem
    private-key-from-env: LOGIN_KEY
  - certificate-file: certs/login.pem
    private-key-from-env: API_KEY
  - certificate-file: certs/api.pem
    private-key: "-----BEGIN PRIVATE KEY-----literal-key-material-here-----END PRIVATE KEY-----"
  - certificate-file: certs/api.pem
    private-key-from-env: NOT_SET
colour: blue
`,
        {}
      )
      expect(run.main.exitCode).toBe(1)
      const found = annotations(run.main).filter((a) => a.file === 'tenant/settings.yaml')
      const messages = found.map((a) => a.message)
      expect(messages).toEqual(
        expect.arrayContaining([
          'content-security-policy.enforced.active: expected true or false',
          'content-security-policy.enforced: unknown directive "script-scr"; did you mean "script-src"?',
          expect.stringMatching(/img-src: "self": keywords, nonces and hashes keep their single quotes: write "'self'"/),
          'content-security-policy.enforced: img-src: "https://a.example b.example": one source per list item (no spaces, commas or semicolons)',
          `content-security-policy.enforced: default-src: "'none'" must be the only source`,
          'cookie-domains: "https://acme.example" is a URL; give the cookie domain alone, e.g. acme.example',
          'cookie-domains: ".acme.example": write the cookie domain without the leading dot',
          'custom-domains: unknown setting "charlie"; expected one of alpha, bravo',
          'custom-domains.bravo: "login.acme.example" is also listed under alpha; a domain serves one realm',
          'federation-enforcement: "some" is not one of none, non-global, all',
          'sso-cookie.name: expected 1 to 32 letters and digits (^[a-zA-Z0-9]{1,32}$), got "acme-session"',
          'certificates[0].certificate-file certs/missing.pem: file not found',
          'certificates[1]: the private key in API_KEY does not belong to certs/login.pem (their public keys differ)',
          "certificates[2]: a private key never sits in the file; use private-key-from-env with a GitHub secret in the step's env",
          expect.stringMatching(/^certificates\[3\]\.private-key-from-env: the environment variable NOT_SET is not set/),
          'unknown setting "colour"; expected one of content-security-policy, cookie-domains, custom-domains, federation-enforcement, sso-cookie, certificates'
        ])
      )
      expect(found.find((a) => a.message.startsWith('federation-enforcement'))).toMatchObject({ line: 14, column: 25 })
      expect(errorLines(run.main).at(-1)).toMatch(
        /^settings-file tenant\/settings\.yaml: \d+ problems \(annotated above\); nothing was sent to the tenant$/
      )
      expect(e2e.emulator.log).toEqual([])
      // Masked the moment it was seen: only the runner's own ::add-mask:: command carries it.
      const visible = run.main.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'))
      expect(visible.join('\n')).not.toContain('literal-key-material-here')
    })

    test('an expired certificate, a key in the certificate file, a key that is no key', async () => {
      const expired = selfSignedCertificate({ commonName: 'old.acme.example', days: -2 })
      const run = await apply(
        `certificates:
  - { certificate-file: certs/expired.pem, private-key-from-env: EXPIRED_KEY }
  - { certificate-file: certs/bundle.pem, private-key-from-env: LOGIN_KEY }
  - { certificate-file: certs/login.pem, private-key-from-env: GARBAGE }
`,
        {
          files: { 'tenant/certs/expired.pem': expired.certificate, 'tenant/certs/bundle.pem': LOGIN.certificate + LOGIN.privateKey },
          env: { EXPIRED_KEY: expired.privateKey, GARBAGE: 'not-a-key-at-all-but-secret' }
        }
      )
      expect(run.main.exitCode).toBe(1)
      const messages = annotations(run.main).map((a) => a.message)
      expect(messages).toEqual([
        expect.stringMatching(/^certificates\[0\]\.certificate-file certs\/expired\.pem: the certificate expired on .*; renew it$/),
        'certificates[1].certificate-file certs/bundle.pem: holds a private key; keep keys out of git and pass them with private-key-from-env',
        'certificates[2].private-key-from-env: GARBAGE does not hold a PEM private key (PKCS#8, PKCS#1 or SEC1, unencrypted)'
      ])
      expect(e2e.emulator.log).toEqual([])
    })

    test('a file that declares nothing, a missing file, a missing input', async () => {
      const empty = await apply('{}\n', { name: 'tenant/settings.json' })
      expect(annotations(empty.main)[0]?.message).toMatch(/the file declares no setting/)
      const missing = await e2e.run({
        inputs: { operation: 'set-tenant-settings', 'settings-file': 'nope.yaml', ...connectionInputs(e2e.emulator) }
      })
      expect(annotations(missing.main)[0]).toMatchObject({ file: 'nope.yaml', message: 'file not found' })
      const noInput = await e2e.run({ inputs: { operation: 'set-tenant-settings', ...connectionInputs(e2e.emulator) } })
      expect(errorLines(noInput.main)).toEqual([
        'Invalid input: settings-file: required (the YAML or JSON file declaring the tenant settings)'
      ])
      expect(e2e.emulator.log).toEqual([])
    })
  })
})
