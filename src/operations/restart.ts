import * as core from '@actions/core'
import { setOutput } from '../outputs.js'
import { formatDuration } from '../poller.js'
import { restartAndWait } from '../tenant/restart.js'
import { StartupClient } from '../tenant/startup.js'
import { requireTenant, type OperationContext } from './context.js'

/** `restart`: restart the tenant's services (or join a running restart) and wait until ready. */
export async function restart(context: OperationContext): Promise<void> {
  const tenant = requireTenant(context)
  const outcome = await restartAndWait(new StartupClient(tenant.client), context.inputs.waits)
  setOutput('restart-status', outcome.status)
  const how = outcome.joined ? 'An already running restart finished' : 'Restarted'
  core.info(`${how}: the tenant is ${outcome.status} after ${formatDuration(outcome.elapsedMs)}`)
  context.summary.add(`### Tenant restart\n\n${how} \`${tenant.url}\`: **${outcome.status}** after ${formatDuration(outcome.elapsedMs)}.`)
}
