/**
 * Events as GitHub delivers them to a run: the webhook payload's documented fields
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads) and the GITHUB_SHA and GITHUB_REF each
 * event gives a run (https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows):
 * push, the pushed ref and its tip; pull_request, refs/pull/<n>/merge and its merge commit; workflow_run,
 * issue_comment and schedule, the default branch and its last commit; workflow_dispatch, the dispatched ref.
 */
import { createHash } from 'node:crypto'
import type { JsonObject, Repository, WorkflowEvent } from './types.js'

/** A stable made-up commit id, for commits the emulator does not track (the default branch's tip, a merge ref's). */
export function commitId(seed: string): string {
  return createHash('sha1').update(seed).digest('hex')
}

/** The pull request fields a payload carries, as the emulator's GitHub (or a test) knows them. */
export interface PullRequestFacts {
  number: number
  head: { ref: string; sha: string; repo: { full_name: string } | null }
  base: { ref: string; sha: string }
  user: { login: string }
}

function repositoryOf(repository: Repository): JsonObject {
  const [owner = '', name = ''] = repository.fullName.split('/')
  return { full_name: repository.fullName, name, owner: { login: owner }, default_branch: repository.defaultBranch }
}

function defaultBranchTip(repository: Repository): { ref: string; sha: string } {
  return { ref: `refs/heads/${repository.defaultBranch}`, sha: commitId(`${repository.fullName} ${repository.defaultBranch}`) }
}

export function pushEvent(
  repository: Repository,
  push: { ref: string; before: string; after: string; commits: Array<{ id: string }> },
  options: { message?: string; actor?: string; changedFiles: string[] }
): WorkflowEvent {
  const message = options.message ?? 'Merge the change'
  const commits = push.commits.map((commit) => ({ id: commit.id, message }))
  return {
    name: 'push',
    payload: {
      ref: push.ref,
      before: push.before,
      after: push.after,
      commits,
      head_commit: { id: push.after, message },
      repository: repositoryOf(repository),
      pusher: { name: options.actor ?? 'octocat' },
      sender: { login: options.actor ?? 'octocat' }
    },
    ref: push.ref,
    sha: push.after,
    actor: options.actor ?? 'octocat',
    changedFiles: options.changedFiles
  }
}

function pullRequestPayload(repository: Repository, pull: PullRequestFacts): JsonObject {
  return {
    number: pull.number,
    user: { login: pull.user.login },
    head: { ref: pull.head.ref, sha: pull.head.sha, repo: pull.head.repo ? { full_name: pull.head.repo.full_name } : null },
    base: { ref: pull.base.ref, sha: pull.base.sha, repo: { full_name: repository.fullName } }
  }
}

export function pullRequestEvent(
  repository: Repository,
  pull: PullRequestFacts,
  options: { action?: string; changedFiles: string[] }
): WorkflowEvent {
  return {
    name: 'pull_request',
    payload: {
      action: options.action ?? 'opened',
      number: pull.number,
      pull_request: pullRequestPayload(repository, pull),
      repository: repositoryOf(repository),
      sender: { login: pull.user.login }
    },
    ref: `refs/pull/${pull.number}/merge`,
    sha: commitId(`refs/pull/${pull.number}/merge ${pull.head.sha}`),
    actor: pull.user.login,
    changedFiles: options.changedFiles
  }
}

/**
 * The completion of a workflow run that a pull request started. `pull_requests` is empty for a fork's pull
 * request (the workflow_run payload lists only pull requests whose head is in the repository).
 */
export function workflowRunEvent(
  repository: Repository,
  run: { name: string; conclusion: 'success' | 'failure'; pull: PullRequestFacts }
): WorkflowEvent {
  const fork = run.pull.head.repo?.full_name !== repository.fullName
  const tip = defaultBranchTip(repository)
  return {
    name: 'workflow_run',
    payload: {
      action: 'completed',
      workflow_run: {
        name: run.name,
        event: 'pull_request',
        status: 'completed',
        conclusion: run.conclusion,
        head_branch: run.pull.head.ref,
        head_sha: run.pull.head.sha,
        head_repository: { full_name: run.pull.head.repo?.full_name ?? '' },
        pull_requests: fork ? [] : [{ number: run.pull.number, head: run.pull.head, base: run.pull.base }]
      },
      repository: repositoryOf(repository),
      sender: { login: run.pull.user.login }
    },
    ...tip,
    actor: run.pull.user.login
  }
}

export function issueCommentEvent(
  repository: Repository,
  comment: { issue: number; onPullRequest: boolean; body: string; login: string; authorAssociation: string }
): WorkflowEvent {
  const issue: JsonObject = { number: comment.issue }
  if (comment.onPullRequest) issue.pull_request = { url: `https://api.github.com/repos/${repository.fullName}/pulls/${comment.issue}` }
  return {
    name: 'issue_comment',
    payload: {
      action: 'created',
      issue,
      comment: { body: comment.body, author_association: comment.authorAssociation, user: { login: comment.login } },
      repository: repositoryOf(repository),
      sender: { login: comment.login }
    },
    ...defaultBranchTip(repository),
    actor: comment.login
  }
}

export function workflowDispatchEvent(
  repository: Repository,
  options: { inputs?: Record<string, string>; branch?: string; actor?: string } = {}
): WorkflowEvent {
  const branch = options.branch ?? repository.defaultBranch
  return {
    name: 'workflow_dispatch',
    payload: { inputs: options.inputs ?? {}, ref: `refs/heads/${branch}`, repository: repositoryOf(repository) },
    ref: `refs/heads/${branch}`,
    sha: commitId(`${repository.fullName} ${branch}`),
    actor: options.actor ?? 'octocat'
  }
}

export function scheduleEvent(repository: Repository, cron: string): WorkflowEvent {
  return {
    name: 'schedule',
    payload: { schedule: cron, repository: repositoryOf(repository) },
    ...defaultBranchTip(repository),
    actor: 'octocat'
  }
}
