import { describe, expect, test } from '@jest/globals'
import {
  generateSecretValue,
  looksLikePem,
  secretValueProblem,
  toValueBase64,
  valueLengthProblem
} from '../../../src/rotation/secret-values.js'
import { isKnownSecret } from '../../../src/secrets.js'

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\nZm9vYmFy\n-----END CERTIFICATE-----'

describe('generateSecretValue', () => {
  test('generic: URL-safe characters, 32 by default or value-length', () => {
    expect(generateSecretValue('generic', undefined)).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(generateSecretValue('generic', 17)).toMatch(/^[A-Za-z0-9_-]{17}$/)
    expect(generateSecretValue('generic', 1024)).toHaveLength(1024)
  })

  test.each([
    ['base64hmac', undefined, 32],
    ['base64hmac', 64, 64],
    ['base64aes', undefined, 32],
    ['base64aes', 16, 16],
    ['base64aes', 24, 24]
  ] as const)('%s with value-length %s: %i random bytes in base64', (encoding, length, bytes) => {
    const value = generateSecretValue(encoding, length)
    expect(Buffer.from(value, 'base64')).toHaveLength(bytes)
    expect(Buffer.from(value, 'base64').toString('base64')).toBe(value)
  })

  test('never the same twice', () => {
    expect(generateSecretValue('generic', undefined)).not.toBe(generateSecretValue('generic', undefined))
  })

  test('masks the value and its base64 form (as it travels) the moment it exists', () => {
    const value = generateSecretValue('base64hmac', undefined)
    expect(isKnownSecret(value)).toBe(true)
    expect(isKnownSecret(toValueBase64(value))).toBe(true)
  })

  test('pem is refused with what to do instead', () => {
    expect(() => generateSecretValue('pem', undefined)).toThrow(/a pem secret cannot be generated: make the key or certificate yourself/)
  })
})

describe('secretValueProblem', () => {
  test.each([
    ['generic', 'anything at all', undefined],
    ['generic', '', 'is empty'],
    ['base64hmac', Buffer.alloc(48).toString('base64'), undefined],
    ['base64hmac', 'not base64!', 'not valid base64'],
    ['base64hmac', 'abc', 'not valid base64'],
    ['base64aes', Buffer.alloc(16).toString('base64'), undefined],
    ['base64aes', Buffer.alloc(32).toString('base64'), undefined],
    ['base64aes', Buffer.alloc(31).toString('base64'), 'decodes to 31'],
    ['base64aes', 'YWJj$', 'not valid base64'],
    ['pem', PEM, undefined],
    ['pem', 'hunter2-password', 'does not look like PEM']
  ] as const)('%s %j', (encoding, value, problem) => {
    const found = secretValueProblem(encoding, value)
    if (problem === undefined) expect(found).toBeUndefined()
    else expect(found).toContain(problem)
  })
})

describe('looksLikePem', () => {
  test('one block or a chain, with surrounding whitespace', () => {
    expect(looksLikePem(PEM)).toBe(true)
    expect(looksLikePem(`\n${PEM}\n\n${PEM.replace(/CERTIFICATE/g, 'PRIVATE KEY')}\n`)).toBe(true)
  })
  test('not: mismatched labels, text around a block, no body', () => {
    expect(looksLikePem(PEM.replace('END CERTIFICATE', 'END PRIVATE KEY'))).toBe(false)
    expect(looksLikePem(`junk ${PEM}`)).toBe(false)
    expect(looksLikePem('-----BEGIN X-----\n-----END X-----')).toBe(false)
  })
})

describe('valueLengthProblem', () => {
  test.each([
    ['generic', 16, true],
    ['generic', 15, false],
    ['generic', 1024, true],
    ['generic', 1025, false],
    ['base64hmac', 16, true],
    ['base64hmac', 512, true],
    ['base64hmac', 8, false],
    ['base64aes', 24, true],
    ['base64aes', 20, false],
    ['pem', 32, false]
  ] as const)('%s %i fits: %s', (encoding, length, fits) => {
    expect(valueLengthProblem(encoding, length) === undefined).toBe(fits)
  })
})
