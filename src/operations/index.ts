import type { Operation } from './context.js'
import type { OperationName } from './names.js'
import { dryRunPromote } from './dry-run-promote.js'
import { promote } from './promote.js'
import { promotionReport } from './promotion-report.js'
import { restart } from './restart.js'
import { rollback } from './rollback.js'
import { unlock } from './unlock.js'

/** Operations by name; those without an entry are declared in action.yml but not built yet. */
export const OPERATION_HANDLERS: Partial<Record<OperationName, Operation>> = {
  // set-esvs
  // rotate-secret
  // promotions
  'dry-run-promote': dryRunPromote,
  promote,
  rollback,
  'promotion-report': promotionReport,
  unlock,
  // create-api-client
  restart
}
