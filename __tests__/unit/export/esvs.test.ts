import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import { renderDeclarationFile, withoutHeader } from '../../../src/export/declaration-file.js'
import { envNameFor, esvExport, nativeValue } from '../../../src/export/esvs.js'
import { exportFormatOf } from '../../../src/export/format.js'
import { loadEsvFile } from '../../../src/esvs/file.js'
import { planEsvs } from '../../../src/esvs/plan.js'
import { variableText, sameVariableValue } from '../../../src/esvs/values.js'
import type { EsvSecret, EsvVariable, ExpressionType, SecretEncoding } from '../../../src/tenant/types.js'

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const variable = (id: string, expressionType: ExpressionType | '', text: string, description = ''): EsvVariable => ({
  _id: id,
  expressionType,
  valueBase64: b64(text),
  description,
  lastChangeDate: '2024-01-01T00:00:00Z',
  lastChangedBy: 'someone',
  loaded: true
})
const secret = (id: string, encoding: SecretEncoding, useInPlaceholders = true, description = ''): EsvSecret => ({
  _id: id,
  encoding,
  useInPlaceholders,
  description,
  activeVersion: '3',
  loadedVersion: '3',
  loaded: true,
  lastChangeDate: '2024-01-01T00:00:00Z',
  lastChangedBy: 'someone'
})

/** Texts of each type that a careless export gets wrong. */
const CASES: [ExpressionType, string][] = [
  ['string', 'plain'],
  ['string', 'ends with a newline\n'],
  ['string', '1.10'],
  ['string', 'true'],
  ['string', ''],
  ['string', '  padded  '],
  ['list', 'a,b'],
  ['list', 'eu, us,,10'],
  ['list', ''],
  ['array', '[1,"two",{"b":[null,true],"a":1.5}]'],
  ['array', '[]'],
  ['object', '{"z":{"y":[1]},"a":"x"}'],
  ['object', '{}'],
  ['keyvaluelist', '{"b":"2","a":"1"}'],
  ['bool', 'true'],
  ['bool', 'false'],
  ['int', '-7'],
  ['int', '12345678901234567890'],
  ['int', '08'],
  ['number', '1.10'],
  ['number', '3'],
  ['number', '-2.5e-3'],
  ['base64encodedinlined', b64('any bytes \u0000 at all')]
]

describe('nativeValue: the inverse of the reader for every expressionType', () => {
  test.each(CASES)('%s %j reads back as the same value', (type, text) => {
    const native = nativeValue(type, text)
    expect(native.ok).toBe(true)
    // Through YAML text, as the file carries it.
    const carried: unknown = parseYaml(renderDeclarationFile({ value: native.value }, 'yaml', []))
    const back = variableText(type, (carried as { value: unknown }).value)
    expect(back.ok).toBe(true)
    expect(back.ok && sameVariableValue(type, text, back.text)).toBe(true)
  })

  test('values take their native YAML forms', () => {
    expect(nativeValue('array', '[1,{"b":1,"a":2}]').value).toEqual([1, { a: 2, b: 1 }])
    expect(nativeValue('list', 'eu,us').value).toEqual(['eu', 'us'])
    expect(nativeValue('bool', 'false').value).toBe(false)
    expect(nativeValue('int', '42').value).toBe(42)
    // YAML would read 1.10 as 1.1 and lose digits of a big number: they stay text, as set-esvs keeps their digits.
    expect(nativeValue('number', '1.10').value).toBe('1.10')
    expect(nativeValue('int', '12345678901234567890').value).toBe('12345678901234567890')
    expect(nativeValue('base64encodedinlined', 'aGk=').value).toBe('aGk=')
  })

  test('a value that is not of its type is exported as its text, with a problem to say', () => {
    for (const [type, text] of [
      ['array', '{"not":"an array"}'],
      ['object', 'not json'],
      ['keyvaluelist', '{"a":1}'],
      ['bool', 'yes'],
      ['int', '1.5'],
      ['number', 'NaN'],
      ['base64encodedinlined', 'not base64!']
    ] as [ExpressionType, string][]) {
      const native = nativeValue(type, text)
      expect(native).toMatchObject({ ok: false, value: text })
      expect(!native.ok && native.problem).toMatch(/set-esvs will refuse/)
    }
  })
})

test('envNameFor: esv-smtp-password → ESV_SMTP_PASSWORD', () => {
  expect(envNameFor('esv-smtp-password')).toBe('ESV_SMTP_PASSWORD')
  expect(envNameFor('esv-a_b-9')).toBe('ESV_A_B_9')
})

describe('esvExport', () => {
  const variables = [
    variable('esv-zeta', 'int', '5', 'Last by id'),
    variable('esv-alpha', 'array', '["x"]'),
    // As a recorded real tenant lists them (frodo-lib VariablesApi getVariables): no type, text with a newline.
    variable('esv-untyped', '', "Volker's value\n", 'Made before types')
  ]
  const secrets = [secret('esv-smtp-password', 'generic', true, 'SMTP'), secret('esv-aes', 'base64aes', false)]

  test('sorted by id, every field the reader knows and nothing volatile', () => {
    const exported = esvExport(variables, secrets)
    expect(Object.keys(exported.content.variables)).toEqual(['esv-alpha', 'esv-untyped', 'esv-zeta'])
    expect(exported.content.variables['esv-untyped']).toEqual({
      type: 'string',
      value: "Volker's value\n",
      description: 'Made before types'
    })
    expect(exported.untyped).toEqual(['esv-untyped'])
    expect(exported.content.secrets).toEqual({
      'esv-aes': { encoding: 'base64aes', 'use-in-placeholders': false, 'value-from-env': 'ESV_AES', description: '' },
      'esv-smtp-password': { encoding: 'generic', 'use-in-placeholders': true, 'value-from-env': 'ESV_SMTP_PASSWORD', description: 'SMTP' }
    })
    const text = renderDeclarationFile(exported.content, 'yaml', ['from somewhere'])
    expect(text).not.toMatch(/2024-01-01|someone|loaded|activeVersion/)
    expect(text.startsWith('# from somewhere\nvariables:\n  esv-alpha:\n')).toBe(true)
  })

  test('the same tenant in another order exports the same text', () => {
    const a = renderDeclarationFile(esvExport(variables, secrets).content, 'yaml', [])
    const b = renderDeclarationFile(esvExport([...variables].reverse(), [...secrets].reverse()).content, 'yaml', [])
    expect(a).toBe(b)
  })

  test('two secrets whose ids map to one environment variable are warned about', () => {
    const exported = esvExport([], [secret('esv-a-b', 'generic'), secret('esv-a_b', 'generic')])
    expect(exported.warnings).toEqual([expect.stringContaining('both take their value from ESV_A_B')])
  })

  test.each(['yaml', 'json'] as const)('as %s, loadEsvFile reads it back and planEsvs plans no variable change', (format) => {
    const all = CASES.map(([type, text], i) => variable(`esv-case-${String(i).padStart(2, '0')}`, type, text, i % 2 ? 'described' : ''))
    const current = { variables: [...all, ...variables], secrets }
    const dir = mkdtempSync(join(tmpdir(), 'tenant-pilot-export-'))
    const path = join(dir, `exported.${format}`)
    writeFileSync(path, renderDeclarationFile(esvExport(current.variables, current.secrets).content, format, ['header']))
    const env = { GITHUB_WORKSPACE: dir, ESV_SMTP_PASSWORD: 'pw', ESV_AES: Buffer.alloc(16, 1).toString('base64') }
    const { file, problems } = loadEsvFile(path, env)
    expect(problems).toEqual([])
    const plan = planEsvs(file!, current, { prune: true, replaceOnTypeChange: false })
    expect(plan.refusals).toEqual([])
    expect(plan.items.filter((item) => item.kind === 'variable' && item.action !== 'unchanged')).toEqual([])
    expect(plan.items.filter((item) => item.kind === 'secret').map((item) => item.action)).toEqual(['check-value', 'check-value'])
  })
})

describe('declaration files', () => {
  test('the format follows the extension; others are refused', () => {
    expect(['a.yaml', 'a.YML', 'a.json', 'a.txt', 'a'].map(exportFormatOf)).toEqual(['yaml', 'yaml', 'json', undefined, undefined])
  })

  test('JSON has no header (the readers refuse any other top-level key); YAML has it as comments', () => {
    expect(renderDeclarationFile({ variables: {} }, 'json', ['ignored'])).toBe('{\n  "variables": {}\n}\n')
    expect(renderDeclarationFile({ variables: {} }, 'yaml', ['one', ''])).toBe('# one\n#\nvariables: {}\n')
  })

  test('two exports compare without their headers', () => {
    expect(withoutHeader('# at 1\n# b\nvariables: {}\n')).toBe(withoutHeader('# at 2\n# b\nvariables: {}\n'))
    expect(withoutHeader('# at 1\nvariables: {}\n')).not.toBe(withoutHeader('# at 1\nsecrets: {}\n'))
  })
})
