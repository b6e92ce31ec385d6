import { InputError } from '../../src/errors.js'
import { parseInputs } from '../../src/inputs/index.js'

/** Inputs over a base set; `undefined` takes an input of the base away. */
export type InputOverrides = Record<string, string | undefined>

/**
 * parseInputs over `base` with overrides, and the problems it reports: the
 * pair every input test uses. `problems` fails the test when parsing passes.
 */
export function inputParser(base: Record<string, string>): {
  parse: (over: InputOverrides) => ReturnType<typeof parseInputs>
  problems: (over: InputOverrides) => string[]
} {
  const parse = (over: InputOverrides) => {
    const inputs: InputOverrides = { ...base, ...over }
    return parseInputs((name) => inputs[name] ?? '')
  }
  const problems = (over: InputOverrides): string[] => {
    try {
      parse(over)
    } catch (error) {
      if (error instanceof InputError) return error.problems
      throw error
    }
    throw new Error('expected an InputError')
  }
  return { parse, problems }
}
