import * as core from '@actions/core'
import { approvalLine, approvedByReviews, breakGlass } from '../approval/gate.js'
import { appliedAt, publishedAt } from '../approval/publication.js'
import { REFUSED_EVENTS, type ApprovalRecord, type MergedPullRequest } from '../approval/types.js'
import { ActionError, ApprovalError, errorMessage, isForbidden } from '../errors.js'
import type { GitHubApi } from '../github/api.js'
import { statusContext, statusDescription, type StatusKind } from '../github/commit-status.js'
import { eventPullRequestNumber, runUrl, type GitHubContext } from '../github/context.js'
import { readOnlyForkToken, setPullRequestCheck } from '../github/pr-check.js'
import { connectRepository, linkTo, resolvePullRequest, type PullRequestLink } from '../github/pull-request.js'
import { authorName } from '../github/identity.js'
import {
  findOwnComment,
  findSticky,
  markedCommentStore,
  writeSticky,
  type StickyComment,
  type StickyLookup
} from '../github/sticky-comment.js'
import type { IssueComment } from '../github/types.js'
import type { JobSummary } from '../github/summary.js'
import type { ActionInputs } from '../inputs/types.js'
import { setOutput } from '../outputs.js'
import { changeSummary, COMMENT_LIMIT } from '../promotion/publish.js'
import { displayFingerprint } from '../report/fingerprint.js'
import { redact } from '../secrets.js'
import { markedItems, planDifference } from './canonical.js'
import { planKey, planMarkers, renderPlanMarker } from './marker.js'
import { renderPlan, showsPlanTable, type PlanView } from './render.js'
import type { PlanMarker, PlanModel, PlanStatus } from './types.js'

/** At most this many lines of difference in the error; the comment shows the whole plan. */
const MAX_DIFFERENCE_LINES = 20
const FULL_PLAN_HINT = 'The whole plan is in the job summary of the run that made it.'

/** A plan and where it is shown: the run's inputs, its GitHub context and job summary. */
export interface PlanPublication {
  model: PlanModel
  showValues: boolean
  inputs: Pick<ActionInputs, 'github' | 'http' | 'plans'>
  github: GitHubContext
  summary: JobSummary
}

/** The plan the apply holds itself to, the comment that shows it (updated with the outcome) and its claim. */
export interface PlanGate {
  approved: { fingerprint: string; items: PlanMarker['items']; source: string; record: ApprovalRecord } | undefined
  comment: PlanComment | undefined
  /** The check on the approving PR's head that records this plan's apply (once-only). */
  claim: PlanClaim | undefined
}

interface PlanComment {
  link: PullRequestLink
  lookup: StickyLookup<IssueComment, PlanMarker>
}

interface PlanClaim {
  link: PullRequestLink
  headSha: string
}

/**
 * A dry run's plan: the fingerprint in the outputs and the job summary, and, on a pull request, the
 * plan's sticky comment (one per operation, tenant and file), created or updated in place, and its check
 * on the PR's head. Nothing can approve a plan nobody can see, so failing to post either fails the run,
 * except on a fork's pull_request event (a read-only token): a warning, the plan is in the job summary.
 */
export async function publishPlan(publication: PlanPublication): Promise<void> {
  const { model, github, inputs } = publication
  setOutput('plan-fingerprint', displayFingerprint(model.fingerprint))
  publication.summary.add(`Plan fingerprint: \`${displayFingerprint(model.fingerprint)}\``)
  if (!inputs.github.comment) return
  const onPullRequest = eventPullRequestNumber(github) !== undefined || inputs.github.prNumber !== undefined
  if (!onPullRequest) return
  const pr = await resolvePullRequest(inputs.github, github, inputs.http)
  if (!pr.link) {
    core.warning(`No plan comment: ${pr.reason}. The plan is in the job summary.`)
    return
  }
  const scheme = schemeOf(model)
  let url: string
  try {
    const lookup = await findSticky(markedCommentStore(pr.link, scheme))
    url = await writeComment(publication, { link: pr.link, lookup }, 'planned', {}, () => ({
      fingerprint: model.fingerprint,
      items: markedItems(model)
    }))
  } catch (error) {
    if (readOnlyForkToken(github, error)) {
      core.warning(`Could not post the plan comment on #${pr.link.number}: ${writeProblem(error)}. The plan is in the job summary.`)
      return
    }
    throw new ActionError(
      `Could not post the plan comment on PR #${pr.link.number}: ${writeProblem(error)}. Without it this plan cannot be approved; run it again`
    )
  }
  await setPullRequestCheck(pr.link, github, {
    context: contextOf(model),
    kind: 'Plan',
    fingerprint: model.fingerprint,
    state: 'success',
    summary: changeSummary(
      model.items.map(({ entry }) => ({
        kind: entry.action === 'delete' || entry.action === 'deactivate-and-delete' ? 'deleted' : entry.action
      }))
    ),
    url
  })
}

/**
 * Before any write: the approved plan is the merged PR's plan comment, approved by reviews after the
 * plan was published (the shared gate), or approved-plan (break-glass). The plan computed now must have
 * its fingerprint and be the table the comment shows, or the apply is refused, naming what differs.
 * The apply is then claimed on the PR's head, so the approval is applied once. Without an approved plan
 * the apply goes on only when require-approval: false is given (the default, true, on every event).
 */
export async function holdToApprovedPlan(publication: PlanPublication): Promise<PlanGate> {
  const { model, inputs } = publication
  setOutput('plan-fingerprint', displayFingerprint(model.fingerprint))
  // One rule for every event, as promote's: only require-approval: false applies without an approval.
  const required = inputs.plans.requireApproval
  const found = await approvedPlan(publication)
  if (!found.approved) {
    if (required) {
      throw new ApprovalError(
        `No approved plan for ${model.file} on ${model.tenantUrl} (${found.reason}); nothing was written. Run this step with dry-run: true on the pull request ` +
          '(its comment carries the plan) and have it reviewed before the merge, pass approved-plan (break-glass), or set require-approval: false'
      )
    }
    core.info(`No approved plan (${found.reason}); require-approval is off, so the plan computed now is applied`)
    return { approved: undefined, comment: found.comment, claim: undefined }
  }
  const approved = found.approved
  const gate: PlanGate = { approved, comment: found.comment, claim: found.claim }
  core.info(`Approved plan ${displayFingerprint(approved.fingerprint)} (${approved.source})`)
  publication.summary.add(`**Approval:** ${approvalLine(approved.record)}`)
  if (approved.fingerprint !== model.fingerprint) {
    const refusal = changedSinceApproval(approved.fingerprint, approved.items, model)
    await publishOutcome(publication, gate, { status: 'refused', failure: refusal })
    throw new ActionError(refusal)
  }
  if (found.comment?.lookup.sticky && approved.record.kind === 'review') {
    const sticky = found.comment.lookup.sticky
    if (!showsPlanTable(sticky.comment.body ?? '', model, FULL_PLAN_HINT)) {
      throw new ApprovalError(
        `The plan comment ${sticky.comment.html_url || `#${sticky.comment.id}`} does not show the plan it approves (its table was edited, or is not this plan's): ` +
          'nothing was written. Run the plan on the pull request again and have it reviewed'
      )
    }
  }
  if (gate.claim) await claimApply(publication, gate.claim, approved)
  return gate
}

type FoundPlan = { approved: PlanGate['approved']; comment: PlanComment | undefined; claim: PlanClaim | undefined; reason: string }

/** approved-plan (break-glass), else the merged PR's reviewed plan; never a PR's own plan on its own event. */
async function approvedPlan(publication: PlanPublication): Promise<FoundPlan> {
  const { github, inputs } = publication
  const eventName = github.eventName ?? ''
  if (REFUSED_EVENTS.has(eventName)) {
    return {
      approved: undefined,
      comment: undefined,
      claim: undefined,
      reason: `on ${eventName} events no plan is approved: only a merge (push, or pr-number of the merged PR) or approved-plan approves one`
    }
  }
  if (inputs.plans.approvedPlan) return breakGlassPlan(publication, inputs.plans.approvedPlan)
  const repository = connectRepository(inputs.github, github, inputs.http)
  if (!repository.api) return { approved: undefined, comment: undefined, claim: undefined, reason: repository.reason }
  const { api } = repository
  let approved
  try {
    approved = await approvedByReviews({
      api,
      github,
      prNumber: inputs.github.prNumber,
      rule: { requiredApprovals: inputs.github.requiredApprovals },
      breakGlassInputs: 'approved-plan',
      find: (pullRequest) => reviewedPlan(publication, api, pullRequest),
      usedBefore: (evidence) => appliedAt({ ...evidence.check, what: 'plan' })
    })
  } catch (error) {
    if (error instanceof ApprovalError) return { approved: undefined, comment: undefined, claim: undefined, reason: error.message }
    throw error
  }
  const { evidence, record } = approved
  return {
    approved: {
      fingerprint: evidence.marker.fingerprint,
      items: evidence.marker.items,
      source: `from ${evidence.where}; ${approvalLine(record)}`,
      record
    },
    comment: evidence.comment,
    claim: { link: evidence.comment.link, headSha: record.pullRequest.headSha },
    reason: ''
  }
}

interface PlanEvidence {
  what: string
  where: string
  publishedAt: string
  marker: PlanMarker
  comment: PlanComment
  check: Omit<Parameters<typeof appliedAt>[0], 'what'>
}

/** The plan the merged PR's comment (the action's own) shows, dated by its check on the PR's head. */
async function reviewedPlan(publication: PlanPublication, api: GitHubApi, pullRequest: MergedPullRequest): Promise<PlanEvidence> {
  const { model, inputs } = publication
  const link = linkTo(api, inputs.github, pullRequest.number)
  const scheme = schemeOf(model)
  const own = await findOwnComment(link, scheme)
  if (!own.ok) throw new ApprovalError(own.reason)
  const { sticky } = own
  if (!sticky) throw new ApprovalError(`PR #${pullRequest.number} has no plan comment for ${scheme.label} by ${authorName(own.author)}`)
  const where = `PR #${pullRequest.number}'s plan comment ${sticky.comment.html_url || `#${sticky.comment.id}`}`
  if (sticky.marker.status !== 'planned') {
    throw new ApprovalError(
      `${where} shows an apply's outcome (${sticky.marker.status}), not a plan: a new plan needs a new pull request (or approved-plan)`
    )
  }
  const check = {
    api,
    headSha: pullRequest.headSha,
    context: contextOf(model),
    author: own.author.login,
    fingerprint: sticky.marker.fingerprint
  }
  const published = await publishedAt({ ...check, what: 'plan' })
  return {
    what: 'plan',
    where,
    publishedAt: published,
    marker: sticky.marker,
    comment: { link, lookup: { sticky, author: own.author } },
    check
  }
}

/**
 * approved-plan is workflow configuration: the environment's required reviewers approve the run. With
 * pr-number, the PR's plan comment shows the outcome and its head records the claim (once-only).
 */
async function breakGlassPlan(publication: PlanPublication, fingerprint: string): Promise<FoundPlan> {
  const { inputs, github, model } = publication
  const record = breakGlass('approved-plan')
  let comment: PlanComment | undefined
  let claim: PlanClaim | undefined
  if (inputs.github.prNumber !== undefined) {
    const pr = await resolvePullRequest(inputs.github, github, inputs.http)
    if (pr.link) {
      const own = await findOwnComment(pr.link, schemeOf(model))
      if (own.ok && own.sticky) {
        comment = { link: pr.link, lookup: { sticky: own.sticky, author: own.author } }
        const head = (await pr.link.api.pullRequest(pr.link.number)).head.sha
        const used = await appliedAt({
          api: pr.link.api,
          headSha: head,
          context: contextOf(model),
          author: own.author.login,
          fingerprint,
          what: 'plan'
        })
        if (used)
          throw new ApprovalError(`approved-plan ${displayFingerprint(fingerprint)} is no approval any more: ${used}. Nothing was written`)
        claim = { link: pr.link, headSha: head }
      }
    }
  }
  const items = comment?.lookup.sticky?.marker.fingerprint === fingerprint ? comment.lookup.sticky.marker.items : undefined
  return { approved: { fingerprint, items, source: 'from approved-plan (break-glass)', record }, comment, claim, reason: '' }
}

/** Before the first write: the PR's head records that this approved plan is being applied, or nothing is. */
async function claimApply(publication: PlanPublication, claim: PlanClaim, approved: NonNullable<PlanGate['approved']>): Promise<void> {
  await setStatus(publication, claim, 'Applying', 'pending', approvalLine(approved.record), approved.fingerprint, true)
}

/** The refusal: both fingerprints and, when the marker names the approved changes, what differs. */
export function changedSinceApproval(approved: string, items: PlanMarker['items'], now: PlanModel): string {
  const head =
    `The plan for ${now.file} on ${now.tenantUrl} changed since it was approved (approved ${displayFingerprint(approved)}, now ${displayFingerprint(now.fingerprint)}): ` +
    'the tenant or the file changed since the review. Nothing was written; run the dry run on a pull request again and have the new plan approved'
  const lines = planDifference(items, now)
  const listed = lines.length > 0 ? lines : now.items.map(({ entry }) => `  ${entry.key}: ${entry.action}`)
  if (listed.length === 0) return `${head}. The plan now makes no change`
  const shown = listed.slice(0, MAX_DIFFERENCE_LINES).map((line) => `  ${line.trim()}`)
  const more = listed.length > shown.length ? `\n  … and ${listed.length - shown.length} more` : ''
  return `${head}. ${lines.length > 0 ? 'Difference' : 'The plan now'}:\n${shown.join('\n')}${more}`
}

export interface PlanOutcome {
  status: Exclude<PlanStatus, 'planned'>
  results?: ReadonlyMap<string, string>
  failure?: string
  /** Who approved the plan, said in the outcome comment. */
  approvedBy?: string
}

/**
 * After the apply (or its refusal): the plan comment it was held to shows the outcome, and the PR's head
 * records it. An applied plan whose outcome cannot be written fails the step (the claim on the PR's head
 * still tells the next run it was applied); a refusal's or failure's stays a warning, as the step fails anyway.
 */
export async function publishOutcome(publication: PlanPublication, gate: PlanGate, outcome: PlanOutcome): Promise<void> {
  const problems: string[] = []
  const comment = gate.comment
  if (comment && publication.inputs.github.comment) {
    try {
      const approvedBy = gate.approved ? approvalLine(gate.approved.record) : undefined
      await writeComment(publication, comment, outcome.status, { ...outcome, ...(approvedBy ? { approvedBy } : {}) }, (replaced) => ({
        fingerprint: replaced?.marker.fingerprint ?? gate.approved?.fingerprint ?? publication.model.fingerprint,
        items: replaced?.marker.items
      }))
    } catch (error) {
      problems.push(`Could not update the plan comment on #${comment.link.number}: ${writeProblem(error)}`)
    }
  }
  if (gate.claim && gate.approved && outcome.status !== 'refused') {
    const state = outcome.status === 'applied' ? 'success' : 'failure'
    try {
      await setStatus(publication, gate.claim, 'Applied', state, outcome.status, gate.approved.fingerprint, false)
    } catch (error) {
      problems.push(errorMessage(error))
    }
  }
  if (problems.length === 0) return
  if (outcome.status !== 'applied') {
    problems.forEach((problem) => core.warning(problem))
    return
  }
  publication.summary.add(`> [!WARNING]\n> The plan was applied, but its outcome could not be recorded: ${problems.join('; ')}`)
  throw new ActionError(
    `The plan was applied, but its outcome could not be recorded (${problems.join('; ')}). ` +
      'The PR’s check records the apply, so the next run refuses to apply it again; check the comment by hand'
  )
}

async function setStatus(
  publication: PlanPublication,
  claim: PlanClaim,
  kind: StatusKind,
  state: 'pending' | 'success' | 'failure',
  summary: string,
  fingerprint: string,
  required: boolean
): Promise<void> {
  try {
    await claim.link.api.createStatus(claim.headSha, {
      state,
      context: contextOf(publication.model),
      description: statusDescription(kind, fingerprint, summary),
      ...(runUrl(publication.github) ? { target_url: runUrl(publication.github) } : {})
    })
  } catch (error) {
    if (!required) throw error
    throw new ApprovalError(
      `Could not record the apply on PR #${claim.link.number}'s head (${errorMessage(error)}): an approval is applied once, so nothing was written. Grant statuses: write`
    )
  }
}

async function writeComment(
  publication: PlanPublication,
  comment: PlanComment,
  status: PlanStatus,
  outcome: Pick<PlanOutcome, 'results' | 'failure' | 'approvedBy'>,
  approval: (replaced: StickyComment<PlanMarker> | undefined) => Pick<PlanMarker, 'fingerprint' | 'items'>
): Promise<string> {
  const { model, github } = publication
  const view: PlanView = {
    status,
    model,
    showValues: publication.showValues,
    at: new Date(),
    runUrl: runUrl(github),
    results: outcome.results,
    failure: outcome.failure,
    trigger: { pullRequest: true, ...(github.event.pull_request?.base?.ref ? { baseBranch: github.event.pull_request.base.ref } : {}) },
    fullPlanHint: FULL_PLAN_HINT,
    ...(status !== 'planned' && outcome.approvedBy ? { approvedBy: outcome.approvedBy } : {})
  }
  const written = await writeSticky(markedCommentStore(comment.link, schemeOf(model)), comment.lookup, (author, replaced) => {
    const kept = approval(replaced)
    const marker: PlanMarker = {
      key: planKey(model.operation, model.tenantUrl, model.file),
      status,
      ...kept,
      ...(author ? { author } : {})
    }
    if (!marker.items) delete marker.items
    return redact(renderPlan({ ...view, approvedFingerprint: kept.fingerprint }, COMMENT_LIMIT, renderPlanMarker(marker)))
  })
  core.info(`Updated the plan comment on PR #${comment.link.number}: ${written.html_url}`)
  setOutput('comment-url', written.html_url)
  return written.html_url
}

function schemeOf(model: PlanModel): ReturnType<typeof planMarkers> {
  return planMarkers(planKey(model.operation, model.tenantUrl, model.file), `${model.file} on ${model.tenantUrl}`)
}

/** One check per plan comment: operation, tenant and file. */
function contextOf(model: PlanModel): string {
  return statusContext(model.operation, model.tenantUrl, model.file)
}

function writeProblem(error: unknown): string {
  return isForbidden(error)
    ? 'the token may not write to the PR (a fork PR gets a read-only token; grant pull-requests: write)'
    : errorMessage(error)
}
