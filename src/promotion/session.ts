import type { ApprovalRecord } from '../approval/types.js'
import { readGitHubContext, type GitHubContext } from '../github/context.js'
import { resolvePullRequest, type PullRequestResolution } from '../github/pull-request.js'
import type { HeldLock } from '../github/marker.js'
import { requireTenant, type OperationContext } from '../operations/context.js'
import type { AssessedReport } from '../report/changes.js'
import type { PromotionStatus } from '../report/types.js'
import { PromotionClient } from '../tenant/promotion.js'
import type { PromotionRequest, RollbackRequest } from '../tenant/types.js'
import { publishOutcome, type Approval } from './publish.js'

/** What every promotion operation works with: the upper tenant, the GitHub run and its PR. */
export interface PromotionSession {
  context: OperationContext
  client: PromotionClient
  /** The upper environment. */
  tenantUrl: string
  github: GitHubContext
  pr: PullRequestResolution
}

export async function openPromotionSession(context: OperationContext): Promise<PromotionSession> {
  const tenant = requireTenant(context)
  // Who may start it was decided before any request (src/github/event-gate.ts).
  const github = readGitHubContext()
  return {
    context,
    client: new PromotionClient(tenant.client),
    tenantUrl: tenant.url,
    github,
    pr: await resolvePullRequest(context.inputs.github, github, context.inputs.http)
  }
}

/** What a publication says beside its status and report. */
export interface PublishExtras {
  failure?: string
  /** Which tenant the report was read from (the provisional report). */
  source?: string
  heldLock?: HeldLock
  approvedBy?: ApprovalRecord
  blockers?: string[]
}

export function publish(
  session: PromotionSession,
  status: PromotionStatus,
  assessed: AssessedReport | undefined,
  approval: Approval,
  extras: PublishExtras = {}
): Promise<void> {
  return publishOutcome({
    operation: session.context.inputs.operation,
    tenantUrl: session.tenantUrl,
    status,
    assessed,
    approval,
    github: session.github,
    pr: session.pr,
    commentEnabled: session.context.inputs.github.comment,
    summary: session.context.summary,
    pair: pairNames(session),
    description: session.context.inputs.promotion.description,
    ...extras
  })
}

/** lower-name and upper-name; the lower tenant's host when lower-tenant-url names it (the upper's is the default). */
function pairNames(session: PromotionSession): { lower?: string; upper?: string } {
  const { promotion, lowerTenant } = session.context.inputs
  const lower = promotion.lowerName ?? (lowerTenant ? new URL(lowerTenant.url).host : undefined)
  return { ...(lower ? { lower } : {}), ...(promotion.upperName ? { upper: promotion.upperName } : {}) }
}

/** The run's record in the tenant: who (default the GitHub actor), why, and the ticket. */
export function rollbackRequest(session: PromotionSession, unlockAfter: boolean): RollbackRequest {
  const { promotion } = session.context.inputs
  const request: RollbackRequest = {
    promoter: promotion.promoter ?? session.github.actor ?? 'tenant-pilot',
    unlockEnvironmentsAfterPromotion: unlockAfter
  }
  if (promotion.description) request.promotionDescription = promotion.description
  if (promotion.ticketReference) request.zendeskTicketReference = promotion.ticketReference
  return request
}

export function promotionRequest(session: PromotionSession, dryRun: boolean, unlockAfter: boolean): PromotionRequest {
  return {
    dryRun,
    ignoreEncryptedSecrets: session.context.inputs.promotion.ignoreEncryptedSecrets,
    ...rollbackRequest(session, unlockAfter)
  }
}
