import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, test } from '@jest/globals'
import type { ActionRun, StepRun } from '../../tools/local-runner.js'
import { expectNoSecretLeaks, findLeaks } from '../helpers/leaks.js'

const SECRET = 's3cr3t-value-that-must-not-leak'
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----'

const step = (over: Partial<StepRun> = {}): StepRun => ({
  exitCode: 0,
  signal: null,
  stdout: '',
  stderr: '',
  outputs: {},
  summary: '',
  state: {},
  ...over
})
const run = (main: Partial<StepRun>, post?: Partial<StepRun>): ActionRun => ({
  main: step(main),
  post: post ? step(post) : undefined,
  workDir: '/tmp/x'
})

describe('the leak scan', () => {
  test('passes clean output, and allows the runner mask command', () => {
    expect(() => expectNoSecretLeaks(run({ stdout: `::add-mask::${SECRET}\nall good\n` }), [SECRET])).not.toThrow()
  })

  test.each([
    ['stdout', { stdout: `token is ${SECRET}` }],
    ['stderr', { stderr: `Error: ${SECRET}` }],
    ['summary', { summary: `| ${SECRET} |` }],
    ['output', { outputs: { changed: `[${SECRET}]` } }],
    ['state', { state: { lock: SECRET } }],
    ['base64 in stdout', { stdout: Buffer.from(SECRET).toString('base64') }],
    ['one line of a multi-line secret', { summary: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' }]
  ])('fails when a secret leaks into %s', (_where, main) => {
    expect(() => expectNoSecretLeaks(run(main), [SECRET, PEM])).toThrow(/Secret material leaked/)
  })

  test('fails on a leak in the post step and in extra texts such as a PR comment', () => {
    expect(findLeaks(run({}, { stdout: SECRET }), [SECRET])).toEqual([expect.stringMatching(/^post stdout contains a secret/)])
    expect(findLeaks(run({}), [SECRET], { extraTexts: { 'PR comment': `body ${SECRET}` } })).toEqual([
      expect.stringMatching(/^PR comment contains a secret/)
    ])
  })

  test('allows a declared secret output only', () => {
    const leaky = run({ outputs: { 'secret-value': SECRET } })
    expect(findLeaks(leaky, [SECRET], { secretOutputs: ['secret-value'] })).toEqual([])
    expect(findLeaks(leaky, [SECRET])).toHaveLength(1)
  })

  describe('encoded and cut forms', () => {
    const KEY = 'Zq7/Kp+2xR9=vL4mN8wT-rAnd0m-Key42'
    const WORDS = 'correct-horse-battery-staple-forever'
    const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')
    test.each([
      ['base64 without padding', b64('s3cr3t')],
      ['base64url', Buffer.from(KEY).toString('base64url')],
      ['URL-encoded (a token form)', encodeURIComponent(KEY)],
      ['form-encoded', new URLSearchParams({ x: KEY }).toString().slice(2)],
      ['JSON-escaped (an echoed body)', JSON.stringify(KEY).slice(1, -1)],
      ['8 characters of a random-looking secret', KEY.slice(5, 13)],
      ['its base64 cut at 300 characters, mid-way', b64(KEY).slice(4, 12)],
      ['16 characters of a secret of ordinary words', WORDS.slice(8, 24)]
    ])('fails on %s', (_name, form) => {
      expect(findLeaks(run({ summary: `Invalid request: ${form}…` }), [KEY, WORDS, 's3cr3t'])).not.toEqual([])
    })

    test('passes ordinary text that shares a word with a secret of words, and a short run of one', () => {
      expect(findLeaks(run({ stdout: 'esv-correct-horse and battery-staple', summary: KEY.slice(0, 7) }), [KEY, WORDS])).toEqual([])
    })

    test('fails on a cut private key, passes its public key (a CSR or certificate shows it)', () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
      const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
      expect(findLeaks(run({ stdout: pem.slice(0, 168) }), [pem])).not.toEqual([])
      expect(findLeaks(run({ stdout: publicPem }), [pem])).toEqual([])
    })
  })
})
