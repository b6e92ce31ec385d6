import * as core from '@actions/core'
import { errorMessage } from './errors.js'
import { parseInputs } from './inputs/index.js'
import { releaseLock } from './promotion/lock.js'
import { readSavedLock } from './promotion/saved-lock.js'
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
    core.info(`post: the main step ended while holding the lock of promotion ${saved.promotionId}; releasing it`)
    const inputs = parseInputs((name) => core.getInput(name))
    if (!inputs.tenant || inputs.tenant.url !== saved.tenantUrl) {
      core.error(
        `post: cannot reach ${saved.tenantUrl} with this step's inputs; release the lock with the unlock operation and promotion-id: ${saved.promotionId}`
      )
      return
    }
    const client = new PromotionClient(connectTenant(inputs.tenant, { operation: inputs.operation, http: inputs.http }))
    await releaseLock(client, saved.promotionId, inputs.waits)
  } catch (error) {
    // The post step must never fail the job for cleanup it could not do; it says so loudly instead.
    core.error(`post step: ${errorMessage(error)}`)
  }
}
