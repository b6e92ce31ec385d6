import { identityKey, identityOfTenantCertificate } from '../settings/certificate-identity.js'
import { directiveProblems } from '../settings/csp.js'
import { canonicalDomains } from '../settings/domains.js'
import type { CurrentSettings } from '../settings/plan.js'
import { CSP_POLICIES, CUSTOM_DOMAIN_REALMS, type Certificate, type ContentSecurityPolicy } from '../tenant/types.js'
import { byText } from './declaration-file.js'

/** A certificate the tenant holds, named by what it certifies: the tenant never gives back its PEM or key. */
export interface ExportedCertificate {
  subject: string
  'subject-alternative-names': string[]
  'valid-from': string
  'valid-to': string
  active: boolean
}

export interface SettingsExport {
  /** The settings file's areas (src/settings/file.ts), in its order. */
  content: Record<string, unknown>
  counts: { areas: number; certificates: number }
  warnings: string[]
}

/**
 * What the tenant has, as the file set-tenant-settings reads, so that it plans no change: both CSP
 * policies, cookie domains, custom domains per realm, federation enforcement, the SSO cookie and the
 * certificates by subject, names and validity with `active` (never a key, never an id, which differ
 * per tenant). Lists that are sets are sorted; nothing volatile (`live`, ids). Pure.
 */
export function settingsExport(current: CurrentSettings): SettingsExport {
  const warnings: string[] = []
  const content: Record<string, unknown> = {}
  const policies: Record<string, ContentSecurityPolicy> = {}
  for (const policy of CSP_POLICIES) {
    const now = current.contentSecurityPolicy[policy]
    if (!now) continue
    const directives = Object.entries(now.directives ?? {}).sort(([a], [b]) => byText(a, b))
    for (const [name, values] of directives)
      for (const problem of directiveProblems(name, values))
        warnings.push(`content-security-policy.${policy}: ${problem} (set-tenant-settings will refuse it until it is fixed)`)
    policies[policy] = { active: now.active, directives: Object.fromEntries(directives) }
  }
  if (Object.keys(policies).length > 0) content['content-security-policy'] = policies
  if (current.cookieDomains) content['cookie-domains'] = canonicalDomains(current.cookieDomains)
  const realms: Record<string, string[]> = {}
  for (const realm of CUSTOM_DOMAIN_REALMS) {
    const domains = current.customDomains[realm]
    if (domains) realms[realm] = canonicalDomains(domains)
  }
  if (Object.keys(realms).length > 0) content['custom-domains'] = realms
  if (current.federationEnforcement) content['federation-enforcement'] = current.federationEnforcement
  if (current.ssoCookie?.name) content['sso-cookie'] = { name: current.ssoCookie.name }
  const certificates = current.certificates ? exportedCertificates(current.certificates, warnings) : undefined
  if (certificates) content.certificates = certificates
  return { content, counts: { areas: Object.keys(content).length, certificates: certificates?.length ?? 0 }, warnings }
}

/**
 * One entry per certificate identity, ordered by subject then validity. Two uploads of one certificate
 * are one entry (the file names each once), active when either is: set-tenant-settings matches the
 * active one and keeps the other as undeclared.
 */
function exportedCertificates(certificates: readonly Certificate[], warnings: string[]): ExportedCertificate[] {
  const byIdentity = new Map<string, ExportedCertificate>()
  for (const certificate of certificates) {
    const identity = identityOfTenantCertificate(certificate)
    const key = identityKey(identity)
    const seen = byIdentity.get(key)
    if (seen) {
      warnings.push(`certificate ${certificate.subject} (${certificate.id}) is a second upload of the same certificate; exported once`)
      seen.active ||= certificate.active
      continue
    }
    byIdentity.set(key, {
      subject: certificate.subject,
      'subject-alternative-names': identity.subjectAlternativeNames,
      'valid-from': certificate.validFromTime,
      'valid-to': certificate.expireTime,
      active: certificate.active
    })
  }
  return [...byIdentity.values()].sort(
    (a, b) => byText(a.subject, b.subject) || byText(a['valid-from'], b['valid-from']) || byText(a['valid-to'], b['valid-to'])
  )
}
