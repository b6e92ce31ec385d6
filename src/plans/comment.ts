import * as core from '@actions/core'
import { ActionError, ApiError, errorMessage } from '../errors.js'
import { eventPullRequestNumber, runUrl, type GitHubContext } from '../github/context.js'
import { resolvePullRequest, type PullRequestLink } from '../github/pull-request.js'
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
import { REFUSED_EVENTS } from '../promotion/approval.js'
import { COMMENT_LIMIT } from '../promotion/publish.js'
import { displayFingerprint } from '../report/fingerprint.js'
import { redact } from '../secrets.js'
import { markedItems, planDifference } from './canonical.js'
import { planKey, planMarkers, renderPlanMarker } from './marker.js'
import { renderPlan, type PlanView } from './render.js'
import type { PlanMarker, PlanModel, PlanStatus } from './types.js'

/** At most this many lines of difference in the error; the comment shows the whole plan. */
const MAX_DIFFERENCE_LINES = 20

/** A plan and where it is shown: the run's inputs, its GitHub context and job summary. */
export interface PlanPublication {
  model: PlanModel
  showValues: boolean
  inputs: Pick<ActionInputs, 'github' | 'http' | 'plans'>
  github: GitHubContext
  summary: JobSummary
}

/** The plan the apply holds itself to, and the comment that shows it (updated with the outcome). */
export interface PlanGate {
  approved: { fingerprint: string; items: PlanMarker['items']; source: string } | undefined
  comment: PlanComment | undefined
}

interface PlanComment {
  link: PullRequestLink
  lookup: StickyLookup<IssueComment, PlanMarker>
}

/**
 * A dry run's plan: the fingerprint in the outputs and the job summary, and,
 * on a pull request, the plan's sticky comment (one per operation, tenant and
 * file), created or updated in place. A comment that cannot be written is a
 * warning, never a failure: the plan is in the job summary.
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
  try {
    const lookup = await findSticky(markedCommentStore(pr.link, scheme))
    if (lookup.undecided) {
      core.warning(`No plan comment on #${pr.link.number}: ${lookup.undecided}. The plan is in the job summary.`)
      return
    }
    await writeComment(publication, { link: pr.link, lookup }, 'planned', {}, () => ({
      fingerprint: model.fingerprint,
      items: markedItems(model)
    }))
  } catch (error) {
    core.warning(`Could not post the plan comment on #${pr.link.number}: ${writeProblem(error)}. The plan is in the job summary.`)
  }
}

/**
 * Before any write: the approved plan is approved-plan, else (on a push, or a
 * dispatch with pr-number) the plan in the merged PR's comment that the action
 * itself wrote. The plan computed now must have its fingerprint, or the apply
 * is refused, naming what differs, and the comment says so. Without an
 * approved plan the apply goes on only when approval is not required
 * (require-approval, default true on push).
 */
export async function holdToApprovedPlan(publication: PlanPublication): Promise<PlanGate> {
  const { model, github, inputs } = publication
  setOutput('plan-fingerprint', displayFingerprint(model.fingerprint))
  const eventName = github.eventName ?? ''
  const required = inputs.plans.requireApproval ?? eventName === 'push'
  const found = await approvedPlanComment(publication)
  const fromInput = inputs.plans.approvedPlan
  const approved: PlanGate['approved'] = fromInput
    ? { fingerprint: fromInput, items: found.comment?.lookup.sticky?.marker.items, source: 'from approved-plan' }
    : found.approved
  const gate: PlanGate = { approved, comment: found.comment }
  if (!approved) {
    if (required) {
      throw new ActionError(
        `No approved plan for ${model.file} on ${model.tenantUrl} (${found.reason}); nothing was written. Run this step with dry-run: true on the pull request ` +
          '(its comment carries the plan), pass approved-plan, or set require-approval: false'
      )
    }
    core.info(`No approved plan (${found.reason}); require-approval is off, so the plan computed now is applied`)
    return gate
  }
  core.info(`Approved plan ${displayFingerprint(approved.fingerprint)} (${approved.source})`)
  if (approved.fingerprint === model.fingerprint) return gate
  // A fingerprint from the input is compared with the comment's items only when they are that plan's.
  const items = fromInput && found.comment?.lookup.sticky?.marker.fingerprint !== fromInput ? undefined : approved.items
  const refusal = changedSinceApproval(approved.fingerprint, items, model)
  await publishOutcome(publication, gate, { status: 'refused', failure: refusal })
  throw new ActionError(refusal)
}

/** The plan in the action's own comment on the merged PR, or why there is none; never a PR's own plan on its own event. */
async function approvedPlanComment(
  publication: PlanPublication
): Promise<{ approved: PlanGate['approved']; comment: PlanComment | undefined; reason: string }> {
  const { model, github, inputs } = publication
  const eventName = github.eventName ?? ''
  if (REFUSED_EVENTS.has(eventName) || eventName === 'issue_comment') {
    return {
      approved: undefined,
      comment: undefined,
      reason: `on ${eventName} events a pull request's own plan is no approval; only the merge (push) or approved-plan approves one`
    }
  }
  const pr = await resolvePullRequest(inputs.github, github, inputs.http)
  if (!pr.link) return { approved: undefined, comment: undefined, reason: pr.reason }
  const scheme = schemeOf(model)
  const own = await findOwnComment(pr.link, scheme, 'plan comment')
  if (!own.ok) return { approved: undefined, comment: undefined, reason: own.reason }
  const { sticky } = own
  if (!sticky) {
    return {
      approved: undefined,
      comment: undefined,
      reason: `PR #${pr.link.number} has no plan comment for ${scheme.label} by ${own.author.login}`
    }
  }
  const comment: PlanComment = { link: pr.link, lookup: { sticky, author: own.author, elected: own.elected, undecided: undefined } }
  const where = `PR #${pr.link.number}'s plan comment ${sticky.comment.html_url || `#${sticky.comment.id}`}`
  if (sticky.marker.status === 'applied') {
    return {
      approved: undefined,
      comment: undefined,
      reason: `${where} was applied already; a new plan needs a new pull request (or approved-plan)`
    }
  }
  return { approved: { fingerprint: sticky.marker.fingerprint, items: sticky.marker.items, source: `from ${where}` }, comment, reason: '' }
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
}

/** After the apply (or its refusal): the plan comment it was held to shows the outcome; the approval it records stays. */
export async function publishOutcome(publication: PlanPublication, gate: PlanGate, outcome: PlanOutcome): Promise<void> {
  const comment = gate.comment
  if (!comment || !publication.inputs.github.comment) return
  try {
    await writeComment(publication, comment, outcome.status, outcome, (replaced) => ({
      fingerprint: replaced?.marker.fingerprint ?? gate.approved?.fingerprint ?? publication.model.fingerprint,
      items: replaced?.marker.items
    }))
  } catch (error) {
    core.warning(`Could not update the plan comment on #${comment.link.number}: ${writeProblem(error)}`)
  }
}

async function writeComment(
  publication: PlanPublication,
  comment: PlanComment,
  status: PlanStatus,
  outcome: Pick<PlanOutcome, 'results' | 'failure'>,
  approval: (replaced: StickyComment<PlanMarker> | undefined) => Pick<PlanMarker, 'fingerprint' | 'items'>
): Promise<void> {
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
    fullPlanHint: 'The whole plan is in the job summary of the run that made it.'
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
}

function schemeOf(model: PlanModel): ReturnType<typeof planMarkers> {
  return planMarkers(planKey(model.operation, model.tenantUrl, model.file), `${model.file} on ${model.tenantUrl}`)
}

function writeProblem(error: unknown): string {
  return error instanceof ApiError && error.status === 403
    ? 'the token may not write to the PR (a fork PR gets a read-only token; grant pull-requests: write)'
    : errorMessage(error)
}
