import * as core from '@actions/core'
import { ActionError } from '../errors.js'
import type { EsvClient } from '../tenant/esv.js'
import type { EsvSecret } from '../tenant/types.js'

export interface StoredSecret {
  secretId: string
  /** The version now holding the value. */
  version: string
  /** True when the secret did not exist and was created. */
  createdSecret: boolean
  /** False only when the tenant already held this exact value as its latest version. */
  changed: boolean
}

/**
 * Looks at the ESV secret before anything is created elsewhere: it proves
 * the credentials and scopes work, and refuses a secret whose encoding
 * cannot hold a client secret.
 */
export async function checkSecretTarget(esv: EsvClient, secretId: string): Promise<EsvSecret | undefined> {
  const existing = await esv.getSecret(secretId)
  if (existing && existing.encoding !== 'generic') {
    throw new ActionError(
      `store-in-secret: ${secretId} exists with encoding ${existing.encoding}; a client secret needs a generic secret. Choose another secret id, or delete ${secretId} first`
    )
  }
  return existing
}

/** Writes the value as a new generic secret, or as a new version of the existing one. */
export async function storeSecretValue(
  esv: EsvClient,
  secretId: string,
  value: string,
  existing: EsvSecret | undefined,
  description: string
): Promise<StoredSecret> {
  const valueBase64 = Buffer.from(value, 'utf8').toString('base64')
  if (!existing) {
    const created = await esv.createSecret(secretId, { encoding: 'generic', useInPlaceholders: true, valueBase64, description })
    core.info(`Created the ESV secret ${secretId} (version ${created.activeVersion})`)
    return { secretId, version: created.activeVersion, createdSecret: true, changed: true }
  }
  const { version, created } = await esv.createVersion(secretId, valueBase64)
  core.info(
    created
      ? `Added version ${version.version} to the ESV secret ${secretId}`
      : `${secretId} already holds this value (version ${version.version})`
  )
  return { secretId, version: version.version, createdSecret: false, changed: created }
}
