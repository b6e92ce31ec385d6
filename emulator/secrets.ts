/**
 * ESV secrets and their versions: `/environment/secrets[/{secretId}[/versions[/{versionId}]]]`.
 * Values are stored in state for tests but never leave the emulator.
 */
import type { EsvSecret, EsvSecretVersion } from '../src/tenant/types.js'
import { SECRET_ENCODINGS } from '../src/tenant/types.js'
import { esvBehaviour } from './esv-behaviour.js'
import { esvList, esvVersioned } from './esv-protocol.js'
import {
  base64Value,
  esvId,
  jsonObject,
  optionalDescription,
  requiredAction,
  requiredBoolean,
  requiredDescription,
  requiredEnum,
  secretVersionId
} from './esv-validate.js'
import { ApiError, json } from './respond.js'
import type { ApiResponse } from './respond.js'
import { actorOf } from './router.js'
import type { RequestContext, Route } from './router.js'
import { ESV_READ, ESV_UPDATE } from './scopes.js'
import { esvTimestamp, markChanged } from './state.js'
import type { SecretState, SecretVersionState, TenantState } from './state.js'

const ONE = '/environment/secrets/{secretId}'
const VERSIONS = `${ONE}/versions`
const VERSION = `${VERSIONS}/{versionId}`

const VERSION_STATUSES = ['ENABLED', 'DISABLED'] as const

export function secretRoutes(state: TenantState): Route[] {
  const secret = (handle: (ctx: RequestContext) => SecretState): Route['handle'] =>
    esvVersioned(state, (ctx) => json(200, toSecret(handle(ctx))))
  const version = (handle: (ctx: RequestContext) => SecretVersionState): Route['handle'] =>
    esvVersioned(state, (ctx) => json(200, toVersion(handle(ctx))))
  return [
    {
      method: 'GET',
      path: '/environment/secrets',
      scopes: ESV_READ,
      handle: esvVersioned(state, ({ query }, v) =>
        esvList(
          state.secrets.values(),
          v,
          query,
          { isPending: (s) => !s.loaded, v1: toSecret, v2: toSecret },
          esvBehaviour(state).strictParameters,
          esvBehaviour(state).v1PageSize
        )
      )
    },
    { method: 'GET', path: ONE, scopes: ESV_READ, handle: secret((ctx) => existingSecret(state, ctx)) },
    { method: 'PUT', path: ONE, scopes: ESV_UPDATE, handle: secret((ctx) => createSecret(state, ctx)) },
    // A real tenant answers 200 with no body and no content type (recording SecretsApi setSecretDescription).
    { method: 'POST', path: ONE, scopes: ESV_UPDATE, handle: esvVersioned(state, (ctx) => setDescription(state, ctx)) },
    { method: 'DELETE', path: ONE, scopes: ESV_UPDATE, handle: secret((ctx) => deleteSecret(state, ctx)) },
    {
      method: 'GET',
      path: VERSIONS,
      scopes: ESV_READ,
      // Newest first, as recorded (SecretsApi getSecretVersions).
      handle: esvVersioned(state, (ctx) => json(200, [...existingSecret(state, ctx).versions].reverse().map(toVersion)))
    },
    { method: 'POST', path: VERSIONS, scopes: ESV_UPDATE, handle: version((ctx) => createVersion(state, ctx)) },
    {
      method: 'GET',
      path: VERSION,
      scopes: ESV_READ,
      handle: version((ctx) => existingVersion(state, ctx, 'Failed to get secret version').found)
    },
    { method: 'DELETE', path: VERSION, scopes: ESV_UPDATE, handle: version((ctx) => destroyVersion(state, ctx)) },
    { method: 'POST', path: VERSION, scopes: ESV_UPDATE, handle: version((ctx) => changeStatus(state, ctx)) }
  ]
}

export function toSecret(s: SecretState): EsvSecret {
  return {
    _id: s._id,
    activeVersion: String(s.activeVersion),
    description: s.description,
    encoding: s.encoding,
    lastChangeDate: s.lastChangeDate,
    lastChangedBy: s.lastChangedBy,
    loaded: s.loaded,
    // Nothing loaded yet (created since the last restart): no recorded real value, "" is our choice.
    loadedVersion: s.loadedVersion === null ? '' : String(s.loadedVersion),
    useInPlaceholders: s.useInPlaceholders
  }
}

export function toVersion(v: SecretVersionState): EsvSecretVersion {
  return { version: String(v.version), createDate: v.createDate, loaded: v.loaded, status: v.status }
}

/** The recorded 404 of reading a secret, its versions or changing a version's status. */
const NO_SECRET = 'The secret does not exist or does not have a version'

function existingSecret(state: TenantState, ctx: RequestContext, missing = NO_SECRET): SecretState {
  const secret = state.secrets.get(esvId(ctx.params['secretId'], 'secret'))
  if (!secret) throw new ApiError(404, missing)
  return secret
}

/** `missing` is the message when the secret or the version is not there; real tenants word it per operation. */
function existingVersion(state: TenantState, ctx: RequestContext, missing = NO_SECRET): { secret: SecretState; found: SecretVersionState } {
  const secret = existingSecret(state, ctx, missing)
  const id = secretVersionId(ctx.params['versionId'])
  const number = id === 'latest' ? secret.activeVersion : Number(id)
  const found = secret.versions.find((v) => v.version === number)
  if (!found) throw new ApiError(404, missing)
  return { secret, found }
}

function createSecret(state: TenantState, ctx: RequestContext): SecretState {
  const id = esvId(ctx.params['secretId'], 'secret')
  const body = jsonObject(ctx.body)
  const encoding = requiredEnum(body, 'encoding', SECRET_ENCODINGS)
  const useInPlaceholders = requiredBoolean(body, 'useInPlaceholders')
  const valueBase64 = base64Value(body)
  const description = optionalDescription(body) ?? ''
  if (state.secrets.has(id)) throw new ApiError(400, 'Failed to create secret, the secret already exists')
  const secret: SecretState = {
    _id: id,
    description,
    encoding,
    useInPlaceholders,
    lastChangeDate: '',
    lastChangedBy: '',
    loaded: false,
    activeVersion: 1,
    loadedVersion: null,
    versions: [newVersion(1, valueBase64, ctx.now)],
    changeSeq: 0
  }
  state.secrets.set(id, secret)
  markChanged(state, secret, actorOf(ctx), ctx.now)
  return secret
}

function newVersion(version: number, valueBase64: string, now: number): SecretVersionState {
  return { version, createDate: esvTimestamp(now), status: 'ENABLED', loaded: false, valueBase64 }
}

/** Answers 200 with no body, as a real tenant does. */
function setDescription(state: TenantState, ctx: RequestContext): ApiResponse {
  requiredAction(ctx.query, 'setDescription')
  const secret = existingSecret(state, ctx)
  secret.description = requiredDescription(jsonObject(ctx.body))
  markChanged(state, secret, actorOf(ctx), ctx.now)
  return { status: 200 }
}

function deleteSecret(state: TenantState, ctx: RequestContext): SecretState {
  const secret = existingSecret(state, ctx)
  state.secrets.delete(secret._id)
  return secret
}

/** Sending the latest value again returns the latest version instead of adding one. */
function createVersion(state: TenantState, ctx: RequestContext): SecretVersionState {
  requiredAction(ctx.query, 'create')
  const secret = existingSecret(state, ctx, 'Failed to create secret version')
  const valueBase64 = base64Value(jsonObject(ctx.body))
  const latest = secret.versions.find((v) => v.version === secret.activeVersion)
  if (latest && latest.valueBase64 !== null && sameBytes(latest.valueBase64, valueBase64)) return latest
  const created = newVersion(Math.max(0, ...secret.versions.map((v) => v.version)) + 1, valueBase64, ctx.now)
  secret.versions.push(created)
  secret.activeVersion = created.version
  markChanged(state, secret, actorOf(ctx), ctx.now)
  return created
}

/** Compares decoded bytes: two spellings of one value are the same value. */
function sameBytes(a: string, b: string): boolean {
  return Buffer.from(a, 'base64').equals(Buffer.from(b, 'base64'))
}

/** The version stays listed as DESTROYED and its value is gone. */
function destroyVersion(state: TenantState, ctx: RequestContext): SecretVersionState {
  const { secret, found } = existingVersion(state, ctx)
  if (found.version === secret.activeVersion) {
    throw new ApiError(403, 'The latest version of a secret cannot be deleted')
  }
  if (found.status === 'DESTROYED') return destroyedAgain(state, found)
  found.status = 'DESTROYED'
  found.valueBase64 = null
  markChanged(state, secret, actorOf(ctx), ctx.now)
  return found
}

/** Not recorded: by default refused, which a client retrying a lost DELETE must survive. */
function destroyedAgain(state: TenantState, found: SecretVersionState): SecretVersionState {
  if (esvBehaviour(state).destroyedVersion === 'answers') return found
  throw new ApiError(400, `Version ${found.version} is destroyed and cannot be changed`)
}

function changeStatus(state: TenantState, ctx: RequestContext): SecretVersionState {
  requiredAction(ctx.query, 'changestatus')
  const { secret, found } = existingVersion(state, ctx)
  const status = requiredEnum(jsonObject(ctx.body), 'status', VERSION_STATUSES)
  if (found.status === 'DESTROYED') return destroyedAgain(state, found)
  if (status === 'DISABLED' && found.version === secret.activeVersion) {
    throw new ApiError(400, 'The latest version of a secret cannot be disabled')
  }
  if (found.status === status) return found
  found.status = status
  markChanged(state, secret, actorOf(ctx), ctx.now)
  return found
}
