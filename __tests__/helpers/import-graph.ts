/**
 * The project's own import graph (relative imports only), for the test that
 * keeps imports running one way. Reads `import … from`, `export … from` and
 * `import('…')`, type-only imports included: a type cycle still ties the
 * files together for a reader.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

export type ImportGraph = Map<string, string[]>

const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : typescriptFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** Relative specifiers in one file's text, resolved to `.ts` paths relative to `root`. */
export function importsOf(root: string, file: string, text: string): string[] {
  const found = [...text.matchAll(SPECIFIER)].map((match) => match[1] ?? '')
  return found.map((specifier) => relative(root, resolve(dirname(join(root, file)), specifier.replace(/\.js$/, '.ts'))))
}

export function importGraph(root: string, folders: string[]): ImportGraph {
  const graph: ImportGraph = new Map()
  for (const folder of folders) {
    for (const path of typescriptFiles(join(root, folder))) {
      const file = relative(root, path)
      graph.set(file, importsOf(root, file, readFileSync(path, 'utf8')))
    }
  }
  return graph
}

/** Every cycle's files, one entry per strongly connected group of two or more files (or a file importing itself). */
export function cyclesIn(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative enough for a project of this size.
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []
  const visit = (file: string): void => {
    index.set(file, counter)
    low.set(file, counter)
    counter += 1
    stack.push(file)
    onStack.add(file)
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue
      if (!index.has(next)) {
        visit(next)
        low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0))
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(next) ?? 0))
      }
    }
    if (low.get(file) !== index.get(file)) return
    const group: string[] = []
    let member: string | undefined
    do {
      member = stack.pop()
      if (member === undefined) break
      onStack.delete(member)
      group.push(member)
    } while (member !== file)
    if (group.length > 1 || (graph.get(file) ?? []).includes(file)) groups.push(group.sort())
  }
  for (const file of graph.keys()) if (!index.has(file)) visit(file)
  return groups
}
