import type { Operation } from './context.js'
import { completeCsr } from './complete-csr.js'
import { createApiClient } from './create-api-client.js'
import { createCsr } from './create-csr.js'
import type { OperationName } from './names.js'
import { dryRunPromote } from './dry-run-promote.js'
import { promote } from './promote.js'
import { promotionReport } from './promotion-report.js'
import { restart } from './restart.js'
import { rotateSecret } from './rotate-secret.js'
import { setEsvs } from './set-esvs.js'
import { setTenantSettings } from './set-tenant-settings.js'
import { rollback } from './rollback.js'
import { unlock } from './unlock.js'

/** Every operation by name; the type makes a missing one a compile error. */
export const OPERATION_HANDLERS: Record<OperationName, Operation> = {
  'set-esvs': setEsvs,
  'rotate-secret': rotateSecret,
  'create-api-client': createApiClient,
  'dry-run-promote': dryRunPromote,
  promote,
  rollback,
  'promotion-report': promotionReport,
  unlock,
  restart,
  'set-tenant-settings': setTenantSettings,
  'create-csr': createCsr,
  'complete-csr': completeCsr
}
