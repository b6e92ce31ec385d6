import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { annotations, errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, requestsTo, startE2e, type E2eContext, UNREVIEWED_APPLY } from '../helpers/e2e.js'

const SMTP_PASSWORD = 'smtp-pa55word-from-a-github-secret'
const AES_KEY = Buffer.alloc(32, 7).toString('base64')

const decode = (base64: string | null | undefined) => Buffer.from(base64 ?? '', 'base64').toString('utf8')

describe('operation: set-esvs', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ restartMs: 200 })
  })
  afterEach(() => e2e.close())

  const upper = () => e2e.emulator.upper.state
  const writes = () =>
    e2e.emulator.log.filter(
      (entry) => entry.method !== 'GET' && !entry.path.startsWith('/am/') && !entry.path.startsWith('/environment/startup')
    )
  const restarts = () => e2e.emulator.log.filter((entry) => entry.method === 'POST' && entry.path === '/environment/startup')

  function sync(
    file: string,
    options: { inputs?: Record<string, string>; env?: Record<string, string>; name?: string; extraFiles?: Record<string, string> } = {}
  ) {
    const name = options.name ?? 'esvs/prod.yaml'
    return e2e.run({
      inputs: {
        operation: 'set-esvs',
        'esv-file': name,
        ...connectionInputs(e2e.emulator),
        ...FAST_WAITS,
        ...UNREVIEWED_APPLY,
        ...options.inputs
      },
      files: { [name]: file, ...options.extraFiles },
      env: { SMTP_PASSWORD, AES_KEY, ...options.env },
      extraSecrets: [SMTP_PASSWORD, AES_KEY, ...Object.values(options.env ?? {})]
    })
  }

  const NEW_ESVS = `
variables:
  esv-orders-api-url:
    value: https://orders.example.com
    description: Base URL of the orders API
  esv-orders-origins:
    type: array
    value: [https://a.example.com, https://b.example.com]
  esv-orders-headers:
    type: keyvaluelist
    value: { x-tenant: acme, x-retries: 3 }
  esv-orders-regions:
    type: list
    value: [eu, us]
secrets:
  esv-orders-smtp:
    value-from-env: SMTP_PASSWORD
    description: SMTP relay password
  esv-orders-aes:
    encoding: base64aes
    value-from-env: AES_KEY
    use-in-placeholders: false
`

  test('creates new variables and secrets, restarts once, and everything loads', async () => {
    const run = await sync(NEW_ESVS)
    expect(run.main.exitCode).toBe(0)
    const variable = (id: string) => upper().variables.get(id)
    expect(decode(variable('esv-orders-api-url')?.valueBase64)).toBe('https://orders.example.com')
    expect(variable('esv-orders-api-url')?.description).toBe('Base URL of the orders API')
    expect(variable('esv-orders-origins')?.expressionType).toBe('array')
    expect(JSON.parse(decode(variable('esv-orders-origins')?.valueBase64))).toEqual(['https://a.example.com', 'https://b.example.com'])
    expect(JSON.parse(decode(variable('esv-orders-headers')?.valueBase64))).toEqual({ 'x-tenant': 'acme', 'x-retries': '3' })
    expect(decode(variable('esv-orders-regions')?.valueBase64)).toBe('eu,us')
    const smtp = upper().secrets.get('esv-orders-smtp')
    expect(decode(smtp?.versions.at(-1)?.valueBase64)).toBe(SMTP_PASSWORD)
    expect(smtp?.encoding).toBe('generic')
    expect(upper().secrets.get('esv-orders-aes')?.useInPlaceholders).toBe(false)
    expect(restarts()).toHaveLength(1)
    expect(writes()).toHaveLength(6)
    for (const id of ['esv-orders-api-url', 'esv-orders-origins']) expect(variable(id)?.loaded).toBe(true)
    expect(JSON.parse(run.main.outputs.changed!)).toHaveLength(6)
    expect(JSON.parse(run.main.outputs.changed!)).toContainEqual({ id: 'esv-orders-smtp', kind: 'secret', action: 'created' })
    expect(run.main.outputs['restart-status']).toBe('ready')
    expect(run.main.summary).toContain('### ESV sync from `esvs/prod.yaml`')
    expect(run.main.summary).not.toContain('https://orders.example.com')
    expect(run.main.stdout).toMatch(/\+ variable esv-orders-api-url: create/)
  })

  test('a second run with the same file makes no write and no restart', async () => {
    expect((await sync(NEW_ESVS)).main.exitCode).toBe(0)
    e2e.emulator.log.length = 0
    const versionsBefore = upper().secrets.get('esv-orders-smtp')?.versions.length
    const run = await sync(NEW_ESVS)
    expect(run.main.exitCode).toBe(0)
    expect(JSON.parse(run.main.outputs.changed!)).toEqual([])
    expect(run.main.outputs['restart-status']).toBe('skipped')
    expect(restarts()).toHaveLength(0)
    // Secrets cannot be read back: their values are pushed and the tenant de-duplicates them.
    expect(
      writes()
        .map((w) => `${w.method} ${w.path}`)
        .sort()
    ).toEqual(['POST /environment/secrets/esv-orders-aes/versions', 'POST /environment/secrets/esv-orders-smtp/versions'])
    expect(upper().secrets.get('esv-orders-smtp')?.versions.length).toBe(versionsBefore)
    expect(run.main.stdout).toContain('Nothing changed and nothing is pending: no restart')
  })

  test("an existing secret's new value becomes a new version; restart: never leaves it pending, always restarts anyway", async () => {
    const file = 'secrets:\n  esv-smtp-password:\n    value-from-env: SMTP_PASSWORD\n'
    const before = upper().secrets.get('esv-smtp-password')!.activeVersion
    const never = await sync(file, { inputs: { restart: 'never' } })
    expect(never.main.exitCode).toBe(0)
    expect(JSON.parse(never.main.outputs.changed!)).toEqual([{ id: 'esv-smtp-password', kind: 'secret', action: 'updated' }])
    expect(never.main.outputs['restart-status']).toBe('skipped')
    expect(restarts()).toEqual([])
    const secret = upper().secrets.get('esv-smtp-password')!
    expect(secret.activeVersion).toBe(before + 1)
    expect(decode(secret.versions.at(-1)?.valueBase64)).toBe(SMTP_PASSWORD)
    expect(secret.loadedVersion).not.toBe(secret.activeVersion)

    const always = await sync(file, { inputs: { restart: 'always' } })
    expect(always.main.exitCode).toBe(0)
    expect(JSON.parse(always.main.outputs.changed!)).toEqual([])
    expect(always.main.outputs['restart-status']).toBe('ready')
    expect(restarts()).toHaveLength(1)
    expect(upper().secrets.get('esv-smtp-password')!.loadedVersion).toBe(before + 1)
  })

  test('updates a value, a description only, and leaves the rest unchanged', async () => {
    const run = await sync(`
variables:
  esv-api-base-url:
    value: https://api-v2.example.com
  esv-session-timeout:
    type: int
    value: 30
    description: Session timeout in minutes
  esv-mfa-enabled:
    type: bool
    value: true
  esv-allowed-origins:
    type: array
    value:
      - https://app.example.com
      - https://admin.example.com
`)
    expect(run.main.exitCode).toBe(0)
    const changed = JSON.parse(run.main.outputs.changed!) as unknown[]
    expect(changed).toEqual([
      { id: 'esv-api-base-url', kind: 'variable', action: 'updated' },
      { id: 'esv-session-timeout', kind: 'variable', action: 'description-updated' }
    ])
    expect(decode(upper().variables.get('esv-api-base-url')?.valueBase64)).toBe('https://api-v2.example.com')
    expect(upper().variables.get('esv-session-timeout')?.description).toBe('Session timeout in minutes')
    const paths = writes().map((w) => `${w.method} ${w.path}?${w.query}`)
    expect(paths.sort()).toEqual([
      'POST /environment/variables/esv-session-timeout?_action=setDescription',
      'PUT /environment/variables/esv-api-base-url?'
    ])
    expect(run.main.summary).toMatch(/In the tenant but not in the file \(kept/)
  })

  test('a value update from a file that declares no description keeps the tenant’s description, though a bare PUT would clear it', async () => {
    expect(upper().variables.get('esv-api-base-url')?.description).toBe('Base URL of the backing API')
    // The emulator's default for a PUT without description is to clear it (evidence ESV-14: unknown).
    const run = await sync(`
variables:
  esv-api-base-url:
    value: https://api-v3.example.com
`)
    expect(run.main.exitCode).toBe(0)
    expect(JSON.parse(run.main.outputs.changed!)).toEqual([{ id: 'esv-api-base-url', kind: 'variable', action: 'updated' }])
    const variable = upper().variables.get('esv-api-base-url')
    expect(decode(variable?.valueBase64)).toBe('https://api-v3.example.com')
    expect(variable?.description).toBe('Base URL of the backing API')
    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual(['PUT /environment/variables/esv-api-base-url'])
  })

  test('a variable made before types (expressionType "") is updated as a string without naming a type', async () => {
    upper().variables.set('esv-legacy-note', {
      _id: 'esv-legacy-note',
      description: 'made in 2022',
      expressionType: '',
      valueBase64: Buffer.from('old note').toString('base64'),
      lastChangeDate: '2022-11-30T00:13:52Z',
      lastChangedBy: 'someone',
      loaded: true,
      changeSeq: 0
    })
    // The emulator refuses a PUT that names a type for it (evidence ESV-32: unknown, the adversarial default).
    const run = await sync(`
variables:
  esv-legacy-note:
    value: new note
`)
    expect(run.main.exitCode).toBe(0)
    expect(JSON.parse(run.main.outputs.changed!)).toEqual([{ id: 'esv-legacy-note', kind: 'variable', action: 'updated' }])
    expect(upper().variables.get('esv-legacy-note')).toMatchObject({
      expressionType: '',
      description: 'made in 2022',
      valueBase64: Buffer.from('new note').toString('base64')
    })
  })

  test('prune deletes what the file does not declare; without it nothing is deleted', async () => {
    const file = `
variables:
  esv-api-base-url:
    value: https://api.example.com
`
    const kept = await sync(file)
    expect(kept.main.exitCode).toBe(0)
    expect(upper().variables.size).toBe(6)
    const pruned = await sync(file, { inputs: { prune: 'true' } })
    expect(pruned.main.exitCode).toBe(0)
    expect([...upper().variables.keys()]).toEqual(['esv-api-base-url'])
    expect(upper().secrets.size).toBe(0)
    expect(JSON.parse(pruned.main.outputs.changed!)).toContainEqual({ id: 'esv-signing-key', kind: 'secret', action: 'deleted' })
  })

  test('refuses a type change before any write, and replaces with replace-on-type-change', async () => {
    const file = `
variables:
  esv-api-base-url:
    value: https://new.example.com
  esv-session-timeout:
    type: string
    value: thirty
`
    const refused = await sync(file)
    expect(refused.main.exitCode).toBe(1)
    expect(errorLines(refused.main).join('\n')).toMatch(
      /esv-session-timeout: its expressionType is int in the tenant and string in the file, which cannot change in place; set replace-on-type-change: true/
    )
    expect(writes()).toEqual([])
    const replaced = await sync(file, { inputs: { 'replace-on-type-change': 'true' } })
    expect(replaced.main.exitCode).toBe(0)
    expect(upper().variables.get('esv-session-timeout')?.expressionType).toBe('string')
    // The file declares no description: the re-created variable keeps the one it had.
    expect(upper().variables.get('esv-session-timeout')?.description).toBe('Minutes')
    expect(JSON.parse(replaced.main.outputs.changed!)).toContainEqual({ id: 'esv-session-timeout', kind: 'variable', action: 'replaced' })
  })

  test('a dry run plans and writes nothing', async () => {
    const run = await sync(NEW_ESVS, { inputs: { 'dry-run': 'true', prune: 'true', 'show-values': 'true' } })
    expect(run.main.exitCode).toBe(0)
    expect(writes()).toEqual([])
    expect(restarts()).toEqual([])
    expect(upper().variables.has('esv-orders-api-url')).toBe(false)
    const planned = JSON.parse(run.main.outputs.changed!) as Array<{ id: string; action: string }>
    expect(planned).toContainEqual({ id: 'esv-orders-api-url', kind: 'variable', action: 'create' })
    expect(planned).toContainEqual({ id: 'esv-api-base-url', kind: 'variable', action: 'delete' })
    expect(run.main.summary).toContain('(dry run: nothing written)')
    expect(run.main.summary).toContain('`https://orders.example.com`')
  })

  test('restarts when nothing changed but something is pending', async () => {
    const pending = upper().variables.get('esv-api-base-url')!
    pending.loaded = false
    const run = await sync(`
variables:
  esv-api-base-url:
    value: https://api.example.com
`)
    expect(run.main.exitCode).toBe(0)
    expect(writes()).toEqual([])
    expect(restarts()).toHaveLength(1)
    expect(run.main.outputs['restart-status']).toBe('ready')
  })

  test('reads every page: 250 ESVs', async () => {
    const lines = ['variables:']
    for (let i = 0; i < 130; i++) lines.push(`  esv-bulk-var-${i}:`, `    value: value-${i}`)
    lines.push('secrets:')
    for (let i = 0; i < 120; i++) lines.push(`  esv-bulk-secret-${i}:`, '    value-from-env: SMTP_PASSWORD')
    const file = lines.join('\n')
    const first = await sync(file, { inputs: { concurrency: '16' } })
    expect(first.main.exitCode).toBe(0)
    expect(upper().variables.size).toBe(136)
    expect(upper().secrets.size).toBe(123)
    e2e.emulator.log.length = 0
    const second = await sync(file, { inputs: { concurrency: '16' } })
    expect(second.main.exitCode).toBe(0)
    expect(JSON.parse(second.main.outputs.changed!)).toEqual([])
    const secretPages = requestsTo(e2e.emulator, 'upper').filter((r) => r.startsWith('GET /environment/secrets?'))
    expect(secretPages).toHaveLength(2)
    expect(writes().filter((w) => w.path.startsWith('/environment/variables'))).toEqual([])
  })

  test('survives a 429 storm during writes without writing anything twice', async () => {
    e2e.emulator.fault({ tenant: 'upper', method: 'PUT', path: /^\/environment\/variables\//, status: 429, retryAfter: '0', times: 6 })
    e2e.emulator.fault({ tenant: 'upper', method: 'POST', path: /\/versions$/, status: 429, times: 2 })
    const run = await sync(NEW_ESVS)
    expect(run.main.exitCode).toBe(0)
    const accepted = writes().filter((w) => w.status === 200)
    expect(accepted).toHaveLength(6)
    expect(new Set(accepted.map((w) => w.path)).size).toBe(6)
    expect(writes().filter((w) => w.status === 429)).toHaveLength(6)
  })

  test('one write failing for good: the others are applied, the step fails naming it, no restart', async () => {
    e2e.emulator.fault({ tenant: 'upper', method: 'PUT', path: '/environment/variables/esv-orders-origins', status: 500 })
    const run = await sync(NEW_ESVS)
    expect(run.main.exitCode).toBe(1)
    const [error] = errorLines(run.main)
    expect(error).toMatch(/^1 of 6 ESVs failed; 5 other changes were applied and wait for a restart/)
    expect(error).toMatch(/esv-orders-origins: PUT \/environment\/variables\/esv-orders-origins failed with HTTP 500/)
    expect(upper().variables.has('esv-orders-api-url')).toBe(true)
    expect(upper().secrets.has('esv-orders-smtp')).toBe(true)
    expect(restarts()).toEqual([])
    // What was applied is on record: the changed output and the plan table in the summary.
    const changed = JSON.parse(run.main.outputs.changed ?? '[]') as Array<{ id: string }>
    expect(changed.map((c) => c.id).sort()).toEqual([
      'esv-orders-aes',
      'esv-orders-api-url',
      'esv-orders-headers',
      'esv-orders-regions',
      'esv-orders-smtp'
    ])
    expect(run.main.summary).toContain('esv-orders-api-url')
    expect(run.main.summary).toContain('tenant-pilot failed')
  })

  describe('a bad file is reported where the problem is, and nothing is sent', () => {
    // The last column is the annotated line (0: not checked).
    const cases: Array<[string, string, RegExp, number]> = [
      ['an invalid id', 'variables:\n  ESV-Upper:\n    value: x\n', /"ESV-Upper" is not a valid ESV id/, 2],
      ['a literal secret value', 'secrets:\n  esv-a:\n    value: hunter2-literal\n', /secrets never hold a literal value in the file/, 3],
      [
        'an unset environment variable',
        'secrets:\n  esv-a:\n    value-from-env: NOT_SET_ANYWHERE\n',
        /the environment variable NOT_SET_ANYWHERE is not set/,
        3
      ],
      [
        'an empty environment variable',
        'secrets:\n  esv-a:\n    value-from-env: EMPTY_VALUE\n',
        /the environment variable EMPTY_VALUE is empty/,
        3
      ],
      [
        'a base64aes key of the wrong size',
        'secrets:\n  esv-a:\n    encoding: base64aes\n    value-from-env: SMTP_PASSWORD\n',
        /a base64aes secret needs base64 text/,
        4
      ],
      [
        'a pem that is not PEM',
        'secrets:\n  esv-a:\n    encoding: pem\n    value-from-env: SMTP_PASSWORD\n',
        /a pem secret needs PEM text/,
        4
      ],
      [
        'an unknown expressionType',
        'variables:\n  esv-a:\n    type: yaml\n    value: x\n',
        /type "yaml" is not one of string, list, array/,
        3
      ],
      [
        'a value that does not fit its type',
        'variables:\n  esv-a:\n    type: int\n    value: twelve\n',
        /esv-a: expected a whole number/,
        4
      ],
      ['an array given a string', 'variables:\n  esv-a:\n    type: array\n    value: not-json\n', /expected a JSON array/, 4],
      [
        'a description too long',
        `variables:\n  esv-a:\n    value: x\n    description: ${'d'.repeat(1001)}\n`,
        /description is 1001 characters; the limit is 1000/,
        4
      ],
      ['a duplicate key', 'variables:\n  esv-a:\n    value: x\n  esv-a:\n    value: y\n', /Map keys must be unique/, 4],
      [
        'an id in both sections',
        'variables:\n  esv-a:\n    value: x\nsecrets:\n  esv-a:\n    value-from-env: SMTP_PASSWORD\n',
        /esv-a is declared twice/,
        5
      ],
      ['an unknown setting', 'variables:\n  esv-a:\n    value: x\n    vaule: y\n', /unknown setting "vaule"/, 4],
      ['an unknown section', 'varaibles:\n  esv-a:\n    value: x\n', /unknown section "varaibles"/, 1],
      [
        'two value sources',
        'variables:\n  esv-a:\n    value: x\n    value-from-env: SMTP_PASSWORD\n',
        /give only one of value, value-from-env/,
        2
      ],
      ['no value', 'variables:\n  esv-a:\n    description: nothing\n', /esv-a: no value/, 2],
      ['broken YAML', 'variables:\n  esv-a: [unclosed\n', /./, 0],
      [
        'a missing value-file',
        'secrets:\n  esv-a:\n    value-file: ../keys/missing.pem\n',
        /value-file \.\.\/keys\/missing\.pem: file not found/,
        3
      ],
      [
        'a YAML alias bomb',
        `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nvariables: {}\n`,
        /YAML aliases/,
        1
      ]
    ]
    test.each(cases)('%s', async (_name, file, message, line) => {
      const run = await sync(file, { env: { EMPTY_VALUE: '' } })
      expect(run.main.exitCode).toBe(1)
      const found = annotations(run.main).filter((a) => a.file === 'esvs/prod.yaml')
      expect(found).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringMatching(message) })]))
      if (line !== 0) expect(found.find((a) => message.test(a.message))?.line).toBe(line)
      expect(errorLines(run.main).at(-1)).toMatch(
        /^esv-file esvs\/prod\.yaml: \d+ problems? \(annotated above\); nothing was sent to the tenant$/
      )
      expect(e2e.emulator.log).toEqual([])
      expect(run.main.stdout).not.toContain('hunter2-literal')
    })

    test('every problem of a file is reported at once', async () => {
      const run = await sync(
        'variables:\n  Bad_Id:\n    value: x\n  esv-b:\n    type: int\n    value: x\nsecrets:\n  esv-c:\n    value: literal\n'
      )
      expect(annotations(run.main).filter((a) => a.file === 'esvs/prod.yaml')).toHaveLength(3)
      expect(e2e.emulator.log).toEqual([])
    })

    test('a file over 1 MiB, a missing file and a wrong extension', async () => {
      const huge = await sync(`variables:\n  esv-a:\n    value: ${'x'.repeat(1024 * 1024)}\n`)
      expect(annotations(huge.main)[0]?.message).toMatch(/the limit is 1048576/)
      const missing = await e2e.run({ inputs: { operation: 'set-esvs', 'esv-file': 'esvs/none.yaml', ...connectionInputs(e2e.emulator) } })
      expect(annotations(missing.main)[0]?.message).toBe('file not found')
      const text = await sync('variables: {}', { name: 'esvs/prod.txt' })
      expect(annotations(text.main)[0]?.message).toMatch(/unsupported file type ".txt"/)
      expect(e2e.emulator.log).toEqual([])
    })

    test('esv-file is required', async () => {
      const run = await e2e.run({ inputs: { operation: 'set-esvs', ...connectionInputs(e2e.emulator) } })
      expect(errorLines(run.main)).toEqual(['Invalid input: esv-file: required (the YAML or JSON file declaring the ESVs)'])
      expect(e2e.emulator.log).toEqual([])
    })
  })

  test('JSON files and value-file work too', async () => {
    const json = JSON.stringify({
      variables: {
        'esv-json-flags': { type: 'object', value: { a: 1 } },
        'esv-inline': { type: 'base64encodedinlined', 'value-file': 'files/logo.bin' }
      },
      secrets: { 'esv-json-key': { encoding: 'pem', 'value-file': 'files/key.pem' } }
    })
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----\n'
    const run = await sync(json, { name: 'esvs/prod.json', extraFiles: { 'esvs/files/key.pem': pem, 'esvs/files/logo.bin': 'GIF89a' } })
    expect(run.main.exitCode).toBe(0)
    expect(JSON.parse(decode(upper().variables.get('esv-json-flags')?.valueBase64))).toEqual({ a: 1 })
    expect(decode(upper().variables.get('esv-inline')?.valueBase64)).toBe(Buffer.from('GIF89a').toString('base64'))
    expect(decode(upper().secrets.get('esv-json-key')?.versions.at(-1)?.valueBase64)).toBe(pem.trimEnd())
  })
})
