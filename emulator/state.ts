/**
 * The live state of one emulated tenant, and how it is built from a seed.
 * Records keep what the API never shows (secret values, write order) so tests
 * can assert on what a client really wrote.
 */
import { readFileSync } from 'node:fs'
import type { ExpressionType, RestartStatus, SecretEncoding, SecretVersionStatus } from '../src/tenant/types.js'
import { ESV_ID_PATTERN, EXPRESSION_TYPES, SECRET_ENCODINGS } from '../src/tenant/types.js'
import { createSettingsState, type TenantSettingsState } from './settings-state.js'

export interface VariableState {
  _id: string
  description: string
  /** `''` on a variable made before variables had types, as a recorded real list shows (evidence ESV-32). */
  expressionType: ExpressionType | ''
  valueBase64: string
  lastChangeDate: string
  lastChangedBy: string
  loaded: boolean
  /** Tenant write counter at the last change: a restart loads only what was written before it began. */
  changeSeq: number
}

export interface SecretVersionState {
  version: number
  createDate: string
  status: SecretVersionStatus
  /** Whether the running services hold this version (set when a restart completes). */
  loaded: boolean
  /** The stored value (base64); null once destroyed. Never sent in a response. */
  valueBase64: string | null
}

export interface SecretState {
  _id: string
  description: string
  encoding: SecretEncoding
  useInPlaceholders: boolean
  lastChangeDate: string
  lastChangedBy: string
  loaded: boolean
  /** The latest version number. */
  activeVersion: number
  /** The version the running services hold; null until the first restart after creation. */
  loadedVersion: number | null
  /** Ascending by version; destroyed versions stay (status DESTROYED). */
  versions: SecretVersionState[]
  changeSeq: number
}

/** What a running restart will load when it completes. */
export interface RestartSnapshot {
  writeSeq: number
  secrets: Map<string, { activeVersion: number; enabledVersions: Set<number> }>
}

export interface RestartState {
  status: RestartStatus
  startedAt: number | null
  readyAt: number | null
  /** Restarts completed since start. */
  completed: number
  snapshot: RestartSnapshot | null
}

export interface TenantState {
  variables: Map<string, VariableState>
  secrets: Map<string, SecretState>
  restart: RestartState
  /** Incremented by every write; see VariableState.changeSeq. */
  writeSeq: number
  /** Certificates, CSRs and environment settings. */
  settings: TenantSettingsState
}

// ---- Seed ------------------------------------------------------------------

export interface SeedVariable {
  _id: string
  description: string
  expressionType: ExpressionType
  valueBase64: string
  lastChangeDate: string
  lastChangedBy: string
}

export interface SeedSecretVersion {
  version: string
  createDate: string
  status: SecretVersionStatus
  /** Absent only for DESTROYED versions. */
  valueBase64?: string
}

export interface SeedSecret {
  _id: string
  description: string
  encoding: SecretEncoding
  useInPlaceholders: boolean
  lastChangeDate: string
  lastChangedBy: string
  versions: SeedSecretVersion[]
}

/** Everything in a seed starts loaded, as on a tenant that has just restarted. */
export interface SeedFile {
  serviceAccountId: string
  variables: SeedVariable[]
  secrets: SeedSecret[]
}

const DEFAULT_SEED_URL = new URL('./seed.json', import.meta.url)

export function loadDefaultSeed(): SeedFile {
  return parseSeed(JSON.parse(readFileSync(DEFAULT_SEED_URL, 'utf8')))
}

/** Fails loudly on a malformed seed: a typo there would otherwise surface as a confusing API answer. */
export function parseSeed(raw: unknown): SeedFile {
  const seed = record(raw, 'seed')
  return {
    serviceAccountId: text(seed, 'serviceAccountId', 'seed'),
    variables: list(seed, 'variables', 'seed').map(parseSeedVariable),
    secrets: list(seed, 'secrets', 'seed').map(parseSeedSecret)
  }
}

function parseSeedVariable(raw: unknown, index: number): SeedVariable {
  const where = `seed.variables[${index}]`
  const v = record(raw, where)
  return {
    _id: esvId(v, where),
    description: text(v, 'description', where),
    expressionType: oneOf(v, 'expressionType', EXPRESSION_TYPES, where),
    valueBase64: text(v, 'valueBase64', where),
    lastChangeDate: text(v, 'lastChangeDate', where),
    lastChangedBy: text(v, 'lastChangedBy', where)
  }
}

function parseSeedSecret(raw: unknown, index: number): SeedSecret {
  const where = `seed.secrets[${index}]`
  const s = record(raw, where)
  const useInPlaceholders = s['useInPlaceholders']
  if (typeof useInPlaceholders !== 'boolean') throw new Error(`${where}.useInPlaceholders must be a boolean`)
  const versions = list(s, 'versions', where).map((rawVersion, i) => parseSeedVersion(rawVersion, `${where}.versions[${i}]`))
  const last = versions[versions.length - 1]
  if (!last || last.status !== 'ENABLED') throw new Error(`${where}: the latest version must exist and be ENABLED`)
  return {
    _id: esvId(s, where),
    description: text(s, 'description', where),
    encoding: oneOf(s, 'encoding', SECRET_ENCODINGS, where),
    useInPlaceholders,
    lastChangeDate: text(s, 'lastChangeDate', where),
    lastChangedBy: text(s, 'lastChangedBy', where),
    versions
  }
}

const VERSION_STATUSES = ['ENABLED', 'DISABLED', 'DESTROYED'] as const

function parseSeedVersion(raw: unknown, where: string): SeedSecretVersion {
  const v = record(raw, where)
  const status = oneOf(v, 'status', VERSION_STATUSES, where)
  const version: SeedSecretVersion = { version: text(v, 'version', where), createDate: text(v, 'createDate', where), status }
  if (!/^[1-9][0-9]*$/.test(version.version)) throw new Error(`${where}.version must be a positive integer string`)
  if (status !== 'DESTROYED') version.valueBase64 = text(v, 'valueBase64', where)
  return version
}

function record(raw: unknown, where: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${where} must be an object`)
  return raw as Record<string, unknown>
}

function text(obj: Record<string, unknown>, key: string, where: string): string {
  const value = obj[key]
  if (typeof value !== 'string') throw new Error(`${where}.${key} must be a string`)
  return value
}

function list(obj: Record<string, unknown>, key: string, where: string): unknown[] {
  const value = obj[key]
  if (!Array.isArray(value)) throw new Error(`${where}.${key} must be an array`)
  return value
}

function oneOf<T extends string>(obj: Record<string, unknown>, key: string, allowed: readonly T[], where: string): T {
  const value = text(obj, key, where)
  const found = allowed.find((candidate) => candidate === value)
  if (found === undefined) throw new Error(`${where}.${key} must be one of ${allowed.join(', ')}`)
  return found
}

function esvId(obj: Record<string, unknown>, where: string): string {
  const id = text(obj, '_id', where)
  if (!ESV_ID_PATTERN.test(id)) throw new Error(`${where}._id must match ${String(ESV_ID_PATTERN)}`)
  return id
}

// ---- Building and changing state -------------------------------------------

/** Builds fresh records (never shares objects with the seed), all loaded. */
export function createTenantState(seed: SeedFile): TenantState {
  const variables = new Map<string, VariableState>()
  for (const v of seed.variables) variables.set(v._id, { ...v, loaded: true, changeSeq: 0 })
  const secrets = new Map<string, SecretState>()
  for (const s of seed.secrets) secrets.set(s._id, secretFromSeed(s))
  return {
    variables,
    secrets,
    restart: { status: 'ready', startedAt: null, readyAt: null, completed: 0, snapshot: null },
    writeSeq: 0,
    settings: createSettingsState()
  }
}

function secretFromSeed(seed: SeedSecret): SecretState {
  const versions = seed.versions.map((v): SecretVersionState => ({
    version: Number(v.version),
    createDate: v.createDate,
    status: v.status,
    loaded: v.status === 'ENABLED',
    valueBase64: v.valueBase64 ?? null
  }))
  const activeVersion = Math.max(...versions.map((v) => v.version))
  return {
    _id: seed._id,
    description: seed.description,
    encoding: seed.encoding,
    useInPlaceholders: seed.useInPlaceholders,
    lastChangeDate: seed.lastChangeDate,
    lastChangedBy: seed.lastChangedBy,
    versions,
    activeVersion,
    loadedVersion: activeVersion,
    loaded: true,
    changeSeq: 0
  }
}

/** Real tenants print dates to the second: "1999-12-31T23:59:59Z". */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * ESV dates as recorded real answers print them: Go's RFC 3339 with nanoseconds, trailing zeros
 * dropped ("2024-01-20T04:38:14.13632315Z", "…:59.61Z", "…:00Z"), so their length varies (evidence ESV-18).
 */
export function esvTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_match, digits: string) => (digits ? `.${digits}Z` : 'Z'))
}

/** Every write leaves the item pending until a restart that begins after it. */
export function markChanged(state: TenantState, item: VariableState | SecretState, by: string, now: number): void {
  state.writeSeq += 1
  item.changeSeq = state.writeSeq
  item.lastChangeDate = esvTimestamp(now)
  item.lastChangedBy = by
  item.loaded = false
}
