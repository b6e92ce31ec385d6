import * as core from '@actions/core'
import { runBounded } from '../concurrency.js'
import { ActionError, ApiError, errorMessage, TimeoutError } from '../errors.js'
import { failOnFileProblems } from '../files/annotations.js'
import type { JsonHttpClient } from '../http/client.js'
import { readGitHubContext } from '../github/context.js'
import { setOutput } from '../outputs.js'
import { holdToApprovedPlan, publishOutcome, publishPlan, type PlanPublication } from '../plans/comment.js'
import { settingsPlanModel } from '../plans/settings.js'
import { poll, formatDuration } from '../poller.js'
import { applyCertificates, applySetting, type CertificateWaits, type SettingsChange } from '../settings/apply.js'
import { readCurrentSettings, readsFor } from '../settings/current.js'
import { CERTIFICATE_LIVE_TIMEOUT_MS } from '../waits.js'
import { declaredAreas, loadSettingsFile, type TenantSettingsFile } from '../settings/file.js'
import { hasChanges, planSettings, type SettingsPlan } from '../settings/plan.js'
import { settingsPlanLines, settingsSummary } from '../settings/render.js'
import { CertificateClient } from '../tenant/certificates.js'
import { connectTenant } from '../tenant/connect.js'
import { scopesFor, tenantSettingsScopes } from '../tenant/scopes.js'
import { TenantSettingsClient } from '../tenant/settings.js'
import { refusalsMarkdown, settingsDriftCount } from '../drift/count.js'
import { driftIssueTargetFor, reportDrift } from '../drift/report.js'
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
  const detectDrift = context.inputs.drift.detect
  const driftIssue = driftIssueTargetFor(context.inputs)
  const http = leastPrivilegeClient(context, file, options.dryRun) ?? tenant.client
  const settings = new TenantSettingsClient(http)
  const certificates = new CertificateClient(http)

  const plan = planSettings(file, await readCurrentSettings(readsFor(file), settings, certificates), options)
  core.info(`Plan for ${options.file} against ${tenant.url}:`)
  for (const line of settingsPlanLines(plan)) core.info(`  ${line}`)
  // A drift run reports what stops an apply as drift rather than failing on it.
  if (plan.refusals.length > 0 && !detectDrift) {
    throw new ActionError(`Refused before any write:\n${plan.refusals.map((r) => `  - ${r}`).join('\n')}`)
  }
  const publication: PlanPublication = {
    model: settingsPlanModel(plan, { file: options.file, tenantUrl: tenant.url }),
    showValues: false,
    inputs: context.inputs,
    github: readGitHubContext(),
    summary: context.summary
  }
  // Held to the approved plan before anything is sent but reads (a domain's verification included).
  const gate = options.dryRun ? undefined : await holdToApprovedPlan(publication)
  // A drift run only reads: a new domain is drift already, and verifying it is a POST.
  if (!detectDrift)
    await verifyCustomDomains(settings, plan.domainsToVerify, {
      pollIntervalMs: context.inputs.waits.pollIntervalMs,
      timeoutMs: options.domainVerifyTimeoutMs,
      dryRun: options.dryRun
    })

  if (options.dryRun) {
    const planned = [
      ...plan.settings.filter((s) => s.action !== 'unchanged').map((s) => ({ setting: s.setting, action: s.action })),
      ...plan.certificates.filter((c) => c.action !== 'unchanged').map((c) => ({ setting: 'certificate', name: c.name, action: c.action }))
    ]
    setOutput('changed', planned)
    const markdown = planMarkdown(plan, options.file)
    core.info('Dry run: nothing was written')
    if (!detectDrift) {
      context.summary.add(markdown)
      await publishPlan(publication)
    } else
      await reportDrift(
        { inputs: context.inputs, summary: context.summary, target: driftIssue },
        {
          operation: 'set-tenant-settings',
          file: options.file,
          tenantUrl: tenant.url,
          count: settingsDriftCount(plan),
          planMarkdown: markdown
        }
      )
    return
  }
  if (!gate) throw new ActionError('set-tenant-settings: an apply without its plan gate')
  if (!hasChanges(plan)) {
    setOutput('changed', [])
    context.summary.add(settingsSummary(plan, { file: options.file, dryRun: false, changes: unchangedResults(plan) }))
    core.info('The tenant already matches the file: nothing to write')
    await publishOutcome(publication, gate, { status: 'applied', results: new Map() })
    return
  }
  let changes: SettingsChange[]
  try {
    changes = await applyPlan(plan, settings, certificates, {
      pollIntervalMs: context.inputs.waits.pollIntervalMs,
      timeoutMs: CERTIFICATE_LIVE_TIMEOUT_MS
    })
  } catch (error) {
    await publishOutcome(publication, gate, { status: 'failed', failure: errorMessage(error) })
    throw error
  }
  setOutput(
    'changed',
    changes.filter((c) => c.action !== 'unchanged')
  )
  context.summary.add(settingsSummary(plan, { file: options.file, dryRun: false, changes }))
  await publishOutcome(publication, gate, { status: 'applied', results: new Map(changes.map((c) => [c.name ?? c.setting, c.action])) })
}

/** The plan as markdown (job summary, drift issue): the one place a dry run's plan is rendered. */
function planMarkdown(plan: SettingsPlan, file: string): string {
  return settingsSummary(plan, { file, dryRun: true }) + refusalsMarkdown(plan.refusals)
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

interface DomainVerification {
  pollIntervalMs: number
  /** domain-verify-timeout: how long a CNAME may take to propagate. */
  timeoutMs: number
  dryRun: boolean
}

/** The tenant's answer while a CNAME does not (yet) point at it, as Ping's Terraform provider matches it. */
const CNAME_NOT_VERIFIED = /CNAME (validation|verification) failed/i

/**
 * Each new custom domain's CNAME must point at the tenant before the domain is set. While DNS
 * propagates the tenant answers 400 "CNAME validation failed", so each is asked again at
 * poll-interval until domain-verify-timeout, as Ping's Terraform provider does
 * (pingidentity/terraform-provider-identitycloud internal/resource/customdomains/custom_domain_verify_resource.go);
 * every domain still failing is named, and nothing is written when there is one.
 */
async function verifyCustomDomains(settings: TenantSettingsClient, domains: readonly string[], waits: DomainVerification): Promise<void> {
  // All at once: DNS propagates for each in parallel, so the grace is domain-verify-timeout, not a multiple of it.
  const results = await Promise.all(domains.map(async (domain) => ({ domain, failure: await verifyCustomDomain(settings, domain, waits) })))
  const failures = results.filter((r) => r.failure !== undefined).map((r) => `  - ${r.domain}: ${r.failure}`)
  if (failures.length === 0) return
  throw new ActionError(
    `Custom domain verification failed after ${formatDuration(waits.timeoutMs)} (domain-verify-timeout); nothing was written. Point each domain's CNAME record at the tenant (see the tenant's custom domain settings), wait for DNS to update (or raise domain-verify-timeout), and run again:\n${failures.join('\n')}`
  )
}

/** Undefined once verified; else why it still fails. */
async function verifyCustomDomain(settings: TenantSettingsClient, domain: string, waits: DomainVerification): Promise<string | undefined> {
  let lastFailure = 'verification failed'
  const attempt = async (): Promise<boolean> => {
    try {
      await settings.verifyCustomDomain(domain)
      return true
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 400 && CNAME_NOT_VERIFIED.test(error.details.apiMessage ?? ''))) throw error
      lastFailure = error.details.apiMessage ?? lastFailure
      return false
    }
  }
  try {
    await poll({
      what: `the CNAME of custom domain ${domain} to verify`,
      intervalMs: waits.pollIntervalMs,
      timeoutMs: waits.timeoutMs,
      timeoutInput: 'domain-verify-timeout',
      check: attempt,
      describe: (verified) => (verified ? 'verified' : 'not verified yet'),
      done: (verified) => verified
    })
    core.info(`Custom domain ${domain}: CNAME verified`)
    return undefined
  } catch (error) {
    if (error instanceof TimeoutError) return lastFailure
    // Another refusal is no DNS delay: named at once, not asked again.
    if (error instanceof ApiError && error.status === 400) return error.details.apiMessage ?? 'verification failed (HTTP 400)'
    // A read-only (plan) account may not verify: the real run verifies before it writes.
    if (waits.dryRun && error instanceof ApiError && error.status === 403) {
      core.warning(
        `Custom domain ${domain}: not verified in this dry run, as the read-only scopes do not allow POST /environment/custom-domains?_action=verify; the run that applies the file verifies it first`
      )
      return undefined
    }
    throw error
  }
}

/** Settings run concurrently beside the certificates' ordered sequence; every failure is reported together. */
async function applyPlan(
  plan: SettingsPlan,
  settings: TenantSettingsClient,
  certificates: CertificateClient,
  waits: CertificateWaits
): Promise<SettingsChange[]> {
  const [settingResults, certificateResult] = await Promise.all([
    runBounded(plan.settings, SETTING_WRITES_IN_FLIGHT, (item) => applySetting(settings, item)),
    applyCertificates(certificates, plan.certificates, waits)
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
