import type { CertificateAction, CertificateItem, SettingItem, SettingsPlan } from '../settings/plan.js'
import { identityKey } from '../settings/certificate-identity.js'
import { planFingerprint, sha256Hex, sortItems } from './canonical.js'
import type { CanonicalValue, PlanItem, PlanModel } from './types.js'

const CERTIFICATE_LABEL: Record<Exclude<CertificateAction, 'unchanged'>, string> = {
  upload: 'upload',
  activate: 'activate',
  deactivate: 'deactivate',
  delete: 'delete',
  'deactivate-and-delete': 'deactivate, then delete'
}

/** The set-tenant-settings plan as reviewers see it and the apply compares: each setting's desired state, each certificate step. */
export function settingsPlanModel(plan: SettingsPlan, context: { file: string; tenantUrl: string }): PlanModel {
  const settings = plan.settings.filter((item) => item.action !== 'unchanged')
  const certificates = plan.certificates.filter((item) => item.action !== 'unchanged')
  const items = sortItems([...settings.map(settingItem), ...certificates.map(certificateItem)])
  const notes: string[] = []
  if (plan.domainsToVerify.length > 0)
    notes.push(`Custom domains whose CNAME is verified before any write: ${plan.domainsToVerify.map((d) => `\`${d}\``).join(', ')}`)
  if (plan.unmanagedCertificates.length > 0)
    notes.push(
      `Certificates in the tenant but not in the file (kept; \`prune: true\` deletes them): ${plan.unmanagedCertificates.join('; ')}`
    )
  return {
    operation: 'set-tenant-settings',
    file: context.file,
    tenantUrl: context.tenantUrl,
    items,
    unchanged: plan.settings.length - settings.length + plan.certificates.length - certificates.length,
    notes,
    fingerprint: planFingerprint(
      'set-tenant-settings',
      context.tenantUrl,
      context.file,
      items.map((item) => item.entry)
    )
  }
}

/** A setting's change is its whole desired state, as the one request that sets it carries it. */
function settingItem(item: SettingItem): PlanItem {
  return {
    entry: { key: `setting ${item.setting}`, action: item.action, content: { desired: item.write.body as unknown as CanonicalValue } },
    row: { change: 'update', kind: 'setting', name: item.setting, detail: `${item.from} → ${item.to}` },
    resultKey: item.setting
  }
}

/** A certificate by what it certifies (or, pruned, by the tenant's id); its PEM by hash; a private key only as given or not. */
function certificateItem(item: CertificateItem): PlanItem {
  const action = item.action as Exclude<CertificateAction, 'unchanged'>
  const desired = item.desired
  const content: { [key: string]: CanonicalValue } = desired
    ? {
        identity: identityKey(desired.identity),
        active: desired.active,
        ...(action === 'upload' && desired.pem !== undefined
          ? { pem: `sha256:${sha256Hex(desired.pem)}`, privateKey: desired.privateKey !== undefined }
          : {})
      }
    : { id: item.id ?? null }
  return {
    entry: { key: `certificate ${desired ? identityKey(desired.identity) : `id ${item.id ?? ''}`}`, action, content },
    row: {
      change: CERTIFICATE_LABEL[action],
      kind: 'certificate',
      name: item.name,
      detail: desired
        ? `from \`${desired.file}\`${action === 'upload' ? (desired.active ? ' (active)' : ' (inactive)') : ''}`
        : 'not in the file (prune)'
    },
    resultKey: item.name
  }
}
