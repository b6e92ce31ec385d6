/**
 * A job's matrix expanded as https://docs.github.com/en/actions/how-tos/write-workflows/choose-what-workflows-do/run-job-variations
 * documents it: every combination of the variables in order, minus those an `exclude` entry matches (a partial
 * match is enough), then each `include` entry added to every combination whose original values it does not
 * change (values an earlier include added may be overwritten), or added as a new combination where it fits none.
 * `fail-fast` defaults to true and `max-parallel` to as many as GitHub can run.
 */
import type { Json, JsonObject } from './types.js'

export interface Strategy {
  combinations: JsonObject[]
  failFast: boolean
  maxParallel?: number
}

export class RefusedMatrix extends Error {}

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)
const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a) === JSON.stringify(b)

function entries(value: Json | undefined, what: string): JsonObject[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every(isObject)) throw new RefusedMatrix(`matrix ${what} must be a list of mappings`)
  return value as JsonObject[]
}

export function expandStrategy(strategy: Json | undefined): Strategy {
  if (strategy === undefined || strategy === null) return { combinations: [{}], failFast: true }
  if (!isObject(strategy)) throw new RefusedMatrix('strategy must be a mapping')
  const failFast = strategy['fail-fast'] === undefined ? true : strategy['fail-fast'] === true || strategy['fail-fast'] === 'true'
  const maxParallel = strategy['max-parallel'] === undefined ? undefined : Number(strategy['max-parallel'])
  const matrix = strategy.matrix
  if (matrix === undefined) return { combinations: [{}], failFast, maxParallel }
  if (!isObject(matrix)) throw new RefusedMatrix('matrix must be a mapping (after evaluation)')
  const include = entries(matrix.include, 'include')
  const exclude = entries(matrix.exclude, 'exclude')
  const variables = Object.entries(matrix).filter(([key]) => key !== 'include' && key !== 'exclude')
  let base: JsonObject[] = variables.length === 0 ? [] : [{}]
  for (const [key, values] of variables) {
    if (!Array.isArray(values)) throw new RefusedMatrix(`matrix variable ${key} must be a list`)
    base = base.flatMap((combination) => values.map((value) => ({ ...combination, [key]: value })))
  }
  base = base.filter((combination) => !exclude.some((rule) => Object.entries(rule).every(([key, value]) => same(combination[key], value))))
  const originals = base.map((combination) => ({ ...combination }))
  const combinations = base.map((combination) => ({ ...combination }))
  const added: JsonObject[] = []
  for (const entry of include) {
    let fitted = false
    combinations.forEach((combination, index) => {
      const original = originals[index]!
      const overwritesOriginal = Object.entries(entry).some(([key, value]) => key in original && !same(original[key], value))
      if (overwritesOriginal) return
      Object.assign(combination, entry)
      fitted = true
    })
    if (!fitted) added.push({ ...entry })
  }
  return { combinations: [...combinations, ...added], failFast, maxParallel }
}
