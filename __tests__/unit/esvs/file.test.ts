import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@jest/globals'
import { loadEsvFile } from '../../../src/esvs/file.js'

function load(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-pilot-esvs-'))
  const path = join(dir, 'prod.yaml')
  writeFileSync(path, yaml)
  return loadEsvFile(path, { GITHUB_WORKSPACE: dir })
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
