import { ActionError, errorMessage } from '../errors.js'
import { issueHint, type GitHubApi } from '../github/api.js'
import { CommentIdentity } from '../github/identity.js'
import { findSticky, writeSticky, type StickyStore } from '../github/sticky-comment.js'
import type { Issue } from '../github/types.js'
import { readableUtc as readable } from '../report/render.js'
import { redact } from '../secrets.js'
import { parseDriftMarker, renderDriftMarker, type DriftMarker } from './marker.js'
import type { DriftFinding } from './types.js'

/** GitHub refuses an issue body over 65,536 characters, as it does a comment's. */
export const ISSUE_BODY_LIMIT = 65_536

/** Where drift issues are kept: the run's repository, as the token the action posts with. */
export interface DriftIssueTarget {
  api: GitHubApi
  identity: CommentIdentity
  /** The workflow run, linked from the issue. */
  runUrl: string | undefined
}

export type DriftIssueAction = 'opened' | 'reopened' | 'updated' | 'closed' | 'none'

export interface DriftIssueOutcome {
  action: DriftIssueAction
  /** The issue, when there is one for the file and tenant (open or closed). */
  url: string | undefined
}

export function driftIssueTarget(api: GitHubApi, commentAuthor: string | undefined, runUrl: string | undefined): DriftIssueTarget {
  return { api, identity: new CommentIdentity(api, commentAuthor), runUrl }
}

/**
 * One issue per file and tenant, the action's own (found by its marker and by who opened it): opened,
 * or reopened, and updated while there is drift; commented on and closed once the tenant matches again.
 * Another author's issue with the same marker is never touched (a warning names it).
 */
export async function keepDriftIssue(target: DriftIssueTarget, finding: DriftFinding, at = new Date()): Promise<DriftIssueOutcome> {
  try {
    return await keepIssue(target, finding, at)
  } catch (error) {
    throw new ActionError(`Could not keep the drift issue for ${finding.file} on ${finding.tenantUrl}: ${errorMessage(error)}`)
  }
}

async function keepIssue(target: DriftIssueTarget, finding: DriftFinding, at: Date): Promise<DriftIssueOutcome> {
  const store = await issueStore(target, finding)
  const lookup = await findSticky(store)
  if (lookup.undecided) throw new ActionError(`cannot tell which issue is the action's: ${lookup.undecided}`)
  const existing = lookup.sticky?.comment
  if (finding.count === 0) {
    if (!existing || existing.state !== 'open') return { action: 'none', url: existing?.html_url }
    await closeResolved(target, existing, finding, lookup.author?.login, at)
    return { action: 'closed', url: existing.html_url }
  }
  // Decided before the write: what the issue was, not what the write made it.
  const before = existing?.number
  const wasOpen = existing?.state === 'open'
  const issue = await writeSticky(store, lookup, (author) => driftIssueBody(finding, { author, runUrl: target.runUrl, at }))
  const action: DriftIssueAction = issue.number !== before ? 'opened' : wasOpen ? 'updated' : 'reopened'
  return { action, url: issue.html_url }
}

/**
 * The repository's issues by the action's login. The creator filter is sent only for a person's login:
 * how GitHub matches an App's `name[bot]` there is not documented, so for a bot every issue is read.
 */
async function issueStore(target: DriftIssueTarget, finding: DriftFinding): Promise<StickyStore<Issue, DriftMarker>> {
  const { api } = target
  const known = await target.identity.known()
  const creator = known && !known.login.endsWith('[bot]') ? known.login : undefined
  return {
    noun: 'issue',
    label: `${finding.tenantUrl} and ${finding.file}`,
    api,
    identity: target.identity,
    list: () => api.listIssues({ state: 'all', ...(creator ? { creator } : {}) }),
    parse: (body) => parseDriftMarker(body, finding.tenantUrl, finding.file),
    create: (body) => api.createIssue({ title: driftIssueTitle(finding), body }),
    // Drift again after the issue was closed (by the action or by hand): it is reopened, not duplicated.
    update: (issue, body) =>
      api.updateIssue(issue.number, issue.state === 'open' ? { body } : { body, state: 'open', state_reason: 'reopened' })
  }
}

/** The comment first, then the close: a failure between leaves the issue open, and the next run closes it. */
async function closeResolved(
  target: DriftIssueTarget,
  issue: Issue,
  finding: DriftFinding,
  author: string | undefined,
  at: Date
): Promise<void> {
  const { api } = target
  const comment = redact(
    `The tenant matches \`${finding.file}\` again (${readable(at)}${target.runUrl ? `, [run](${target.runUrl})` : ''}): no drift, so this issue is closed.`
  )
  await api.sendOnce(
    'Commenting on the drift issue',
    () => api.createComment(issue.number, comment, issueHint),
    async () => (await api.listComments(issue.number)).find((c) => c.body === comment)
  )
  await api.updateIssue(issue.number, {
    body: resolvedIssueBody(finding, { author, runUrl: target.runUrl, at }),
    state: 'closed',
    state_reason: 'completed'
  })
}

export function driftIssueTitle(finding: Pick<DriftFinding, 'tenantUrl' | 'file'>): string {
  return `Drift: ${hostOf(finding.tenantUrl)} no longer matches ${finding.file}`
}

interface BodyContext {
  author: string | undefined
  runUrl: string | undefined
  at: Date
}

/** The open issue: the marker, what differs and what to do, then the plan (cut to GitHub's limit). */
export function driftIssueBody(finding: DriftFinding, context: BodyContext): string {
  const marker = renderDriftMarker(markerOf(finding, context.author, true))
  const head = [
    marker,
    `### ${driftIssueTitle(finding)}`,
    `\`${finding.operation}\` planned **${finding.count}** change(s) to make ${finding.tenantUrl} match \`${finding.file}\` (${readable(context.at)}${context.runUrl ? `, [run](${context.runUrl})` : ''}). Someone changed the tenant by hand, or the file changed and was not applied.`,
    `**What to do:** apply the file (run \`${finding.operation}\` without \`dry-run\` and \`detect-drift\`), or change the file to keep what the tenant has now. This issue is updated by every drift run and closed when the tenant matches again.`
  ].join('\n\n')
  return fit(redact(`${head}\n\n${finding.planMarkdown}`), ISSUE_BODY_LIMIT, context.runUrl)
}

export function resolvedIssueBody(finding: DriftFinding, context: BodyContext): string {
  return redact(
    [
      renderDriftMarker(markerOf(finding, context.author, false)),
      `### ${driftIssueTitle(finding)}`,
      `Resolved: ${finding.tenantUrl} matches \`${finding.file}\` again (${readable(context.at)}${context.runUrl ? `, [run](${context.runUrl})` : ''}).`
    ].join('\n\n')
  )
}

function markerOf(finding: DriftFinding, author: string | undefined, drift: boolean): DriftMarker {
  return {
    tenant: finding.tenantUrl,
    file: finding.file,
    operation: finding.operation,
    drift,
    count: finding.count,
    ...(author ? { author } : {})
  }
}

/** Whole lines only, and a note saying where the rest is. */
function fit(body: string, limit: number, runUrl: string | undefined): string {
  if (body.length <= limit) return body
  const note = `\n\n_Cut to fit GitHub's limit: the whole plan is in the job summary${runUrl ? ` of the [run](${runUrl})` : ''}._`
  const cut = body.slice(0, limit - note.length)
  return cut.slice(0, cut.lastIndexOf('\n')) + note
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
