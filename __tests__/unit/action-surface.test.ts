import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { parse } from 'yaml'
import {
  familyAction,
  generatedFiles,
  parseSource,
  rootAction,
  sourceProblems,
  SOURCE_FILE,
  type ActionSource
} from '../../scripts/action-surface.js'
import { OPERATIONS } from '../../src/operations/names.js'

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
const SOURCE = parseSource(read(SOURCE_FILE))
/** Prettier pads markdown tables into columns; compare the cells, not the padding. */
const cells = (markdown: string) => markdown.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---')
const copy = (): ActionSource => structuredClone(SOURCE)

describe(`one source: ${SOURCE_FILE} (run npm run docs after changing it)`, () => {
  test('names only operations, puts each operation in exactly one family, and says who reads each input and output', () => {
    expect(sourceProblems(SOURCE, OPERATIONS)).toEqual([])
  })

  test.each([...generatedFiles(SOURCE)].map(([path, text]) => [path, text] as const))('%s is what the source generates', (path, text) => {
    if (path.endsWith('.yml')) expect(parse(read(path))).toEqual(parse(text))
    else expect(cells(read(path))).toEqual(cells(text))
  })

  test('the root action keeps every input and requires only operation, so existing workflows keep working', () => {
    const root = rootAction(SOURCE)
    expect(
      Object.entries(root.inputs)
        .filter(([, input]) => input.required)
        .map(([name]) => name)
    ).toEqual(['operation'])
    expect(root.runs).toMatchObject({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js' })
  })

  test('a sub-action runs the same bundle, lists only its inputs, and requires what its operations all need', () => {
    const settings = familyAction(SOURCE, 'settings')
    expect(settings.runs).toMatchObject({ main: '../dist/index.js', post: '../dist/index.js', 'post-if': 'always()' })
    expect(settings.inputs.operation).toEqual(expect.objectContaining({ required: true }))
    expect(Object.keys(settings.inputs)).toEqual(expect.arrayContaining(['tenant-url', 'settings-file', 'csr-id', 'csr-common-name']))
    expect(Object.keys(settings.inputs)).not.toContain('esv-file')
    // settings-file is required by set-tenant-settings only, so not by the family's action.
    expect(settings.inputs['settings-file']?.required).toBe(false)
    expect(settings.inputs['tenant-url']?.required).toBe(true)

    const restart = familyAction(SOURCE, 'restart')
    expect(restart.inputs.operation).toEqual(expect.objectContaining({ required: false, default: 'restart' }))
    expect(Object.keys(restart.inputs)).not.toContain('github-token')
    expect(Object.keys(restart.outputs)).toEqual(['restart-status'])
    // secret-id is required by rotate-secret, the rotate family's one operation.
    expect(familyAction(SOURCE, 'rotate').inputs['secret-id']?.required).toBe(true)
  })

  test('the checks can fail: an unknown operation, a missing or doubled one, a requirement nobody reads', () => {
    const broken = copy()
    const [first] = broken.inputs
    const prune = broken.inputs.flatMap((group) => Object.values(group.inputs))[0]
    broken.families.restart!.operations.push('set-esvs', 'restat')
    broken.families.promote!.operations = broken.families.promote!.operations.filter((op) => op !== 'unlock')
    if (first && prune) {
      first.inputs['new-input'] = { description: 'x' }
      first.inputs['other-input'] = { description: 'y', operations: ['restart'], 'required-for': ['promote'] }
    }
    expect(sourceProblems(broken, OPERATIONS)).toEqual(
      expect.arrayContaining([
        'family restart: restat is not an operation',
        'set-esvs is in two families, restart and esvs',
        'unlock is in no family',
        'input new-input: say which operations read it (operations:)',
        'input other-input: required for promote, which does not read it'
      ])
    )
  })
})
