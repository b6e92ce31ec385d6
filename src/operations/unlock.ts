import * as core from '@actions/core'
import { LockHeldError } from '../errors.js'
import { setOutput } from '../outputs.js'
import { lockHolder, releaseLock } from '../promotion/lock.js'
import { PromotionClient } from '../tenant/promotion.js'
import { requireTenant, type OperationContext } from './context.js'

/**
 * `unlock`: break-glass release of a lock this action left behind: the lock
 * of `promotion-id`, or with `force: true` whatever promotion holds it now.
 */
export async function unlock(context: OperationContext): Promise<void> {
  const tenant = requireTenant(context)
  const client = new PromotionClient(tenant.client)
  const { promotionId: given, force } = context.inputs.promotion
  const state = await client.lockState()
  if (state.result === 'unlocked') {
    core.info('The environments are already unlocked')
    context.summary.add(`### Promotion lock\n\n\`${tenant.url}\` was already unlocked.`)
    return
  }
  const holder = lockHolder(state)
  if (given && holder && holder !== given) {
    // force releases whatever holds the lock only when no promotion-id says otherwise.
    throw new LockHeldError(
      force
        ? `The lock is held by promotion ${holder}, not ${given} (promotion-id); force: true does not release a lock other than the promotion-id given, so nothing was released. To release it, pass promotion-id: ${holder}, or force: true without promotion-id`
        : `The lock is held by promotion ${holder}, not ${given}; nothing was released. To release that lock, pass promotion-id: ${holder} (or force: true without promotion-id)`
    )
  }
  const promotionId = given ?? holder
  if (!promotionId) {
    throw new LockHeldError(`The lock state is ${state.result} but names no promotion; release it in the admin console`)
  }
  if (force) core.warning(`force: releasing the lock of promotion ${promotionId}`)
  await releaseLock(client, promotionId, context.inputs.waits)
  setOutput('promotion-id', promotionId)
  context.summary.add(`### Promotion lock\n\nReleased the lock of promotion \`${promotionId}\` on \`${tenant.url}\`.`)
}
