import * as core from '@actions/core'
import { ActionError, errorMessage, InputError } from '../errors.js'
import { markdownTable } from '../github/summary.js'
import type { CreateServiceAccountInputs } from '../inputs/types.js'
import { setOutput } from '../outputs.js'
import { keyFilePath, openKeyStore, type KeyStore } from '../service-accounts/destination.js'
import { generateServiceAccountKey } from '../service-accounts/keys.js'
import { keySetText } from '../service-accounts/key-set.js'
import { ServiceAccountsClient, type ServiceAccount } from '../tenant/service-accounts.js'
import { closestName } from '../verify/suggest.js'
import { requireTenant, type OperationContext } from './context.js'

/**
 * `create-service-account`: an Identity Cloud service account whose key pair is made here. Only the public
 * JWK goes to the tenant; the private one goes to the one place the inputs name, and nowhere else.
 * Idempotent by name: an account that exists is left alone (or, with update-existing, brought to the
 * scopes and description asked for), and no key is made for it.
 */
export async function createServiceAccount(context: OperationContext): Promise<void> {
  const inputs = context.inputs.serviceAccounts.create
  if (!inputs) throw new ActionError('create-service-account: the service account inputs were not parsed')
  const tenant = requireTenant(context)
  const accounts = new ServiceAccountsClient(tenant.client)
  const store = openKeyStore(inputs.destination, context.inputs.github, context.inputs.http)

  // Reads only, before any write: the scopes are ones the tenant offers, the destination can be written.
  checkScopes(inputs.scopes, await accounts.allowedScopes())
  const [existing] = await accounts.findByName(inputs.name)
  if (existing) return keepExisting(context, accounts, inputs, existing)
  await store.check()

  const key = await generateServiceAccountKey()
  const account = await accounts.create({
    name: inputs.name,
    description: inputs.description,
    accountStatus: inputs.status,
    scopes: inputs.scopes,
    jwks: keySetText([{ thumbprint: key.kid, jwk: { ...key.publicJwk } }])
  })
  core.info(`Created the service account "${account.name}" (id ${account._id}) with the public key ${key.kid}`)
  setOutput('service-account-id', account._id)
  setOutput('key-id', key.kid)

  const stored = await storeOrRollBack(accounts, store, account, key.privateJwkText)
  const file = keyFilePath(inputs.destination)
  if (file) setOutput('key-file', file)
  context.summary.add(
    `### Service account created\n\n${markdownTable(['Service account', ''], [...accountRows(account), ['Key id', `\`${key.kid}\``], ['Private key', stored]])}`
  )
}

/** The key goes to its destination; if that fails for sure, the account (whose key no one holds) is deleted again. */
async function storeOrRollBack(
  accounts: ServiceAccountsClient,
  store: KeyStore,
  account: ServiceAccount,
  privateJwkText: string
): Promise<string> {
  try {
    const stored = await store.store(privateJwkText)
    core.info(`Stored the private key: ${stored}`)
    return stored
  } catch (error) {
    const cause = errorMessage(error)
    try {
      await accounts.remove(account._id)
    } catch (removeError) {
      throw new ActionError(
        `Storing the private key in ${store.description} failed (${cause}), and deleting the new account ${account._id} failed too (${errorMessage(removeError)}): delete it in the admin console, fix the cause and run the step again`
      )
    }
    throw new ActionError(
      `Storing the private key in ${store.description} failed (${cause}); the new account was deleted again, so nothing is left half made. Fix the cause and run the step again`
    )
  }
}

async function keepExisting(
  context: OperationContext,
  accounts: ServiceAccountsClient,
  inputs: CreateServiceAccountInputs,
  existing: ServiceAccount
): Promise<void> {
  setOutput('service-account-id', existing._id)
  const differs = !sameScopes(existing.scopes, inputs.scopes) || (existing.description ?? '') !== inputs.description
  let account = existing
  let what: string
  if (!inputs.updateExisting) {
    what = differs
      ? 'left unchanged (its scopes or description differ from the inputs: set update-existing: true to bring them to the inputs)'
      : 'left unchanged (it already has the scopes and description asked for)'
  } else if (!differs) {
    what = 'already has the scopes and description asked for; nothing changed'
  } else {
    account = await accounts.patch(
      existing,
      [
        { operation: 'replace', field: '/scopes', value: inputs.scopes },
        { operation: 'replace', field: '/description', value: inputs.description }
      ],
      (found) => sameScopes(found.scopes, inputs.scopes) && (found.description ?? '') === inputs.description
    )
    what = 'updated: scopes and description brought to the inputs (one PATCH with If-Match)'
  }
  core.info(
    `A service account named "${inputs.name}" exists (id ${existing._id}); ${what}. No key was made: its keys are rotated with rotate-service-account-key`
  )
  context.summary.add(
    `### Service account already exists\n\n${markdownTable(['Service account', ''], [...accountRows(account), ['Result', what], ['Private key', 'none made (the account existed)']])}`
  )
}

/** The scopes asked for, against the tenant's catalogue: a typo names the nearest, a wildcard the tenant lacks is said plainly. */
export function checkScopes(asked: readonly string[], allowed: readonly string[]): void {
  const problems = asked
    .filter((scope) => !allowed.includes(scope))
    .map((scope) => {
      const near = closestName(scope, allowed)
      const wildcard = scope.endsWith(':*') ? ` (the tenant offers no wildcard ${scope}; name the narrower scopes)` : ''
      return `service-account-scopes: the tenant does not offer ${scope}${wildcard}${near ? `; did you mean ${near}?` : ''}`
    })
  if (problems.length > 0) throw new InputError(problems)
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((scope, i) => scope === [...b].sort()[i])
}

function accountRows(account: ServiceAccount): string[][] {
  return [
    ['Name', account.name],
    ['Id', `\`${account._id}\``],
    ['Status', account.accountStatus],
    ['Scopes', account.scopes.map((scope) => `\`${scope}\``).join(', ')]
  ]
}
