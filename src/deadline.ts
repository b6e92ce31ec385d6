import { AsyncLocalStorage } from 'node:async_hooks'
import { TimeoutError } from './errors.js'

/**
 * The end of the wait a request serves: a restart's restart-timeout, a promotion's promotion-timeout. Each
 * such timeout bounds its whole wait, retries included, so every request made within it is held to it
 * (the HTTP layer starts no retry past `at`, and cuts an attempt at `at` plus one request-timeout).
 */
export interface WaitDeadline {
  /** Epoch ms. */
  at: number
  /** What is awaited, as the poller says it: "the restart". */
  what: string
  /** The input that sets the timeout, named in the error. */
  input: string
  /** When the wait began (epoch ms), for the elapsed time in the error. */
  startedAt: number
}

/**
 * The wait's deadline reached a request between two attempts: the timeout error of the wait itself (its
 * input named), not a failure of the request a later check might outlive.
 */
export class DeadlineError extends TimeoutError {
  override readonly name = 'DeadlineError'
}

const current = new AsyncLocalStorage<WaitDeadline>()

/**
 * Runs `work` with `deadline` over every request it makes, however deep (the requests of a client method
 * called by a check, a retry's back-off): a request cannot see the wait it serves otherwise. A wait within
 * another keeps the earlier end.
 */
export function withinDeadline<T>(deadline: WaitDeadline, work: () => Promise<T>): Promise<T> {
  const outer = current.getStore()
  return current.run(outer && outer.at <= deadline.at ? outer : deadline, work)
}

/** The deadline of the wait the current request serves, if it serves one. */
export function currentDeadline(): WaitDeadline | undefined {
  return current.getStore()
}
