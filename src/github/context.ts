import { readFileSync } from 'node:fs'
import * as core from '@actions/core'
import { errorMessage } from '../errors.js'

/** What the runner tells a step about its workflow run (GITHUB_* variables and the event file). */
export interface GitHubContext {
  owner: string | undefined
  repo: string | undefined
  apiUrl: string
  serverUrl: string
  runId: string | undefined
  actor: string | undefined
  eventName: string | undefined
  sha: string | undefined
  /** GITHUB_REF: on a push, the branch or tag pushed (refs/heads/main). */
  ref: string | undefined
  event: GitHubEvent
}

/** The parts of the event payload the action reads. */
export interface GitHubEvent {
  pull_request?: {
    number?: number
    merged?: boolean
    base?: { ref?: string }
    head?: { sha?: string; repo?: { full_name?: string } | null }
  }
  issue?: { number?: number; pull_request?: object }
  /** issue_comment: who wrote the comment, and how GitHub relates them to the repository. */
  comment?: { author_association?: string; user?: { login?: string } }
  /** workflow_run: the run that triggered this one, its repository and the PRs GitHub ties it to (none for a fork's). */
  workflow_run?: { event?: string; head_sha?: string; head_repository?: { full_name?: string }; pull_requests?: { number?: number }[] }
  number?: number
  /** push: the branch (refs/heads/…), the commit it now points to, and the pushed commits (at most 2,048). */
  ref?: string
  after?: string
  commits?: { id?: string }[]
}

export const DEFAULT_API_URL = 'https://api.github.com'

export function readGitHubContext(env: NodeJS.ProcessEnv = process.env): GitHubContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  return {
    owner: owner || undefined,
    repo: repo || undefined,
    apiUrl: (env.GITHUB_API_URL || DEFAULT_API_URL).replace(/\/+$/, ''),
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    runId: env.GITHUB_RUN_ID || undefined,
    actor: env.GITHUB_ACTOR || undefined,
    eventName: env.GITHUB_EVENT_NAME || undefined,
    sha: env.GITHUB_SHA || undefined,
    ref: env.GITHUB_REF || undefined,
    event: readEvent(env.GITHUB_EVENT_PATH)
  }
}

export function runUrl(context: GitHubContext): string | undefined {
  if (!context.owner || !context.repo || !context.runId) return undefined
  return `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}`
}

/** The PR the event is about (pull_request, pull_request_target, a PR's issue_comment), if any. */
export function eventPullRequestNumber(context: GitHubContext): number | undefined {
  const { event } = context
  const runPulls = event.workflow_run?.pull_requests
  const candidate =
    event.pull_request?.number ??
    (event.issue?.pull_request ? event.issue.number : undefined) ??
    (runPulls?.length === 1 ? runPulls[0]?.number : undefined)
  return typeof candidate === 'number' && Number.isInteger(candidate) && candidate > 0 ? candidate : undefined
}

/**
 * Why this event may not start a promotion operation, or undefined when it may. Decided from the event
 * alone, before any request: an issue_comment must be on a pull request, by a commenter whose
 * author_association is allowed, and (when pr-number is given too) on that pull request.
 */
export function eventRefusal(
  context: GitHubContext,
  allowedAssociations: readonly string[],
  prNumber: number | undefined
): string | undefined {
  if (context.eventName === 'workflow_run') return workflowRunRefusal(context)
  if (context.eventName !== 'issue_comment') return undefined
  const { issue, comment } = context.event
  const number = issue?.number
  if (!issue?.pull_request) return `the issue_comment is on issue #${number ?? '?'}, which is not a pull request`
  const login = comment?.user?.login ?? 'an unknown user'
  const association = comment?.author_association || 'NONE'
  if (!allowedAssociations.includes(association)) {
    return `@${login} commented as ${association}; only ${allowedAssociations.join(', ')} may start a promotion operation from a comment (set allowed-associations to change who may)`
  }
  if (prNumber !== undefined && number !== undefined && prNumber !== number) {
    return `pr-number ${prNumber} is not the pull request the comment is on (#${number})`
  }
  return undefined
}

/** A workflow_run after a fork's run has the repository's secrets but follows code the fork wrote. */
function workflowRunRefusal(context: GitHubContext): string | undefined {
  const head = context.event.workflow_run?.head_repository?.full_name
  const repository = context.owner && context.repo ? `${context.owner}/${context.repo}` : undefined
  if (head && repository && head.toLowerCase() !== repository.toLowerCase()) {
    return `the workflow_run follows a run from ${head}, not ${repository}: a fork's run never starts a promotion operation`
  }
  return undefined
}

/** Where the run's PR came from, for the log line that says which PR a run serves. */
export function eventPullRequestSource(context: GitHubContext): string {
  if (context.eventName === 'issue_comment') return `the comment by @${context.event.comment?.user?.login ?? 'an unknown user'} on it`
  if (context.eventName === 'workflow_run')
    return `the ${context.event.workflow_run?.event ?? 'unknown'} run that triggered this workflow_run`
  return `the ${context.eventName ?? 'unknown'} event`
}

function readEvent(path: string | undefined): GitHubEvent {
  if (!path) return {}
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return typeof parsed === 'object' && parsed !== null ? (parsed as GitHubEvent) : {}
  } catch (error) {
    core.warning(`Could not read the event payload at GITHUB_EVENT_PATH: ${errorMessage(error)}`)
    return {}
  }
}
