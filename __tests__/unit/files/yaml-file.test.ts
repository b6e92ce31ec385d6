import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@jest/globals'
import { isMap } from 'yaml'
import { readEnvValue, resolveBeside, type FileProblem } from '../../../src/files/source-file.js'
import { loadYamlMapping } from '../../../src/files/yaml-file.js'

const dir = mkdtempSync(join(tmpdir(), 'yaml-file-'))
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text)
  return join(dir, name)
}

test('a mapping with positions for every node', () => {
  const problems: FileProblem[] = []
  const loaded = loadYamlMapping(write('ok.yaml', 'a: 1\nb:\n  c: [x]\n'), problems, '"a"')
  expect(problems).toEqual([])
  const b = loaded!.root.items[1]!
  expect(isMap(b.value)).toBe(true)
  expect(loaded!.positionOf(b.value as never)).toMatchObject({ line: 3, column: 3 })
})

test.each([
  ['dup.yaml', 'a: 1\na: 2\n', /^Map keys must be unique/, 2],
  ['list.yaml', '- a\n', /^expected a mapping with "a"/, 1],
  ['bomb.yaml', `a: &a [x]\n${Array.from({ length: 60 }, (_, i) => `k${i}: *a`).join('\n')}\n`, /more than 50 YAML aliases/, 1],
  ['text.txt', 'a: 1', /unsupported file type ".txt"/, 1],
  ['bad.json', '{"a": }', /./, 1]
])('%s is refused with its line', (name, text, message, line) => {
  const problems: FileProblem[] = []
  expect(loadYamlMapping(write(name, text), problems, '"a"')).toBeUndefined()
  expect(problems[0]?.message).toMatch(message)
  expect(problems[0]?.line).toBe(line)
})

test('a missing file', () => {
  const problems: FileProblem[] = []
  loadYamlMapping(join(dir, 'none.yaml'), problems, '"a"')
  expect(problems).toEqual([{ file: join(dir, 'none.yaml'), line: 1, column: 1, message: 'file not found' }])
})

test('environment values and paths beside the declaring file', () => {
  expect(readEnvValue({ A: 'x' }, 'A', false)).toEqual({ ok: true, value: 'x' })
  expect(readEnvValue({}, 'A', true)).toEqual({ ok: false, problem: expect.stringMatching(/^the environment variable A is not set/) })
  expect(readEnvValue({ A: '' }, 'A', true)).toEqual({ ok: false, problem: expect.stringMatching(/^the environment variable A is empty/) })
  expect(readEnvValue({}, '1A', false)).toEqual({ ok: false, problem: '"1A" is not an environment variable name' })
  const env = { GITHUB_WORKSPACE: '/repo' }
  expect(resolveBeside('/repo/tenant/settings.yaml', 'certs/a.pem', env)).toEqual({ ok: true, path: '/repo/tenant/certs/a.pem' })
  expect(resolveBeside('/repo/tenant/settings.yaml', '/repo/abs/a.pem', env)).toEqual({ ok: true, path: '/repo/abs/a.pem' })
})

test('duplicate keys are found in every mapping, block or flow, each at its line and column, in file order', () => {
  const problems: FileProblem[] = []
  const text = 'a: 1\nb:\n  x: 1\n  y: {p: 1, p: 2}\n  x: 2\na: 3\n'
  expect(loadYamlMapping(write('dups.yaml', text), problems, '"a"')).toBeUndefined()
  expect(problems.map(({ line, column, message }) => ({ line, column, message }))).toEqual([
    { line: 4, column: 13, message: 'Map keys must be unique' },
    { line: 5, column: 3, message: 'Map keys must be unique' },
    { line: 6, column: 1, message: 'Map keys must be unique' }
  ])
})

test('keys equal only as text are different keys, as yaml judges them: 1 and "1", true and "true"', () => {
  const problems: FileProblem[] = []
  expect(loadYamlMapping(write('alike.yaml', '1: a\n"1": b\ntrue: c\n"true": d\n'), problems, '"a"')).toBeDefined()
  expect(problems).toEqual([])
  expect(loadYamlMapping(write('alike.json', '{"a": 1, "a": 2}'), problems, '"a"')).toBeUndefined()
  expect(problems.map((p) => p.column)).toEqual([10])
})
