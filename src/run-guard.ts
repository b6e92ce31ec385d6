import * as core from '@actions/core'

/** The part of `process` the guard listens on, so a test can hand it an emitter of its own. */
export interface ExitEvents {
  once(event: 'beforeExit', listener: () => void): unknown
  off(event: 'beforeExit', listener: () => void): unknown
}

/**
 * Node exits (with code 0) once its event loop is empty, even while a promise still waits, e.g. for an
 * answer whose connection was lost without an event. A step that ends that way did not finish: this
 * fails it with a clear message (and lets `onStalled` write the summary) instead of passing silently.
 */
export function guardRun(
  step: string,
  work: Promise<void>,
  onStalled?: (message: string) => Promise<void>,
  events: ExitEvents = process
): void {
  let settled = false
  const stalled = (): void => {
    if (settled) return
    settled = true
    const message = `The ${step} step stopped before it finished: it was waiting for something that can no longer happen (an answer on a lost connection); the outcome of its last request is unknown. Check the tenant's state, then run the step again.`
    core.setFailed(message)
    // Pending work keeps the loop alive, so the summary is written before node exits.
    void onStalled?.(message).catch(() => undefined)
  }
  events.once('beforeExit', stalled)
  void work.finally(() => {
    settled = true
    events.off('beforeExit', stalled)
  })
}
