import * as core from '@actions/core'
import { ActionError } from '../errors.js'
import type { Waits } from '../inputs/types.js'
import { poll } from '../poller.js'
import type { EsvClient } from './esv.js'
import { restartAndWait, type RestartOutcome } from './restart.js'
import type { StartupClient } from './startup.js'
import type { EsvSecret } from './types.js'

/**
 * Restarts and waits until the tenant has loaded `target` as the secret's version, all within
 * restart-timeout. A restart that was already running may have read its configuration before
 * the version existed: then one more restart loads it.
 */
export async function restartUntilLoaded(
  esv: EsvClient,
  startup: StartupClient,
  id: string,
  target: string,
  waits: Waits
): Promise<RestartOutcome> {
  const deadline = Date.now() + waits.restartTimeoutMs
  const remaining = (): Waits => ({ ...waits, restartTimeoutMs: Math.max(0, deadline - Date.now()) })
  let outcome = await restartAndWait(startup, remaining())
  if (outcome.joined && (await existingSecret(esv, id)).loadedVersion !== target) {
    core.info(`The restart that was already running did not load version ${target} of ${id}; starting another`)
    outcome = await restartAndWait(startup, remaining())
  }
  await poll({
    what: `${id} to load version ${target}`,
    intervalMs: waits.pollIntervalMs,
    timeoutMs: remaining().restartTimeoutMs,
    timeoutInput: 'restart-timeout',
    check: () => existingSecret(esv, id),
    describe: (secret) => `loaded version ${secret.loadedVersion || 'none'}`,
    done: (secret) => secret.loadedVersion === target
  })
  return outcome
}

export async function existingSecret(esv: EsvClient, id: string): Promise<EsvSecret> {
  const secret = await esv.getSecret(id)
  if (!secret)
    throw new ActionError(`The secret ${id} disappeared from the tenant while the action was working on it; check who else changes it`)
  return secret
}
