import { readFileSync } from 'node:fs'
import { expect, test } from '@jest/globals'
import { RELIABILITY_DOC, renderReliabilityDoc } from '../../scripts/reliability-doc.js'
import { GATE_AREAS } from '../reliability/gate-all.js'

/** Prettier pads markdown tables into columns; compare the cells, not the padding. */
const cells = (markdown: string) => markdown.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---').trim()

test('docs/reliability.md is the fault matrix the reliability tests assert (run npm run docs)', () => {
  expect(cells(readFileSync(RELIABILITY_DOC, 'utf8'))).toBe(cells(renderReliabilityDoc()))
})

test('every gate case is named by a test of its area (its title is built from the id), and ids are unique', () => {
  const ids = GATE_AREAS.flatMap(({ cases }) => cases.map((c) => c.id))
  expect(new Set(ids).size).toBe(ids.length)
  for (const { area, cases } of GATE_AREAS) {
    const source = readFileSync(new URL(`../reliability/gate-${area}.test.ts`, import.meta.url), 'utf8')
    for (const c of cases) {
      const cited = source.includes(`'${c.id}'`)
      expect({ area, id: c.id, cited }).toEqual({ area, id: c.id, cited: true })
    }
  }
})
