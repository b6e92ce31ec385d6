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
  event: GitHubEvent
}

/** The parts of the event payload the action reads. */
export interface GitHubEvent {
  pull_request?: { number?: number; merged?: boolean; base?: { ref?: string } }
  issue?: { number?: number; pull_request?: object }
  number?: number
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
  const candidate = event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined)
  return typeof candidate === 'number' && Number.isInteger(candidate) && candidate > 0 ? candidate : undefined
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
