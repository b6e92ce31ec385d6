import { GRANTING_ROLES } from '../approval/types.js'
import { InputError } from '../errors.js'
import type { HttpSettings } from '../http/settings.js'
import { OPERATIONS, type OperationName } from '../operations/names.js'
import { maskSecret } from '../secrets.js'
import { scopesFor } from '../tenant/scopes.js'
import { INPUT_WAITS } from '../waits.js'
import { parseApiClientInputs } from './api-client.js'
import { credentialInputs, parseAuth } from './connection.js'
import { parseDriftInputs } from './drift.js'
import { parseEsvSyncInputs } from './esv-sync.js'
import { parseExportInputs } from './export.js'
import { githubApiUrlProblem } from '../github/api-url.js'
import { Parser } from './parser.js'
import {
  AUTHOR_ASSOCIATIONS,
  DEFAULT_ALLOWED_ASSOCIATIONS,
  type ActionInputs,
  type GitHubSettings,
  type InputReader,
  type RestartMode,
  type TenantConnection,
  type Waits
} from './types.js'
import { parsePlanInputs } from './plans.js'
import { parsePromotionInputs } from './promotion.js'
import { parseRotationInputs } from './rotation.js'
import { parseServiceAccountInputs } from './service-account.js'
import { parseTenantSettingsInputs } from './tenant-settings.js'

/** More required approvals than any team gives is a typo. */
const MAX_REQUIRED_APPROVALS = 10

/** Inputs that hold secrets: masked before anything else reads them. */
export const SECRET_INPUTS = [
  'service-account-key',
  'access-token',
  'lower-service-account-key',
  'lower-access-token',
  'github-token',
  'secret-value',
  'verify-client-secret',
  'target-service-account-key',
  'key-tenant-service-account-key',
  'key-tenant-access-token'
]

/**
 * Parses and validates every input at once. All problems are collected and
 * reported together, one line each naming its input; nothing is sent before
 * this succeeds. Secret inputs are masked before anything else reads them.
 */
export function parseInputs(read: InputReader): ActionInputs {
  for (const name of SECRET_INPUTS) maskSecret(read(name))

  const problems: string[] = []
  const p = new Parser(read, problems)

  const operation = p.oneOf('operation', OPERATIONS, { required: true })
  const tenant = parseTenant(p, read, problems, operation)
  const restart = parseRestartMode(p)
  const waits: Waits = {
    restartTimeoutMs: p.wait(INPUT_WAITS.restartTimeout),
    promotionTimeoutMs: p.wait(INPUT_WAITS.promotionTimeout),
    pollIntervalMs: p.wait(INPUT_WAITS.pollInterval),
    lockTimeoutMs: p.wait(INPUT_WAITS.lockTimeout)
  }
  const http: HttpSettings = {
    requestTimeoutMs: p.wait(INPUT_WAITS.requestTimeout),
    retryBaseDelayMs: p.wait(INPUT_WAITS.retryDelay),
    settleWindowMs: p.optionalWait(INPUT_WAITS.settleWindow)
  }
  const github: GitHubSettings = {
    token: read('github-token').trim() || undefined,
    apiUrl: parseGitHubApiUrl(p),
    comment: p.boolean('comment', true),
    prNumber: p.positiveInteger('pr-number'),
    commentAuthor: parseCommentAuthor(p),
    allowedAssociations: p.someOf('allowed-associations', AUTHOR_ASSOCIATIONS, DEFAULT_ALLOWED_ASSOCIATIONS),
    commandPermission: p.oneOf('command-permission', GRANTING_ROLES) ?? 'write',
    requiredApprovals: p.positiveInteger('required-approvals', { min: 1, max: MAX_REQUIRED_APPROVALS }) ?? 1,
    rateLimitTimeoutMs: p.wait(INPUT_WAITS.githubRateLimitTimeout)
  }

  // Each area validates its inputs only when the operation uses them.
  const drift = parseDriftInputs(p, operation, github.token)
  // detect-drift plans without writing: a dry run, whatever dry-run says, so the token asks only for read scopes.
  const esvSync = parseEsvSyncInputs(p, operation, { forceDryRun: drift.detect })
  const rotation = parseRotationInputs(p, operation)
  const promotion = parsePromotionInputs(p, operation)
  const lower = parseLowerTenant(p, read, problems, operation, tenant?.connection.url, promotion.skipIfUnchanged)
  const apiClient = parseApiClientInputs(p, operation)
  const tenantSettings = parseTenantSettingsInputs(p, operation, { prune: esvSync.prune, dryRun: esvSync.dryRun })
  const exportInputs = parseExportInputs(p, operation)
  const plans = parsePlanInputs(p, operation, esvSync.dryRun)
  const serviceAccounts = parseServiceAccountInputs(p, { read, problems }, operation, tenant?.connection)

  if (problems.length > 0 || !operation) throw new InputError(problems)
  // The scopes follow from what the inputs say the operation will do (a dry run only reads).
  const connection = tenant && { ...tenant.connection, scopes: tenant.scopes ?? scopesFor(operation, { dryRun: esvSync.dryRun, restart }) }
  // The lower tenant answers the provisional-report read: promotion-report's scopes (the same as the upper's there).
  const lowerScopes = operation === 'promotion-report' ? connection?.scopes : (tenant?.scopes ?? scopesFor('promotion-report'))
  const lowerTenant = lower && lowerScopes && { ...lower, scopes: lowerScopes }
  return {
    operation,
    tenant: connection,
    lowerTenant,
    restart,
    waits,
    http,
    github,
    esvSync,
    rotation,
    promotion,
    apiClient,
    tenantSettings,
    export: exportInputs,
    plans,
    drift,
    serviceAccounts
  }
}

/** Whether the operation talks to an Identity Cloud tenant at all. */
function needsTenant(operation: OperationName | undefined, p: Parser): boolean {
  return operation !== 'create-api-client' || p.raw('store-in-secret') !== ''
}

function parseTenant(
  p: Parser,
  read: InputReader,
  problems: string[],
  operation: OperationName | undefined
): { connection: Omit<TenantConnection, 'scopes'>; scopes: string[] | undefined } | undefined {
  if (operation && !needsTenant(operation, p)) return undefined
  const url = p.tenantUrl('tenant-url')
  const auth = parseAuth(read, problems)
  const scopes = p.scopes('scopes')
  if (!url || !auth || !operation) return undefined
  return { connection: { url, auth }, scopes }
}

/**
 * lower-tenant-url and its own credentials: only promotion-report, and
 * dry-run-promote or promote with skip-if-unchanged, read the lower tenant
 * (its provisional report, as peers read it), so anywhere else they are a
 * mistake said up front rather than ignored.
 */
function parseLowerTenant(
  p: Parser,
  read: InputReader,
  problems: string[],
  operation: OperationName | undefined,
  upperUrl: string | undefined,
  skipIfUnchanged: boolean
): Omit<TenantConnection, 'scopes'> | undefined {
  const names = credentialInputs('lower-')
  const given = ['lower-tenant-url', names.accountId, names.key, names.accessToken].filter((name) => p.raw(name) !== '')
  if (given.length === 0 || !operation) return undefined
  const readsLower = operation === 'promotion-report' || (skipIfUnchanged && (operation === 'dry-run-promote' || operation === 'promote'))
  if (!readsLower) {
    p.problem(
      given[0] ?? 'lower-tenant-url',
      `only promotion-report, and dry-run-promote or promote with skip-if-unchanged: true, read the lower tenant; remove ${given.join(', ')} from this ${operation} step`
    )
    return undefined
  }
  if (!p.raw('lower-tenant-url')) {
    p.problem(given[0] ?? 'lower-tenant-url', 'given without lower-tenant-url (the lower tenant these credentials are for)')
    return undefined
  }
  if (operation === 'promotion-report' && p.raw('report-id')) {
    p.problem(
      'lower-tenant-url',
      'stored reports (report-id) are read from tenant-url; lower-tenant-url is for the provisional report only'
    )
  }
  const url = p.tenantUrl('lower-tenant-url')
  const auth = parseAuth(read, problems, 'lower-')
  if (url && url === upperUrl)
    p.problem('lower-tenant-url', 'is tenant-url itself; give the lower tenant of the pair (e.g. the development tenant)')
  return url && auth ? { url, auth } : undefined
}

function parseRestartMode(p: Parser): RestartMode {
  const value = p.oneOf('restart', ['auto', 'always', 'never', 'true', 'false'] as const)
  if (value === 'true') return 'auto'
  if (value === 'false') return 'never'
  return value ?? 'auto'
}

export { Parser, tenantUrlProblem, isLoopback } from './parser.js'
export { parsePrivateJwk } from './connection.js'

function parseGitHubApiUrl(p: Parser): string | undefined {
  const value = p.raw('github-api-url').trim()
  if (!value) return undefined
  const problem = githubApiUrlProblem(value)
  if (problem) p.problem('github-api-url', `${problem} (e.g. https://api.github.com, or https://github.example.com/api/v3)`)
  return problem ? undefined : value.replace(/\/+$/, '')
}

/** A GitHub login (letters, digits, single hyphens, not at either end; at most 39), with `[bot]` for an App. */
const GITHUB_LOGIN = /^(?=.{1,39}(\[bot\])?$)[A-Za-z0-9](?:-?[A-Za-z0-9])*(\[bot\])?$/

function parseCommentAuthor(p: Parser): string | undefined {
  const value = p.raw('comment-author')
  if (!value) return undefined
  if (GITHUB_LOGIN.test(value)) return value
  p.problem(
    'comment-author',
    `"${value.slice(0, 60)}" is not a GitHub login (letters, digits and single hyphens, optionally ending in [bot], e.g. acme-bot[bot])`
  )
  return undefined
}
