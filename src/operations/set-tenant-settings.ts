import * as core from '@actions/core'
import { runBounded } from '../concurrency.js'
import { ActionError, ApiError, errorMessage } from '../errors.js'
import { failOnFileProblems } from '../files/annotations.js'
import type { JsonHttpClient } from '../http/client.js'
import { setOutput } from '../outputs.js'
import { applyCertificates, applySetting, type SettingsChange } from '../settings/apply.js'
import { declaredAreas, loadSettingsFile, type TenantSettingsFile } from '../settings/file.js'
import { hasChanges, planSettings, type CurrentSettings, type SettingsPlan } from '../settings/plan.js'
import { settingsPlanLines, settingsSummary } from '../settings/render.js'
import { CertificateClient } from '../tenant/certificates.js'
import { connectTenant } from '../tenant/connect.js'
import { scopesFor, tenantSettingsScopes } from '../tenant/scopes.js'
import { TenantSettingsClient } from '../tenant/settings.js'
import { CSP_POLICIES, CUSTOM_DOMAIN_REALMS } from '../tenant/types.js'
import { requireTenant, type OperationContext } from './context.js'

/** Settings are a handful of independent PUTs; a few at once is plenty and spares the tenant. */
const SETTING_WRITES_IN_FLIGHT = 4

/**
 * `set-tenant-settings`: make the tenant's settings match a file. Validates
 * the whole file before any request, reads only the areas it declares (with
 * only their scopes), verifies new custom domains, then writes only what
 * differs: settings concurrently, certificates in order.
 */
export async function setTenantSettings(context: OperationContext): Promise<void> {
  const options = context.inputs.tenantSettings.settings
  if (!options) throw new ActionError('set-tenant-settings: the inputs were not parsed for this operation')
  const { file, problems } = loadSettingsFile(options.file, process.env)
  failOnFileProblems('settings-file', options.file, problems, 'Tenant settings file')
  if (!file) throw new ActionError(`settings-file ${options.file}: unusable; nothing was sent to the tenant`)
  const tenant = requireTenant(context)
  const http = leastPrivilegeClient(context, file, options.dryRun) ?? tenant.client
  const settings = new TenantSettingsClient(http)
  const certificates = new CertificateClient(http)

  const plan = planSettings(file, await readCurrent(file, settings, certificates), options)
  core.info(`Plan for ${options.file} against ${tenant.url}:`)
  for (const line of settingsPlanLines(plan)) core.info(`  ${line}`)
  if (plan.refusals.length > 0) {
    throw new ActionError(`Refused before any write:\n${plan.refusals.map((r) => `  - ${r}`).join('\n')}`)
  }
  await verifyCustomDomains(settings, plan.domainsToVerify)

  if (options.dryRun) {
    const planned = [
      ...plan.settings.filter((s) => s.action !== 'unchanged').map((s) => ({ setting: s.setting, action: s.action })),
      ...plan.certificates.filter((c) => c.action !== 'unchanged').map((c) => ({ setting: 'certificate', name: c.name, action: c.action }))
    ]
    setOutput('changed', planned)
    context.summary.add(settingsSummary(plan, { file: options.file, dryRun: true }))
    core.info('Dry run: nothing was written')
    return
  }
  if (!hasChanges(plan)) {
    setOutput('changed', [])
    context.summary.add(settingsSummary(plan, { file: options.file, dryRun: false, changes: unchangedResults(plan) }))
    core.info('The tenant already matches the file: nothing to write')
    return
  }
  const changes = await applyPlan(plan, settings, certificates)
  setOutput(
    'changed',
    changes.filter((c) => c.action !== 'unchanged')
  )
  context.summary.add(settingsSummary(plan, { file: options.file, dryRun: false, changes }))
}

/**
 * Without a `scopes` input the token asks only for the scopes of the areas the
 * file declares (undefined: keep the session's client, the scopes were given).
 */
function leastPrivilegeClient(context: OperationContext, file: TenantSettingsFile, dryRun: boolean): JsonHttpClient | undefined {
  const connection = context.inputs.tenant
  if (!connection || connection.auth.kind !== 'service-account') return undefined
  const defaults = scopesFor('set-tenant-settings')
  const given = connection.scopes.length !== defaults.length || connection.scopes.some((scope, i) => scope !== defaults[i])
  if (given) return undefined
  const scopes = tenantSettingsScopes(declaredAreas(file), dryRun)
  return connectTenant({ ...connection, scopes }, { operation: 'set-tenant-settings', http: context.inputs.http })
}

/** Reads only what the file declares, all at once. */
async function readCurrent(
  file: TenantSettingsFile,
  settings: TenantSettingsClient,
  certificates: CertificateClient
): Promise<CurrentSettings> {
  const current: CurrentSettings = { contentSecurityPolicy: {}, customDomains: {} }
  const reads: Promise<void>[] = []
  for (const policy of CSP_POLICIES) {
    if (file.contentSecurityPolicy?.[policy])
      reads.push(settings.getContentSecurityPolicy(policy).then((value) => void (current.contentSecurityPolicy[policy] = value)))
  }
  for (const realm of CUSTOM_DOMAIN_REALMS) {
    if (file.customDomains?.[realm])
      reads.push(settings.getCustomDomains(realm).then((value) => void (current.customDomains[realm] = value.domains ?? [])))
  }
  if (file.cookieDomains) reads.push(settings.getCookieDomains().then((value) => void (current.cookieDomains = value.domains ?? [])))
  if (file.federationEnforcement)
    reads.push(settings.getFederationEnforcement().then((value) => void (current.federationEnforcement = value.groups)))
  if (file.ssoCookie) reads.push(settings.getSsoCookie().then((value) => void (current.ssoCookie = value)))
  if (file.certificates) reads.push(certificates.listCertificates().then((value) => void (current.certificates = value)))
  await Promise.all(reads)
  return current
}

/**
 * Each new custom domain's CNAME must point at the tenant before the domain
 * is set; every failure is named, and nothing is written when there is one.
 */
async function verifyCustomDomains(settings: TenantSettingsClient, domains: readonly string[]): Promise<void> {
  const failures: string[] = []
  for (const domain of domains) {
    try {
      await settings.verifyCustomDomain(domain)
      core.info(`Custom domain ${domain}: CNAME verified`)
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 400)) throw error
      failures.push(`  - ${domain}: ${error.details.apiMessage ?? 'verification failed'}`)
    }
  }
  if (failures.length === 0) return
  throw new ActionError(
    `Custom domain verification failed; nothing was written. Point each domain's CNAME record at the tenant (see the tenant's custom domain settings), wait for DNS to update, and run again:\n${failures.join('\n')}`
  )
}

/** Settings run concurrently beside the certificates' ordered sequence; every failure is reported together. */
async function applyPlan(plan: SettingsPlan, settings: TenantSettingsClient, certificates: CertificateClient): Promise<SettingsChange[]> {
  const [settingResults, certificateResult] = await Promise.all([
    runBounded(plan.settings, SETTING_WRITES_IN_FLIGHT, (item) => applySetting(settings, item)),
    applyCertificates(certificates, plan.certificates)
  ])
  const changes = [...settingResults.filter((r) => r.ok).map((r) => (r as { value: SettingsChange }).value), ...certificateResult.changes]
  const failures = settingResults.filter((r) => !r.ok).map((f) => `  - ${f.item.setting}: ${errorMessage((f as { error: unknown }).error)}`)
  const certificateFailure = certificateResult.failure
  if (certificateFailure) {
    const skipped = plan.certificates.length - certificateResult.changes.length - 1
    failures.push(
      `  - certificate ${certificateFailure.item.name} (${certificateFailure.item.action}): ${errorMessage(certificateFailure.error)}${skipped > 0 ? `; the ${skipped} certificate step(s) after it were not run` : ''}`
    )
  }
  if (failures.length > 0) {
    const applied = changes.filter((c) => c.action !== 'unchanged').length
    throw new ActionError(
      `${failures.length} setting(s) failed; ${applied} other change(s) were applied (run again to finish):\n${failures.join('\n')}`
    )
  }
  return changes
}

function unchangedResults(plan: SettingsPlan): SettingsChange[] {
  return [
    ...plan.settings.map((s) => ({ setting: s.setting, action: 'unchanged' as const })),
    ...plan.certificates.map((c) => ({ setting: 'certificate', name: c.name, action: 'unchanged' as const }))
  ]
}
