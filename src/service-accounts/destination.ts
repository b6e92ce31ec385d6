import { existsSync } from 'node:fs'
import * as core from '@actions/core'
import { join } from 'node:path'
import { ActionError, InputError } from '../errors.js'
import { checkWritePlace, writeFileSafely } from '../files/safe-write.js'
import { connectGitHub } from '../github/client.js'
import { readGitHubContext } from '../github/context.js'
import { GitHubSecret } from '../github/secrets.js'
import type { HttpSettings } from '../http/settings.js'
import type { GitHubSettings, KeyDestination, TenantConnection } from '../inputs/types.js'
import { connectTenant } from '../tenant/connect.js'
import { EsvClient } from '../tenant/esv.js'
import type { EsvSecret } from '../tenant/types.js'
import { storeSecretValue } from '../verify/store-in-esv.js'

/** The one place a new private key goes. */
export interface KeyStore {
  /** For log lines and the summary: `the repository secret SA_KEY`, `the file …`. */
  readonly description: string
  /** Before any tenant write: the place can be written (the token reads the sealing key; RUNNER_TEMP exists). */
  check(): Promise<void>
  /** Stores the private JWK text; returns what the summary says about it. */
  store(privateJwkText: string): Promise<string>
}

/** Builds the store from the inputs; a missing runner variable is an input error, raised before any request. */
export function openKeyStore(destination: KeyDestination, github: GitHubSettings, http: HttpSettings): KeyStore {
  if (destination.kind === 'file') return fileStore(destination.fileName)
  if (destination.kind === 'esv') return esvStore(destination.secretId, destination.tenant, http)
  const context = readGitHubContext()
  if (!context.owner || !context.repo)
    throw new InputError([
      'store-in-github-secret: GITHUB_REPOSITORY is not set; run the step in GitHub Actions (the secret goes to this repository)'
    ])
  // The same connection, github-api-url and https rule as every other GitHub call: the token goes nowhere else.
  const connection = connectGitHub(github, context, http)
  if (!connection.client) throw new InputError([`store-in-github-secret: ${connection.reason}`])
  const secret = new GitHubSecret(connection.client, context.owner, context.repo, destination.name, destination.environment)
  if (destination.environment === undefined)
    core.warning(
      `The new private key goes to the repository secret ${destination.name} (github-secret-scope: repository): every workflow on every branch can read it. An environment secret (github-environment) is read only by the jobs its environment's rules admit`
    )
  return {
    description: secret.describe(),
    check: async () => {
      await secret.publicKey()
    },
    store: async (value) => `${(await secret.store(value)) === 'created' ? 'created' : 'updated'} ${secret.describe()}`
  }
}

/**
 * An ESV secret of another tenant, for a consumer there (a script, a journey): a new version of a generic
 * secret, or the secret made with it. It takes effect there after that tenant's next restart, which this
 * step leaves to its owner.
 */
function esvStore(secretId: string, tenant: TenantConnection, http: HttpSettings): KeyStore {
  const esv = new EsvClient(connectTenant(tenant, { operation: 'create-service-account', http, label: 'key tenant' }))
  let target: EsvSecret | undefined
  return {
    description: `the ESV secret ${secretId} of ${tenant.url}`,
    check: async () => {
      // Proves the key tenant's credentials before anything is created; the JWK is text: a generic secret.
      target = await esv.getSecret(secretId)
      if (target && target.encoding !== 'generic')
        throw new ActionError(
          `store-in-esv: ${secretId} exists in ${tenant.url} with encoding ${target.encoding}; a private JWK needs a generic secret. Choose another secret id`
        )
    },
    store: async (value) => {
      const stored = await storeSecretValue(esv, secretId, value, target, 'Private JWK of a service account, stored by tenant-pilot')
      return `stored in the ESV secret ${secretId} of ${tenant.url} (version ${stored.version}${stored.createdSecret ? ', new secret' : ''}); it takes effect there after that tenant's next restart`
    }
  }
}

/**
 * A file in RUNNER_TEMP, for a later step of the same job to take elsewhere; the runner deletes it with the
 * job. Never written through a link (RUNNER_TEMP is the only root: a link there would take the key out of
 * it), and written as a new file created exclusively with mode 0600, then renamed over the name: the key is
 * never in a file someone else made, opened or gave wider permissions.
 */
function fileStore(fileName: string): KeyStore {
  const folder = process.env.RUNNER_TEMP
  if (!folder) throw new InputError(['store-in-file: RUNNER_TEMP is not set; run the step in GitHub Actions'])
  const path = join(folder, fileName)
  const label = `store-in-file ${fileName}`
  const place = checkWritePlace(path, [folder])
  if (!place.ok) throw new InputError([`${label} ${place.problem}`])
  return {
    description: `the file ${path}`,
    check: () => {
      if (!existsSync(folder))
        throw new ActionError(`store-in-file: RUNNER_TEMP (${folder}) does not exist; run the step in GitHub Actions`)
      return Promise.resolve()
    },
    store: (value) => {
      writeFileSafely(path, value, { label, roots: [folder], mode: 0o600 })
      return Promise.resolve(`wrote ${path} (mode 0600)`)
    }
  }
}

/** The file path of a file destination, for the key-file output. */
export function keyFilePath(destination: KeyDestination): string | undefined {
  return destination.kind === 'file' && process.env.RUNNER_TEMP ? join(process.env.RUNNER_TEMP, destination.fileName) : undefined
}
