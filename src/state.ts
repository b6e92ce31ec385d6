import * as core from '@actions/core'

/**
 * One bundle serves the `main` and `post` steps (as actions/checkout does):
 * main saves a flag, and the runner hands saved state back to the post step
 * as STATE_* variables.
 */
const IS_POST = 'isPost'

export function isPostStep(): boolean {
  return core.getState(IS_POST) === 'true'
}

export function markMainStarted(): void {
  core.saveState(IS_POST, 'true')
}
