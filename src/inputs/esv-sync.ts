import type { OperationName } from '../operations/names.js'
import type { Parser } from './parser.js'

/** Inputs of the esv-sync operations; filled in by their issue. */
export type EsvSyncInputs = Record<string, never>

export function parseEsvSyncInputs(_p: Parser, _operation: OperationName | undefined): EsvSyncInputs {
  return {}
}
