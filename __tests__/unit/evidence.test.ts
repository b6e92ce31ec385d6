/**
 * The evidence ledger's check (issue 12 §1): every row has a source and one id, every emulator test
 * citation names a row, and every row is cited by an emulator test. Area files that do not exist yet
 * (another area's work not merged) are simply not read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from '@jest/globals'
import { citationProblems, citedInTitles, parseIndex, parseLedger, rowProblems, testTitles } from '../helpers/evidence.js'
import type { LedgerRow } from '../helpers/evidence.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const evidenceDir = join(root, 'emulator', 'evidence')

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

const relative = (file: string): string => file.slice(root.length)
const areas = parseIndex(readFileSync(join(root, 'emulator', 'EVIDENCE.md'), 'utf8'))
const ledgerFiles = filesUnder(evidenceDir, '.md')
const rows = ledgerFiles.flatMap((file) => parseLedger(relative(file), readFileSync(file, 'utf8')))
const citations = filesUnder(join(root, '__tests__', 'emulator'), '.test.ts').flatMap((file) =>
  citedInTitles(relative(file), readFileSync(file, 'utf8'))
)

describe('the ledger', () => {
  test('every area file present is in the EVIDENCE.md index', () => {
    const indexed = new Set(areas.map((area) => area.file))
    expect(ledgerFiles.map((file) => `evidence/${file.slice(evidenceDir.length + 1)}`).filter((file) => !indexed.has(file))).toEqual([])
  })

  test('every row has one id, a behaviour, a source, and the prefix of its area', () => {
    expect(rowProblems(rows, areas)).toEqual([])
  })

  test('every cited row exists and every row is cited by an emulator test', () => {
    expect(citationProblems(rows, citations)).toEqual([])
  })
})

describe('the check itself can fail', () => {
  const bad = [
    '| ID | behaviour | source | default (and options) |',
    '| ------ | --------- | ------ | --------------------- |',
    '| ESV-01 | lists | openapi: GET /environment/variables (getAllVariables) | - |',
    '| ESV-01 | lists again | recording: rockcarver/frodo-lib src/test/mock-recordings/VariablesApi | - |',
    '| ESV-02 | guessed | a hunch | - |',
    '| GH-01 | a row of another area | unknown | the hardest |',
    '| `ESV-03` | with a \\| pipe | `reference: ../shared/reference/README.md "ESVs"` | - |'
  ].join('\n')
  const parsed = parseLedger('emulator/evidence/esv.md', bad)
  const esvArea = [{ file: 'evidence/esv.md', prefix: 'ESV' }]

  test('the parser reads rows, not the header, and keeps an escaped pipe inside its cell', () => {
    expect(parsed.map((row) => row.id)).toEqual(['ESV-01', 'ESV-01', 'ESV-02', 'GH-01', 'ESV-03'])
    expect(parsed[4]?.behaviour).toBe('with a \\| pipe')
  })

  test('a duplicate id, a row without a source and a row of another area are each reported', () => {
    const problems = rowProblems(parsed, esvArea)
    expect(problems).toEqual([
      expect.stringMatching(/:4 ESV-01 appears twice \(first at .*:3\)/),
      expect.stringMatching(/:5 ESV-02 has no source/),
      expect.stringMatching(/:6 GH-01 belongs in the GH area/)
    ])
  })

  test('a citation of a missing row and an uncited row are each reported', () => {
    const rowsHere: LedgerRow[] = parsed.filter((row) => row.id !== 'GH-01')
    const cited = citedInTitles('x.test.ts', "test('[ESV-01, ESV-02][ESV-09] something', () => {})")
    expect(citationProblems(rowsHere, cited)).toEqual([
      'x.test.ts cites ESV-09, which no ledger has ("[ESV-01, ESV-02][ESV-09] something")',
      'emulator/evidence/esv.md:7 ESV-03 is cited by no emulator test'
    ])
  })

  test('only titles cite: test, it, describe, their .each tables and modifiers; not comments or other strings', () => {
    const source = [
      '// [ESV-07] in a comment cites nothing',
      "const note = '[ESV-08] in a plain string cites nothing'",
      "describe('[ESV-01] a describe', () => {",
      "  test.each([['a', (x: number) => x], ['b', () => 1]])('[ESV-02] each %s', () => {})",
      '  it.only(`[ESV-03] a template title`, () => {})',
      "  test.skip(\n    '[ESV-04] on its own line',\n    () => {}\n  )",
      "  expect(x).toBe('[ESV-09] not a title')",
      '})'
    ].join('\n')
    expect(testTitles(source)).toEqual(['[ESV-01] a describe', '[ESV-02] each %s', '[ESV-03] a template title', '[ESV-04] on its own line'])
    expect(citedInTitles('f', source).map((c) => c.id)).toEqual(['ESV-01', 'ESV-02', 'ESV-03', 'ESV-04'])
  })

  test('the index gives each area its file and prefix', () => {
    expect(parseIndex('| ESVs | [evidence/esv.md](evidence/esv.md) | `ESV-nn` |\n| x | y | z |')).toEqual([
      { file: 'evidence/esv.md', prefix: 'ESV' }
    ])
  })
})
