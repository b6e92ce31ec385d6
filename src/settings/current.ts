import type { CertificateClient } from '../tenant/certificates.js'
import type { TenantSettingsClient } from '../tenant/settings.js'
import { CSP_POLICIES, CUSTOM_DOMAIN_REALMS, type CspPolicy, type CustomDomainRealm } from '../tenant/types.js'
import type { TenantSettingsFile } from './file.js'
import type { CurrentSettings } from './plan.js'

/** Which of the tenant's settings to read: a file's declared areas, or everything (an export). */
export interface SettingsReads {
  contentSecurityPolicy: readonly CspPolicy[]
  customDomains: readonly CustomDomainRealm[]
  cookieDomains: boolean
  federationEnforcement: boolean
  ssoCookie: boolean
  certificates: boolean
}

export const EVERY_SETTING: SettingsReads = {
  contentSecurityPolicy: CSP_POLICIES,
  customDomains: CUSTOM_DOMAIN_REALMS,
  cookieDomains: true,
  federationEnforcement: true,
  ssoCookie: true,
  certificates: true
}

/** What a settings file declares, and so what its plan needs read. */
export function readsFor(file: TenantSettingsFile): SettingsReads {
  return {
    contentSecurityPolicy: CSP_POLICIES.filter((policy) => file.contentSecurityPolicy?.[policy]),
    customDomains: CUSTOM_DOMAIN_REALMS.filter((realm) => file.customDomains?.[realm]),
    cookieDomains: file.cookieDomains !== undefined,
    federationEnforcement: file.federationEnforcement !== undefined,
    ssoCookie: file.ssoCookie !== undefined,
    certificates: file.certificates !== undefined
  }
}

/** Reads the settings asked for, all at once. */
export async function readCurrentSettings(
  reads: SettingsReads,
  settings: TenantSettingsClient,
  certificates: CertificateClient
): Promise<CurrentSettings> {
  const current: CurrentSettings = { contentSecurityPolicy: {}, customDomains: {} }
  const pending: Promise<void>[] = []
  for (const policy of reads.contentSecurityPolicy)
    pending.push(settings.getContentSecurityPolicy(policy).then((value) => void (current.contentSecurityPolicy[policy] = value)))
  for (const realm of reads.customDomains)
    pending.push(settings.getCustomDomains(realm).then((value) => void (current.customDomains[realm] = value.domains ?? [])))
  if (reads.cookieDomains) pending.push(settings.getCookieDomains().then((value) => void (current.cookieDomains = value.domains ?? [])))
  if (reads.federationEnforcement)
    pending.push(settings.getFederationEnforcement().then((value) => void (current.federationEnforcement = value.groups)))
  if (reads.ssoCookie) pending.push(settings.getSsoCookie().then((value) => void (current.ssoCookie = value)))
  if (reads.certificates) pending.push(certificates.listCertificates().then((value) => void (current.certificates = value)))
  await Promise.all(pending)
  return current
}
