import * as core from '@actions/core'
import { errorMessage } from './errors.js'
import { JobSummary } from './github/summary.js'
import { parseInputs } from './inputs/index.js'
import type { TenantSession } from './operations/context.js'
import { OPERATION_HANDLERS } from './operations/index.js'

export async function run(summary = new JobSummary()): Promise<void> {
  try {
    const inputs = parseInputs((name) => core.getInput(name))
    // Loaded once the inputs are valid: a bad input fails before the HTTP and signing code is even read.
    const [operation, { connectTenant }, { gateEvent }, { readGitHubContext }] = await Promise.all([
      OPERATION_HANDLERS[inputs.operation](),
      import('./tenant/connect.js'),
      import('./github/event-gate.js'),
      import('./github/context.js')
    ])
    // Who started the run may start this operation: decided before any tenant request.
    await gateEvent(inputs, readGitHubContext())
    const tenant: TenantSession | undefined = inputs.tenant && {
      url: inputs.tenant.url,
      client: connectTenant(inputs.tenant, { operation: inputs.operation, http: inputs.http })
    }
    await operation({ inputs, tenant, summary })
  } catch (error) {
    const message = errorMessage(error)
    core.setFailed(message)
    summary.add(`### tenant-pilot failed\n\n\`\`\`\n${message}\n\`\`\``)
  } finally {
    await summary.write().catch((error: unknown) => core.warning(`Could not write the job summary: ${errorMessage(error)}`))
  }
}
