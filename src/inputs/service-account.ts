import type { OperationName } from '../operations/names.js'
import { ESV_STORE_SCOPES } from '../tenant/scopes.js'
import { ESV_ID_PATTERN } from '../tenant/types.js'
import { INPUT_WAITS } from '../waits.js'
import { parseAuth, parsePrivateJwk } from './connection.js'
import { clip, type Parser } from './parser.js'
import type {
  CreateServiceAccountInputs,
  KeyDestination,
  RotateServiceAccountKeyInputs,
  ServiceAccountInputs,
  InputReader,
  ServiceAccountStatus,
  TenantAuth,
  TenantConnection
} from './types.js'

/** What parsing another tenant's credentials needs beyond the Parser (parseAuth reads and reports by itself). */
export interface RawInputs {
  read: InputReader
  problems: string[]
}

const MAX_NAME_LENGTH = 255
const MAX_DESCRIPTION_LENGTH = 1000
const MAX_KEEP_KEYS = 10
/** GitHub's rule for a secret name: letters, digits and underscores, not starting with a digit or GITHUB_. */
const GITHUB_SECRET_NAME = /^(?!GITHUB_)[A-Za-z_][A-Za-z0-9_]{0,199}$/i
/** A file name inside RUNNER_TEMP: no folders, nothing hidden. */
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/
const ACCOUNT_ID = /^[A-Za-z0-9._-]{1,128}$/

/** The inputs of create-service-account and rotate-service-account-key; `tenant` is tenant-url's connection. */
export function parseServiceAccountInputs(
  p: Parser,
  raw: RawInputs,
  operation: OperationName | undefined,
  tenant: Omit<TenantConnection, 'scopes'> | undefined
): ServiceAccountInputs {
  return {
    create: operation === 'create-service-account' ? parseCreate(p, raw, tenant?.url) : undefined,
    rotate: operation === 'rotate-service-account-key' ? parseRotate(p, raw, tenant?.auth) : undefined
  }
}

function parseCreate(p: Parser, raw: RawInputs, tenantUrl: string | undefined): CreateServiceAccountInputs | undefined {
  const name = p.required('service-account-name', 'the name of the service account to create')
  if (name && (name.length > MAX_NAME_LENGTH || /\p{Cc}/u.test(name)))
    p.problem('service-account-name', `one line of at most ${MAX_NAME_LENGTH} characters without control characters`)
  const description = p.raw('service-account-description')
  if (description.length > MAX_DESCRIPTION_LENGTH)
    p.problem('service-account-description', `at most ${MAX_DESCRIPTION_LENGTH} characters, got ${description.length}`)
  const scopes = p.scopes('service-account-scopes')
  if (!scopes || scopes.length === 0)
    p.problem('service-account-scopes', 'required: the scopes the account may hold, comma- or space-separated, e.g. fr:idc:esv:read')
  const status = p.oneOf<ServiceAccountStatus>('service-account-status', ['Active', 'Inactive']) ?? 'Active'
  const updateExisting = p.boolean('update-existing', false)
  const destination = parseDestination(p, raw, 'create-service-account', tenantUrl)
  if (!name || !scopes || scopes.length === 0 || !destination) return undefined
  return { name, description, scopes, status, updateExisting, destination }
}

function parseRotate(p: Parser, raw: RawInputs, auth: TenantAuth | undefined): RotateServiceAccountKeyInputs | undefined {
  const target = p.raw('target-service-account-id')
  if (target && !ACCOUNT_ID.test(target)) p.problem('target-service-account-id', `"${clip(target)}" is not a service account id (a UUID)`)
  const own = auth?.kind === 'service-account' ? auth : undefined
  const ownAccount = own !== undefined && (target === '' || target === own.serviceAccountId)
  const accountId = target || own?.serviceAccountId
  if (!accountId && auth?.kind === 'access-token')
    p.problem(
      'target-service-account-id',
      'required with access-token: the action authenticates as no service account whose key it could rotate'
    )
  const keyText = p.raw('target-service-account-key')
  const problems: string[] = []
  const targetKey = keyText ? parsePrivateJwk(keyText, problems, 'target-service-account-key') : undefined
  for (const problem of problems) p.problem('target-service-account-key', problem.replace(/^target-service-account-key: /, ''))
  if (ownAccount && keyText)
    p.problem(
      'target-service-account-key',
      'the account is the one the action authenticates as: its current key is service-account-key; drop this input'
    )
  if (!ownAccount && accountId && !keyText && auth !== undefined)
    p.problem(
      'target-service-account-key',
      `required to rotate another account (${clip(accountId)}): the private JWK its secret holds now (\${{ secrets.NAME }}), which is how a rerun tells what is stored`
    )
  const keepKeys = p.positiveInteger('keep-keys', { min: 0, max: MAX_KEEP_KEYS }) ?? 1
  const proofTimeoutMs = p.wait(INPUT_WAITS.keyProofTimeout)
  if (p.raw('store-in-esv'))
    p.problem(
      'store-in-esv',
      'applies to create-service-account only: a rotation must be given the key its destination holds (how a rerun knows what is stored), and no workflow can read an ESV; store the key in a GitHub secret'
    )
  const destination = parseDestination(p, raw, 'rotate-service-account-key', undefined)
  const currentKey = ownAccount ? own.privateJwk : targetKey
  if (!accountId || !currentKey || !destination) return undefined
  return { accountId, currentKey, ownAccount, keepKeys, proofTimeoutMs, destination }
}

/** Exactly one of store-in-github-secret (with github-environment for an environment secret), store-in-file and store-in-esv. */
function parseDestination(p: Parser, raw: RawInputs, operation: string, tenantUrl: string | undefined): KeyDestination | undefined {
  const secret = p.raw('store-in-github-secret')
  const environment = p.raw('github-environment')
  const file = p.raw('store-in-file')
  const esv = operation === 'create-service-account' ? p.raw('store-in-esv') : ''
  const given = [secret && 'store-in-github-secret', file && 'store-in-file', esv && 'store-in-esv'].filter((name): name is string =>
    Boolean(name)
  )
  if (given.length > 1) {
    p.problem(
      given[1] ?? 'store-in-file',
      `give one of ${given.join(', ')}, not ${given.length}: the private key goes to exactly one place`
    )
    return undefined
  }
  if (environment && !secret) p.problem('github-environment', 'applies only with store-in-github-secret (an environment secret)')
  if (p.raw('github-secret-scope') === 'repository' && !secret)
    p.problem('github-secret-scope', 'applies only with store-in-github-secret (a repository secret)')
  if (environment && (environment.length > 255 || /[\p{Cc}/]/u.test(environment)))
    p.problem('github-environment', `"${clip(environment)}" is not an environment name (one line, no slash, at most 255 characters)`)
  if (esv) return parseEsvDestination(p, raw, esv, tenantUrl)
  if (secret) {
    if (!GITHUB_SECRET_NAME.test(secret)) {
      p.problem(
        'store-in-github-secret',
        `"${clip(secret)}" is not a GitHub secret name (letters, digits and underscores, not starting with a digit or GITHUB_)`
      )
      return undefined
    }
    if (!p.raw('github-token')) p.problem('github-token', 'required with store-in-github-secret: a token that may write Actions secrets')
    const scope = parseSecretScope(p, environment)
    return scope && { kind: 'github-secret', name: secret.toUpperCase(), environment: scope === 'environment' ? environment : undefined }
  }
  if (file) {
    if (!FILE_NAME.test(file) || file.includes('..')) {
      p.problem(
        'store-in-file',
        `"${clip(file)}" is not a file name (letters, digits, ., _ and -; no folders); the file is written in RUNNER_TEMP`
      )
      return undefined
    }
    return { kind: 'file', fileName: file }
  }
  p.problem(
    'store-in-github-secret',
    `required for ${operation} (or store-in-file${operation === 'create-service-account' ? ', or store-in-esv' : ''}): where the new private key goes, the only place it ever goes`
  )
  return undefined
}

/**
 * Which secret the key goes to: an environment secret by default, the safest that works (its environment's
 * rules decide which jobs read it). A repository secret, which every workflow on every branch can read, only
 * when chosen by name (github-secret-scope: repository), and the store warns of it.
 */
function parseSecretScope(p: Parser, environment: string): 'environment' | 'repository' | undefined {
  const scope = p.oneOf('github-secret-scope', ['environment', 'repository'] as const) ?? 'environment'
  if (scope === 'repository' && environment) {
    p.problem('github-environment', 'applies with github-secret-scope environment; a repository secret belongs to no environment')
    return undefined
  }
  if (scope === 'environment' && !environment) {
    p.problem(
      'github-environment',
      'required with store-in-github-secret: the environment whose secret holds the key (its rules decide which jobs can read it). A repository secret can be read by every workflow on every branch; to choose one anyway, set github-secret-scope: repository'
    )
    return undefined
  }
  return scope
}

/** An ESV secret of another tenant: key-tenant-url with its own credentials, asked only for the ESV scopes. */
function parseEsvDestination(p: Parser, raw: RawInputs, secretId: string, tenantUrl: string | undefined): KeyDestination | undefined {
  if (!ESV_ID_PATTERN.test(secretId))
    p.problem('store-in-esv', `"${clip(secretId)}" is not an ESV secret id; expected esv- then lower-case letters, digits, _ or -`)
  const url = p.tenantUrl('key-tenant-url')
  if (url && url === tenantUrl)
    p.problem(
      'key-tenant-url',
      'is tenant-url itself; the key goes to an ESV of another tenant (a tenant holding its own key protects nothing)'
    )
  const auth = parseAuth(raw.read, raw.problems, 'key-tenant-')
  if (!url || !auth || !ESV_ID_PATTERN.test(secretId)) return undefined
  return { kind: 'esv', secretId, tenant: { url, auth, scopes: [...ESV_STORE_SCOPES] } }
}
