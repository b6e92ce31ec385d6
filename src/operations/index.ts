import type { Operation } from './context.js'
import { createApiClient } from './create-api-client.js'
import type { OperationName } from './names.js'
import { restart } from './restart.js'
import { rotateSecret } from './rotate-secret.js'
import { setEsvs } from './set-esvs.js'

/** Operations by name; those without an entry are declared in action.yml but not built yet. */
export const OPERATION_HANDLERS: Partial<Record<OperationName, Operation>> = {
  'set-esvs': setEsvs,
  'rotate-secret': rotateSecret,
  // promotions
  'create-api-client': createApiClient,
  restart
}
