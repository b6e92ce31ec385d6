import { ActionError } from '../errors.js'

/** The tenant de-duplicated the value: it equals the latest version's, so no version was made. */
export class DuplicateValueError extends ActionError {
  override readonly name = 'DuplicateValueError'
  constructor(secretId: string, latestVersion: string) {
    super(
      `The value given for ${secretId} equals its latest version (${latestVersion}), so the tenant made no new version; give a different secret-value, or leave it empty to generate one`
    )
  }
}

/**
 * The new version exists but a later step (restart, wait, retirement) failed.
 * Says what was done and how to finish, so nobody rotates twice by hand.
 */
export class RotationIncompleteError extends ActionError {
  override readonly name = 'RotationIncompleteError'
}
