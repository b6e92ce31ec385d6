import type { OperationName } from '../operations/names.js'
import type { Parser } from './parser.js'

/** Inputs of the rotation operations; filled in by their issue. */
export type RotationInputs = Record<string, never>

export function parseRotationInputs(_p: Parser, _operation: OperationName | undefined): RotationInputs {
  return {}
}
