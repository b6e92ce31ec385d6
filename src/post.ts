import * as core from '@actions/core'
import { errorMessage } from './errors.js'
import { parseInputs } from './inputs/index.js'
import { describeLock, lockHolder, releaseLock } from './promotion/lock.js'
import { clearSavedLock, readSavedLock } from './promotion/saved-lock.js'
import { PromotionClient } from './tenant/promotion.js'
import { connectTenant } from './tenant/connect.js'

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
    await reportUnprovenLock(client)
  } catch (error) {
    // The post step must never fail the job for cleanup it could not do; it says so loudly instead.
    core.error(`post step: ${errorMessage(error)}`)
  }
}

/**
 * A lock request was in flight when main ended: a lock may now be held whose id this run never
 * received. It cannot be proven this run's, so it is never released here; the holder is named instead.
 */
async function reportUnprovenLock(client: PromotionClient): Promise<void> {
  const state = await client.lockState()
  const holder = lockHolder(state)
  if (state.result === 'unlocked') {
    core.info('post: the environments are unlocked; nothing to release')
  } else {
    core.error(
      `post: the environments are ${describeLock(state)}${holder ? ` by promotion ${holder}` : ''}, and this run never received the id of the lock it requested, so it leaves that lock alone. ` +
        (holder
          ? `If no other promotion is running, it is this run's own: release it with the unlock operation and promotion-id: ${holder}`
          : 'Check the lock in the admin console, then release it with the unlock operation')
    )
  }
  clearSavedLock()
}
