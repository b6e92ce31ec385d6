export const OPERATIONS = [
  'set-esvs',
  'rotate-secret',
  'restart',
  'dry-run-promote',
  'promote',
  'rollback',
  'promotion-report',
  'unlock',
  'create-api-client',
  'set-tenant-settings',
  'create-csr',
  'complete-csr',
  'export-esvs',
  'export-tenant-settings',
  'create-service-account',
  'rotate-service-account-key'
] as const
export type OperationName = (typeof OPERATIONS)[number]

export const PROMOTION_OPERATIONS: ReadonlySet<OperationName> = new Set([
  'dry-run-promote',
  'promote',
  'rollback',
  'promotion-report',
  'unlock'
])
