import { readFileSync } from 'node:fs'
import { expect, test } from '@jest/globals'
import { renderReference } from '../../scripts/readme-reference.js'

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
/** Prettier pads markdown tables into columns; compare the cells, not the padding. */
const cells = (markdown: string) => markdown.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---')

test('the README documents every input and output of action.yml (run npm run docs)', () => {
  expect(cells(read('README.md'))).toContain(cells(renderReference(read('action.yml'))))
})

test('the README starts with the two quick-start commands, and .ci/run uses the same test command', () => {
  const readme = read('README.md')
  const quickStart = readme.slice(0, readme.indexOf('## Usage'))
  expect(quickStart).toContain('npm ci && npm run demo')
  expect(quickStart).toContain('npm ci && npm test')
  expect(read('.ci/run')).toMatch(/^npm ci\b/m)
  expect(read('.ci/run')).toMatch(/^npm test$/m)
})
