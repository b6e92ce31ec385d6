import { describe, expect, test } from '@jest/globals'
import { cyclesIn, importGraph, importsOf, type ImportGraph } from '../helpers/import-graph.js'

describe('imports run one way', () => {
  test('no import cycle in the action, the emulator, the scripts, the tools or the bench', () => {
    const graph = importGraph(process.cwd(), ['src', 'emulator', 'scripts', 'tools', 'bench'])
    expect(graph.size).toBeGreaterThan(100)
    expect(cyclesIn(graph)).toEqual([])
  })

  test('the checker finds a cycle through a type-only import, a re-export and a lazy import', () => {
    const text = [
      "import type { A } from './a.js'",
      "export { B } from '../b/b.js'",
      "const lazy = async () => (await import('./c.js')).c",
      "import { x } from 'node:fs'"
    ].join('\n')
    expect(importsOf('/root', 'src/d.ts', text)).toEqual(['src/a.ts', 'b/b.ts', 'src/c.ts'])
    const graph: ImportGraph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
      ['e.ts', ['e.ts']]
    ])
    expect(cyclesIn(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']])
  })
})
