import * as core from '@actions/core'
import { renderDeclarationFile } from '../export/declaration-file.js'
import { settingsExport, type SettingsExport } from '../export/settings.js'
import { writeExportFile } from '../export/write.js'
import { markdownTable } from '../github/summary.js'
import { setOutput } from '../outputs.js'
import { EVERY_SETTING, readCurrentSettings } from '../settings/current.js'
import { CertificateClient } from '../tenant/certificates.js'
import { TenantSettingsClient } from '../tenant/settings.js'
import { requireTenant, type OperationContext } from './context.js'
import { requireExportInputs } from './export-esvs.js'

/**
 * `export-tenant-settings`: writes every settings area the tenant has as the file set-tenant-settings
 * reads, so that set-tenant-settings on it plans no change. Only reads; certificates are named by
 * subject, names and validity (the tenant never gives back a key, nor the certificate itself).
 */
export async function exportTenantSettings(context: OperationContext): Promise<void> {
  const options = requireExportInputs(context)
  const tenant = requireTenant(context)
  const current = await readCurrentSettings(EVERY_SETTING, new TenantSettingsClient(tenant.client), new CertificateClient(tenant.client))
  const exported = settingsExport(current)
  const header = [
    `Tenant settings exported by tenant-pilot export-tenant-settings from ${tenant.url} at ${new Date().toISOString()}.`,
    'Certificates are named by subject, names and validity: set-tenant-settings keeps them as they are. To replace one,',
    'give certificate-file and private-key-from-env instead.'
  ]
  const { written } = writeExportFile(options, renderDeclarationFile(exported.content, options.format, header))
  for (const warning of exported.warnings) core.warning(warning)
  core.info(
    `${written ? 'Wrote' : 'Unchanged:'} ${options.display}: ${exported.counts.areas} setting area(s), ${exported.counts.certificates} certificate(s) from ${tenant.url}`
  )
  setOutput('file', options.path)
  context.summary.add(settingsExportSummary(exported, { file: options.display, tenant: tenant.url, written }))
}

function settingsExportSummary(exported: SettingsExport, options: { file: string; tenant: string; written: boolean }): string {
  const rows = Object.entries(exported.content).map(([area, value]) => [`\`${area}\``, countOf(area, value)])
  const file = options.written
    ? `Written to \`${options.file}\`.`
    : `\`${options.file}\` already held this export (only its header would change): left as it was.`
  const warnings = exported.warnings.length > 0 ? `\n\n${exported.warnings.map((w) => `> ⚠️ ${w}`).join('\n>\n')}` : ''
  return `### Tenant settings exported from ${options.tenant}\n\n${file} ${exported.counts.areas} area(s), ${exported.counts.certificates} certificate(s).\n\n${markdownTable(['setting', 'exported'], rows)}${warnings}`
}

function countOf(area: string, value: unknown): string {
  if (area === 'certificates' && Array.isArray(value)) return `${value.length} certificate(s)`
  if (area === 'cookie-domains' && Array.isArray(value)) return `${value.length} domain(s)`
  if (area === 'content-security-policy' || area === 'custom-domains') return Object.keys(value as object).join(', ')
  if (area === 'sso-cookie') return `name ${(value as { name: string }).name}`
  return String(value)
}
