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
})
