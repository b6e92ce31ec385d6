import type { JWK } from 'jose'
import { ActionError, ApiError } from '../errors.js'
import type { JsonHttpClient } from '../http/client.js'
import type { ServiceAccountStatus } from '../inputs/types.js'
import { thumbprintOf } from '../service-accounts/keys.js'
import type { KeySetEntry } from '../service-accounts/key-set.js'

const SVCACCT = '/openidm/managed/svcacct'
const SCOPES = '/environment/scopes/service-accounts'
/** The environment API's version header (frodo-lib `EnvServiceAccountScopesApi.ts`). */
const ENV_HEADERS = { 'accept-api-version': 'protocol=1.0,resource=1.0' }
const FIELDS = '_id,_rev,name,description,accountStatus,scopes,jwks'

/** An Identity Cloud service account, the IDM managed object `svcacct`. */
export interface ServiceAccount {
  _id: string
  _rev: string
  name: string
  description?: string
  accountStatus: ServiceAccountStatus
  scopes: string[]
  /** A JSON key set, as a string (public keys only). */
  jwks: string
}

export interface ScopeEntry {
  scope: string
  description?: string
  childScopes?: ScopeEntry[]
}

export interface NewServiceAccount {
  name: string
  description: string
  accountStatus: ServiceAccountStatus
  scopes: string[]
  jwks: string
}

interface QueryResult<T> {
  result?: T[]
}

/** A JSON Patch operation as IDM takes it. */
interface PatchOperation {
  operation: 'replace'
  field: string
  value: unknown
}

/** Another writer changed the account since it was read: IDM refused the If-Match. */
export class RevisionConflictError extends ActionError {
  override readonly name = 'RevisionConflictError'
}

/** The IDM managed object `svcacct` and the scopes a service account may hold, through the one HTTP layer. */
export class ServiceAccountsClient {
  constructor(private readonly http: JsonHttpClient) {}

  /** Every scope an account may hold, full scopes and their children, flattened. */
  async allowedScopes(): Promise<string[]> {
    const { body } = await this.http.request<ScopeEntry[]>({ method: 'GET', path: SCOPES, headers: ENV_HEADERS })
    if (!Array.isArray(body))
      throw new ActionError(`GET ${SCOPES} did not answer a list of scopes; check the tenant supports service accounts`)
    const flatten = (entries: readonly ScopeEntry[]): string[] =>
      entries.flatMap((entry) => [entry.scope, ...flatten(entry.childScopes ?? [])]).filter((scope) => typeof scope === 'string')
    return [...new Set(flatten(body))]
  }

  async get(id: string): Promise<ServiceAccount | undefined> {
    try {
      return (
        await this.http.request<ServiceAccount>({ method: 'GET', path: `${SVCACCT}/${encodeURIComponent(id)}`, query: { _fields: FIELDS } })
      ).body
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined
      throw error
    }
  }

  async findByName(name: string): Promise<ServiceAccount[]> {
    const { body } = await this.http.request<QueryResult<ServiceAccount>>({
      method: 'GET',
      path: SVCACCT,
      query: { _queryFilter: `name eq ${JSON.stringify(name)}`, _fields: FIELDS }
    })
    return (body.result ?? []).filter((account) => account.name === name)
  }

  /**
   * Creates at most once: an answer lost on the way is looked for by name over the settle window,
   * never sent twice (a second account with the same key would be a duplicate no one asked for).
   */
  async create(account: NewServiceAccount): Promise<ServiceAccount> {
    return this.http.sendOnce(
      `Creating the service account "${account.name}"`,
      async () =>
        (
          await this.http.request<ServiceAccount>({
            method: 'POST',
            path: SVCACCT,
            query: { _action: 'create' },
            json: account,
            idempotent: false
          })
        ).body,
      async () => (await this.findByName(account.name)).find((found) => found.jwks === account.jwks),
      { duplicateHarmless: false }
    )
  }

  /**
   * One PATCH with `If-Match` on the `_rev` read: a concurrent change is refused (412), never overwritten.
   * A lost answer is looked for (the account now shows `expect`); sending it again is harmless, as the
   * If-Match refuses it once the first one took effect.
   */
  async patch(account: ServiceAccount, operations: PatchOperation[], expect: (found: ServiceAccount) => boolean): Promise<ServiceAccount> {
    const path = `${SVCACCT}/${encodeURIComponent(account._id)}`
    try {
      return await this.http.sendOnce(
        `Changing the service account ${account._id}`,
        async () =>
          (
            await this.http.request<ServiceAccount>({
              method: 'PATCH',
              path,
              headers: { 'if-match': account._rev },
              json: operations,
              idempotent: false,
              hint: (status) => (status === 412 ? 'Someone else changed the account since it was read.' : undefined)
            })
          ).body,
        async () => {
          const found = await this.get(account._id)
          return found && expect(found) ? found : undefined
        }
      )
    } catch (error) {
      if (error instanceof ApiError && error.status === 412)
        throw new RevisionConflictError(
          `The service account ${account._id} was changed by someone else while the action worked on it (HTTP 412 on If-Match); nothing of that change was overwritten. Run the step again`
        )
      throw error
    }
  }

  async setKeys(account: ServiceAccount, jwks: string): Promise<ServiceAccount> {
    return this.patch(account, [{ operation: 'replace', field: '/jwks', value: jwks }], (found) => found.jwks === jwks)
  }

  async remove(id: string): Promise<void> {
    await this.http.request<unknown>({ method: 'DELETE', path: `${SVCACCT}/${encodeURIComponent(id)}` })
  }
}

/** The account's keys in order, each with the thumbprint of its public members. */
export async function keySetOf(account: ServiceAccount): Promise<KeySetEntry[]> {
  let parsed: unknown
  try {
    parsed = JSON.parse(account.jwks)
  } catch {
    throw new ActionError(`The jwks of the service account ${account._id} is not JSON; fix it in the admin console`)
  }
  const keys = (parsed as { keys?: unknown }).keys
  if (!Array.isArray(keys))
    throw new ActionError(`The jwks of the service account ${account._id} holds no key list; fix it in the admin console`)
  return Promise.all(keys.map(async (jwk: Record<string, unknown>) => ({ thumbprint: await thumbprintOf(jwk as JWK), jwk })))
}
