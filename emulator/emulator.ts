/**
 * The whole emulator as a test holds it: the tenant pair, the identity tenant,
 * the GitHub server and the shared log. Kept apart from types.ts so that the
 * leaf types file imports none of the parts that import it.
 */
import type { GitHubEmulator } from './github.js'
import type { PromotionEmulator } from './promotion.js'
import type { FaultRule, IdentityEmulator, RequestLogEntry, ServiceAccount, TenantEmulator } from './types.js'

export interface Emulator {
  readonly lower: TenantEmulator
  readonly upper: TenantEmulator
  /** The identity tenant where create-api-client makes API clients. */
  readonly identity: IdentityEmulator
  readonly serviceAccount: ServiceAccount
  readonly log: RequestLogEntry[]
  /** Promotions from lower to upper: the lock, runs, reports, each tenant's config. */
  readonly promotion: PromotionEmulator
  /** The GitHub REST API for the PR comment (its own log: `github.log`). */
  readonly github: GitHubEmulator
  /** Every access token issued (for leak scans). */
  issuedTokens(): string[]
  fault(rule: FaultRule): void
  clearFaults(): void
  close(): Promise<void>
}
