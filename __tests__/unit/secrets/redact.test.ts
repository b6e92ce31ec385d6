import { generateKeyPairSync } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { describe, expect, test } from '@jest/globals'
import { installOutputRedaction, maskSecret, redact } from '../../../src/secrets.js'
import type { ActionRun } from '../../../tools/local-runner.js'
import { findLeaks } from '../../helpers/leaks.js'

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

describe('redact: every form of a known secret, whole or cut', () => {
  const secret = 'Zq7/Kp+2xR9=vL4mN8wT'
  maskSecret(secret)

  test.each([
    ['as given', secret],
    ['base64', b64(secret)],
    ['base64 without padding', b64(secret).replace(/=+$/, '')],
    ['base64url', Buffer.from(secret).toString('base64url')],
    ['URL-encoded', encodeURIComponent(secret)],
    ['form-encoded', new URLSearchParams({ x: secret }).toString().slice(2)],
    ['JSON-escaped with escaped slashes', JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/')],
    ['cut to its first 9 characters', secret.slice(0, 9)],
    ['its base64 cut mid-way', b64(secret).slice(3, 14)]
  ])('%s', (_name, form) => {
    const text = `Invalid request: {"valueBase64":"${form}"} end`
    expect(redact(text)).not.toContain(form)
    expect(redact(text)).toMatch(/^Invalid request: \{"valueBase64":"\*\*\*"\} end$/)
  })

  test('a 600-character secret cut at 300 characters is gone, in linear time', () => {
    const long = Array.from(
      { length: 600 },
      (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[(i * 7919) % 62]
    ).join('')
    maskSecret(long)
    const echo = `Invalid request: {"valueBase64":"${b64(long)}"}`.slice(0, 300)
    expect(redact(echo)).toBe('Invalid request: {"valueBase64":"***')
    const big = 'ordinary text '.repeat(100_000)
    expect(redact(big)).toBe(big)
  })

  test('a short secret is left alone, but its encoded forms of 8 characters or more are redacted', () => {
    maskSecret('a&=')
    expect(redact('a&= is ordinary')).toBe('a&= is ordinary')
    // 3 characters URL-encode to 7 characters (too short); 6 base64-encode to 8.
    maskSecret('k3y!#%')
    expect(redact(`x ${b64('k3y!#%')} y`)).toBe('x *** y')
    expect(redact(`x ${encodeURIComponent('k3y!#%')} y`)).toBe('x *** y')
  })

  test('a secret of ordinary words is redacted in runs of 16, so an ESV id that shares a word still reads', () => {
    maskSecret('smtp-password-v2-long-enough')
    expect(redact('esv-smtp-password')).toBe('esv-smtp-password')
    expect(redact('cut: smtp-password-v2-lo')).toBe('cut: ***')
  })

  test("a private key's lines and cut PEM are redacted; its public key and armor are not", () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
    maskSecret(pem)
    const lines = pem.split('\n').filter((line) => line && !line.startsWith('-----'))
    const echoes = [pem.slice(0, 168), lines.join(' '), JSON.stringify({ privateKey: pem }), encodeURIComponent(pem)]
    for (const echo of echoes) {
      const shown = redact(echo)
      expect(shown).toContain('***')
      // The scan (written apart from the redaction) finds no run of the key's private part in what is left.
      const leaked = findLeaks(
        { main: { exitCode: 1, signal: null, stdout: shown, stderr: '', outputs: {}, summary: '', state: {} }, workDir: '' } as ActionRun,
        [pem]
      )
      expect(leaked).toEqual([])
    }
    expect(redact(pem.slice(0, 168)).startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true)
    expect(redact(publicPem)).toBe(publicPem)
  })
})

describe('installOutputRedaction', () => {
  test('scrubs every line written, and leaves ::add-mask:: commands intact', () => {
    const secret = 'Wr1tten-To-Stdout-9xQ'
    maskSecret(secret)
    const stream = new PassThrough()
    installOutputRedaction([stream as unknown as NodeJS.WriteStream])
    stream.write(`::add-mask::${secret}\nthe value is ${secret}\n`)
    stream.write(Buffer.from(`as base64 ${b64(secret)}\n`))
    expect(String(stream.read())).toBe(`::add-mask::${secret}\nthe value is ***\nas base64 ***\n`)
  })
})
