/**
 * A job's deployment environment (https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments):
 * a name GitHub does not know yet creates an environment without protection rules or secrets; a ref the
 * environment's deployment branches do not admit fails the job before it starts, with GitHub's message; the
 * job's `vars` and `secrets` are the repository's with the environment's over them. Deployment branch patterns
 * are matched against the branch name (a `refs/pull/<n>/merge` ref by its whole name). A pull request from a
 * fork gets no secret but GITHUB_TOKEN
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#pull_request).
 */
import { matchesFilter } from './triggers.js'
import type { Environment, Repository, WorkflowEvent } from './types.js'

export interface EnvironmentAccess {
  allowed: boolean
  reason?: string
  environment: Environment
}

function deploymentRef(ref: string): string {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref
}

export function environmentAccess(repository: Repository, name: string, event: WorkflowEvent): EnvironmentAccess {
  const environment = repository.environments[name] ?? {}
  const branch = deploymentRef(event.ref)
  if (environment.deploymentBranches !== undefined && !matchesFilter(branch, environment.deploymentBranches)) {
    return {
      allowed: false,
      reason: `Branch "${branch}" is not allowed to deploy to ${name} due to environment protection rules.`,
      environment
    }
  }
  return { allowed: true, environment }
}

/** Whether the run is for a pull request from a fork (its head repository is another). */
export function isForkPullRequest(repository: Repository, event: WorkflowEvent): boolean {
  if (event.name !== 'pull_request') return false
  const head = (event.payload.pull_request as { head?: { repo?: { full_name?: string } | null } } | undefined)?.head
  return head?.repo?.full_name !== repository.fullName
}
