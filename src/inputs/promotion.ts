import type { OperationName } from '../operations/names.js'
import type { Parser } from './parser.js'

/** Inputs of the promotion operations; filled in by their issue. */
export type PromotionInputs = Record<string, never>

export function parsePromotionInputs(_p: Parser, _operation: OperationName | undefined): PromotionInputs {
  return {}
}
