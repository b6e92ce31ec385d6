/**
 * Gate cases of issue 13 §5 through dist/index.js: a create whose answer is lost and that the tenant
 * applies late is never made twice, and the step that could not tell says so; the next run finds it.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { selfSignedCertificate } from '../../emulator/x509.js'
import { errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, startE2e, type E2eContext, UNREVIEWED_APPLY } from '../helpers/e2e.js'
import { GATE_CASES_CREATES } from './gate-creates.cases.js'
import { CELL_RETRY_DELAY } from './matrix.js'

/** request-timeout 1 s: the settle window is its 10 s floor; the tenant acts after both. */
const LATE = { 'request-timeout': '1', 'retry-delay': CELL_RETRY_DELAY }
const APPLIED_AFTER_WINDOW_MS = 14_000
const CASE_TIMEOUT_MS = 90_000

const caseTitle = (id: string): string => {
  const found = GATE_CASES_CREATES.find((c) => c.id === id)
  if (!found) throw new Error(`no gate case ${id}`)
  return `[gate:${found.id}] ${found.after}`
}

/** Waits (bounded) until the late create has landed, so the next run starts after it. */
async function until(what: string, landed: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000
  while (!landed()) {
    if (Date.now() > deadline) throw new Error(`${what} never landed`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const OUTCOME_UNKNOWN =
  /outcome unknown .*not found after looking for 10 s\. It was not sent again, as a second one would be a duplicate\. The next run looks for it first/

describe('gate: creates that are not idempotent', () => {
  let e2e: E2eContext | undefined
  afterEach(async () => {
    await e2e?.close()
    e2e = undefined
  })

  test(
    caseTitle('late-api-client'),
    async () => {
      e2e = await startE2e()
      const { emulator } = e2e
      const admin = emulator.identity.adminClient
      const inputs = {
        operation: 'create-api-client',
        'verify-tenant-url': emulator.identity.url,
        'verify-client-id': admin.clientId,
        'verify-client-secret': admin.clientSecret,
        'client-name': 'crm-sync',
        entitlements: 'readUserGroups',
        ...FAST_WAITS,
        ...LATE
      }
      const named = () => [...emulator.identity.state.apiClients.values()].filter((c) => c.clientName === 'crm-sync')
      const posts = () => emulator.log.filter((e) => e.tenant === 'identity' && e.method === 'POST' && e.path === '/v1.0/apiclients')
      emulator.fault({ tenant: 'identity', method: 'POST', path: '/v1.0/apiclients', delayMs: APPLIED_AFTER_WINDOW_MS, times: 1 })

      const first = await e2e.run({ inputs, extraSecrets: [admin.clientSecret], leakScan: { secretOutputs: ['client-secret'] } })
      expect(first.main.exitCode).toBe(1)
      expect(errorLines(first.main)).toHaveLength(1)
      expect(errorLines(first.main)[0]).toMatch(
        /^Creating the API client "crm-sync": outcome unknown \(POST \/v1\.0\/apiclients: no answer \(request timed out\)\)/
      )
      expect(errorLines(first.main)[0]).toMatch(OUTCOME_UNKNOWN)
      expect(first.main.stdout).toMatch(/Waiting for the outcome of creating the API client "crm-sync": not there \(yet\)/)
      await until('the late API client', () => named().length === 1)
      expect(posts()).toHaveLength(1)

      // The next run looks by name first and sends no POST.
      const next = await e2e.run({ inputs, extraSecrets: [admin.clientSecret], leakScan: { secretOutputs: ['client-secret'] } })
      expect(errorLines(next.main).join('\n')).toMatch(/An API client named "crm-sync" already exists \(id /)
      expect(posts()).toHaveLength(1)
      expect(named()).toHaveLength(1)
    },
    CASE_TIMEOUT_MS
  )

  test(
    caseTitle('late-certificate'),
    async () => {
      e2e = await startE2e({ certificateOnlineMs: 0, certificateOfflineMs: 0, certificateDeleteLagMs: 0 })
      const { emulator } = e2e
      const login = selfSignedCertificate({ commonName: 'login.acme.example', algorithm: 'ecdsa' })
      const run = () =>
        e2e!.run({
          inputs: {
            operation: 'set-tenant-settings',
            'settings-file': 'tenant/settings.yaml',
            ...connectionInputs(emulator),
            ...FAST_WAITS,
            ...UNREVIEWED_APPLY,
            ...LATE
          },
          files: {
            'tenant/settings.yaml': 'certificates:\n  - { certificate-file: login.pem, private-key-from-env: LOGIN_KEY }\n',
            'tenant/login.pem': login.certificate
          },
          env: { LOGIN_KEY: login.privateKey },
          extraSecrets: [login.privateKey]
        })
      const uploads = () =>
        emulator.log.filter((e) => e.tenant === 'upper' && e.method === 'POST' && e.path === '/environment/certificates')
      const certificates = () => emulator.upper.state.settings.certificates
      emulator.fault({ tenant: 'upper', method: 'POST', path: '/environment/certificates', delayMs: APPLIED_AFTER_WINDOW_MS, times: 1 })

      const first = await run()
      expect(first.main.exitCode).toBe(1)
      expect(errorLines(first.main)).toHaveLength(1)
      expect(errorLines(first.main)[0]).toMatch(/certificate CN=login\.acme\.example.*\(upload\): Uploading a certificate: outcome unknown/)
      expect(errorLines(first.main)[0]).toMatch(OUTCOME_UNKNOWN)
      await until('the late certificate', () => certificates().size === 1)
      expect(uploads()).toHaveLength(1)

      // The next run matches it by subject, names and validity: nothing is uploaded.
      const next = await run()
      expect(next.main.exitCode).toBe(0)
      expect(uploads()).toHaveLength(1)
      expect(certificates().size).toBe(1)
      expect([...certificates().values()][0]).toMatchObject({ active: true, privateKeyPem: login.privateKey })
    },
    CASE_TIMEOUT_MS
  )

  test(
    caseTitle('late-csr'),
    async () => {
      e2e = await startE2e()
      const { emulator } = e2e
      const inputs = {
        operation: 'create-csr',
        'csr-algorithm': 'ecdsa',
        'csr-common-name': 'login.acme.example',
        'csr-organization': 'Acme, Inc',
        ...connectionInputs(emulator),
        ...FAST_WAITS,
        ...LATE
      }
      const posts = () => emulator.log.filter((e) => e.tenant === 'upper' && e.method === 'POST' && e.path === '/environment/csrs')
      const csrs = () => [...emulator.upper.state.settings.csrs.values()]
      emulator.fault({ tenant: 'upper', method: 'POST', path: '/environment/csrs', delayMs: APPLIED_AFTER_WINDOW_MS, times: 1 })

      const first = await e2e.run({ inputs })
      expect(first.main.exitCode).toBe(1)
      expect(errorLines(first.main)).toHaveLength(1)
      expect(errorLines(first.main)[0]).toMatch(/^Creating the CSR: outcome unknown/)
      expect(errorLines(first.main)[0]).toMatch(OUTCOME_UNKNOWN)
      await until('the late CSR', () => csrs().length === 1)
      expect(posts()).toHaveLength(1)

      // The next run finds the open CSR with this subject and hands it out; no second key pair.
      const next = await e2e.run({ inputs })
      expect(next.main.exitCode).toBe(0)
      expect(posts()).toHaveLength(1)
      expect(csrs()).toHaveLength(1)
      expect(next.main.outputs['csr-id']).toBe(csrs()[0]!.id)
      expect(next.main.outputs.csr).toBe(csrs()[0]!.request)
      expect(next.main.stdout).toMatch(/CSR \S+ for this subject is still open .*using it instead of making another/)
    },
    CASE_TIMEOUT_MS
  )

  test(
    caseTitle('restart-409-on-resend'),
    async () => {
      e2e = await startE2e({ restartMs: 500 })
      const { emulator } = e2e
      emulator.fault({ tenant: 'upper', method: 'POST', path: '/environment/startup', handleThenDrop: true, times: 1 })
      const run = await e2e.run({
        inputs: { operation: 'restart', ...connectionInputs(emulator), ...FAST_WAITS, 'retry-delay': CELL_RETRY_DELAY }
      })
      expect({ exitCode: run.main.exitCode, errors: errorLines(run.main) }).toEqual({ exitCode: 0, errors: [] })
      const posts = emulator.log.filter((e) => e.tenant === 'upper' && e.method === 'POST' && e.path === '/environment/startup')
      expect(posts.map((e) => e.status)).toEqual([200, 409])
      expect(run.main.stdout).toMatch(/the tenant answered 409 \(Restart already in progress\): a restart is running/)
      expect(run.main.outputs['restart-status']).toBe('ready')
      expect(emulator.upper.state.restart.completed).toBe(1)
    },
    CASE_TIMEOUT_MS
  )
})
