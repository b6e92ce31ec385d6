import * as core from '@actions/core'
import { withinDeadline } from './deadline.js'
import { ApiError, errorMessage, TimeoutError, UnavailableError } from './errors.js'
import { sleep as defaultSleep } from './sleep.js'

export interface PollOptions<T> {
  /** What is awaited, for log lines and errors: "the restart", "the lock". */
  what: string
  intervalMs: number
  timeoutMs: number
  /** Name of the input that sets the timeout, for the error message. */
  timeoutInput: string
  check: () => Promise<T>
  /** A short description of the state, logged when it changes. */
  describe: (value: T) => string
  done: (value: T) => boolean
  /**
   * A state the caller observed just now and knows is not the end, e.g. the
   * "restarting" answer of the request that started the work. Asking again at
   * once would only repeat it, so the first check waits one interval. The
   * worst-case delay after the real end stays one interval (plus a request).
   */
  initial?: T
  /** Consecutive failed checks tolerated (after the HTTP layer's own retries). */
  maxConsecutiveErrors?: number
  heartbeatMs?: number
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

export interface PollResult<T> {
  value: T
  elapsedMs: number
  checks: number
}

const DEFAULT_MAX_CONSECUTIVE_ERRORS = 3
const DEFAULT_HEARTBEAT_MS = 60_000

/**
 * The one poller every wait uses: bounded by a timeout, tolerant of a few
 * transient failures, and logging one line per state change plus a heartbeat.
 * The timeout bounds the checks' requests too, retries included: each check
 * runs within the wait's deadline (src/deadline.ts), so the wait ends within
 * the timeout plus one request-timeout.
 */
export async function poll<T>(options: PollOptions<T>): Promise<PollResult<T>> {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? defaultSleep
  const maxErrors = options.maxConsecutiveErrors ?? DEFAULT_MAX_CONSECUTIVE_ERRORS
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS
  const started = now()
  let lastState: string | undefined
  let lastLog = started
  let consecutiveErrors = 0
  let checks = 0
  // On the real clock: the requests of a check are timed by it, whatever clock the caller's `now` keeps.
  const deadline = { at: Date.now() + options.timeoutMs, what: options.what, input: options.timeoutInput, startedAt: Date.now() }

  if (options.initial !== undefined) {
    lastState = options.describe(options.initial)
    core.info(`Waiting for ${options.what}: ${lastState} (${formatDuration(0)} elapsed)`)
    await sleep(Math.min(options.intervalMs, options.timeoutMs))
  }

  for (;;) {
    checks++
    try {
      const value = await withinDeadline(deadline, options.check)
      consecutiveErrors = 0
      const state = options.describe(value)
      const elapsed = now() - started
      if (state !== lastState || now() - lastLog >= heartbeatMs) {
        core.info(`Waiting for ${options.what}: ${state} (${formatDuration(elapsed)} elapsed)`)
        lastState = state
        lastLog = now()
      }
      if (options.done(value)) return { value, elapsedMs: elapsed, checks }
    } catch (error) {
      if (!isTransient(error) || ++consecutiveErrors > maxErrors) throw error
      core.warning(`Checking ${options.what} failed (${consecutiveErrors} of ${maxErrors} tolerated): ${errorMessage(error)}`)
    }
    const remaining = options.timeoutMs - (now() - started)
    if (remaining <= 0) {
      throw new TimeoutError(
        `Timed out after ${formatDuration(now() - started)} waiting for ${options.what} (last state: ${lastState ?? 'unknown'}); raise ${options.timeoutInput} or check the tenant`
      )
    }
    await sleep(Math.min(options.intervalMs, remaining))
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof UnavailableError) return true
  return error instanceof ApiError && (error.status >= 500 || error.status === 429)
}

export function formatDuration(ms: number): string {
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`
}
