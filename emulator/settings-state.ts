/**
 * The settings of one emulated tenant: certificates, CSRs, content security
 * policies, cookie and custom domains, federation enforcement, the SSO
 * cookie. Records keep what the API never shows (private keys) so tests can
 * assert on what a client really uploaded.
 */
import type { KeyObject } from 'node:crypto'
import type {
  Certificate,
  CertificateSigningRequest,
  ContentSecurityPolicy,
  CspPolicy,
  CustomDomainRealm,
  FederationEnforcementGroups
} from '../src/tenant/types.js'

export interface CertificateState extends Certificate {
  /** Every DNS name, none an empty list (the answer says `null` then, SET-12). */
  subjectAlternativeNames: string[]
  /** The PEM uploaded. */
  pem: string
  /** Never sent in a response. */
  privateKeyPem: string
  /** Activated: when it becomes live. */
  onlineAt?: number | undefined
  /** Deactivated: when it stops being live. */
  offlineAt?: number | undefined
  /** Deactivated: from when DELETE succeeds (before, 500 with an empty body). */
  deletableAt?: number | undefined
}

export interface CsrState extends CertificateSigningRequest {
  /** The key the tenant made for the CSR; it never leaves the tenant. */
  privateKey: KeyObject
}

export interface TenantSettingsState {
  certificates: Map<string, CertificateState>
  csrs: Map<string, CsrState>
  contentSecurityPolicy: Record<CspPolicy, ContentSecurityPolicy>
  cookieDomains: string[]
  customDomains: Record<CustomDomainRealm, string[]>
  /**
   * The DNS as the tenant sees it: domains whose CNAME record points at this
   * tenant. Only these pass `_action=verify` and may be set as custom domains.
   */
  cnameRecords: Set<string>
  /** When each domain was first verified with a CNAME record in place: it passes only after the DNS delay. */
  dnsFirstAskedAt: Map<string, number>
  federationEnforcement: FederationEnforcementGroups
  ssoCookieName: string
  /** For ids of certificates and CSRs. */
  nextId: number
}

/** The SSO cookie name of a tenant nobody has configured. */
export const DEFAULT_SSO_COOKIE_NAME = 'iPlanetDirectoryPro'

/** A tenant as provisioned: no certificates or domains, CSP off, federation not enforced. */
export function createSettingsState(): TenantSettingsState {
  return {
    certificates: new Map(),
    csrs: new Map(),
    contentSecurityPolicy: {
      enforced: { active: false, directives: {} },
      'report-only': { active: false, directives: {} }
    },
    cookieDomains: [],
    customDomains: { alpha: [], bravo: [] },
    cnameRecords: new Set(),
    dnsFirstAskedAt: new Map(),
    federationEnforcement: 'none',
    ssoCookieName: DEFAULT_SSO_COOKIE_NAME,
    nextId: 1
  }
}

/** Ids like real ones: opaque, unique per tenant. */
export function nextSettingsId(state: TenantSettingsState, prefix: string): string {
  return `${prefix}-${(state.nextId++).toString().padStart(6, '0')}`
}
