import * as core from '@actions/core'
import { errorMessage, TimeoutError } from './errors.js'
import type { ActionInputs } from './inputs/types.js'
import { poll } from './poller.js'
import { describeLock, lockHolder, releaseLock } from './promotion/lock.js'
import { clearSavedLock, readSavedLock } from './promotion/saved-lock.js'
import type { PromotionClient } from './tenant/promotion.js'

/**
 * The `post:` step runs after the job's steps even when the job was cancelled.
 * A promotion operation saves the lock it holds; if main ended (killed,
 * cancelled) without releasing it, it is released here.
 */
export async function runPost(): Promise<void> {
  try {
    const saved = readSavedLock()
    if (!saved) {
      core.debug('post: no saved locks to release')
      return
    }
    const ours = saved.promotionId
    if (ours) core.info(`post: the main step ended while holding the lock of promotion ${ours}; releasing it`)
    else core.info('post: the main step ended while its lock request was in flight, before the answer named a promotion; reading the lock')
    // Only a step with a lock to release reads its inputs and connects: most post steps stop above.
    const [{ parseInputs }, { PromotionClient }, { connectTenant }] = await Promise.all([
      import('./inputs/index.js'),
      import('./tenant/promotion.js'),
      import('./tenant/connect.js')
    ])
    const inputs = parseInputs((name) => core.getInput(name))
    if (!inputs.tenant || inputs.tenant.url !== saved.tenantUrl) {
      core.error(
        `post: cannot reach ${saved.tenantUrl} with this step's inputs; ` +
          (ours ? `release the lock with the unlock operation and promotion-id: ${ours}` : 'check the promotion lock in the admin console')
      )
      return
    }
    const client = new PromotionClient(connectTenant(inputs.tenant, { operation: inputs.operation, http: inputs.http }))
    if (ours) {
      await releaseLock(client, ours, inputs.waits)
      return
    }
    await reportUnprovenLock(client, inputs)
  } catch (error) {
    // The post step must never fail the job for cleanup it could not do; it says so loudly instead.
    core.error(`post step: ${errorMessage(error)}`)
  }
}

/**
 * A lock request was in flight when main ended: a lock may now be held whose id this run never
 * received. It cannot be proven this run's, so it is never released here; the holder is named instead.
 * The request may still be acted on late, so an unlocked state is watched for one request-timeout.
 */
async function reportUnprovenLock(client: PromotionClient, inputs: ActionInputs): Promise<void> {
  const { value: state } = await poll({
    what: 'a lock from the request in flight',
    intervalMs: inputs.waits.pollIntervalMs,
    timeoutMs: Math.min(inputs.http.requestTimeoutMs, inputs.waits.promotionTimeoutMs),
    timeoutInput: 'request-timeout',
    check: () => client.lockState(),
    describe: describeLock,
    done: (lock) => lock.result !== 'unlocked'
  }).catch((error: unknown) => {
    if (error instanceof TimeoutError) return { value: undefined }
    throw error
  })
  clearSavedLock()
  if (!state) {
    core.info('post: the environments stayed unlocked; nothing to release')
    return
  }
  const holder = lockHolder(state)
  core.error(
    `post: the lock state reads ${describeLock(state)}${holder ? `, held by promotion ${holder}` : ''}, and this run never received the id of the lock it requested, so it leaves that lock alone. ` +
      (holder
        ? `If no other promotion is running, it is this run's own: release it with the unlock operation and promotion-id: ${holder}`
        : 'Check the lock in the admin console, then release it with the unlock operation')
  )
}

/**
 * The entry point as `@github/local-action` calls it (`npx @github/local-action . src/post.ts .env`):
 * it imports a module and runs its `run` export, as it does for src/main.ts.
 */
export const run = runPost
