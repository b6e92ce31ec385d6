import { describe, expect, test } from '@jest/globals'
import { parseEsvSyncInputs } from '../../../src/inputs/esv-sync.js'
import { Parser } from '../../../src/inputs/parser.js'
import type { OperationName } from '../../../src/operations/names.js'

function parse(inputs: Record<string, string>, operation: OperationName) {
  const problems: string[] = []
  const parsed = parseEsvSyncInputs(new Parser((name) => inputs[name] ?? '', problems), operation)
  return { keepVersions: parsed.keepVersions, problems }
}

describe('keep-versions of set-esvs', () => {
  test('absent: every version is kept, as before', () => {
    expect(parse({ 'esv-file': 'esvs.yaml' }, 'set-esvs')).toEqual({ keepVersions: undefined, problems: [] })
  })

  test('a whole number from 1', () => {
    expect(parse({ 'esv-file': 'esvs.yaml', 'keep-versions': '1' }, 'set-esvs')).toEqual({ keepVersions: 1, problems: [] })
    expect(parse({ 'esv-file': 'esvs.yaml', 'keep-versions': '3' }, 'set-esvs').keepVersions).toBe(3)
  })

  test.each(['0', '-1', '2.5', 'two', '1001'])('"%s" is refused up front', (value) => {
    expect(parse({ 'esv-file': 'esvs.yaml', 'keep-versions': value }, 'set-esvs').problems).toEqual([
      `keep-versions: expected a whole number from 1 to 1000, got "${value}"`
    ])
  })

  test('rotate-secret reads its own keep-versions; any other operation refuses it', () => {
    expect(parse({ 'keep-versions': '2' }, 'rotate-secret').problems).toEqual([])
    expect(parse({ 'keep-versions': '2' }, 'restart').problems).toEqual([
      'keep-versions: only set-esvs and rotate-secret retire secret versions; remove it from this restart step'
    ])
    expect(parse({}, 'restart').problems).toEqual([])
  })
})
