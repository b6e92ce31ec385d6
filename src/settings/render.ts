import { countBy } from '../esvs/render.js'
import { codeSpan, escapeProse, markdownTable } from '../github/summary.js'
import type { SettingsChange } from './apply.js'
import type { CertificateAction, CertificateItem, SettingItem, SettingsPlan } from './plan.js'

const CERTIFICATE_LABEL: Record<CertificateAction, string> = {
  upload: 'upload',
  activate: 'activate',
  deactivate: 'deactivate',
  delete: 'delete',
  'deactivate-and-delete': 'deactivate, then delete',
  unchanged: 'unchanged'
}

const CERTIFICATE_SYMBOL: Record<CertificateAction, string> = {
  upload: '+',
  activate: '~',
  deactivate: '~',
  delete: '-',
  'deactivate-and-delete': '-',
  unchanged: '='
}

/** One log line per setting and certificate, Terraform-style. Never a private key. */
export function settingsPlanLines(plan: SettingsPlan): string[] {
  const lines = [
    ...plan.settings.map((item) => `${item.action === 'update' ? '~' : '='} ${item.setting}: ${settingText(item)}`),
    ...plan.certificates.map((item) => `${CERTIFICATE_SYMBOL[item.action]} certificate ${item.name}: ${certificateText(item)}`)
  ]
  for (const domain of plan.domainsToVerify) lines.push(`  (verify) custom domain ${domain}: its CNAME is checked before any write`)
  for (const name of plan.unmanagedCertificates) lines.push(`  (kept)   certificate ${name}: in the tenant, not in the file (prune is off)`)
  return lines
}

function settingText(item: SettingItem): string {
  return item.action === 'update' ? `update (${item.from} → ${item.to})` : `unchanged (${item.to})`
}

function certificateText(item: CertificateItem): string {
  const status = item.desired ? (item.desired.active ? ' (active)' : ' (inactive)') : ''
  return `${CERTIFICATE_LABEL[item.action]}${item.action === 'upload' ? status : ''}`
}

export function settingsSummary(plan: SettingsPlan, options: { file: string; dryRun: boolean; changes?: SettingsChange[] }): string {
  const results = new Map(options.changes?.map((c) => [c.name ?? c.setting, c.action]))
  const rows = [
    // What the tenant holds reaches issues and comments (the drift issue): escaped, never markup of its own.
    ...plan.settings.map((item) => [
      codeSpan(item.setting),
      options.dryRun ? (item.action === 'update' ? 'update' : 'unchanged') : (results.get(item.setting) ?? 'failed'),
      item.action === 'update' ? `${escapeProse(item.from)} → ${escapeProse(item.to)}` : escapeProse(item.to)
    ]),
    ...plan.certificates.map((item) => [
      'certificate',
      options.dryRun ? CERTIFICATE_LABEL[item.action] : (results.get(item.name) ?? 'not done'),
      `${escapeProse(item.name)}${item.desired?.file ? ` from ${codeSpan(item.desired.file)}` : ''}`
    ])
  ]
  const heading = options.dryRun
    ? `### Tenant settings plan for ${codeSpan(options.file)} (dry run: nothing written)`
    : `### Tenant settings from ${codeSpan(options.file)}`
  const counts = countBy(rows.map((row) => row[1]!))
  const verify =
    plan.domainsToVerify.length > 0 ? `\n\nCustom domains verified (CNAME): ${plan.domainsToVerify.map(codeSpan).join(', ')}` : ''
  const kept =
    plan.unmanagedCertificates.length > 0
      ? `\n\nCertificates in the tenant but not in the file (kept; \`prune: true\` deletes them): ${plan.unmanagedCertificates.map(escapeProse).join('; ')}`
      : ''
  return `${heading}\n\n${counts}\n\n${markdownTable(['setting', options.dryRun ? 'plan' : 'result', 'detail'], rows)}${verify}${kept}`
}
