import { ActionError } from '../errors.js'
import type { JobSummary } from '../github/summary.js'
import type { JsonHttpClient } from '../http/client.js'
import type { ActionInputs } from '../inputs/types.js'

/** An authenticated client for the Identity Cloud tenant given by tenant-url. */
export interface TenantSession {
  url: string
  client: JsonHttpClient
}

/** What every operation runs over: validated inputs, the tenant, the job summary. */
export interface OperationContext {
  inputs: ActionInputs
  /** Absent only where the inputs need no tenant (create-api-client without store-in-secret). */
  tenant: TenantSession | undefined
  summary: JobSummary
}

export type Operation = (context: OperationContext) => Promise<void>

export function requireTenant(context: OperationContext): TenantSession {
  if (!context.tenant) throw new ActionError(`The operation ${context.inputs.operation} needs tenant-url and credentials`)
  return context.tenant
}
