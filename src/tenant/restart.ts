import * as core from '@actions/core'
import { poll } from '../poller.js'
import type { Waits } from '../inputs/index.js'
import type { StartupClient } from './startup.js'
import type { RestartStatus } from './types.js'

export interface RestartOutcome {
  status: RestartStatus
  /** True when a restart was already running and this run waited for it instead. */
  joined: boolean
  elapsedMs: number
}

/**
 * Restarts the tenant's services and waits until they are ready. A restart
 * already under way is waited for rather than stacked with another.
 */
export async function restartAndWait(startup: StartupClient, waits: Waits): Promise<RestartOutcome> {
  const started = Date.now()
  const before = await startup.status()
  const joined = before.restartStatus === 'restarting'
  if (joined) {
    core.info('A restart is already running; waiting for it instead of starting another')
  } else {
    const answer = await startup.restart()
    core.info(`Restart requested; the tenant says "${answer.restartStatus}"`)
  }
  const result = await poll({
    what: 'the restart',
    intervalMs: waits.pollIntervalMs,
    timeoutMs: Math.max(0, waits.restartTimeoutMs - (Date.now() - started)),
    timeoutInput: 'restart-timeout',
    check: () => startup.status(),
    describe: (status) => status.restartStatus,
    done: (status) => status.restartStatus === 'ready'
  })
  return { status: result.value.restartStatus, joined, elapsedMs: Date.now() - started }
}
