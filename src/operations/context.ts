import type { JsonHttpClient } from '../http/client.js'
import type { JobSummary } from '../github/summary.js'
import type { ActionInputs } from '../inputs.js'

/** What every operation runs over: validated inputs, a tenant client, the summary. */
export interface OperationContext {
  inputs: ActionInputs
  tenant: JsonHttpClient
  summary: JobSummary
}

export type Operation = (context: OperationContext) => Promise<void>
