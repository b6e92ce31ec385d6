import * as core from '@actions/core'
import { DeadlineError } from '../deadline.js'
import { ActionError, errorMessage, InputError, TimeoutError } from '../errors.js'
import { markdownTable } from '../github/summary.js'
import type { CreateServiceAccountInputs } from '../inputs/types.js'
import { setOutput } from '../outputs.js'
import { poll } from '../poller.js'
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
  const lookedAt = Date.now()
  const existing = firstInSettledOrder(await accounts.findByName(inputs.name), inputs.name)
  if (existing) return keepExisting(context, accounts, inputs, existing)
  await store.check()

  const key = await generateServiceAccountKey()
  const made = await accounts.create({
    name: inputs.name,
    description: inputs.description,
    accountStatus: inputs.status,
    scopes: inputs.scopes,
    jwks: keySetText([{ thumbprint: key.kid, jwk: { ...key.publicJwk } }])
  })
  core.info(`Created the service account "${made.name}" (id ${made._id}) with the public key ${key.kid}`)
  // Another run may have looked before this one's create landed, and created one too: one of them stays.
  const settleMs = Math.max(context.inputs.waits.pollIntervalMs, 2 * (Date.now() - lookedAt))
  const account = await settleDuplicate(accounts, made, settleMs, context.inputs.waits.pollIntervalMs).catch((error: unknown) =>
    deleteAgain(accounts, made, `looking for a service account of the same name made at the same time failed (${errorMessage(error)})`)
  )
  if (account !== made) {
    core.info(
      `Another run created a service account named "${inputs.name}" at the same time (id ${account._id}); it stays, so this run deleted its own (id ${made._id}, whose key no one holds) and reuses it`
    )
    return keepExisting(context, accounts, inputs, account)
  }
  setOutput('service-account-id', account._id)
  setOutput('key-id', key.kid)

  const stored = await storeOrRollBack(accounts, store, account, key.privateJwkText)
  const file = keyFilePath(inputs.destination)
  if (file) setOutput('key-file', file)
  context.summary.add(
    `### Service account created\n\n${markdownTable(['Service account', ''], [...accountRows(account), ['Key id', `\`${key.kid}\``], ['Private key', stored]])}`
  )
}

/**
 * The order in which service accounts of one name stand: no service account records when it was made
 * (the tenant answers `_id`, `_rev` and the fields sent, SVC-01), so "the older one" cannot be read; the
 * order is the `_id`s', which every run computes alike from the same answer, so every run picks the same one.
 */
function bySettledOrder(a: ServiceAccount, b: ServiceAccount): number {
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0
}

/** The account of this name every run picks; more than one (made by hand, or before this rule) is said. */
function firstInSettledOrder(found: ServiceAccount[], name: string): ServiceAccount | undefined {
  const [first, ...others] = [...found].sort(bySettledOrder)
  if (first && others.length > 0)
    core.warning(
      `${found.length} service accounts are named "${name}" (ids ${[first, ...others].map((a) => a._id).join(', ')}): using ${first._id}, the one every run picks; ` +
        'the others were not made by this run and are left alone: delete them in the admin console'
    )
  return first
}

/**
 * After the create, the account's name is looked up again over `settleMs` (twice the time from this run's
 * look to its create's answer: a run that looked before this create landed has created by then). When an
 * account of the name comes before this run's own in the settled order, this run deletes its own (no key
 * of it was stored yet) and that one is reused; else its own stays, and every later one deletes itself.
 */
async function settleDuplicate(
  accounts: ServiceAccountsClient,
  made: ServiceAccount,
  settleMs: number,
  intervalMs: number
): Promise<ServiceAccount> {
  let first: ServiceAccount = made
  try {
    await poll({
      what: `other service accounts named "${made.name}"`,
      intervalMs,
      timeoutMs: settleMs,
      timeoutInput: 'poll-interval',
      check: async () => {
        const found = await accounts.findByName(made.name)
        first = [made, ...found.filter((account) => account._id !== made._id)].sort(bySettledOrder)[0]!
        return first
      },
      describe: (account) => (account._id === made._id ? "this run's comes first" : `${account._id} comes first`),
      done: (account) => account._id !== made._id
    })
  } catch (error) {
    // The window passed with this run's account first: it stays.
    if (error instanceof TimeoutError && !(error instanceof DeadlineError)) return made
    throw error
  }
  await accounts.remove(made._id)
  return first
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
    return deleteAgain(accounts, account, `storing the private key in ${store.description} failed (${errorMessage(error)})`)
  }
}

/** The new account is of no use (its key is not stored): it is deleted again, so nothing is left half made. */
async function deleteAgain(accounts: ServiceAccountsClient, account: ServiceAccount, cause: string): Promise<never> {
  const what = cause.charAt(0).toUpperCase() + cause.slice(1)
  try {
    await accounts.remove(account._id)
  } catch (removeError) {
    throw new ActionError(
      `${what}, and deleting the new account ${account._id} failed too (${errorMessage(removeError)}): delete it in the admin console, fix the cause and run the step again`
    )
  }
  throw new ActionError(`${what}; the new account was deleted again, so nothing is left half made. Fix the cause and run the step again`)
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
