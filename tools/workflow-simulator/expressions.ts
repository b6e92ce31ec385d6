/**
 * Evaluates workflow expressions with GitHub's own evaluator (@actions/expressions) over the contexts of
 * https://docs.github.com/en/actions/reference/workflows-and-actions/contexts. Which contexts a key may use
 * was checked when the workflow was parsed (the workflow schema of @actions/workflow-parser), so here every
 * context the run has is offered. The status functions are the job's or the step's
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#status-check-functions);
 * hashFiles is refused: no documented workflow of ours needs it, and a guess would hide a wrong answer.
 */
import { data, Evaluator, Lexer, Parser } from '@actions/expressions'
import type { FunctionDefinition } from '@actions/expressions/funcs/info'
import { falsy } from '@actions/expressions/result'
import { isBasicExpression, isBoolean, isLiteral, isMapping, isNumber, isSequence, isString } from '@actions/workflow-parser'
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token'
import type { Json, JsonObject } from './types.js'

/** The contexts one evaluation sees, by name (`github`, `inputs`, `vars`, `secrets`, `needs`, `steps`, `matrix`, …). */
export type Contexts = Record<string, Json>

/** What the status functions answer where the expression is evaluated. */
export interface Status {
  /** success(): every earlier step (or every needed job) succeeded. */
  success: boolean
  /** failure(): an earlier step (or a needed job, or its ancestors) failed. */
  failure: boolean
}

const ALWAYS_SUCCEEDED: Status = { success: true, failure: false }

/** The simulator refuses what it cannot evaluate; this names the expression and why. */
export class RefusedExpression extends Error {}

function statusFunctions(status: Status): Map<string, FunctionDefinition> {
  const constant = (name: string, value: boolean): FunctionDefinition => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value)
  })
  return new Map<string, FunctionDefinition>([
    ['success', constant('success', status.success)],
    ['failure', constant('failure', status.failure)],
    ['always', constant('always', true)],
    // No run is ever cancelled in the simulator.
    ['cancelled', constant('cancelled', false)],
    [
      'hashfiles',
      {
        name: 'hashFiles',
        minArgs: 1,
        maxArgs: 255,
        call: () => {
          throw new RefusedExpression('hashFiles() is not modelled by the workflow simulator')
        }
      }
    ]
  ])
}

/** Plain JSON as GitHub's expression data (the library's own reviver). */
export function toExpressionData(value: Json): data.ExpressionData {
  return JSON.parse(JSON.stringify(value), data.reviver) as data.ExpressionData
}

/** Expression data as plain JSON (the library's own replacer). */
export function fromExpressionData(value: data.ExpressionData): Json {
  return JSON.parse(JSON.stringify(value, data.replacer) ?? 'null') as Json
}

/** Evaluates one expression (the text inside `${{ }}`) to JSON. */
export function evaluate(expression: string, contexts: Contexts, status: Status = ALWAYS_SUCCEEDED): Json {
  const functions = statusFunctions(status)
  try {
    const tokens = new Lexer(expression).lex().tokens
    const tree = new Parser(tokens, Object.keys(contexts), [...functions.values()]).parse()
    const context = toExpressionData(contexts as JsonObject) as data.Dictionary
    return fromExpressionData(new Evaluator(tree, context, functions).evaluate())
  } catch (error) {
    if (error instanceof RefusedExpression) throw error
    throw new RefusedExpression(`cannot evaluate \${{ ${expression} }}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** GitHub's truthiness (false, 0, -0, "", null and NaN are falsy), as its evaluator decides it. */
export function truthy(value: Json): boolean {
  return !falsy(toExpressionData(value))
}

/** A value as the runner hands it to an action input or an environment variable: GitHub's string coercion. */
export function asString(value: Json): string {
  return toExpressionData(value).coerceString()
}

/** Evaluates a template token (a literal, an expression, or a mapping or sequence of them) to JSON. */
export function evaluateToken(token: TemplateToken, contexts: Contexts, status: Status = ALWAYS_SUCCEEDED): Json {
  if (isBasicExpression(token)) return evaluate(token.expression, contexts, status)
  if (isString(token) || isNumber(token) || isBoolean(token)) return token.value
  if (isLiteral(token)) return null
  if (isSequence(token)) {
    const items: Json[] = []
    for (const item of token) items.push(evaluateToken(item, contexts, status))
    return items
  }
  if (isMapping(token)) {
    const result: JsonObject = {}
    for (const pair of token) {
      const key = evaluateToken(pair.key, contexts, status)
      result[asString(key)] = evaluateToken(pair.value, contexts, status)
    }
    return result
  }
  throw new RefusedExpression(`cannot evaluate a ${token.typeName()} token (an \${{ insert }} or other directive)`)
}

/** A mapping token's values as strings (`with:`, `env:`, `secrets:` of a call), each evaluated and coerced. */
export function evaluateStrings(token: TemplateToken | undefined, contexts: Contexts, status?: Status): Record<string, string> {
  if (token === undefined) return {}
  const value = evaluateToken(token, contexts, status)
  if (value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value)) throw new RefusedExpression(`expected a mapping, got ${JSON.stringify(value)}`)
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asString(item)]))
}
