import * as core from '@actions/core'

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']

/**
 * Holds off a cancellation (SIGINT or SIGTERM, as the runner sends them) while
 * a request whose answer must be known is in flight, e.g. POST lock: the answer
 * carries the promotion id that lets the lock be released. The hold is bounded:
 * after `graceMs`, or at a second signal, the process ends as the signal would
 * have ended it, and the post step takes over with the saved state.
 */
export class SignalHold {
  private received: NodeJS.Signals | undefined
  private timer: NodeJS.Timeout | undefined
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    if (this.received) return this.die(signal)
    this.received = signal
    core.info(`Received ${signal} while a request is in flight; letting it finish (at most ${Math.round(this.graceMs / 1000)} s)`)
    this.timer = setTimeout(() => this.die(signal), this.graceMs)
  }

  constructor(private readonly graceMs: number) {
    for (const signal of SIGNALS) process.on(signal, this.onSignal)
  }

  /** The signal received during the hold, if any. */
  get signal(): NodeJS.Signals | undefined {
    return this.received
  }

  /** Ends the hold; with a signal received, the process then ends as that signal would have ended it. */
  end(): void {
    this.stopListening()
    if (this.received) this.die(this.received)
  }

  private stopListening(): void {
    if (this.timer) clearTimeout(this.timer)
    for (const signal of SIGNALS) process.removeListener(signal, this.onSignal)
  }

  private die(signal: NodeJS.Signals): void {
    this.stopListening()
    process.kill(process.pid, signal)
  }
}
