import * as core from '@actions/core'
import { atLeast, roleOf } from '../approval/permissions.js'
import { REFUSED_EVENTS } from '../approval/types.js'
import { errorMessage, RefusedEventError } from '../errors.js'
import type { ActionInputs } from '../inputs/types.js'
import { PROMOTION_OPERATIONS } from '../operations/names.js'
import { eventRefusal, type GitHubContext } from './context.js'
import { connectRepository } from './pull-request.js'

/** What a maintainer does for a fork's PR, said when a workflow_run brings none. */
export const FORK_DRY_RUN_HINT =
  'a maintainer dry-runs a fork’s pull request by commenting /tenant-pilot dry-run on it, or by running the workflow (workflow_dispatch) with pr-number'

/**
 * Before any tenant request, for every operation: who started the run may start it. An issue_comment
 * command needs the commenter's permission (GitHub's permission API, never author_association); unlock
 * never runs on the events that never apply an approval; a workflow_run after a pull request's run that
 * names no PR (GitHub leaves it empty for forks) does nothing.
 */
export async function gateEvent(inputs: Pick<ActionInputs, 'operation' | 'github' | 'http'>, github: GitHubContext): Promise<void> {
  const event = github.eventName ?? ''
  const refuse = (why: string): RefusedEventError =>
    new RefusedEventError(`${inputs.operation} refused: ${why}. Nothing was sent to the tenant`)
  if (inputs.operation === 'unlock' && REFUSED_EVENTS.has(event)) {
    throw refuse(
      `unlock does not run on ${event} events (a pull request's own run, a comment or a workflow_run after a fork's run may not release a promotion's lock); run it on workflow_dispatch from the default branch`
    )
  }
  if (PROMOTION_OPERATIONS.has(inputs.operation)) {
    // Decided from the event alone: an outsider's comment, a plain issue, a fork's workflow_run.
    const refusal = eventRefusal(github, inputs.github.allowedAssociations, inputs.github.prNumber)
    if (refusal) throw new RefusedEventError(`${inputs.operation} refused: ${refusal}. Nothing was sent to the tenant or to GitHub`)
  }
  if (event === 'workflow_run' && workflowRunWithoutPullRequest(github, inputs.github.prNumber)) {
    core.notice(`This workflow_run names no pull request (GitHub leaves it empty for a fork's): ${FORK_DRY_RUN_HINT}`)
    throw refuse(
      `the workflow_run after a ${github.event.workflow_run?.event ?? 'pull request'} run names no pull request (a fork's, or a PR GitHub could not tie to it); ${FORK_DRY_RUN_HINT}`
    )
  }
  if (event === 'issue_comment') await requireCommandPermission(inputs, github, refuse)
}

function workflowRunWithoutPullRequest(github: GitHubContext, prNumber: number | undefined): boolean {
  const run = github.event.workflow_run
  const afterPullRequest = run?.event === 'pull_request' || run?.event === 'pull_request_target'
  const named = (run?.pull_requests ?? []).some((pull) => typeof pull.number === 'number')
  return afterPullRequest && prNumber === undefined && !named
}

/** The commenter's role must be command-permission or higher; a permission that cannot be read refuses. */
async function requireCommandPermission(
  inputs: Pick<ActionInputs, 'operation' | 'github' | 'http'>,
  github: GitHubContext,
  refuse: (why: string) => RefusedEventError
): Promise<void> {
  const login = github.event.comment?.user?.login
  if (!login) throw refuse('the issue_comment event names no commenter')
  const required = inputs.github.commandPermission
  const repository = connectRepository(inputs.github, github, inputs.http)
  if (!repository.api) throw refuse(`the commenter's permission cannot be checked: ${repository.reason}`)
  let role
  try {
    role = roleOf(await repository.api.collaboratorPermission(login))
  } catch (error) {
    throw refuse(
      `@${login}'s permission on the repository could not be read (${errorMessage(error)}); a command is never allowed on a guess`
    )
  }
  if (!atLeast(role, required)) {
    throw refuse(
      `@${login} has ${role === 'none' ? 'no' : role} access to the repository; a command needs ${required} or higher (command-permission)`
    )
  }
  core.info(`@${login} has ${role} access to the repository: the command may run (command-permission: ${required})`)
}
