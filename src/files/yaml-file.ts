import { extname } from 'node:path'
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node, type YAMLMap } from 'yaml'
import { readSmallFile, type FileProblem, type Position } from './source-file.js'

/** Aliases beyond this are a "billion laughs" bomb, not configuration. */
export const MAX_ALIASES = 50

/** A YAML or JSON declaration file whose top level is a mapping, with positions for every node. */
export interface YamlMappingFile {
  path: string
  root: YAMLMap
  /** Line and column of a node (the file's start when there is none). */
  positionOf(node: Node | null | undefined): Position
  /** A node's plain value, aliases bounded. */
  toJs(node: Node): unknown
}

/**
 * Reads a YAML (.yaml, .yml) or JSON (.json) file whose top level must be a
 * mapping: size-limited, duplicate keys refused, aliases bounded. Problems
 * are appended with their line and column; undefined when the file is unusable.
 */
export function loadYamlMapping(path: string, problems: FileProblem[], expected: string): YamlMappingFile | undefined {
  const top: Position = { file: path, line: 1, column: 1 }
  const at = (position: Position, message: string) => problems.push({ ...position, message })

  const text = readSmallFile(path, (message) => at(top, message))
  if (text === undefined) return undefined
  const extension = extname(path).toLowerCase()
  if (!['.yaml', '.yml', '.json'].includes(extension)) {
    at(top, `unsupported file type "${extension}"; use .yaml, .yml or .json`)
    return undefined
  }

  const lineCounter = new LineCounter()
  // yaml's own uniqueKeys compares every key with every other (quadratic in a map's size); duplicateKeys is one pass.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, schema: extension === '.json' ? 'json' : 'core', prettyErrors: false })
  const positionOf = (node: Node | null | undefined): Position => {
    const offset = node?.range?.[0] ?? 0
    const { line, col } = lineCounter.linePos(offset)
    return { file: path, line, column: col }
  }
  const { duplicateKeyOffsets, hasAliases } = scanDocument(doc)
  const errors = [
    ...doc.errors.map((error) => ({ offset: error.pos[0], message: error.message.split('\n')[0] ?? 'invalid YAML' })),
    ...duplicateKeyOffsets.map((offset) => ({ offset, message: DUPLICATE_KEY_MESSAGE }))
  ].sort((a, b) => a.offset - b.offset)
  for (const error of errors) {
    const { line, col } = lineCounter.linePos(error.offset)
    at({ file: path, line, column: col }, error.message)
  }
  if (errors.length > 0) return undefined
  if (!aliasesWithinLimit(doc, hasAliases)) {
    at(top, `more than ${MAX_ALIASES} YAML aliases; refusing a file that expands like a bomb`)
    return undefined
  }
  const root = doc.contents
  if (!isMap(root)) {
    at(positionOf(root), `expected a mapping with ${expected}`)
    return undefined
  }
  return { path, root, positionOf, toJs: (node) => node.toJS(doc, { maxAliasCount: MAX_ALIASES }) }
}

/** The words yaml itself uses, so an annotation reads the same as before. */
const DUPLICATE_KEY_MESSAGE = 'Map keys must be unique'

/**
 * One pass over the document: the offsets of every key that repeats an earlier key of its mapping, as yaml's
 * uniqueKeys judges them (scalars equal by ===, other keys only by identity), and whether any alias occurs.
 */
function scanDocument(doc: Document): { duplicateKeyOffsets: number[]; hasAliases: boolean } {
  const duplicateKeyOffsets: number[] = []
  let hasAliases = false
  visit(doc, {
    Alias() {
      hasAliases = true
    },
    Map(_key, map) {
      const seen = new Set<string>()
      for (const pair of map.items) {
        if (!isScalar(pair.key) || Number.isNaN(pair.key.value)) continue
        const value: unknown = pair.key.value
        const identity = `${value === null ? 'null' : typeof value}:${String(value)}`
        if (seen.has(identity)) duplicateKeyOffsets.push(pair.key.range?.[0] ?? 0)
        else seen.add(identity)
      }
    }
  })
  return { duplicateKeyOffsets, hasAliases }
}

/** Without an alias nothing can expand, so only a document with aliases is expanded (bounded) to judge it. */
function aliasesWithinLimit(doc: Document, hasAliases: boolean): boolean {
  if (!hasAliases) return true
  try {
    doc.toJS({ maxAliasCount: MAX_ALIASES })
    return true
  } catch {
    return false
  }
}
