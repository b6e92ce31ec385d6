import * as core from '@actions/core'
import { ActionError, ApiError, errorMessage } from '../errors.js'
import { FileWriteError } from '../files/safe-write.js'
import { markdownTable } from '../github/summary.js'
import type { RotateServiceAccountKeyInputs } from '../inputs/types.js'
import { setOutput } from '../outputs.js'
import { formatDuration } from '../poller.js'
import { keyFilePath, openKeyStore, type KeyStore } from '../service-accounts/destination.js'
import { generateServiceAccountKey, thumbprintOf, type GeneratedKey } from '../service-accounts/keys.js'
import { keySetText, planRetirement, planRotationStart, type KeySetEntry, type RotationStart } from '../service-accounts/key-set.js'
import { proveKey } from '../service-accounts/proof.js'
import { keySetOf, ServiceAccountsClient, type ServiceAccount } from '../tenant/service-accounts.js'
import { requireTenant, type OperationContext, type TenantSession } from './context.js'

/**
 * `rotate-service-account-key`: a new key pair for a service account, in four steps, each safe to be
 * killed after:
 *
 * 1. add the new public key after the account's keys (one PATCH, If-Match on `_rev`);
 * 2. prove it: the tenant issues a token signed with it (retried up to key-proof-timeout);
 * 3. store the private key in its destination;
 * 4. only then remove the old keys beyond keep-keys.
 *
 * A rerun is a new job: the killed job's step state is gone, so nothing is read from it. What a rerun
 * reads instead is durable: the account's jwks in the tenant, and the key the destination holds now,
 * which the step is given (`service-account-key: ${{ secrets.NAME }}` for its own account, else
 * target-service-account-key) and which it proves by authenticating with it. Keys added after that
 * stored key were never stored (step 3 follows steps 1 and 2), so the rerun removes them with its own
 * add (the rollback), and the stored key is kept until a new one is stored and proven: killed anywhere,
 * the account always keeps a key whose private half is stored. See key-set.ts and docs/service-accounts.md.
 */
export async function rotateServiceAccountKey(context: OperationContext): Promise<void> {
  const inputs = context.inputs.serviceAccounts.rotate
  if (!inputs) throw new ActionError('rotate-service-account-key: the inputs were not parsed')
  const tenant = requireTenant(context)
  const accounts = new ServiceAccountsClient(tenant.client)
  const store = openKeyStore(inputs.destination, context.inputs.github, context.inputs.http)

  const account = await readAccount(accounts, inputs.accountId, tenant.url)
  const scope = account.scopes[0]
  if (scope === undefined)
    throw new ActionError(`The service account ${account._id} holds no scope, so no token can prove a key of it; give it a scope first`)
  const start = await proveCurrentKey(context, tenant, account, inputs, scope)
  await store.check()

  const key = await generateServiceAccountKey()
  const added: KeySetEntry = { thumbprint: key.kid, jwk: { ...key.publicJwk } }
  const withNew = await addKey(accounts, account, start, added)
  setOutput('service-account-id', account._id)
  setOutput('key-id', key.kid)
  setOutput('previous-key-id', start.retained.at(-1)?.thumbprint ?? '')

  const provenMs = await proveNewKey(context, tenant, accounts, withNew, start, key, inputs, scope)
  const stored = await storeNewKey(accounts, store, withNew, start, key)
  core.info(`Stored the new private key (${key.kid}): ${stored}`)

  const plan = planRetirement(start.retained, added, inputs.keepKeys)
  // The orphans went with the add (step 1); the old keys beyond keep-keys go now.
  const removed = start.orphans.map((entry) => entry.thumbprint)
  if (plan.remove.length > 0) {
    try {
      await accounts.setKeys(withNew, keySetText(plan.keep))
    } catch (error) {
      throw new ActionError(
        `The new key ${key.kid} is stored (${stored}) and works, but removing the old keys failed: ${errorMessage(error)}. Nothing is at risk: the next rotation removes them, or remove them in the admin console`
      )
    }
    const old = plan.remove.map((entry) => entry.thumbprint)
    removed.push(...old)
    core.info(`Removed the old key${old.length > 1 ? 's' : ''} ${old.join(', ')} (keep-keys: ${inputs.keepKeys})`)
  }
  setOutput('removed-key-ids', removed)
  const file = keyFilePath(inputs.destination)
  if (file) setOutput('key-file', file)
  context.summary.add(
    `### Service account key rotated\n\n${markdownTable(
      ['Service account', ''],
      [
        ['Account', `${account.name} (\`${account._id}\`)${inputs.ownAccount ? ', the one the action runs as' : ''}`],
        ['New key', `\`${key.kid}\`, accepted by the tenant after ${formatDuration(provenMs)}`],
        ['Private key', stored],
        [
          'Kept',
          plan.keep
            .filter((entry) => entry !== added)
            .map((entry) => `\`${entry.thumbprint}\``)
            .join(', ') || 'none'
        ],
        ['Removed', removed.map((kid) => `\`${kid}\``).join(', ') || 'none']
      ]
    )}`
  )
}

async function readAccount(accounts: ServiceAccountsClient, id: string, tenantUrl: string): Promise<ServiceAccount> {
  const account = await accounts.get(id)
  if (!account)
    throw new ActionError(`There is no service account ${id} in ${tenantUrl}; check target-service-account-id (or service-account-id)`)
  return account
}

/**
 * The key the destination holds now must be one of the account's keys and must work: the action's own key
 * has just authenticated the read; another account's is proven with a token request.
 */
async function proveCurrentKey(
  context: OperationContext,
  tenant: TenantSession,
  account: ServiceAccount,
  inputs: RotateServiceAccountKeyInputs,
  scope: string
): Promise<RotationStart> {
  const given = inputs.ownAccount ? 'service-account-key' : 'target-service-account-key'
  const thumbprint = await thumbprintOf(inputs.currentKey)
  const start = planRotationStart(await keySetOf(account), thumbprint)
  if (!start)
    throw new ActionError(
      `${given} (key ${thumbprint}) is not one of the keys of the service account ${account._id}, so the action cannot tell which key is stored; give the key the secret holds now. Nothing was changed`
    )
  if (!inputs.ownAccount) {
    const works = await proveKey({
      tenantUrl: tenant.url,
      accountId: account._id,
      privateJwk: inputs.currentKey,
      scope,
      http: tenant.client,
      // A key added moments ago (a new account) may take as long to be accepted as a rotated one.
      timeoutMs: inputs.proofTimeoutMs,
      intervalMs: context.inputs.waits.pollIntervalMs
    })
    if (!works)
      throw new ActionError(
        `The tenant refused a token signed with ${given} (key ${thumbprint}) for ${account._id} for key-proof-timeout; check that the account is Active and the key is the one its secret holds. Nothing was changed`
      )
  }
  if (start.orphans.length > 0)
    core.info(
      `The account holds ${start.orphans.length} key${start.orphans.length > 1 ? 's' : ''} added after the stored key ${thumbprint} (${start.orphans.map((o) => o.thumbprint).join(', ')}): an earlier rotation added ${start.orphans.length > 1 ? 'them' : 'it'} and never stored ${start.orphans.length > 1 ? 'them' : 'it'}, so no one holds ${start.orphans.length > 1 ? 'their' : 'its'} private half; removing ${start.orphans.length > 1 ? 'them' : 'it'} with the new key's add (the rollback)`
    )
  return start
}

/** Step 1: the new key after the retained ones (orphans dropped in the same write), If-Match on the `_rev` read. */
async function addKey(
  accounts: ServiceAccountsClient,
  account: ServiceAccount,
  start: RotationStart,
  added: KeySetEntry
): Promise<ServiceAccount> {
  const updated = await accounts.setKeys(account, keySetText([...start.retained, added]))
  core.info(
    `Added the new public key ${added.thumbprint} to the service account ${account._id}, next to ${start.retained.map((k) => k.thumbprint).join(', ')}`
  )
  return updated
}

/** Step 2; a key the tenant never accepts is removed again (the stored key stays the only one in use). */
async function proveNewKey(
  context: OperationContext,
  tenant: TenantSession,
  accounts: ServiceAccountsClient,
  withNew: ServiceAccount,
  start: RotationStart,
  key: GeneratedKey,
  inputs: RotateServiceAccountKeyInputs,
  scope: string
): Promise<number> {
  const began = Date.now()
  const proven = await proveKey({
    tenantUrl: tenant.url,
    accountId: withNew._id,
    privateJwk: key.privateJwk,
    scope,
    http: tenant.client,
    timeoutMs: inputs.proofTimeoutMs,
    intervalMs: context.inputs.waits.pollIntervalMs
  })
  if (!proven) {
    await rollBack(
      accounts,
      withNew,
      start,
      key.kid,
      `the tenant did not accept it within key-proof-timeout (${formatDuration(inputs.proofTimeoutMs)})`
    )
  }
  core.info(`The tenant accepted the new key ${key.kid}: a token signed with it was issued`)
  return Date.now() - began
}

/**
 * Step 3. A store that surely failed (a 4xx answer, a file not written) is rolled back. One whose outcome is
 * unknown (no answer, 5xx after every retry) is not: the secret may hold the new key, so both keys stay.
 */
async function storeNewKey(
  accounts: ServiceAccountsClient,
  store: KeyStore,
  withNew: ServiceAccount,
  start: RotationStart,
  key: GeneratedKey
): Promise<string> {
  try {
    return await store.store(key.privateJwkText)
  } catch (error) {
    // A refusal, or a file write that did not happen: the destination clearly holds the old key still.
    if ((error instanceof ApiError && error.status < 500) || error instanceof FileWriteError || !(error instanceof ActionError)) {
      await rollBack(accounts, withNew, start, key.kid, `storing it in ${store.description} failed: ${errorMessage(error)}`)
    }
    throw new ActionError(
      `Storing the new private key in ${store.description} got no clear answer (${errorMessage(error)}); both keys stay in the account. Run the step again: it tells from the key the secret holds then which one is stored`
    )
  }
}

/** Removes the new key again and fails with the cause; the keys the account had (the stored one among them) stay. */
async function rollBack(
  accounts: ServiceAccountsClient,
  withNew: ServiceAccount,
  start: RotationStart,
  kid: string,
  cause: string
): Promise<never> {
  const kept = start.retained.map((entry) => entry.thumbprint).join(', ')
  try {
    await accounts.setKeys(withNew, keySetText(start.retained))
  } catch (error) {
    throw new ActionError(
      `The new key ${kid} was not put in use: ${cause}. Removing it again failed too (${errorMessage(error)}); it is harmless (no one holds its private half) and the next run removes it. The account keeps ${kept}, the stored key is unchanged`
    )
  }
  throw new ActionError(
    `The new key ${kid} was not put in use: ${cause}. It was removed again; the account keeps ${kept} and the stored key is unchanged. Fix the cause and run the step again`
  )
}
