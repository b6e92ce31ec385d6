import type { OperationName } from '../operations/names.js'

const ESV_READ = 'fr:idc:esv:read'
const ESV_UPDATE = 'fr:idc:esv:update'
const ESV_RESTART = 'fr:idc:esv:restart'
const PROMOTION = 'fr:idc:promotion:*'

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
  'promotion-report': [PROMOTION],
  unlock: [PROMOTION]
}

export function scopesFor(operation: OperationName): string[] {
  return [...SCOPES_BY_OPERATION[operation]]
}
