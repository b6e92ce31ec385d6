import { describe, expect, test } from '@jest/globals'
import { Parser } from '../../../src/inputs/parser.js'
import { parseRotationInputs } from '../../../src/inputs/rotation.js'

function parse(inputs: Record<string, string>, operation: 'rotate-secret' | 'restart' = 'rotate-secret') {
  const problems: string[] = []
  const settings = parseRotationInputs(new Parser((name) => inputs[name] ?? '', problems), operation)
  return { settings, problems }
}

describe('parseRotationInputs', () => {
  test('defaults: generate, disable beyond 2, resume, no value output', () => {
    expect(parse({ 'secret-id': 'esv-signing-key' })).toEqual({
      settings: {
        secretId: 'esv-signing-key',
        secretValue: undefined,
        encoding: 'generic',
        valueLength: undefined,
        createIfMissing: false,
        retire: 'disable',
        keepVersions: 2,
        outputValue: false,
        resume: true
      },
      problems: []
    })
  })

  test('is not read at all for other operations', () => {
    expect(parse({ 'secret-id': 'Not An Id', 'keep-versions': '0' }, 'restart')).toEqual({ settings: undefined, problems: [] })
  })

  test.each([
    ['esv-a', true],
    ['esv-hmac_key-2', true],
    [`esv-${'a'.repeat(124)}`, true],
    [`esv-${'a'.repeat(125)}`, false],
    ['esv-', false],
    ['esv-Upper', false],
    ['signing-key', false]
  ])('secret-id %s valid: %s', (id, valid) => {
    expect(parse({ 'secret-id': id }).problems).toHaveLength(valid ? 0 : 1)
  })

  test('keep-versions, retire, value-length and booleans are checked', () => {
    const { problems } = parse({
      'secret-id': 'esv-x',
      'keep-versions': '0',
      retire: 'archive',
      'value-length': '-3',
      'output-value': 'yes',
      'create-if-missing': 'sure'
    })
    expect(problems).toEqual([
      'value-length: expected a whole number from 1 to 4096, got "-3"',
      'create-if-missing: expected true or false, got "sure"',
      'retire: "archive" is not one of disable, delete, none',
      'keep-versions: expected a whole number from 1 to 1000, got "0"',
      'output-value: expected true or false, got "yes"'
    ])
  })

  test('value-length conflicts with a given value', () => {
    expect(parse({ 'secret-id': 'esv-x', 'secret-value': 'a-given-value', 'value-length': '32' }).problems).toEqual([
      'value-length: applies only to a generated value; drop it, or drop secret-value to generate one'
    ])
  })

  test('with create-if-missing the value and value-length are checked against the encoding input, never quoting the value', () => {
    const value = Buffer.alloc(20, 7).toString('base64')
    const { problems } = parse({ 'secret-id': 'esv-x', 'create-if-missing': 'true', encoding: 'base64aes', 'secret-value': value })
    expect(problems).toEqual(['secret-value: a base64aes key must decode to 16, 24 or 32 bytes, and this decodes to 20'])
    expect(problems.join()).not.toContain(value)
    expect(parse({ 'secret-id': 'esv-x', 'create-if-missing': 'true', encoding: 'base64aes', 'value-length': '20' }).problems).toEqual([
      'value-length: expected 16, 24 or 32 bytes for a base64aes key'
    ])
    expect(parse({ 'secret-id': 'esv-x', 'create-if-missing': 'true', encoding: 'pem' }).problems).toEqual([
      expect.stringMatching(/^secret-value: required with encoding pem; a pem secret cannot be generated/)
    ])
  })

  test('without create-if-missing the encoding input says nothing about the existing secret', () => {
    expect(parse({ 'secret-id': 'esv-x', encoding: 'pem', 'secret-value': 'not-pem-at-all' }).problems).toEqual([])
  })
})
