import type { Operation } from './context.js'
import type { OperationName } from './names.js'

/**
 * Every operation by name, each loaded when it runs: a step pays start-up only for the code (and the
 * yaml parser, the promotion machinery, ...) of its own operation. The type makes a missing one a compile error.
 */
export const OPERATION_HANDLERS: Record<OperationName, () => Promise<Operation>> = {
  'set-esvs': async () => (await import('./set-esvs.js')).setEsvs,
  'rotate-secret': async () => (await import('./rotate-secret.js')).rotateSecret,
  'create-api-client': async () => (await import('./create-api-client.js')).createApiClient,
  'dry-run-promote': async () => (await import('./dry-run-promote.js')).dryRunPromote,
  promote: async () => (await import('./promote.js')).promote,
  rollback: async () => (await import('./rollback.js')).rollback,
  'promotion-report': async () => (await import('./promotion-report.js')).promotionReport,
  unlock: async () => (await import('./unlock.js')).unlock,
  restart: async () => (await import('./restart.js')).restart,
  'set-tenant-settings': async () => (await import('./set-tenant-settings.js')).setTenantSettings,
  'create-csr': async () => (await import('./create-csr.js')).createCsr,
  'complete-csr': async () => (await import('./complete-csr.js')).completeCsr,
  'export-esvs': async () => (await import('./export-esvs.js')).exportEsvs,
  'export-tenant-settings': async () => (await import('./export-tenant-settings.js')).exportTenantSettings,
  'create-service-account': async () => (await import('./create-service-account.js')).createServiceAccount,
  'rotate-service-account-key': async () => (await import('./rotate-service-account-key.js')).rotateServiceAccountKey
}
