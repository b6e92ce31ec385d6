import type { OperationName } from '../operations/names.js'
import type { Parser } from './parser.js'

/** Inputs of the api-client operations; filled in by their issue. */
export type ApiClientInputs = Record<string, never>

export function parseApiClientInputs(_p: Parser, _operation: OperationName | undefined): ApiClientInputs {
  return {}
}
