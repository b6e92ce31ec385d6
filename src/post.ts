import * as core from '@actions/core'
import { errorMessage } from './errors.js'

/**
 * The `post:` step runs after the job's steps even when the job was cancelled.
 * Promotion operations save what they locked; releasing it lives here.
 * Nothing is saved by the operations built so far, so there is nothing to do.
 */
export async function runPost(): Promise<void> {
  try {
    core.debug('post: no saved locks to release')
  } catch (error) {
    // The post step must never fail the job for cleanup it could not do; it says so loudly instead.
    core.warning(`post step: ${errorMessage(error)}`)
  }
}
