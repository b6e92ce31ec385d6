import type {
  Certificate,
  ContentSecurityPolicy,
  CspPolicy,
  CustomDomainRealm,
  DomainList,
  FederationEnforcement,
  FederationEnforcementGroups,
  SsoCookie
} from '../tenant/types.js'
import { CSP_POLICIES, CUSTOM_DOMAIN_REALMS } from '../tenant/types.js'
import { describeIdentity, identityOfTenantCertificate, sameIdentity } from './certificate-identity.js'
import { describePolicy, samePolicy } from './csp.js'
import { canonicalDomains, sameDomains } from './domains.js'
import type { DesiredCertificate, TenantSettingsFile } from './file.js'

/** What the tenant has now, for the areas the file declares. */
export interface CurrentSettings {
  contentSecurityPolicy: Partial<Record<CspPolicy, ContentSecurityPolicy>>
  cookieDomains?: string[]
  customDomains: Partial<Record<CustomDomainRealm, string[]>>
  federationEnforcement?: FederationEnforcementGroups
  ssoCookie?: SsoCookie
  certificates?: Certificate[]
}

/** The one request that sets a setting, whole. */
export type SettingWrite =
  | { area: 'content-security-policy'; policy: CspPolicy; body: ContentSecurityPolicy }
  | { area: 'cookie-domains'; body: DomainList }
  | { area: 'custom-domains'; realm: CustomDomainRealm; body: DomainList }
  | { area: 'federation-enforcement'; body: FederationEnforcement }
  | { area: 'sso-cookie'; body: SsoCookie }

export interface SettingItem {
  kind: 'setting'
  /** e.g. content-security-policy.enforced, custom-domains.alpha */
  setting: string
  action: 'update' | 'unchanged'
  from: string
  to: string
  write: SettingWrite
}

/**
 * - `deactivate-and-delete`: an undeclared active certificate, pruned; the
 *   tenant deletes only inactive ones.
 */
export type CertificateAction = 'upload' | 'activate' | 'deactivate' | 'delete' | 'deactivate-and-delete' | 'unchanged'

export interface CertificateItem {
  kind: 'certificate'
  /** Subject, names and expiry, e.g. "CN=login.acme.example +1 SAN, expires 2026-01-01". */
  name: string
  action: CertificateAction
  /** The tenant's id, for certificates it has. */
  id: string | undefined
  /** What the file declares; absent for pruned certificates. */
  desired: DesiredCertificate | undefined
}

export interface SettingsPlan {
  settings: SettingItem[]
  /** In the order they must run: uploads and activations before deactivations and deletions, so one stays served. */
  certificates: CertificateItem[]
  /** New custom domains, verified before anything is written. */
  domainsToVerify: string[]
  /** Certificates in the tenant that the file does not declare, kept (prune is off). */
  unmanagedCertificates: string[]
  /** What cannot be done; any of them stops the run before a write. */
  refusals: string[]
}

const CERTIFICATE_ORDER: Record<CertificateAction, number> = {
  upload: 0,
  activate: 1,
  unchanged: 2,
  deactivate: 3,
  'deactivate-and-delete': 4,
  delete: 5
}

/** Compares what the file declares with what the tenant has. Pure. */
export function planSettings(file: TenantSettingsFile, current: CurrentSettings, options: { prune: boolean }): SettingsPlan {
  const settings: SettingItem[] = []
  const domainsToVerify: string[] = []
  const item = (setting: string, same: boolean, from: string, to: string, write: SettingWrite): SettingItem => ({
    kind: 'setting',
    setting,
    action: same ? 'unchanged' : 'update',
    from,
    to,
    write
  })

  for (const policy of CSP_POLICIES) {
    const desired = file.contentSecurityPolicy?.[policy]
    if (!desired) continue
    const now = current.contentSecurityPolicy[policy] ?? { active: false, directives: {} }
    settings.push(
      item(`content-security-policy.${policy}`, samePolicy(now, desired), describePolicy(now), describePolicy(desired), {
        area: 'content-security-policy',
        policy,
        body: desired
      })
    )
  }
  if (file.cookieDomains) {
    const now = current.cookieDomains ?? []
    settings.push(
      item('cookie-domains', sameDomains(now, file.cookieDomains), listText(now), listText(file.cookieDomains), {
        area: 'cookie-domains',
        body: { domains: file.cookieDomains }
      })
    )
  }
  for (const realm of CUSTOM_DOMAIN_REALMS) {
    const desired = file.customDomains?.[realm]
    if (!desired) continue
    const now = canonicalDomains(current.customDomains[realm] ?? [])
    const same = sameDomains(now, desired)
    if (!same) domainsToVerify.push(...desired.filter((domain) => !now.includes(domain)))
    settings.push(
      item(`custom-domains.${realm}`, same, listText(now), listText(desired), { area: 'custom-domains', realm, body: { domains: desired } })
    )
  }
  if (file.federationEnforcement) {
    const now = current.federationEnforcement ?? ''
    settings.push(
      item('federation-enforcement', now === file.federationEnforcement, now || '(unset)', file.federationEnforcement, {
        area: 'federation-enforcement',
        body: { groups: file.federationEnforcement }
      })
    )
  }
  if (file.ssoCookie) {
    const now = current.ssoCookie?.name ?? ''
    settings.push(
      item('sso-cookie', now === file.ssoCookie.name, now ? `name ${now}` : '(unset)', `name ${file.ssoCookie.name}`, {
        area: 'sso-cookie',
        body: file.ssoCookie
      })
    )
  }

  const { certificates, unmanaged } = file.certificates
    ? planCertificates(file.certificates, current.certificates ?? [], options.prune)
    : { certificates: [], unmanaged: [] }
  const refusals = certificates
    .filter((c) => c.action === 'upload' && c.desired?.privateKey === undefined)
    .map((c) =>
      c.desired?.file === undefined
        ? `certificate ${c.name} is named by subject and validity but is not in the tenant; give certificate-file and private-key-from-env to upload it`
        : `certificate ${c.name} from ${c.desired.file} is not in the tenant and has no private-key-from-env to upload it with (only a certificate the tenant already holds, e.g. from complete-csr, may leave it out)`
    )
  return { settings, certificates, domainsToVerify, unmanagedCertificates: unmanaged, refusals }
}

function planCertificates(
  declared: DesiredCertificate[],
  current: Certificate[],
  prune: boolean
): { certificates: CertificateItem[]; unmanaged: string[] } {
  const unmatched = [...current]
  const items: CertificateItem[] = []
  for (const desired of declared) {
    const candidates = unmatched.filter((c) => sameIdentity(identityOfTenantCertificate(c), desired.identity))
    // Of two uploads of one certificate, keep the one already in the declared state.
    const match = candidates.find((c) => c.active === desired.active) ?? candidates[0]
    const name = describeIdentity(desired.identity)
    if (!match) {
      items.push({ kind: 'certificate', name, action: 'upload', id: undefined, desired })
      continue
    }
    unmatched.splice(unmatched.indexOf(match), 1)
    const action: CertificateAction = match.active === desired.active ? 'unchanged' : desired.active ? 'activate' : 'deactivate'
    items.push({ kind: 'certificate', name, action, id: match.id, desired })
  }
  const undeclared = unmatched.map((c) => ({ certificate: c, name: `${describeIdentity(identityOfTenantCertificate(c))} (id ${c.id})` }))
  if (prune) {
    for (const { certificate, name } of undeclared) {
      const action = certificate.active ? 'deactivate-and-delete' : 'delete'
      items.push({ kind: 'certificate', name, action, id: certificate.id, desired: undefined })
    }
  }
  items.sort((a, b) => CERTIFICATE_ORDER[a.action] - CERTIFICATE_ORDER[b.action])
  return { certificates: items, unmanaged: prune ? [] : undeclared.map((u) => u.name) }
}

function listText(values: readonly string[]): string {
  return values.length === 0 ? '(none)' : values.join(', ')
}

export function hasChanges(plan: SettingsPlan): boolean {
  return plan.settings.some((s) => s.action !== 'unchanged') || plan.certificates.some((c) => c.action !== 'unchanged')
}
