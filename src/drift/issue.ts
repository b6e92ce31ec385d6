import { ActionError, errorMessage } from '../errors.js'
import { issueHint, type GitHubApi } from '../github/api.js'
import { CommentIdentity } from '../github/identity.js'
import { findSticky, writeSticky, type StickyStore } from '../github/sticky-comment.js'
import { codeSpan } from '../github/summary.js'
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
  const existing = lookup.sticky?.comment
  if (finding.count === 0) {
    if (!existing || existing.state !== 'open') return { action: 'none', url: existing?.html_url }
    await closeResolved(target, existing, finding, lookup.author.login, at)
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
 * The label every drift issue carries: the issues list filtered by it is short however many issues the
 * repository has (the whole list, like a search, is more than any run should read past 10,000), so the
 * lookup reads it whole, paged.
 */
export const DRIFT_ISSUE_LABEL = 'tenant-pilot-drift'

/** Pages of the newest issues read for a create whose answer was lost: it is among the newest, label or not. */
const NEWEST_PAGES_READ = 1

/**
 * The repository's drift issues (the label) by the action's login. The creator filter is sent only for a
 * person's login: how GitHub matches an App's `name[bot]` there is not documented, so for a bot every
 * labelled issue is read.
 */
async function issueStore(target: DriftIssueTarget, finding: DriftFinding): Promise<StickyStore<Issue, DriftMarker>> {
  const { api } = target
  const author = await target.identity.author()
  const creator = author.login.endsWith('[bot]') ? {} : { creator: author.login }
  return {
    noun: 'issue',
    label: `${finding.tenantUrl} and ${finding.file}`,
    api,
    identity: target.identity,
    list: () => api.listIssues({ state: 'all', labels: DRIFT_ISSUE_LABEL, ...creator }),
    // A create that landed unanswered may lack its label (GitHub drops labels a token may not set): the newest issues hold it.
    listLanded: () => api.listIssues({ state: 'all', sort: 'created', direction: 'desc', ...creator }, NEWEST_PAGES_READ),
    parse: (body) => parseDriftMarker(body, finding.tenantUrl, finding.file),
    create: async (body) => labelled(api, await api.createIssue({ title: driftIssueTitle(finding), body, labels: [DRIFT_ISSUE_LABEL] })),
    // Drift again after the issue was closed (by the action or by hand): it is reopened, not duplicated.
    update: async (issue, body) =>
      labelled(
        api,
        await api.updateIssue(issue.number, issue.state === 'open' ? { body } : { body, state: 'open', state_reason: 'reopened' })
      )
  }
}

/**
 * The issue with the drift label: GitHub drops the labels of a create when the token has no push access
 * (GITHUB_TOKEN with issues: write), and without the label the next run would not find the issue.
 */
async function labelled(api: GitHubApi, issue: Issue): Promise<Issue> {
  const names = (issue.labels ?? []).map((label) => (typeof label === 'string' ? label : label.name))
  if (names.includes(DRIFT_ISSUE_LABEL)) return issue
  await api.addLabels(issue.number, [DRIFT_ISSUE_LABEL])
  return { ...issue, labels: [...(issue.labels ?? []), { name: DRIFT_ISSUE_LABEL }] }
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
    `The tenant matches ${codeSpan(finding.file)} again (${readable(at)}${target.runUrl ? `, [run](${target.runUrl})` : ''}): no drift, so this issue is closed.`
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
    `\`${finding.operation}\` planned **${finding.count}** change(s) to make ${finding.tenantUrl} match ${codeSpan(finding.file)} (${readable(context.at)}${context.runUrl ? `, [run](${context.runUrl})` : ''}). Someone changed the tenant by hand, or the file changed and was not applied.`,
    `**What to do:** apply the file (run \`${finding.operation}\` without \`dry-run\` and \`detect-drift\`), or change the file to keep what the tenant has now. This issue is updated by every drift run and closed when the tenant matches again.`
  ].join('\n\n')
  return fit(redact(`${head}\n\n${finding.planMarkdown}`), ISSUE_BODY_LIMIT, context.runUrl)
}

export function resolvedIssueBody(finding: DriftFinding, context: BodyContext): string {
  return redact(
    [
      renderDriftMarker(markerOf(finding, context.author, false)),
      `### ${driftIssueTitle(finding)}`,
      `Resolved: ${finding.tenantUrl} matches ${codeSpan(finding.file)} again (${readable(context.at)}${context.runUrl ? `, [run](${context.runUrl})` : ''}).`
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
