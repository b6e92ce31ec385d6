import { randomBytes } from 'node:crypto'
import { ActionError } from '../errors.js'
import { maskSecret } from '../secrets.js'
import type { SecretEncoding } from '../tenant/types.js'

/**
 * What a secret's value looks like for each ESV encoding, and how to make one.
 * A value is the text as it would be pasted in the admin console: for
 * base64hmac and base64aes that is the key in base64; on the wire it is
 * base64-encoded once more (`valueBase64`).
 */

export const DEFAULT_GENERIC_LENGTH = 32
export const DEFAULT_HMAC_BYTES = 32
export const AES_KEY_BYTES: readonly number[] = [16, 24, 32]
const DEFAULT_AES_BYTES = 32

/** Shorter would be guessable; longer is no stronger and may not fit where the value is used. */
export const GENERIC_LENGTH_RANGE = { min: 16, max: 1024 }
export const HMAC_BYTES_RANGE = { min: 16, max: 512 }

export const PEM_NOT_GENERATED =
  'a pem secret cannot be generated: make the key or certificate yourself (e.g. with openssl) and give it as secret-value, from a GitHub secret'

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[A-Za-z0-9+/=\s:,-]+?\r?\n-----END \1-----/g

/** Why value-length does not fit the encoding, or undefined when it does. */
export function valueLengthProblem(encoding: SecretEncoding, length: number): string | undefined {
  switch (encoding) {
    case 'generic':
      return inRange(length, GENERIC_LENGTH_RANGE)
        ? undefined
        : `expected ${rangeText(GENERIC_LENGTH_RANGE)} characters for a generic secret`
    case 'base64hmac':
      return inRange(length, HMAC_BYTES_RANGE) ? undefined : `expected ${rangeText(HMAC_BYTES_RANGE)} bytes for a base64hmac key`
    case 'base64aes':
      return AES_KEY_BYTES.includes(length) ? undefined : 'expected 16, 24 or 32 bytes for a base64aes key'
    case 'pem':
      return 'a pem secret cannot be generated, so value-length does not apply; give the PEM as secret-value'
  }
}

/**
 * Why a given value does not fit the encoding, or undefined when it does.
 * Never quotes the value: it is secret.
 */
export function secretValueProblem(encoding: SecretEncoding, value: string): string | undefined {
  if (value === '') return 'is empty'
  switch (encoding) {
    case 'generic':
      return undefined
    case 'base64hmac':
      return BASE64.test(value)
        ? undefined
        : 'a base64hmac secret takes the key in base64 (e.g. from openssl rand -base64 32), and this is not valid base64'
    case 'base64aes': {
      if (!BASE64.test(value))
        return 'a base64aes secret takes the key in base64 (e.g. from openssl rand -base64 32), and this is not valid base64'
      const bytes = Buffer.from(value, 'base64').length
      return AES_KEY_BYTES.includes(bytes) ? undefined : `a base64aes key must decode to 16, 24 or 32 bytes, and this decodes to ${bytes}`
    }
    case 'pem':
      return looksLikePem(value)
        ? undefined
        : 'a pem secret takes PEM text (-----BEGIN ...----- ... -----END ...-----), and this does not look like PEM'
  }
}

/** One or more PEM blocks (a key, a certificate chain) and nothing else but whitespace. */
export function looksLikePem(value: string): boolean {
  const blocks = value.match(PEM_BLOCK)
  return blocks !== null && value.replace(PEM_BLOCK, '').trim() === ''
}

/**
 * A fresh random value fit for the encoding, masked before it is returned.
 * generic: URL-safe characters; base64hmac/base64aes: random key bytes in base64.
 */
export function generateSecretValue(encoding: SecretEncoding, length: number | undefined): string {
  const value = randomValue(encoding, length)
  maskSecret(value)
  return value
}

function randomValue(encoding: SecretEncoding, length: number | undefined): string {
  switch (encoding) {
    case 'generic': {
      const characters = length ?? DEFAULT_GENERIC_LENGTH
      // base64url gives 4 characters per 3 bytes; ask for enough and cut.
      return randomBytes(Math.ceil((characters * 3) / 4))
        .toString('base64url')
        .slice(0, characters)
    }
    case 'base64hmac':
      return randomBytes(length ?? DEFAULT_HMAC_BYTES).toString('base64')
    case 'base64aes':
      return randomBytes(length ?? DEFAULT_AES_BYTES).toString('base64')
    case 'pem':
      throw new ActionError(PEM_NOT_GENERATED)
  }
}

/** The value as the API carries it. */
export function toValueBase64(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64')
}

function inRange(value: number, range: { min: number; max: number }): boolean {
  return value >= range.min && value <= range.max
}

function rangeText(range: { min: number; max: number }): string {
  return `${range.min} to ${range.max}`
}
