import { readFileSync } from 'node:fs'
import { expect, test } from '@jest/globals'
import { parse } from 'yaml'

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
const names = (section: 'inputs' | 'outputs') => Object.keys((parse(read('action.yml')) as Record<typeof section, object>)[section])

test('docs/inputs.md and docs/outputs.md document every input and output of action.yml (run npm run docs)', () => {
  const inputs = read('docs/inputs.md')
  const outputs = read('docs/outputs.md')
  expect(names('inputs').filter((name) => !inputs.includes(`| \`${name}\``))).toEqual([])
  expect(names('outputs').filter((name) => !outputs.includes(`| \`${name}\``))).toEqual([])
})

test('the README starts with the two quick-start commands, and .ci/run uses the same test command', () => {
  const readme = read('README.md')
  const quickStart = readme.slice(0, readme.indexOf('## The PR gate'))
  expect(quickStart).toContain('npm ci && npm run demo')
  expect(quickStart).toContain('npm ci && npm test')
  expect(read('.ci/run')).toMatch(/^npm ci\b/m)
  expect(read('.ci/run')).toMatch(/^npm test$/m)
})

test('the README is short (about 12 KB) and links every operation to its page', () => {
  const readme = read('README.md')
  expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(12_500)
  const operations = (parse(read('action.source.yml')) as { families: Record<string, { operations: string[] }> }).families
  const missing = Object.values(operations)
    .flatMap((family) => family.operations)
    .filter((operation) => !new RegExp(`\\[\`${operation}\`\\]\\(docs/[a-z-]+\\.md`).test(readme))
  expect(missing).toEqual([])
})
