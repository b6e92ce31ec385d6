import type { RestartMode } from '../inputs/types.js'
import type { OperationName } from '../operations/names.js'
import type { SettingsArea } from '../settings/file.js'

const ESV_READ = 'fr:idc:esv:read'
const ESV_UPDATE = 'fr:idc:esv:update'
const ESV_RESTART = 'fr:idc:esv:restart'
const PROMOTION = 'fr:idc:promotion:*'
const PROMOTION_READ = 'fr:idc:promotion:read'
const CERTIFICATE = 'fr:idc:certificate:*'
const CERTIFICATE_READ = 'fr:idc:certificate:read'
/** Service accounts are IDM managed objects (`/openidm/managed/svcacct`); IDM has one scope. */
const IDM = 'fr:idm:*'

/**
 * Each settings area's full scope and its read scope (frodo-lib `src/shared/Constants.ts`); a dry run
 * asks only for the read ones. An account that holds only the full scope is asked again with it
 * (ServiceAccountTokens), as whether `:*` grants `:read` is not documented.
 */
const SETTINGS_SCOPES: Record<SettingsArea, { write: string; read: string }> = {
  'content-security-policy': { write: 'fr:idc:content-security-policy:*', read: 'fr:idc:content-security-policy:read' },
  'cookie-domains': { write: 'fr:idc:cookie-domain:*', read: 'fr:idc:cookie-domain:read' },
  'custom-domains': { write: 'fr:idc:custom-domain:*', read: 'fr:idc:custom-domain:read' },
  'federation-enforcement': { write: 'fr:idc:federation:*', read: 'fr:idc:federation:read' },
  'sso-cookie': { write: 'fr:idc:sso-cookie:*', read: 'fr:idc:sso-cookie:read' },
  certificates: { write: CERTIFICATE, read: CERTIFICATE_READ }
}
const ALL_SETTINGS_SCOPES = Object.values(SETTINGS_SCOPES).map((scopes) => scopes.write)
const ALL_SETTINGS_READ_SCOPES = Object.values(SETTINGS_SCOPES).map((scopes) => scopes.read)

/**
 * The least set of scopes each operation needs from the service account.
 * `create-api-client` talks to the tenant only to store the client secret.
 */
const SCOPES_BY_OPERATION: Record<OperationName, readonly string[]> = {
  restart: [ESV_READ, ESV_RESTART],
  'set-esvs': [ESV_READ, ESV_UPDATE, ESV_RESTART],
  'rotate-secret': [ESV_READ, ESV_UPDATE, ESV_RESTART],
  'create-api-client': [ESV_READ, ESV_UPDATE, ESV_RESTART],
  'dry-run-promote': [PROMOTION],
  promote: [PROMOTION],
  rollback: [PROMOTION],
  // Reads reports only (and, with lower-tenant-url, the lower tenant's provisional report).
  'promotion-report': [PROMOTION_READ],
  unlock: [PROMOTION],
  // Until the file is read: every area's; set-tenant-settings then asks only for the areas its file declares.
  'set-tenant-settings': ALL_SETTINGS_SCOPES,
  'create-csr': [CERTIFICATE],
  'complete-csr': [CERTIFICATE],
  // Exports only read (and write nothing to the tenant).
  'export-esvs': [ESV_READ],
  'export-tenant-settings': ALL_SETTINGS_READ_SCOPES,
  'create-service-account': [IDM],
  'rotate-service-account-key': [IDM]
}

/** create-service-account with store-in-esv: what the key tenant's credentials are asked for (read the secret, add a version). */
export const ESV_STORE_SCOPES: readonly string[] = [ESV_READ, ESV_UPDATE]

/** What the inputs say the operation will do, narrowing its scopes further. */
export interface ScopeUses {
  /** set-esvs only reads and plans. */
  dryRun?: boolean
  /** `never`: the operation will not restart the tenant. */
  restart?: RestartMode
}

const RESTARTING_OPERATIONS: ReadonlySet<OperationName> = new Set(['set-esvs', 'rotate-secret', 'create-api-client'])

export function scopesFor(operation: OperationName, uses: ScopeUses = {}): string[] {
  if (operation === 'set-esvs' && uses.dryRun) return [ESV_READ]
  const scopes = [...SCOPES_BY_OPERATION[operation]]
  if (RESTARTING_OPERATIONS.has(operation) && uses.restart === 'never') return scopes.filter((scope) => scope !== ESV_RESTART)
  return scopes
}

/** The least scopes for the areas a settings file declares; a dry run only reads. */
export function tenantSettingsScopes(areas: readonly SettingsArea[], dryRun: boolean): string[] {
  return [...new Set(areas.map((area) => (dryRun ? SETTINGS_SCOPES[area].read : SETTINGS_SCOPES[area].write)))]
}

/** The full scope a read scope belongs to (`fr:idc:esv:read` → `fr:idc:esv:*`); undefined for any other scope. */
export function fullScopeOf(scope: string): string | undefined {
  return /^(.+):read$/.exec(scope)?.[1]?.concat(':*')
}
