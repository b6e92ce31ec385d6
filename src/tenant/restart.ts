import * as core from '@actions/core'
import { withinDeadline } from '../deadline.js'
import { ApiError } from '../errors.js'
import { poll } from '../poller.js'
import type { Waits } from '../inputs/types.js'
import type { StartupClient } from './startup.js'
import type { RestartStatus, RestartStatusResponse } from './types.js'

export interface RestartOutcome {
  status: RestartStatus
  /** True when a restart was already running and this run waited for it instead. */
  joined: boolean
  elapsedMs: number
}

export interface RestartOptions {
  /**
   * Changes were written just now: a restart already running may have begun
   * before them and not load them, so wait for it and then start a new one.
   */
  fresh?: boolean
}

/**
 * Restarts the tenant's services and waits until they are ready. A restart
 * already under way is waited for rather than stacked with another.
 * restart-timeout bounds all of it, the status read and the restart request
 * before the polls included, retries and all.
 */
export async function restartAndWait(startup: StartupClient, waits: Waits, options: RestartOptions = {}): Promise<RestartOutcome> {
  const started = Date.now()
  const deadline = { at: started + waits.restartTimeoutMs, what: 'the restart', input: 'restart-timeout', startedAt: started }
  return withinDeadline(deadline, () => restartWithin(startup, waits, options, started))
}

async function restartWithin(startup: StartupClient, waits: Waits, options: RestartOptions, started: number): Promise<RestartOutcome> {
  const remaining = (): number => Math.max(0, waits.restartTimeoutMs - (Date.now() - started))
  const before = await startup.status()
  let joined = before.restartStatus === 'restarting'
  if (joined && options.fresh) {
    core.info('A restart is already running; waiting for it to end, then restarting again so the new changes load')
    await waitUntilReady(startup, waits.pollIntervalMs, remaining(), 'the restart already running', before)
    joined = false
  }
  let seen = before
  if (joined) {
    core.info('A restart is already running; waiting for it instead of starting another')
  } else {
    seen = await requestRestart(startup)
  }
  const status = await waitUntilReady(startup, waits.pollIntervalMs, remaining(), 'the restart', seen)
  return { status, joined, elapsedMs: Date.now() - started }
}

/**
 * Asks for a restart. A 409 "Restart already in progress" (what a resend gets when the first request's
 * answer was lost, or when another client started one since the status was read as ready) means a
 * restart is running that began after this run's writes: it is this run's restart.
 */
async function requestRestart(startup: StartupClient): Promise<RestartStatusResponse> {
  try {
    const seen = await startup.restart()
    core.info(`Restart requested; the tenant says "${seen.restartStatus}"`)
    return seen
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error
    core.info(
      `Restart requested; the tenant answered 409 (${error.details.apiMessage ?? 'a restart is in progress'}): a restart is running`
    )
    return { restartStatus: 'restarting' }
  }
}

/** `seen`: the status just read or answered; while it says restarting, asking again at once would only repeat it. */
async function waitUntilReady(
  startup: StartupClient,
  intervalMs: number,
  timeoutMs: number,
  what: string,
  seen: RestartStatusResponse
): Promise<RestartStatus> {
  const result = await poll({
    what,
    intervalMs,
    timeoutMs,
    timeoutInput: 'restart-timeout',
    check: () => startup.status(),
    describe: (status) => status.restartStatus,
    done: (status) => status.restartStatus === 'ready',
    initial: seen.restartStatus === 'restarting' ? seen : undefined
  })
  return result.value.restartStatus
}
