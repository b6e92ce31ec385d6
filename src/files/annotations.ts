import * as core from '@actions/core'
import { ActionError } from '../errors.js'
import type { FileProblem } from './source-file.js'

/**
 * Reports each problem of a declaration file as an error annotation on its
 * line and column; when there is any, fails the step before a request is sent.
 */
export function failOnFileProblems(input: string, path: string, problems: readonly FileProblem[], title: string): void {
  for (const problem of problems) {
    core.error(problem.message, { title, file: problem.file, startLine: problem.line, startColumn: problem.column })
  }
  if (problems.length === 0) return
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
  throw new ActionError(`${input} ${path}: ${count} (annotated above); nothing was sent to the tenant`)
}
