import * as core from '@actions/core'
import { ActionError, errorMessage } from '../errors.js'
import { markdownTable } from '../github/summary.js'
import type { CreateApiClientInputs } from '../inputs/types.js'
import { setOutput, setSecretOutput } from '../outputs.js'
import { formatDuration } from '../poller.js'
import { EsvClient } from '../tenant/esv.js'
import { restartUntilLoaded } from '../tenant/load-secret.js'
import type { RestartOutcome } from '../tenant/restart.js'
import { StartupClient } from '../tenant/startup.js'
import type { ApiClient, EsvSecret } from '../tenant/types.js'
import { ApiClientsClient, type ApiClientWithSecret } from '../verify/api-clients.js'
import { connectIdentityTenant } from '../verify/connect.js'
import { checkSecretTarget, storeSecretValue, type StoredSecret } from '../verify/store-in-esv.js'
import { requireTenant, type OperationContext } from './context.js'

/**
 * `create-api-client`: creates a least-privilege API client in the identity
 * tenant and hands its secret to one place only: the ESV secret given by
 * store-in-secret (then restarts per `restart`), or the masked output.
 */
export async function createApiClient(context: OperationContext): Promise<void> {
  const inputs = context.inputs.apiClient
  if (!inputs) throw new ActionError('create-api-client: the API client inputs were not parsed')
  for (const warning of inputs.warnings) core.warning(warning)

  const clients = new ApiClientsClient(connectIdentityTenant(inputs, context.inputs.http))
  const esv = inputs.storeInSecret ? new EsvClient(requireTenant(context).client) : undefined
  // Before anything is created: the ESV tenant answers and the secret can hold the value.
  const target = esv && inputs.storeInSecret ? await checkSecretTarget(esv, inputs.storeInSecret) : undefined

  const [existing] = await clients.findByName(inputs.clientName)
  if (existing) return reuseExisting(context, inputs, existing)

  const client = await clients.create({
    clientName: inputs.clientName,
    enabled: inputs.enabled,
    entitlements: inputs.entitlements,
    ...(inputs.description ? { description: inputs.description } : {})
  })
  core.info(`Created the API client "${client.clientName}" (id ${client.id}, client id ${client.clientId})`)
  setOutput('client-id', client.clientId)
  setOutput('api-client-id', client.id)
  if (!inputs.storeInSecret || inputs.outputSecret) setSecretOutput('client-secret', client.clientSecret)

  const rows = clientRows(client)
  if (esv && inputs.storeInSecret) rows.push(...(await storeAndRestart(context, esv, inputs.storeInSecret, client, target)))
  else rows.push(['Secret', 'in the masked output `client-secret`'])
  context.summary.add(`### API client created\n\n${markdownTable(['API client', ''], rows)}`)
}

function reuseExisting(context: OperationContext, inputs: CreateApiClientInputs, existing: ApiClient): void {
  if (inputs.ifExists === 'fail') {
    throw new ActionError(
      `An API client named "${inputs.clientName}" already exists (id ${existing.id}); set if-exists: skip to keep it, or choose another client-name`
    )
  }
  core.info(
    `An API client named "${inputs.clientName}" already exists (id ${existing.id}); if-exists is skip, so nothing was created and no secret is output`
  )
  setOutput('client-id', existing.clientId)
  setOutput('api-client-id', existing.id)
  const rows = [...clientRows(existing), ['Secret', 'unchanged; not output (the client already existed)']]
  context.summary.add(`### API client already exists\n\n${markdownTable(['API client', ''], rows)}`)
}

function clientRows(client: ApiClient): string[][] {
  return [
    ['Name', client.clientName],
    ['API client id', `\`${client.id}\``],
    ['Client id', `\`${client.clientId}\``],
    ['Entitlements', client.entitlements.map((e) => `\`${e}\``).join(', ')],
    ['Enabled', String(client.enabled)]
  ]
}

/** Stores the secret, then restarts per `restart`; a failure says the client exists and what to do. */
async function storeAndRestart(
  context: OperationContext,
  esv: EsvClient,
  secretId: string,
  client: ApiClientWithSecret,
  target: EsvSecret | undefined
): Promise<string[][]> {
  let stored: StoredSecret
  try {
    stored = await storeSecretValue(
      esv,
      secretId,
      client.clientSecret,
      target,
      `Secret of the API client ${client.clientName} (${client.clientId})`
    )
  } catch (error) {
    throw new ActionError(
      `The API client "${client.clientName}" (id ${client.id}) was created, but storing its secret in ${secretId} failed: ${errorMessage(error)}. Delete the client in the identity tenant and run the step again`
    )
  }
  const rows = [['Secret', `stored in \`${secretId}\` (version ${stored.version}${stored.createdSecret ? ', new secret' : ''})`]]
  const mode = context.inputs.restart
  if (mode === 'never' || (mode === 'auto' && !stored.changed && !isPending(target))) {
    core.info(`Not restarting (restart: ${mode}); ${secretId} takes effect after the next restart`)
    rows.push(['Restart', `not done (restart: ${mode}); the secret takes effect after the next restart`])
    return rows
  }
  const tenant = requireTenant(context)
  let outcome: RestartOutcome
  try {
    outcome = await restartUntilLoaded(esv, new StartupClient(tenant.client), secretId, stored.version, context.inputs.waits)
  } catch (error) {
    throw new ActionError(
      `The API client "${client.clientName}" (id ${client.id}) was created and its secret stored in ${secretId} (version ${stored.version}), but the tenant did not load it: ${errorMessage(error)}. Restart the tenant (operation: restart) for the secret to take effect`
    )
  }
  setOutput('restart-status', outcome.status)
  core.info(`The tenant is ${outcome.status} after ${formatDuration(outcome.elapsedMs)}`)
  rows.push([
    'Restart',
    `${outcome.joined ? 'joined a running restart' : 'restarted'} \`${tenant.url}\`: **${outcome.status}** after ${formatDuration(outcome.elapsedMs)}`
  ])
  return rows
}

function isPending(secret: EsvSecret | undefined): boolean {
  return secret !== undefined && (!secret.loaded || secret.loadedVersion !== secret.activeVersion)
}
