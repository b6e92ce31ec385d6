import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@jest/globals'
import { loadEsvFile } from '../../../src/esvs/file.js'

function load(yaml: string, env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-pilot-esvs-'))
  const path = join(dir, 'prod.yaml')
  writeFileSync(path, yaml)
  return loadEsvFile(path, { GITHUB_WORKSPACE: dir, ...env })
}

test('numbers written in the file keep their digits: YAML would read 1.10 as 1.1 and lose digits of big integers', () => {
  const { file, problems } = load(
    [
      'variables:',
      '  esv-version: { value: 1.10 }',
      '  esv-zip: { value: 08 }',
      '  esv-big: { type: int, value: 12345678901234567890 }',
      '  esv-ratio: { type: number, value: 2.50 }',
      '  esv-hex: { type: int, value: 0x1F }',
      '  esv-flag: { value: true }',
      ''
    ].join('\n')
  )
  expect(problems).toEqual([])
  const values = Object.fromEntries((file?.variables ?? []).map((v) => [v.id, v.text]))
  expect(values).toEqual({
    'esv-version': '1.10',
    'esv-zip': '08',
    'esv-big': '12345678901234567890',
    'esv-ratio': '2.50',
    'esv-hex': '31',
    'esv-flag': 'true'
  })
})

test('value-encoding base64: bytes that are not UTF-8 are kept as bytes (string only); UTF-8 bytes are text; misuse is refused where it is', () => {
  const { file, problems } = load(
    [
      'variables:',
      '  esv-bytes: { value-encoding: base64, value: YYD/YsCv }',
      '  esv-text: { type: int, value-encoding: base64, value: NDI= }',
      '  esv-int-bytes: { type: int, value-encoding: base64, value: YYD/YsCv }',
      '  esv-not-base64: { value-encoding: base64, value: "not base64!" }',
      '  esv-hex: { value-encoding: hex, value: "6180" }',
      '  esv-env: { value-encoding: base64, value-from-env: SOME_VALUE }',
      ''
    ].join('\n'),
    { SOME_VALUE: 'YYD/YsCv' }
  )
  expect(file).toBeUndefined()
  expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
    '4:47 esv-int-bytes: its bytes are not UTF-8 text; only a string variable may hold them (its type, int, holds text)',
    '5:37 esv-not-base64: with value-encoding base64, value must be base64 text',
    '6:30 esv-hex: value-encoding "hex" is not base64 (the only encoding)',
    '7:30 esv-env: value-encoding applies to value only (a value-file or variable is read as it is)'
  ])
  const good = load(
    'variables:\n  esv-bytes: { value-encoding: base64, value: YYD/YsCv }\n  esv-text: { type: int, value-encoding: base64, value: NDI= }\n'
  )
  expect(good.problems).toEqual([])
  expect(good.file?.variables.map(({ id, text, valueEncoding }) => ({ id, text, valueEncoding }))).toEqual([
    { id: 'esv-bytes', text: 'YYD/YsCv', valueEncoding: 'base64' },
    { id: 'esv-text', text: '42', valueEncoding: undefined }
  ])
})
