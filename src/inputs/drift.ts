import type { OperationName } from '../operations/names.js'
import type { Parser } from './parser.js'
import type { DriftInputs } from './types.js'

/** The operations that plan a file against the tenant, and so can find drift. */
export const DRIFT_OPERATIONS: readonly OperationName[] = ['set-esvs', 'set-tenant-settings']

/**
 * detect-drift, fail-on-drift, drift-issue. fail-on-drift and drift-issue act on what detect-drift
 * finds, so either without it is a mistake said up front; so is any of them on an operation that
 * plans nothing. detect-drift never writes the tenant, whatever dry-run says (see docs/drift.md).
 */
export function parseDriftInputs(p: Parser, operation: OperationName | undefined, githubToken: string | undefined): DriftInputs {
  const detect = p.boolean('detect-drift', false)
  const failOnDrift = p.boolean('fail-on-drift', false)
  const issue = p.boolean('drift-issue', false)
  const given = (
    [
      ['detect-drift', detect],
      ['fail-on-drift', failOnDrift],
      ['drift-issue', issue]
    ] as const
  )
    .filter(([, value]) => value)
    .map(([name]) => name)
  if (given.length === 0 || !operation) return { detect, failOnDrift, issue }
  if (!DRIFT_OPERATIONS.includes(operation)) {
    p.problem(given[0]!, `only ${DRIFT_OPERATIONS.join(' and ')} detect drift; remove ${given.join(', ')} from this ${operation} step`)
    return { detect: false, failOnDrift: false, issue: false }
  }
  for (const name of ['fail-on-drift', 'drift-issue'] as const) {
    if (given.includes(name) && !detect)
      p.problem(name, `acts on the drift a plan finds: set detect-drift: true too (it plans without writing)`)
  }
  if (issue && !githubToken)
    p.problem('drift-issue', 'needs github-token (a token with issues: write, e.g. ${{ github.token }} with permissions issues: write)')
  return { detect, failOnDrift, issue }
}
