import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import { esvBehaviour } from '../../emulator/index.js'
import type { TenantState } from '../../emulator/state.js'
import { selfSignedCertificate } from '../../emulator/x509.js'
import { EXPRESSION_TYPES, SECRET_ENCODINGS, type ExpressionType, type SecretEncoding } from '../../src/tenant/types.js'
import { annotations } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, requestsTo, startE2e, type E2eContext, UNREVIEWED_APPLY } from '../helpers/e2e.js'

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

/** One variable of every expressionType, with values that are easy to get wrong on the way back. */
const VARIABLES: { id: string; type: ExpressionType | ''; text: string; description: string }[] = [
  { id: 'esv-x-string', type: 'string', text: 'line one\nline: two # not a comment\n', description: 'A multi-line string' },
  { id: 'esv-x-string-numeric', type: 'string', text: '1.10', description: '' },
  { id: 'esv-x-string-bool', type: 'string', text: 'true', description: '' },
  { id: 'esv-x-list', type: 'list', text: 'eu, us,,10', description: 'Regions' },
  { id: 'esv-x-array', type: 'array', text: '[1,"two",{"b":2,"a":[true,null]}]', description: '' },
  { id: 'esv-x-object', type: 'object', text: '{"z":1,"a":{"nested":["x"]},"n":null}', description: 'Flags' },
  { id: 'esv-x-bool', type: 'bool', text: 'false', description: '' },
  { id: 'esv-x-int', type: 'int', text: '-42', description: '' },
  { id: 'esv-x-int-big', type: 'int', text: '12345678901234567890', description: 'More digits than a double holds' },
  { id: 'esv-x-number', type: 'number', text: '1.10', description: 'Trailing zero kept' },
  { id: 'esv-x-number-exp', type: 'number', text: '2.5e-3', description: '' },
  { id: 'esv-x-inlined', type: 'base64encodedinlined', text: b64('binary-ish \u0001 content'), description: 'A file, inlined' },
  { id: 'esv-x-keyvaluelist', type: 'keyvaluelist', text: '{"x-tenant":"acme","x-retries":"3"}', description: '' },
  // A variable made before variables had types, as a recorded real list has (evidence ESV-32).
  { id: 'esv-x-untyped', type: '', text: 'plain text', description: 'Made before types' }
]

/** Values each encoding accepts, for the environment variables the exported file names. */
const SECRET_VALUES: Record<SecretEncoding, string> = {
  generic: 'a-generic-secret-value-7Qx',
  pem: '-----BEGIN PRIVATE KEY-----\nZXhwb3J0LXRlc3Qta2V5\n-----END PRIVATE KEY-----',
  base64hmac: Buffer.alloc(24, 3).toString('base64'),
  base64aes: Buffer.alloc(16, 9).toString('base64')
}

/** More secrets than one page of the paged secret list (100): the export must follow the cookie. */
const PAGED_SECRETS = 105

function seedEsvs(state: TenantState): void {
  for (const v of VARIABLES) {
    state.variables.set(v.id, {
      _id: v.id,
      description: v.description,
      expressionType: v.type,
      valueBase64: b64(v.text),
      lastChangeDate: '2024-05-01T00:00:00Z',
      lastChangedBy: 'tenant-admin',
      loaded: true,
      changeSeq: 0
    })
  }
  for (let i = 0; i < PAGED_SECRETS; i++) {
    const encoding = SECRET_ENCODINGS[i % SECRET_ENCODINGS.length]!
    const id = `esv-paged-${String(i).padStart(3, '0')}`
    state.secrets.set(id, {
      _id: id,
      description: i % 2 === 0 ? `Secret ${i}` : '',
      encoding,
      useInPlaceholders: i % 3 !== 0,
      lastChangeDate: '2024-05-01T00:00:00Z',
      lastChangedBy: 'tenant-admin',
      loaded: true,
      activeVersion: 1,
      loadedVersion: 1,
      versions: [
        { version: 1, createDate: '2024-05-01T00:00:00Z', status: 'ENABLED', loaded: true, valueBase64: b64(SECRET_VALUES[encoding]) }
      ],
      changeSeq: 0
    })
  }
}

describe('operation: export-esvs', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ restartMs: 200 })
    seedEsvs(e2e.emulator.upper.state)
  })
  afterEach(() => e2e.close())

  const exportEsvs = (inputs: Record<string, string> = {}, files: Record<string, string> = {}) =>
    e2e.run({ inputs: { operation: 'export-esvs', ...connectionInputs(e2e.emulator), ...inputs }, files })

  /** An environment for set-esvs on the export: each value-from-env holds a value its secret's encoding accepts. */
  const secretEnv = (exported: { secrets: Record<string, { encoding: SecretEncoding; 'value-from-env': string }> }) =>
    Object.fromEntries(Object.values(exported.secrets).map((s) => [s['value-from-env'], SECRET_VALUES[s.encoding]]))

  test.each(['esvs/prod.yaml', 'esvs/prod.json'])(
    'round trip (%s): set-esvs dry-run on the export plans no variable change, and secrets only as values from the environment, for every expressionType',
    async (name) => {
      const state = e2e.emulator.upper.state
      const run = await exportEsvs({ 'output-file': name })
      expect(run.main.exitCode).toBe(0)
      const path = run.main.outputs.file!
      expect(path.endsWith(name)).toBe(true)
      const text = readFileSync(path, 'utf8')
      const exported = (name.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as {
        variables: Record<string, { type: string; value: unknown; description: string }>
        secrets: Record<string, { encoding: SecretEncoding; 'use-in-placeholders': boolean; 'value-from-env': string; description: string }>
      }
      // Every variable the tenant has, every type, sorted by id; every secret across the pages.
      expect(Object.keys(exported.variables)).toEqual([...state.variables.keys()].sort())
      expect(new Set(Object.values(exported.variables).map((v) => v.type))).toEqual(new Set(EXPRESSION_TYPES))
      expect(Object.keys(exported.secrets)).toEqual([...state.secrets.keys()].sort())
      expect(Object.keys(exported.secrets).length).toBeGreaterThan(100)
      expect(requestsTo(e2e.emulator, 'upper').filter((r) => r.startsWith('GET /environment/secrets')).length).toBeGreaterThan(1)
      // Native YAML forms, decoded.
      expect(exported.variables['esv-x-array']!.value).toEqual([1, 'two', { a: [true, null], b: 2 }])
      expect(exported.variables['esv-x-list']!.value).toEqual(['eu', ' us', '', '10'])
      expect(exported.variables['esv-x-bool']!.value).toBe(false)
      expect(exported.variables['esv-x-int']!.value).toBe(-42)
      expect(exported.variables['esv-x-number']!.value).toBe('1.10')
      expect(exported.variables['esv-x-keyvaluelist']!.value).toEqual({ 'x-retries': '3', 'x-tenant': 'acme' })
      expect(exported.variables['esv-x-inlined']!.value).toBe(b64('binary-ish \u0001 content'))
      expect(exported.variables['esv-x-untyped']).toEqual({ type: 'string', value: 'plain text', description: 'Made before types' })
      expect(exported.secrets['esv-paged-000']).toEqual({
        encoding: 'generic',
        'use-in-placeholders': false,
        'value-from-env': 'ESV_PAGED_000',
        description: 'Secret 0'
      })
      // No volatile field: nothing of dates, authors, load state or versions.
      expect(text).not.toMatch(/2024-05-01|tenant-admin|loaded|lastChange|activeVersion/)
      if (name.endsWith('.yaml'))
        expect(text).toContain(
          '# esv-x-untyped has no expressionType in the tenant (made before variables had types): exported as a string.'
        )
      if (name.endsWith('.yaml'))
        expect(text).toMatch(
          new RegExp(`^# ESVs exported by tenant-pilot export-esvs from ${e2e.emulator.upper.url.replace(/[.:/]/g, '\\$&')} at \\d{4}-`)
        )
      expect(run.main.summary).toContain(`Written to \`${name}\``)
      expect(run.main.summary).toContain(`| variables | ${state.variables.size} |`)
      expect(run.main.summary).toContain(`| secrets | ${state.secrets.size} |`)
      // Nothing but reads, and no secret version was read.
      expect(e2e.emulator.log.filter((entry) => entry.method !== 'GET' && !entry.path.startsWith('/am/'))).toEqual([])
      expect(requestsTo(e2e.emulator, 'upper').some((r) => r.includes('/versions'))).toBe(false)

      e2e.emulator.log.length = 0
      const env = secretEnv(exported)
      const plan = await e2e.run({
        inputs: { operation: 'set-esvs', 'esv-file': name, 'dry-run': 'true', ...connectionInputs(e2e.emulator), ...FAST_WAITS },
        files: { [name]: text },
        env,
        extraSecrets: Object.values(SECRET_VALUES)
      })
      expect(plan.main.exitCode).toBe(0)
      const changed = JSON.parse(plan.main.outputs.changed!) as { id: string; kind: string; action: string }[]
      expect(changed.filter((c) => c.kind === 'variable')).toEqual([])
      expect(changed.filter((c) => c.kind === 'secret').every((c) => c.action === 'check-value')).toBe(true)
      expect(changed.filter((c) => c.kind === 'secret')).toHaveLength(state.secrets.size)
      expect(plan.main.stdout).not.toMatch(/^\s*[+~±-] variable/m)
      expect(plan.main.stdout).not.toMatch(/\(kept\)/)
      expect(e2e.emulator.log.filter((entry) => entry.method !== 'GET' && !entry.path.startsWith('/am/'))).toEqual([])
    }
  )

  test('a second export of an unchanged tenant leaves the file as it was; a change rewrites it', async () => {
    const first = await exportEsvs({ 'output-file': 'esvs/prod.yaml' })
    const text = readFileSync(first.main.outputs.file!, 'utf8')
    const again = await exportEsvs(
      { 'output-file': 'esvs/prod.yaml' },
      { 'esvs/prod.yaml': text.replace(/ at \S+\./, ' at 2020-01-01T00:00:00.000Z.') }
    )
    expect(again.main.exitCode).toBe(0)
    expect(readFileSync(again.main.outputs.file!, 'utf8')).toContain(' at 2020-01-01T00:00:00.000Z.')
    expect(again.main.summary).toContain('already held this export')

    e2e.emulator.upper.state.variables.get('esv-x-int')!.valueBase64 = b64('43')
    const changed = await exportEsvs({ 'output-file': 'esvs/prod.yaml' }, { 'esvs/prod.yaml': text })
    const rewritten = readFileSync(changed.main.outputs.file!, 'utf8')
    expect(rewritten).toMatch(/esv-x-int:\n {4}type: int\n {4}value: 43\n/)
    expect(changed.main.summary).toContain('Written to')
  })

  test('a tenant that pages its variable list too (v1PageSize, ESV-33): every page is read', async () => {
    esvBehaviour(e2e.emulator.upper.state).v1PageSize = 5
    const run = await exportEsvs({ 'output-file': 'esvs/prod.yaml' })
    expect(run.main.exitCode).toBe(0)
    const exported = parseYaml(readFileSync(run.main.outputs.file!, 'utf8')) as { variables: Record<string, unknown> }
    expect(Object.keys(exported.variables)).toEqual([...e2e.emulator.upper.state.variables.keys()].sort())
    const pages = requestsTo(e2e.emulator, 'upper').filter((r) => r.startsWith('GET /environment/variables'))
    expect(pages.length).toBe(Math.ceil(e2e.emulator.upper.state.variables.size / 5))
    expect(pages.slice(1).every((r) => r.includes('_pagedResultsCookie='))).toBe(true)
  })

  test('a value its own type does not allow is exported as its text, with a warning in the log and the summary', async () => {
    const state = e2e.emulator.upper.state
    state.variables.get('esv-x-array')!.valueBase64 = b64('not, json')
    const run = await exportEsvs({ 'output-file': 'esvs/prod.yaml' })
    expect(run.main.exitCode).toBe(0)
    const exported = parseYaml(readFileSync(run.main.outputs.file!, 'utf8')) as { variables: Record<string, { value: unknown }> }
    expect(exported.variables['esv-x-array']!.value).toBe('not, json')
    expect(run.main.stdout).toContain('::warning::esv-x-array: its array value is not a JSON array')
    expect(run.main.summary).toContain('esv-x-array: its array value is not a JSON array')
  })

  test('a busy tenant (503 on the second page, a dropped connection on the variables) is asked again: the export is whole', async () => {
    e2e.emulator.fault({ tenant: 'upper', method: 'GET', path: '/environment/secrets', after: 1, times: 1, status: 503 })
    e2e.emulator.fault({ tenant: 'upper', method: 'GET', path: '/environment/variables', drop: true, times: 1 })
    const run = await exportEsvs({ 'output-file': 'esvs/prod.yaml', 'retry-delay': '0.01' })
    expect(run.main.exitCode).toBe(0)
    const exported = parseYaml(readFileSync(run.main.outputs.file!, 'utf8')) as { variables: object; secrets: object }
    expect(Object.keys(exported.secrets)).toEqual([...e2e.emulator.upper.state.secrets.keys()].sort())
    expect(Object.keys(exported.variables)).toEqual([...e2e.emulator.upper.state.variables.keys()].sort())
    expect(e2e.emulator.log.filter((entry) => entry.status === 503)).toHaveLength(1)
  })

  /** Bytes that are not UTF-8: a lone continuation byte, a byte never used, an overlong form. */
  const NOT_UTF8 = Buffer.from([0x61, 0x80, 0xff, 0x62, 0xc0, 0xaf])
  /** Only the variables of the seed and one whose value is those bytes: no secret, so an apply needs no environment. */
  const withBytesVariable = (type: ExpressionType = 'string'): void => {
    const state = e2e.emulator.upper.state
    state.secrets.clear()
    state.variables.set('esv-x-bytes', {
      ...state.variables.get('esv-x-string')!,
      _id: 'esv-x-bytes',
      description: 'Bytes from a legacy system',
      expressionType: type,
      valueBase64: NOT_UTF8.toString('base64')
    })
  }
  const setEsvs = (name: string, text: string, inputs: Record<string, string>) =>
    e2e.run({ inputs: { operation: 'set-esvs', 'esv-file': name, ...FAST_WAITS, ...UNREVIEWED_APPLY, ...inputs }, files: { [name]: text } })
  const variableWrites = () =>
    e2e.emulator.log.filter((entry) => entry.method === 'PUT' && entry.path.startsWith('/environment/variables/'))

  test.each(['esvs/prod.yaml', 'esvs/prod.json'])(
    'round trip byte for byte (%s): a value that is not UTF-8 is exported as base64 with its encoding named, and said; set-esvs plans no change, and an apply elsewhere writes those exact bytes',
    async (name) => {
      withBytesVariable()
      const run = await exportEsvs({ 'output-file': name })
      expect(run.main.exitCode).toBe(0)
      const text = readFileSync(run.main.outputs.file!, 'utf8')
      const exported = (name.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as { variables: Record<string, unknown> }
      expect(exported.variables['esv-x-bytes']).toEqual({
        type: 'string',
        'value-encoding': 'base64',
        value: 'YYD/YsCv',
        description: 'Bytes from a legacy system'
      })
      expect(text).not.toContain('\uFFFD')
      const said =
        'esv-x-bytes: its value is bytes that are not UTF-8 text; exported as their base64 (value-encoding: base64), which set-esvs applies as exactly those bytes'
      expect(run.main.stdout).toContain(`::warning::${said}`)
      expect(run.main.summary).toContain(said)

      // Applied back to the tenant it came from: nothing to do.
      e2e.emulator.log.length = 0
      const again = await setEsvs(name, text, connectionInputs(e2e.emulator))
      expect(again.main.exitCode).toBe(0)
      expect(JSON.parse(again.main.outputs.changed!)).toEqual([])
      expect(variableWrites()).toEqual([])

      // Applied to the other tenant of the pair: the same bytes, and then nothing to do there either.
      const lower = await setEsvs(name, text, connectionInputs(e2e.emulator, 'lower'))
      expect(lower.main.exitCode).toBe(0)
      expect(Buffer.from(e2e.emulator.lower.state.variables.get('esv-x-bytes')!.valueBase64, 'base64').equals(NOT_UTF8)).toBe(true)
      e2e.emulator.log.length = 0
      const lowerAgain = await setEsvs(name, text, { ...connectionInputs(e2e.emulator, 'lower'), 'dry-run': 'true' })
      expect(JSON.parse(lowerAgain.main.outputs.changed!)).toEqual([])
    }
  )

  test('a file holding U+FFFD where the tenant holds other bytes (what an export used to write) is a change, and the apply sends the file’s text', async () => {
    withBytesVariable()
    const lossy = 'variables:\n  esv-x-bytes:\n    type: string\n    value: "a\uFFFD\uFFFDb\uFFFD\uFFFD"\n'
    const plan = await setEsvs('esvs/lossy.yaml', lossy, { ...connectionInputs(e2e.emulator), 'dry-run': 'true' })
    expect(plan.main.exitCode).toBe(0)
    expect(JSON.parse(plan.main.outputs.changed!)).toEqual([{ id: 'esv-x-bytes', kind: 'variable', action: 'update' }])
    const applied = await setEsvs('esvs/lossy.yaml', lossy, { ...connectionInputs(e2e.emulator), restart: 'never' })
    expect(applied.main.exitCode).toBe(0)
    expect(Buffer.from(e2e.emulator.upper.state.variables.get('esv-x-bytes')!.valueBase64, 'base64').toString('utf8')).toBe(
      'a\uFFFD\uFFFDb\uFFFD\uFFFD'
    )
  })

  test('bytes that are not UTF-8 in a variable of another type are exported as base64 with a warning, and set-esvs refuses them where they are', async () => {
    withBytesVariable('int')
    const run = await exportEsvs({ 'output-file': 'esvs/prod.yaml' })
    expect(run.main.exitCode).toBe(0)
    expect(run.main.stdout).toContain(
      '::warning::esv-x-bytes: its value is bytes that are not UTF-8 text; exported as their base64 (value-encoding: base64), which set-esvs will refuse until it is fixed (its type, int, holds text)'
    )
    const text = readFileSync(run.main.outputs.file!, 'utf8')
    e2e.emulator.log.length = 0
    const plan = await setEsvs('esvs/prod.yaml', text, { ...connectionInputs(e2e.emulator), 'dry-run': 'true' })
    expect(plan.main.exitCode).toBe(1)
    expect(annotations(plan.main)).toEqual([
      expect.objectContaining({
        file: 'esvs/prod.yaml',
        message: 'esv-x-bytes: its bytes are not UTF-8 text; only a string variable may hold them (its type, int, holds text)'
      })
    ])
    expect(e2e.emulator.log).toEqual([])
  })

  test('by default the file goes under RUNNER_TEMP, and the token asks only for fr:idc:esv:read', async () => {
    const run = await exportEsvs()
    expect(run.main.exitCode).toBe(0)
    expect(run.main.outputs.file).toMatch(/runner-temp[/\\]tenant-pilot[/\\]esvs\.yaml$/)
    const scopes = new Set(e2e.emulator.log.filter((entry) => !entry.path.startsWith('/am/')).flatMap((entry) => entry.scopes))
    expect([...scopes]).toEqual(['fr:idc:esv:read'])
  })
})

const LOGIN = selfSignedCertificate({
  commonName: 'login.acme.example',
  subjectAlternativeNames: ['login.acme.example', 'id.acme.example']
})
const API = selfSignedCertificate({ commonName: 'api.acme.example', algorithm: 'ecdsa', organization: 'Acme, Inc' })

const SETTINGS = `
content-security-policy:
  enforced:
    active: true
    directives:
      default-src: ["'self'"]
      script-src: ["'self'", https://cdn.acme.example]
  report-only:
    active: false
    directives:
      report-uri: [https://csp.acme.example/report]
cookie-domains: [acme.example, login.acme.example]
custom-domains:
  alpha: [login.acme.example]
  bravo: [partners.acme.example]
federation-enforcement: non-global
sso-cookie:
  name: acmeSession
certificates:
  - certificate-file: certs/login.pem
    private-key-from-env: LOGIN_KEY
    active: true
  - certificate-file: certs/api.pem
    private-key-from-env: API_KEY
    active: false
`

describe('operation: export-tenant-settings', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e()
    for (const domain of ['login.acme.example', 'partners.acme.example']) e2e.emulator.upper.state.settings.cnameRecords.add(domain)
  })
  afterEach(() => e2e.close())

  const applySettings = (name: string, file: string, inputs: Record<string, string> = {}) =>
    e2e.run({
      inputs: {
        operation: 'set-tenant-settings',
        'settings-file': name,
        ...connectionInputs(e2e.emulator),
        ...FAST_WAITS,
        ...UNREVIEWED_APPLY,
        ...inputs
      },
      files: { [name]: file, 'tenant/certs/login.pem': LOGIN.certificate, 'tenant/certs/api.pem': API.certificate },
      env: { LOGIN_KEY: LOGIN.privateKey, API_KEY: API.privateKey },
      extraSecrets: [LOGIN.privateKey, API.privateKey]
    })

  test.each(['tenant/exported.yaml', 'tenant/exported.json'])(
    'round trip (%s): set-tenant-settings dry-run on the export plans nothing, certificates named by subject, names and validity',
    async (name) => {
      expect((await applySettings('tenant/settings.yaml', SETTINGS, { 'domain-verify-timeout': '5' })).main.exitCode).toBe(0)
      e2e.emulator.log.length = 0
      const run = await e2e.run({ inputs: { operation: 'export-tenant-settings', 'output-file': name, ...connectionInputs(e2e.emulator) } })
      expect(run.main.exitCode).toBe(0)
      const text = readFileSync(run.main.outputs.file!, 'utf8')
      const exported = (name.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Record<string, unknown>
      expect(Object.keys(exported)).toEqual([
        'content-security-policy',
        'cookie-domains',
        'custom-domains',
        'federation-enforcement',
        'sso-cookie',
        'certificates'
      ])
      expect(exported['custom-domains']).toEqual({ alpha: ['login.acme.example'], bravo: ['partners.acme.example'] })
      expect(exported['federation-enforcement']).toBe('non-global')
      const certificates = exported.certificates as Record<string, unknown>[]
      expect(certificates).toHaveLength(2)
      expect(certificates.map((c) => c.active)).toEqual([false, true])
      expect(certificates[1]!['subject-alternative-names']).toEqual(['id.acme.example', 'login.acme.example'])
      // Never a key, an id or the tenant's load-balancer state.
      expect(text).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE|"?id"?:|live|cert-0/)
      expect(run.main.summary).toContain('2 certificate(s)')
      expect(run.main.summary).toContain(`Written to \`${name}\``)
      expect(e2e.emulator.log.filter((entry) => entry.method !== 'GET' && !entry.path.startsWith('/am/'))).toEqual([])
      const scopes = new Set(e2e.emulator.log.filter((entry) => !entry.path.startsWith('/am/')).flatMap((entry) => entry.scopes))
      expect([...scopes].sort()).toEqual([
        'fr:idc:certificate:read',
        'fr:idc:content-security-policy:read',
        'fr:idc:cookie-domain:read',
        'fr:idc:custom-domain:read',
        'fr:idc:federation:read',
        'fr:idc:sso-cookie:read'
      ])

      e2e.emulator.log.length = 0
      const plan = await applySettings(name, text, { 'dry-run': 'true' })
      expect(plan.main.exitCode).toBe(0)
      expect(JSON.parse(plan.main.outputs.changed!)).toEqual([])
      expect(plan.main.stdout).not.toMatch(/\(kept\)|\(verify\)/)
      expect(e2e.emulator.log.filter((entry) => entry.method !== 'GET' && !entry.path.startsWith('/am/'))).toEqual([])
    }
  )

  test('a tenant as provisioned exports its defaults, and set-tenant-settings plans nothing on them', async () => {
    const run = await e2e.run({
      inputs: { operation: 'export-tenant-settings', 'output-file': 'tenant/fresh.yaml', ...connectionInputs(e2e.emulator) }
    })
    expect(run.main.exitCode).toBe(0)
    const text = readFileSync(run.main.outputs.file!, 'utf8')
    expect(parseYaml(text)).toMatchObject({ 'cookie-domains': [], certificates: [], 'sso-cookie': { name: 'iPlanetDirectoryPro' } })
    const plan = await applySettings('tenant/fresh.yaml', text, { 'dry-run': 'true' })
    expect(plan.main.exitCode).toBe(0)
    expect(JSON.parse(plan.main.outputs.changed!)).toEqual([])
  })
})
