/**
 * Shapes of the tenant-environment API, as the official OpenAPI description
 * (components/schemas) and recorded real responses define them. Both the
 * action's clients and the emulator use these, so they cannot drift apart.
 */

/** `esvError`: every ESV and startup error body. */
export interface ApiErrorBody {
  code: number
  message: string
}

export type RestartStatus = 'restarting' | 'ready'

/** `esvRestartStatus` */
export interface RestartStatusResponse {
  restartStatus: RestartStatus
}

/** `esvCount` */
export interface EsvCount {
  secrets: number
  variables: number
}

export const EXPRESSION_TYPES = [
  'string',
  'list',
  'array',
  'object',
  'bool',
  'int',
  'number',
  'base64encodedinlined',
  'keyvaluelist'
] as const
export type ExpressionType = (typeof EXPRESSION_TYPES)[number]

export const SECRET_ENCODINGS = ['generic', 'pem', 'base64hmac', 'base64aes'] as const
export type SecretEncoding = (typeof SECRET_ENCODINGS)[number]

export const ESV_ID_PATTERN = /^esv-[a-z0-9_-]{1,124}$/
export const SECRET_VERSION_ID_PATTERN = /^latest$|^[0-9]+$/
export const DESCRIPTION_MAX_LENGTH = 1000

/** `esvVariableResponse` (v1; the v2 list omits `valueBase64`). */
export interface EsvVariable {
  _id: string
  description: string
  /** `''` on a variable made before variables had types (a recorded real list has one); it holds text. */
  expressionType: ExpressionType | ''
  lastChangeDate: string
  lastChangedBy: string
  loaded: boolean
  valueBase64: string
}

/** `esvVariableResponseV2` */
export type EsvVariableV2 = Omit<EsvVariable, 'valueBase64'> & { valueBase64?: string }

/** `esvVariableCreateUpdateRequest` */
export interface VariableWriteRequest {
  valueBase64: string
  description?: string
  expressionType?: ExpressionType
}

/** `esvSecretResponse` */
export interface EsvSecret {
  _id: string
  activeVersion: string
  description: string
  encoding: SecretEncoding
  lastChangeDate: string
  lastChangedBy: string
  loaded: boolean
  loadedVersion: string
  useInPlaceholders: boolean
}

/** `esvSecretCreateRequest` */
export interface SecretCreateRequest {
  encoding: SecretEncoding
  useInPlaceholders: boolean
  valueBase64: string
  description?: string
}

export type SecretVersionStatus = 'ENABLED' | 'DISABLED' | 'DESTROYED'

/** `esvSecretVersionResponse` */
export interface EsvSecretVersion {
  version: string
  createDate: string
  loaded: boolean
  status: SecretVersionStatus
}

/** `esvVariableListV1`, `esvVariableListV2`, `esvSecretsListResponse` */
export interface PagedList<T> {
  result: T[]
  resultCount: number
  pagedResultsCookie: string | null
  totalPagedResultsPolicy: string
  totalPagedResults: number
  remainingPagedResults: number
}

/** `esvSetDescriptionRequest` */
export interface SetDescriptionRequest {
  description: string
}

/** `esvSecretVersionStatusRequest` */
export interface SecretVersionStatusRequest {
  status: 'ENABLED' | 'DISABLED'
}

// ---- Promotions ----------------------------------------------------------

export type LockResult = 'unlocked' | 'locking' | 'unlocking' | 'locked' | 'error'

export interface EnvironmentLock {
  promotionId?: string
  proxyState?: string
  state?: string
}

/** `promotionLockState` */
export interface LockState {
  result: LockResult
  promotionId?: string
  description?: string
  lowerEnv?: EnvironmentLock
  upperEnv?: EnvironmentLock
}

/** `promotionStartLocking`, `promotionStartUnlocking`, `promotionUnlocked` */
export interface LockTransition {
  result: string
  promotionId?: string
  description?: string
}

/** `promotionConflictingLockState` */
export interface ConflictBody {
  message: string
}

/** `promotionRequest` */
export interface PromotionRequest {
  dryRun: boolean
  ignoreEncryptedSecrets?: boolean
  promoter?: string
  promotionDescription?: string
  unlockEnvironmentsAfterPromotion?: boolean
  zendeskTicketReference?: string
}

/** `rollbackRequest` */
export type RollbackRequest = Omit<PromotionRequest, 'dryRun' | 'ignoreEncryptedSecrets'>

/** `promotionProgress`: status values seen are UNLOCKED (no lock held), READY (locked), RUNNING and ERROR. */
export interface PromotionProgress {
  status?: string
  message?: string
  blockingError?: boolean
  missingESVs?: string[]
  encryptedSecrets?: string[]
  globalLock?: string
  promotionId?: string
  timeStamp?: string
  type?: 'promotion' | 'rollback' | string
}

export interface ConfigChangeItem {
  name: string
  realm?: string
  uid: string
}

export interface ConfigChange {
  added?: ConfigChangeItem[]
  modified?: ConfigChangeItem[]
  deleted?: ConfigChangeItem[]
}

export interface ConfigItemChanges {
  configItem: string
  configChange: ConfigChange
}

/** `promotionReport` */
export interface PromotionReport {
  reportId: string
  promotionId?: string
  createdDate?: string
  dryRun?: boolean
  type?: string
  promoter?: string
  promotionDescription?: string
  reportName?: string
  missingESVs?: string[]
  previouslyIgnoredEncryptedSecrets?: string[]
  report: Record<string, ConfigItemChanges[]>
}

/** `promotionReportMeta` */
export interface PromotionReportMeta {
  reportId: string
  promotionId?: string
  createdDate?: string
  dryRun?: boolean
  promoter?: string
  type?: string
}

// ---- Identity tenant: API clients (create-api-client) ----------------------

/** `POST /v1.0/apiclients` body: `clientName`, `enabled` and `entitlements` are required. */
export interface ApiClientCreateRequest {
  clientName: string
  enabled: boolean
  entitlements: string[]
  description?: string
  ipFilterOp?: string
  ipFilters?: string[]
  overrideSettings?: Record<string, unknown>
}

/**
 * `GET /v1.0/apiclients/{id}`: `id` is the resource id, `clientId` the OAuth
 * client id. `clientSecret` is shown only to callers holding manageAPIClients or readAPIClientsAndClientSecret.
 */
export interface ApiClient {
  id: string
  clientName: string
  clientId: string
  clientSecret?: string
  entitlements: string[]
  enabled: boolean
  description?: string
}

/** `GET /v1.0/apiclients?search=…` */
export interface ApiClientList {
  apiClients: ApiClient[]
  total: number
}

/** The identity tenant's error body: `messageId` is stable, `messageDescription` is for people. */
export interface IdentityErrorBody {
  messageId: string
  messageDescription: string
}

/** `POST /v1.0/endpoint/default/token` with the client-credentials grant. */
export interface ClientCredentialsTokenResponse {
  access_token: string
  token_type: string
  expires_in: number
  scope?: string
}
/** `promotionStart`, `rollbackStart`: the 202 answer to starting a run. */
export interface PromotionStartResponse {
  result: string
}

/** The report sections a real tenant sends; others are rendered too, in name order. */
export const REPORT_SECTIONS = ['AMConfig', 'IDMConfig'] as const

export const CHANGE_KINDS = ['added', 'modified', 'deleted'] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

// ---- Tenant settings -------------------------------------------------------

/**
 * `Certificate` as real tenants answer it (frodo-lib EnvCertificatesApi recordings): the OpenAPI's deprecated
 * `certificate` member is not there at all, and the private key is never returned.
 */
export interface Certificate {
  id: string
  active: boolean
  /** Set by the tenant: whether the certificate is live on the load balancer. */
  live: boolean
  subject: string
  issuer: string
  /** `null` when the certificate names no DNS name (recorded). */
  subjectAlternativeNames: string[] | null
  validFromTime: string
  expireTime: string
}

/** `CreateCertificateRequest` */
export interface CreateCertificateRequest {
  certificate: string
  privateKey: string
  active?: boolean
}

/** `UpdateCertificateRequest` */
export interface UpdateCertificateRequest {
  active: boolean
}

export const CSR_ALGORITHMS = ['rsa', 'ecdsa'] as const
export type CsrAlgorithm = (typeof CSR_ALGORITHMS)[number]

/** `CertificateSigningRequest` */
export interface CertificateSigningRequest {
  id: string
  /** The CSR's signature algorithm as the tenant names it, e.g. `SHA256-RSA` for an `rsa` request (recorded). */
  algorithm: string
  /** Set once the CSR has been completed with its signed certificate. */
  certificateID?: string
  createdDate: string
  /** The CSR in PEM. */
  request: string
  subject: string
  subjectAlternativeNames: string[]
}

/** `CreateCertificateSigningRequestRequest`: every subject field is optional. */
export interface CreateCsrRequest {
  algorithm?: CsrAlgorithm
  commonName?: string
  organization?: string
  organizationalUnit?: string
  country?: string
  state?: string
  city?: string
  streetAddress?: string
  postalCode?: string
  email?: string
  businessCategory?: string
  serialNumber?: string
  jurisdictionCountry?: string
  jurisdictionState?: string
  jurisdictionCity?: string
  subjectAlternativeNames?: string[]
}

/** `UpdateCertificateSigningRequestRequest` */
export interface CompleteCsrRequest {
  certificate: string
}

export const CSP_POLICIES = ['enforced', 'report-only'] as const
export type CspPolicy = (typeof CSP_POLICIES)[number]

/** `ContentSecurityPolicy` */
export interface ContentSecurityPolicy {
  active: boolean
  directives: Record<string, string[]>
}

/** `CookieDomains` and `CustomDomains` */
export interface DomainList {
  domains: string[]
}

export const CUSTOM_DOMAIN_REALMS = ['alpha', 'bravo'] as const
export type CustomDomainRealm = (typeof CUSTOM_DOMAIN_REALMS)[number]

/** `CName`: the domain whose CNAME record is checked. */
export interface CName {
  name: string
}

export const FEDERATION_ENFORCEMENT_GROUPS = ['none', 'non-global', 'all'] as const
export type FederationEnforcementGroups = (typeof FEDERATION_ENFORCEMENT_GROUPS)[number]

/** `FederationEnforcement` */
export interface FederationEnforcement {
  groups: FederationEnforcementGroups
}

export const SSO_COOKIE_NAME_PATTERN = /^[a-zA-Z0-9]{1,32}$/

/** `SSOCookie` */
export interface SsoCookie {
  name: string
}
