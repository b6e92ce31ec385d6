/**
 * The transport gate (issue 13 §4, §6, §7) through dist/index.js: a tenant that echoes secrets back,
 * answers that never finish, bytes that must arrive unchanged, and a token that is not a bearer.
 * Each test is one case of GATE_CASES_TRANSPORT; every run also ends with the e2e leak scan.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import type { FaultRule } from '../../emulator/index.js'
import { selfSignedCertificate } from '../../emulator/x509.js'
import { errorLines, type ActionRun, type StepRun } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, startE2e, type E2eContext, UNREVIEWED_APPLY } from '../helpers/e2e.js'
import { GATE_CASES_TRANSPORT } from './gate-transport.cases.js'
import { CELL_RETRY_DELAY } from './matrix.js'

let e2e: E2eContext
beforeAll(async () => {
  e2e = await startE2e({ restartMs: 100 })
})
afterAll(() => e2e.close())
beforeEach(() => {
  e2e.emulator.clearFaults()
  e2e.emulator.log.length = 0
})

const gate = (id: string): string => {
  const found = GATE_CASES_TRANSPORT.find((c) => c.id === id)
  if (!found) throw new Error(`no gate case ${id}`)
  return `[gate:${id}] ${found.after}`
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

/** Every whole form a secret could be printed in. */
function formsOf(secret: string): string[] {
  const base64 = b64(secret)
  return [
    secret,
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
    encodeURIComponent(secret),
    new URLSearchParams({ x: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    b64(base64)
  ]
}

/** What people can read of a step: its log (mask commands aside), summary, outputs and error. */
function readable(step: StepRun): Record<string, string> {
  return {
    log: step.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n'),
    stderr: step.stderr,
    summary: step.summary,
    outputs: JSON.stringify(step.outputs),
    error: errorLines(step).join('\n')
  }
}

function expectNoneOf(run: ActionRun, forms: string[]): void {
  for (const [where, text] of Object.entries(readable(run.main)))
    for (const form of forms) if (text.includes(form)) throw new Error(`${where} shows a form of the secret: ${form.slice(0, 3)}…`)
}

const base = () => ({ ...connectionInputs(e2e.emulator), ...FAST_WAITS, 'retry-delay': CELL_RETRY_DELAY })

function syncEsvs(file: string, env: Record<string, string>, extraSecrets: string[], files: Record<string, string | Buffer> = {}) {
  return e2e.run({
    inputs: { ...base(), operation: 'set-esvs', 'esv-file': 'esvs/prod.yaml', restart: 'never', ...UNREVIEWED_APPLY },
    files: { 'esvs/prod.yaml': file, ...files },
    env,
    extraSecrets
  })
}

const echoOnSecretWrite: FaultRule = { tenant: 'upper', path: /^\/environment\/secrets\//, method: 'PUT', echoRequest: true }

function expectWithheld(run: ActionRun): void {
  expect(run.main.exitCode).toBe(1)
  const [error] = errorLines(run.main)
  expect(error).toContain('(message withheld: the request carried secret material and the answer may echo it)')
  expect(run.main.summary).toContain('message withheld')
}

describe('13.4: a tenant that echoes the secret it was sent', () => {
  test(gate('echo-hmac-key-base64'), async () => {
    const key = randomBytes(32).toString('base64')
    e2e.emulator.fault(echoOnSecretWrite)
    const run = await syncEsvs('secrets:\n  esv-gate-hmac:\n    encoding: base64hmac\n    value-from-env: HMAC_KEY\n', { HMAC_KEY: key }, [
      key
    ])
    expectWithheld(run)
    expect(errorLines(run.main)[0]).toContain(
      'esv-gate-hmac: PUT /environment/secrets/esv-gate-hmac failed with HTTP 400: (message withheld'
    )
    expectNoneOf(run, formsOf(key))
    expect(e2e.emulator.log.find((entry) => entry.method === 'PUT')?.fault).toBe('echoRequest')
  })

  test(gate('echo-long-secret-cut-300'), async () => {
    const long = randomBytes(450).toString('base64') // 600 characters
    e2e.emulator.fault(echoOnSecretWrite)
    const run = await syncEsvs('secrets:\n  esv-gate-long:\n    value-from-env: LONG_SECRET\n', { LONG_SECRET: long }, [long])
    expectWithheld(run)
    const cut = `Invalid request: {"valueBase64":"${b64(long)}"}`.slice(0, 300)
    expectNoneOf(run, [...formsOf(long), cut.slice(20), long.slice(0, 12), b64(long).slice(100, 120)])
  })

  test(gate('echo-short-secret-base64'), async () => {
    e2e.emulator.fault(echoOnSecretWrite)
    const run = await syncEsvs('secrets:\n  esv-gate-short:\n    value-from-env: SHORT_SECRET\n', { SHORT_SECRET: 'q7Z' }, [])
    expectWithheld(run)
    expectNoneOf(run, [b64('q7Z'), `"valueBase64":"${b64('q7Z')}"`])
  })

  test(gate('echo-token-form-client-secret'), async () => {
    const secret = 'gate+client/secret=with&chars%Q9'
    e2e.emulator.fault({ tenant: 'identity', path: '/v1.0/endpoint/default/token', echoRequest: true })
    const run = await e2e.run({
      inputs: {
        ...FAST_WAITS,
        'retry-delay': CELL_RETRY_DELAY,
        operation: 'create-api-client',
        'verify-tenant-url': e2e.emulator.identity.url,
        'verify-client-id': e2e.emulator.identity.adminClient.clientId,
        'verify-client-secret': secret,
        'client-name': 'gate-echo',
        entitlements: 'readUserGroups'
      },
      extraSecrets: [secret]
    })
    expectWithheld(run)
    expect(errorLines(run.main)[0]).toContain('(code invalid_request)')
    expectNoneOf(run, formsOf(secret))
    expect(e2e.emulator.identity.state.apiClients.size).toBe(1) // the admin client alone
  })

  test(gate('echo-token-form-assertion'), async () => {
    e2e.emulator.fault({ tenant: 'upper', path: '/am/oauth2/access_token', echoRequest: true })
    const run = await e2e.run({ inputs: { ...base(), operation: 'restart' } })
    expectWithheld(run)
    // Every assertion starts with the same header; whatever the tenant echoed, no part of one is shown.
    for (const text of Object.values(readable(run.main))) {
      expect(text).not.toMatch(/eyJhbGciOiJSUzI1NiIs/)
      expect(text).not.toContain('assertion=')
    }
  })

  describe('certificate keys', () => {
    const EC = selfSignedCertificate({ commonName: 'gate-ec.acme.example', algorithm: 'ecdsa' })
    const RSA = selfSignedCertificate({ commonName: 'gate-rsa.acme.example' })
    const upload = (which: typeof EC, echo: FaultRule['echoRequest']) => {
      e2e.emulator.fault({ tenant: 'upper', method: 'POST', path: '/environment/certificates', echoRequest: echo })
      return e2e.run({
        inputs: { ...base(), operation: 'set-tenant-settings', 'settings-file': 'tenant/settings.yaml', ...UNREVIEWED_APPLY },
        files: {
          'tenant/settings.yaml': 'certificates:\n  - certificate-file: cert.pem\n    private-key-from-env: CERT_KEY\n',
          'tenant/cert.pem': which.certificate
        },
        env: { CERT_KEY: which.privateKey },
        extraSecrets: [which.privateKey]
      })
    }
    const keyLines = (pem: string) => pem.split('\n').filter((line) => line.length > 0 && !line.startsWith('-----'))

    test(gate('echo-ec-key-pem-168'), async () => {
      const run = await upload(EC, { field: 'privateKey', chars: 168 })
      expectWithheld(run)
      expectNoneOf(run, [EC.privateKey.slice(0, 168), keyLines(EC.privateKey)[0]!, ...formsOf(EC.privateKey)])
    })

    test(gate('echo-certificate-key-lines'), async () => {
      const run = await upload(RSA, { field: 'privateKey' })
      expectWithheld(run)
      expectNoneOf(run, [...keyLines(RSA.privateKey), keyLines(RSA.privateKey).slice(0, 3).join(' '), ...formsOf(RSA.privateKey)])
    })
  })
})

describe('13.6: answers that never finish', () => {
  const restart = (inputs: Record<string, string> = {}) => e2e.run({ inputs: { ...base(), operation: 'restart', ...inputs } })
  const startupFault = (rule: Omit<FaultRule, 'path'>) =>
    e2e.emulator.fault({ tenant: 'upper', method: 'GET', path: '/environment/startup', ...rule })
  const startupGets = () => e2e.emulator.log.filter((entry) => entry.method === 'GET' && entry.path === '/environment/startup')

  test(gate('body-cut-mid-way'), async () => {
    startupFault({ cutBodyAfter: 5, times: 1 })
    const once = await restart()
    expect(once.main.exitCode).toBe(0)
    expect(startupGets()[0]?.fault).toBe('cutBodyAfter 5')
    expect(once.main.outputs['restart-status']).toBeDefined()

    e2e.emulator.clearFaults()
    startupFault({ cutBodyAfter: 5 })
    const always = await restart()
    expect(always.main.exitCode).toBe(1)
    expect(errorLines(always.main)).toEqual([
      'GET /environment/startup: tenant unreachable (the answer was cut off mid-body) after retries; check the URL and network, then run the step again'
    ])
    expect(always.main.summary).toContain('### tenant-pilot failed')
  })

  test(gate('body-dripped'), async () => {
    startupFault({ dripBytes: 1, dripEveryMs: 100, times: 1 })
    const run = await restart({ 'request-timeout': '0.3' })
    expect(run.main.exitCode).toBe(0)
    expect(run.main.stdout).toMatch(/GET \/environment\/startup got the answer took longer than the whole-request limit; retrying/)
    expect(startupGets()[0]?.fault).toBe('drip 1B/100ms')
  })

  test(gate('body-endless'), async () => {
    startupFault({ endlessBody: true })
    const run = await restart()
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      "GET /environment/startup: the tenant's answer passed 8 MiB, the limit of one answer the action reads; check the tenant (or a proxy in between) and run the step again"
    ])
    expect(startupGets()).toHaveLength(1)
    expect(run.main.summary).toContain('8 MiB')
  })

  test(gate('body-empty-200'), async () => {
    startupFault({ emptyAnswer: 'empty' })
    const run = await restart()
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      "GET /environment/startup: tenant kept answering HTTP 200 with an empty body where an object was expected; check the tenant's status and run the step again"
    ])
    expect(run.main.stderr).not.toContain('TypeError')
  })

  test(gate('body-null-200'), async () => {
    startupFault({ emptyAnswer: 'null', times: 1 })
    const run = await restart()
    expect(run.main.exitCode).toBe(0)
    expect(startupGets().length).toBeGreaterThanOrEqual(2)
    expect(startupGets()[0]?.fault).toBe('emptyAnswer null')
  })
})

describe('13.7: bytes in, same bytes out; bearer tokens only', () => {
  test(gate('token-type-dpop'), async () => {
    e2e.emulator.fault({ tenant: 'upper', path: '/am/oauth2/access_token', tokenType: 'DPoP' })
    const run = await e2e.run({ inputs: { ...base(), operation: 'restart' } })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      'The tenant token endpoint issued a token of type "DPoP", not Bearer; the action sends bearer tokens only, so configure the client (or service account) to issue Bearer tokens'
    ])
    expect(e2e.emulator.log.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /am/oauth2/access_token'])
  })

  test(gate('binary-hmac-key-file'), async () => {
    const key = Buffer.from([0xff, 0xfe, 0x00, 0x80, ...randomBytes(28)])
    const run = await syncEsvs(
      'secrets:\n  esv-gate-binary:\n    encoding: base64hmac\n    value-file: hmac.key\n',
      {},
      [key.toString('base64')],
      {
        'esvs/hmac.key': key
      }
    )
    expect(run.main.exitCode).toBe(0)
    const stored = e2e.emulator.upper.state.secrets.get('esv-gate-binary')?.versions[0]?.valueBase64
    // The ESV holds the base64 text of the key; decoded, the exact bytes of the file.
    expect(Buffer.from(Buffer.from(stored!, 'base64').toString('utf8'), 'base64').equals(key)).toBe(true)
  })
})
