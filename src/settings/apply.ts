import type { CertificateClient } from '../tenant/certificates.js'
import type { TenantSettingsClient } from '../tenant/settings.js'
import { identityOfTenantCertificate, sameIdentity } from './certificate-identity.js'
import type { CertificateItem, SettingItem, SettingWrite } from './plan.js'

export type AppliedAction = 'updated' | 'uploaded' | 'activated' | 'deactivated' | 'deleted' | 'unchanged'

/** One entry of the `changed` output: a setting, or a certificate by name. */
export interface SettingsChange {
  setting: string
  action: AppliedAction
  /** Certificates: subject, names and expiry. */
  name?: string
  /** Certificates: the tenant's id. */
  id?: string
}

export async function applySetting(client: TenantSettingsClient, item: SettingItem): Promise<SettingsChange> {
  if (item.action === 'update') await write(client, item.write)
  return { setting: item.setting, action: item.action === 'update' ? 'updated' : 'unchanged' }
}

async function write(client: TenantSettingsClient, target: SettingWrite): Promise<void> {
  switch (target.area) {
    case 'content-security-policy':
      await client.putContentSecurityPolicy(target.policy, target.body)
      return
    case 'cookie-domains':
      await client.putCookieDomains(target.body)
      return
    case 'custom-domains':
      await client.putCustomDomains(target.realm, target.body)
      return
    case 'federation-enforcement':
      await client.putFederationEnforcement(target.body)
      return
    case 'sso-cookie':
      await client.putSsoCookie(target.body)
      return
  }
}

/**
 * Carries out the certificate items in plan order, one at a time, and stops at
 * the first failure: deactivating or deleting the old certificate after the
 * new one failed to go live would leave the tenant without one.
 */
export async function applyCertificates(
  client: CertificateClient,
  items: readonly CertificateItem[]
): Promise<{ changes: SettingsChange[]; failure?: { item: CertificateItem; error: unknown } }> {
  const changes: SettingsChange[] = []
  for (const item of items) {
    try {
      const { action, id } = await applyCertificate(client, item)
      changes.push({ setting: 'certificate', name: item.name, id, action })
    } catch (error) {
      return { changes, failure: { item, error } }
    }
  }
  return { changes }
}

async function applyCertificate(client: CertificateClient, item: CertificateItem): Promise<{ action: AppliedAction; id?: string }> {
  switch (item.action) {
    case 'upload': {
      const desired = item.desired!
      if (desired.privateKey === undefined) throw new Error(`${item.name}: no private key to upload it with`)
      const made = await client.uploadCertificate(
        { certificate: desired.pem, privateKey: desired.privateKey, active: desired.active },
        (certificate) => sameIdentity(identityOfTenantCertificate(certificate), desired.identity)
      )
      // An upload found after a lost answer may not carry the declared status yet.
      if (made.active !== desired.active) await client.setCertificateActive(made.id, desired.active)
      return { action: 'uploaded', id: made.id }
    }
    case 'activate':
      await client.setCertificateActive(item.id!, true)
      return { action: 'activated', id: item.id }
    case 'deactivate':
      await client.setCertificateActive(item.id!, false)
      return { action: 'deactivated', id: item.id }
    case 'deactivate-and-delete':
      await client.setCertificateActive(item.id!, false)
      await client.deleteCertificate(item.id!)
      return { action: 'deleted', id: item.id }
    case 'delete':
      await client.deleteCertificate(item.id!)
      return { action: 'deleted', id: item.id }
    case 'unchanged':
      return { action: 'unchanged', id: item.id }
  }
}
