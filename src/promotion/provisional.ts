import * as core from '@actions/core'
import { connectTenant } from '../tenant/connect.js'
import { PromotionClient } from '../tenant/promotion.js'
import type { PromotionReport } from '../tenant/types.js'
import type { PromotionSession } from './session.js'

export interface ProvisionalReading {
  report: PromotionReport
  /** Which tenant answered, for the log, summary and comment (markdown). */
  source: string
}

/**
 * The provisional report (changes in the lower environment since its last promotion; no lock,
 * informational, a dry run is the real check). Peers read it from the lower tenant
 * (ForgeRock/fr-config-manager check-promotion-reports.js): with lower-tenant-url so does this;
 * without it the upper tenant is asked. The log says which answered.
 */
export async function readProvisionalReport(session: PromotionSession): Promise<ProvisionalReading> {
  const { inputs } = session.context
  const lower = inputs.lowerTenant
  const client = lower
    ? new PromotionClient(connectTenant(lower, { operation: inputs.operation, http: inputs.http, label: 'lower tenant' }))
    : session.client
  const report = await client.provisionalReport()
  const source = lower
    ? `Provisional report read from the lower tenant \`${lower.url}\` (lower-tenant-url).`
    : `Provisional report read from the upper tenant \`${session.tenantUrl}\` (give lower-tenant-url to read it from the lower tenant).`
  core.info(source.replace(/`/g, ''))
  return { report, source }
}
