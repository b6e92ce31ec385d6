import type { OperationName } from '../operations/names.js'
import { normaliseFingerprint } from '../report/fingerprint.js'
import type { Parser } from './parser.js'
import type { PlanInputs } from './types.js'

/** The operations whose dry run posts a plan on the pull request and whose apply holds itself to it. */
export const PLAN_OPERATIONS: ReadonlySet<OperationName> = new Set(['set-esvs', 'set-tenant-settings'])

/** approved-plan and require-approval of set-esvs and set-tenant-settings; dry-run is parsed once, with set-esvs. */
export function parsePlanInputs(p: Parser, operation: OperationName | undefined, dryRun: boolean): PlanInputs {
  if (!operation || !PLAN_OPERATIONS.has(operation)) return { approvedPlan: undefined, requireApproval: true }
  const given = p.raw('approved-plan')
  const approvedPlan = given ? normaliseFingerprint(given) : undefined
  if (given && !approvedPlan) p.problem('approved-plan', 'expected a plan fingerprint (64 hex digits, optionally prefixed sha256:)')
  if (given && dryRun)
    p.problem('approved-plan', 'only for the apply (dry-run: false); a dry run writes nothing, so there is nothing to hold to a plan')
  return { approvedPlan, requireApproval: p.boolean('require-approval', true) }
}
