import { describe, expect, test } from '@jest/globals'
import { canonicalJson, isBase64, isPem, sameTenantValue, sameVariableValue, secretText, variableText } from '../../../src/esvs/values.js'

const text = (result: ReturnType<typeof variableText>) => (result.ok ? result.text : `problem: ${result.problem}`)

describe('variableText serialises each expressionType as the tenant expects', () => {
  test.each([
    ['string', 'hello', 'hello'],
    ['string', 42, '42'],
    ['array', ['a', 'b'], '["a","b"]'],
    ['array', '["a"]', '["a"]'],
    ['object', { a: { b: 1 } }, '{"a":{"b":1}}'],
    ['keyvaluelist', { a: 1, b: true }, '{"a":"1","b":"true"}'],
    ['bool', true, 'true'],
    ['bool', 'false', 'false'],
    ['int', 30, '30'],
    ['int', '-7', '-7'],
    ['number', 1.5, '1.5'],
    ['number', '2e3', '2e3'],
    ['list', ['eu', 'us'], 'eu,us'],
    ['list', 'eu,us', 'eu,us'],
    ['base64encodedinlined', 'R0lGODlh', 'R0lGODlh']
  ] as const)('%s %j → %s', (type, value, expected) => {
    expect(text(variableText(type, value))).toBe(expected)
  })

  test.each([
    ['string', { a: 1 }, /needs a scalar/],
    ['array', { a: 1 }, /JSON array/],
    ['array', 'not json', /JSON array/],
    ['object', [1], /JSON object/],
    ['keyvaluelist', { a: { nested: 1 } }, /mapping of names to scalar values/],
    ['bool', 'yes', /true or false/],
    ['int', 1.5, /whole number/],
    ['int', 'twelve', /whole number/],
    ['number', 'NaN', /a number/],
    ['list', ['a,b'], /cannot contain commas/],
    ['list', [{ a: 1 }], /sequence of scalars/],
    ['base64encodedinlined', 'not base64!', /base64 text/]
  ] as const)('%s %j is refused', (type, value, problem) => {
    expect(text(variableText(type, value))).toMatch(problem)
  })
})

describe('sameVariableValue', () => {
  test('JSON types compare by meaning, not formatting', () => {
    expect(sameVariableValue('object', '{"a":1,"b":[1,2]}', '{ "b": [1, 2], "a": 1 }')).toBe(true)
    expect(sameVariableValue('array', '[1,2]', '[2,1]')).toBe(false)
    expect(sameVariableValue('string', 'a ', 'a')).toBe(false)
  })
})

describe('sameTenantValue compares byte for byte', () => {
  const bytes = Buffer.from([0x61, 0x80, 0xff, 0x62]).toString('base64')
  test('bytes that are not UTF-8 equal only the same bytes, never the text U+FFFD makes of them', () => {
    expect(sameTenantValue('string', bytes, { text: bytes, valueEncoding: 'base64' })).toBe(true)
    expect(sameTenantValue('string', bytes, { text: 'a\uFFFD\uFFFDb' })).toBe(false)
    expect(sameTenantValue('string', Buffer.from('a\uFFFD\uFFFDb').toString('base64'), { text: bytes, valueEncoding: 'base64' })).toBe(
      false
    )
  })
  test('text compares as before: JSON types by meaning', () => {
    expect(sameTenantValue('object', Buffer.from('{"a":1}').toString('base64'), { text: '{ "a": 1 }' })).toBe(true)
    expect(sameTenantValue('string', Buffer.from('a').toString('base64'), { text: 'a ' })).toBe(false)
  })
})

describe('secretText checks the value against the encoding', () => {
  const aes = (bytes: number) => Buffer.alloc(bytes, 1).toString('base64')
  test('accepts what each encoding needs', () => {
    expect(secretText('generic', 'anything at all').ok).toBe(true)
    expect(secretText('base64hmac', aes(64)).ok).toBe(true)
    for (const bytes of [16, 24, 32]) expect(secretText('base64aes', aes(bytes)).ok).toBe(true)
    expect(secretText('pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----').ok).toBe(true)
  })
  test('refuses what does not fit, without echoing the value', () => {
    const refused = [
      secretText('generic', ''),
      secretText('base64aes', aes(20)),
      secretText('base64hmac', 'p@ss word'),
      secretText('pem', 'p@ss word')
    ]
    for (const result of refused) {
      expect(result.ok).toBe(false)
      expect(JSON.stringify(result)).not.toContain('p@ss word')
    }
    expect(secretText('base64aes', aes(20))).toEqual({ ok: false, problem: 'a base64aes key must be 16, 24 or 32 bytes; this one is 20' })
  })
})

test('isBase64, isPem and canonicalJson', () => {
  expect(isBase64('ZGF0YQ==')).toBe(true)
  expect(isBase64('ZGF0YQ=')).toBe(false)
  expect(isPem('-----BEGIN A-----\nx\n-----END B-----')).toBe(false)
  expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}')
})
