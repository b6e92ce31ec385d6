import { readFileSync } from 'node:fs'
import { expect, test } from '@jest/globals'
import { RELIABILITY_DOC, renderReliabilityDoc } from '../../scripts/reliability-doc.js'

/** Prettier pads markdown tables into columns; compare the cells, not the padding. */
const cells = (markdown: string) => markdown.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---').trim()

test('docs/reliability.md is the fault matrix the reliability tests assert (run npm run docs)', () => {
  expect(cells(readFileSync(RELIABILITY_DOC, 'utf8'))).toBe(cells(renderReliabilityDoc()))
})
