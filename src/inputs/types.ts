/**
 * The parsed shape of every input. A leaf: the parsers, the aggregator in
 * index.ts and every consumer import these types from here, so imports in
 * this folder run one way.
 */
import type { JWK } from 'jose'
import type { GrantingRole } from '../approval/types.js'
import type { HttpSettings } from '../http/settings.js'
import type { OperationName } from '../operations/names.js'
import type { RetireMode } from '../rotation/retirement.js'
import type { CreateCsrRequest, SecretEncoding } from '../tenant/types.js'

/** Reads one raw input by its action.yml name ('' when unset). */
export type InputReader = (name: string) => string

export type TenantAuth =
  { kind: 'service-account'; serviceAccountId: string; privateJwk: JWK } | { kind: 'access-token'; accessToken: string }

export interface TenantConnection {
  /** The tenant's origin, e.g. https://openam-acme-dev.forgeblocks.com */
  url: string
  auth: TenantAuth
  scopes: string[]
}

export type RestartMode = 'auto' | 'always' | 'never'

export interface Waits {
  restartTimeoutMs: number
  promotionTimeoutMs: number
  pollIntervalMs: number
  /** How long to wait for a lock held by another promotion to be released before failing (0: fail at once). */
  lockTimeoutMs: number
}

/** GitHub's author_association values (the GraphQL CommentAuthorAssociation enum). */
export const AUTHOR_ASSOCIATIONS = [
  'OWNER',
  'MEMBER',
  'COLLABORATOR',
  'CONTRIBUTOR',
  'FIRST_TIME_CONTRIBUTOR',
  'FIRST_TIMER',
  'MANNEQUIN',
  'NONE'
] as const
export type AuthorAssociation = (typeof AUTHOR_ASSOCIATIONS)[number]
/** Who may start a promotion operation with a PR comment unless allowed-associations says otherwise. */
export const DEFAULT_ALLOWED_ASSOCIATIONS: readonly AuthorAssociation[] = ['OWNER', 'MEMBER', 'COLLABORATOR']

export interface GitHubSettings {
  token: string | undefined
  /** github-api-url: the REST API the token is for; absent: GITHUB_API_URL. */
  apiUrl: string | undefined
  comment: boolean
  prNumber: number | undefined
  /** comment-author: the login the token posts comments as, when GitHub cannot tell (an App token before its first comment). */
  commentAuthor: string | undefined
  /** issue_comment: the commenter's author_association must be one of these (allowed-associations). */
  allowedAssociations: AuthorAssociation[]
  /** issue_comment: the commenter's permission on the repository must be at least this (command-permission). */
  commandPermission: GrantingRole
  /** required-approvals: reviewers with write access who must approve a merged PR's dry run or plan. */
  requiredApprovals: number
  /** github-rate-limit-timeout: how long one GitHub request may wait out GitHub's rate limits. */
  rateLimitTimeoutMs: number
}

export interface ActionInputs {
  operation: OperationName
  /** The Identity Cloud tenant; absent only for operations that need none (create-api-client without store-in-secret). */
  tenant: TenantConnection | undefined
  /** promotion-report: the lower tenant of the pair, to read the provisional report from its own side (lower-tenant-url). */
  lowerTenant: TenantConnection | undefined
  restart: RestartMode
  waits: Waits
  http: HttpSettings
  github: GitHubSettings
  /** set-esvs */
  esvSync: EsvSyncInputs
  /** rotate-secret */
  rotation: RotationInputs
  /** dry-run-promote, promote, rollback, promotion-report, unlock */
  promotion: PromotionInputs
  /** create-api-client */
  apiClient: ApiClientInputs
  /** set-tenant-settings, create-csr, complete-csr */
  tenantSettings: TenantSettingsInputs
  /** export-esvs, export-tenant-settings */
  export: ExportInputs
  /** set-esvs, set-tenant-settings: the approved plan the apply holds itself to */
  plans: PlanInputs
  /** set-esvs, set-tenant-settings: detect-drift, fail-on-drift, drift-issue */
  drift: DriftInputs
  /** create-service-account, rotate-service-account-key */
  serviceAccounts: ServiceAccountInputs
}

/** Inputs of set-esvs and set-tenant-settings for plans on the pull request. */
export interface PlanInputs {
  /** approved-plan: lower-case hex sha256 of the plan the apply must match, normalised. */
  approvedPlan: string | undefined
  /** require-approval: true (the default, on every event) applies only an approved plan; false applies the plan computed now. */
  requireApproval: boolean
}

/** Drift detection on set-esvs and set-tenant-settings (all false elsewhere). */
export interface DriftInputs {
  /** detect-drift: plan only (as dry-run, read-only scopes) and set the drift outputs. */
  detect: boolean
  /** fail-on-drift: fail the step when the plan finds drift. */
  failOnDrift: boolean
  /** drift-issue: keep one GitHub issue per file and tenant open while there is drift. */
  issue: boolean
}

export type IfExists = 'fail' | 'skip'

export interface CreateApiClientInputs {
  /** The identity tenant's origin. */
  verifyTenantUrl: string
  adminClientId: string
  adminClientSecret: string
  clientName: string
  /** Checked against the catalogue, each once. */
  entitlements: string[]
  description: string | undefined
  enabled: boolean
  ifExists: IfExists
  /** The ESV secret (in tenant-url) the new client secret is written to. */
  storeInSecret: string | undefined
  /** Whether the client secret goes to the client-secret output. */
  outputSecret: boolean
  /** Said once the operation runs: duplicates dropped, offering-limited entitlements. */
  warnings: string[]
}

/** Inputs of create-api-client; undefined for every other operation. */
export type ApiClientInputs = CreateApiClientInputs | undefined

/** Inputs of set-esvs. */
export interface EsvSyncInputs {
  /** The ESV file's path as given (relative to the workspace), used in annotations. */
  file: string
  prune: boolean
  replaceOnTypeChange: boolean
  dryRun: boolean
  concurrency: number
  showValues: boolean
  /**
   * keep-versions on set-esvs: after the restart loaded a secret's new value, keep only its newest N
   * ENABLED versions (older ones disabled, then deleted). Absent: every version is kept.
   */
  keepVersions: number | undefined
}

/** Where export-esvs and export-tenant-settings write (output-file). */
export interface ExportSettings {
  /** Absolute. */
  path: string
  /** As given (relative to the workspace), or the default's absolute path: for the log and summary. */
  display: string
  format: 'yaml' | 'json'
}

/** Present only for export-esvs and export-tenant-settings. */
export type ExportInputs = ExportSettings | undefined

/** Inputs of dry-run-promote, promote, rollback, promotion-report and unlock. */
export interface PromotionInputs {
  /** Recorded as the promoter; default the GitHub actor (filled in by the operation). */
  promoter: string | undefined
  description: string | undefined
  /** Names of the pair in the PR comment's title (`dev → staging`); absent: the hosts. */
  lowerName: string | undefined
  upperName: string | undefined
  ticketReference: string | undefined
  ignoreEncryptedSecrets: boolean
  unlockAfter: boolean
  promoteEmpty: boolean
  /** Lower-case hex sha256, normalised. */
  approvedFingerprint: string | undefined
  /** True unless given as false, on every event. */
  requireApproval: boolean
  reportId: string | undefined
  promotionId: string | undefined
  force: boolean
  /** dry-run-promote: fail the check when the dry run finds blockers; undefined: the default (true on a pull request). */
  failOnBlockers: boolean | undefined
  /** dry-run-promote (strict mode): keep the environments locked after the dry run, for promote to reuse. */
  holdLock: boolean
  /** How long a held lock may stay held before the next promotion run releases it. */
  holdLockTimeoutMs: number
  /**
   * dry-run-promote, promote: read the provisional report first (no lock) and end successfully,
   * requesting no lock, when it lists no change.
   */
  skipIfUnchanged: boolean
}

export interface RotationSettings {
  secretId: string
  /** Given by the user (already masked); absent means generate one. */
  secretValue: string | undefined
  /** Encoding of a secret that create-if-missing creates; an existing secret keeps its own. */
  encoding: SecretEncoding
  /** Characters (generic) or bytes (base64hmac, base64aes) of a generated value; absent means the encoding's default. */
  valueLength: number | undefined
  createIfMissing: boolean
  retire: RetireMode
  keepVersions: number
  outputValue: boolean
  resume: boolean
}

/** Present only for rotate-secret. */
export type RotationInputs = RotationSettings | undefined

/** set-tenant-settings */
export interface SetTenantSettingsInputs {
  /** The settings file's path as given (relative to the workspace), used in annotations. */
  file: string
  prune: boolean
  dryRun: boolean
  /** How long a new custom domain's CNAME may take to verify (DNS propagating), polled at poll-interval. */
  domainVerifyTimeoutMs: number
}

/** complete-csr */
export interface CompleteCsrInputs {
  csrId: string
  /** The signed certificate (PEM, optionally followed by its chain), relative to the workspace. */
  certificateFile: string
}

/** Inputs of the certificate and settings operations; each is set only for its operation. */
export interface TenantSettingsInputs {
  settings: SetTenantSettingsInputs | undefined
  createCsr: CreateCsrRequest | undefined
  completeCsr: CompleteCsrInputs | undefined
}

/**
 * The one place a generated private JWK goes: a GitHub Actions secret (repository, or environment with
 * `environment`), a file under RUNNER_TEMP (mode 0600), or an ESV secret of another tenant. Never an
 * output, never a log line.
 */
export type KeyDestination =
  | { kind: 'github-secret'; name: string; environment: string | undefined }
  | { kind: 'file'; fileName: string }
  /** An ESV secret of another tenant (key-tenant-url), for a consumer there; create-service-account only. */
  | { kind: 'esv'; secretId: string; tenant: TenantConnection }

export type ServiceAccountStatus = 'Active' | 'Inactive'

/** create-service-account */
export interface CreateServiceAccountInputs {
  name: string
  description: string
  /** Each once; checked against the tenant's catalogue before any write. */
  scopes: string[]
  status: ServiceAccountStatus
  /** An account of that name exists: bring its scopes and description to these (one PATCH with If-Match). */
  updateExisting: boolean
  destination: KeyDestination
}

/** rotate-service-account-key */
export interface RotateServiceAccountKeyInputs {
  /** The account whose key is rotated. */
  accountId: string
  /**
   * The private JWK the destination holds now (service-account-key for the action's own account,
   * else target-service-account-key): how a rerun knows which key is stored (see rotate-service-account-key.ts).
   */
  currentKey: JWK
  /** The account is the one the action authenticates as. */
  ownAccount: boolean
  /** Old keys kept next to the new one (default 1: a job already running keeps working). */
  keepKeys: number
  /** How long a new key may take to be accepted by the token endpoint. */
  proofTimeoutMs: number
  destination: KeyDestination
}

export interface ServiceAccountInputs {
  create: CreateServiceAccountInputs | undefined
  rotate: RotateServiceAccountKeyInputs | undefined
}
