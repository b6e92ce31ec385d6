/**
 * Tenant emulator: a lower and an upper tenant on two local HTTP servers,
 * behaving like a real PingOne Advanced Identity Cloud tenant pair for the
 * endpoints the action uses. Used by the e2e tests, the demo and `npm run emulator`.
 */
import { DEFAULT_CERTIFICATE_TIMING } from './certificates.js'
import { DEFAULT_DNS_DELAY_MS } from './settings.js'
import { OFFERINGS } from '../src/verify/entitlements.js'
import { FaultSet } from './faults.js'
import { GitHubServer } from './github.js'
import { RunningIdentityTenant } from './identity.js'
import { PromotionController } from './promotion.js'
import { createServiceAccount } from './service-account.js'
import { loadDefaultSeed, parseSeed } from './state.js'
import { RunningTenant } from './tenant.js'
import { TokenStore } from './tokens.js'
import { DEFAULT_SERVICE_ACCOUNT_SCOPES } from './types.js'
import type { TenantState } from './state.js'
import type { Emulator } from './emulator.js'
import type { RequestLogEntry, StartOptions } from './types.js'

export type { Emulator } from './emulator.js'
export type {
  FaultRule,
  RequestLogEntry,
  ServiceAccount,
  ServiceAccountKeyPair,
  StartOptions,
  TenantEmulator,
  TenantName
} from './types.js'
export { generateServiceAccountKey } from './service-account.js'
export type { ClientCredentials, IdentityEmulator, LocationStyle, ServerName } from './types.js'
export type { AccountStatus, ServiceAccountRecord, ServiceAccountsEmulator } from './types.js'
export { SERVICE_ACCOUNT_SCOPE_CATALOGUE, flattenScopes } from './svcacct.js'
export type { ApiClientState, IdentityState } from './identity-state.js'
export { DEFAULT_SERVICE_ACCOUNT_SCOPES } from './types.js'
export type {
  RestartState,
  SecretState,
  SecretVersionState,
  SeedFile,
  SeedSecret,
  SeedSecretVersion,
  SeedVariable,
  TenantState,
  VariableState
} from './state.js'
export { loadDefaultSeed, parseSeed } from './state.js'
export type { CertificateState, CsrState, TenantSettingsState } from './settings-state.js'
export type { ConfigEntry, ConfigSection, TenantConfig } from './config.js'
export type { GitHubComment, GitHubEmulator, GitHubIssue, GitHubLogEntry, GitHubRequestBody, GitHubTokenKind } from './github.js'
export type { GitHubSecretsEmulator, StoredGitHubSecret } from './github-secrets.js'
export type {
  EmulatedPullRequest,
  EmulatedReview,
  EmulatedStatus,
  GitHubPullsEmulator,
  MergeMethod,
  MergePush,
  RepositoryRole
} from './github-pulls.js'
export { APP_SLUG, PAT_USER } from './github.js'
export { esvBehaviour } from './esv-behaviour.js'
export type { EsvBehaviour } from './esv-behaviour.js'
export type { PausableStage, PromotionBehaviour, PromotionEmulator, PromotionRun, RunKind } from './promotion.js'

export async function startEmulator(options: StartOptions = {}): Promise<Emulator> {
  const restartMs = nonNegative(options.restartMs ?? 2000, 'restartMs')
  const latencyMs = nonNegative(options.latencyMs ?? 0, 'latencyMs')
  const tokenTtlSeconds = nonNegative(options.tokenTtlSeconds ?? 900, 'tokenTtlSeconds')
  // Parsing a caller's seed too: it validates it and leaves the caller's object untouched.
  const seed = options.seed ? parseSeed(options.seed) : loadDefaultSeed()
  const tokens = new TokenStore()
  const faults = new FaultSet()
  const log: RequestLogEntry[] = []
  const promotionLockMs = nonNegative(options.promotionLockMs ?? 1000, 'promotionLockMs')
  const promotionRunMs = nonNegative(options.promotionRunMs ?? 2000, 'promotionRunMs')
  // The upper tenant is built after the controller (its routes need it): its ESVs are looked up on use.
  const promotion = new PromotionController(promotionLockMs, promotionRunMs, (): TenantState => upper.state)
  const shared = {
    seed,
    host: options.host ?? '127.0.0.1',
    restartMs,
    latencyMs,
    tokenTtlSeconds,
    serviceAccountScopes: [...(options.serviceAccountScopes ?? DEFAULT_SERVICE_ACCOUNT_SCOPES)],
    fullScopeGrantsNarrower: options.fullScopeGrantsNarrower ?? false,
    restartWhileRestarting: options.restartWhileRestarting ?? 'conflict',
    certificateTiming: {
      onlineMs: nonNegative(options.certificateOnlineMs ?? DEFAULT_CERTIFICATE_TIMING.onlineMs, 'certificateOnlineMs'),
      offlineMs: nonNegative(options.certificateOfflineMs ?? DEFAULT_CERTIFICATE_TIMING.offlineMs, 'certificateOfflineMs'),
      deleteLagMs: nonNegative(options.certificateDeleteLagMs ?? DEFAULT_CERTIFICATE_TIMING.deleteLagMs, 'certificateDeleteLagMs')
    },
    dnsDelayMs: nonNegative(options.dnsDelayMs ?? DEFAULT_DNS_DELAY_MS, 'dnsDelayMs'),
    serviceAccount: await createServiceAccount(seed.serviceAccountId, options.serviceAccountKey),
    tokens,
    faults,
    log,
    promotion
  }
  const lower = new RunningTenant('lower', shared)
  const upper = new RunningTenant('upper', shared)
  const identity = new RunningIdentityTenant({ ...shared, offerings: options.identityOfferings ?? OFFERINGS })
  const github = new GitHubServer(shared.host, faults)
  try {
    await lower.start()
    await upper.start()
    await identity.start()
    await github.start()
  } catch (error) {
    await Promise.all([lower.close(), upper.close(), identity.close(), github.close()])
    throw error
  }
  return {
    lower,
    upper,
    identity,
    serviceAccount: shared.serviceAccount.account,
    log,
    promotion,
    github,
    issuedTokens: () => tokens.values(),
    fault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    close: async () => {
      await Promise.all([lower.close(), upper.close(), identity.close(), github.close()])
    }
  }
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new Error(`startEmulator: ${name} must be a number >= 0`)
  return value
}
