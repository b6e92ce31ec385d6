/**
 * The `github` context and the runner's GITHUB_* variables of a run, from its event
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/contexts#github-context and
 * https://docs.github.com/en/actions/reference/workflows-and-actions/variables#default-environment-variables).
 * GITHUB_HEAD_REF and GITHUB_BASE_REF are set only on pull_request events. A called workflow keeps its caller's
 * `github` context (https://docs.github.com/en/actions/how-tos/reuse-automations/reuse-workflows).
 */
import type { JsonObject, SimulationOptions } from './types.js'

export const RUN_ID = '4242'

function refName(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '')
}

function pullRequestRefs(options: SimulationOptions): { head: string; base: string } {
  const pull = options.event.payload.pull_request as { head?: { ref?: string }; base?: { ref?: string } } | undefined
  return options.event.name === 'pull_request' ? { head: pull?.head?.ref ?? '', base: pull?.base?.ref ?? '' } : { head: '', base: '' }
}

export function githubContext(options: SimulationOptions, workflowName: string, jobId: string): JsonObject {
  const { event, repository } = options
  const refs = pullRequestRefs(options)
  return {
    event_name: event.name,
    event: event.payload,
    ref: event.ref,
    ref_name: refName(event.ref),
    ref_type: event.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    sha: event.sha,
    repository: repository.fullName,
    repository_owner: repository.fullName.split('/')[0] ?? '',
    actor: event.actor,
    triggering_actor: event.actor,
    run_id: RUN_ID,
    run_number: '1',
    run_attempt: '1',
    workflow: workflowName,
    job: jobId,
    api_url: options.github.apiUrl,
    server_url: 'https://github.com',
    graphql_url: `${options.github.apiUrl}/graphql`,
    token: options.github.token,
    head_ref: refs.head,
    base_ref: refs.base
  }
}

export function runnerEnv(options: SimulationOptions, workflowName: string, jobId: string): Record<string, string> {
  const { event, repository } = options
  const refs = pullRequestRefs(options)
  return {
    GITHUB_EVENT_NAME: event.name,
    GITHUB_REPOSITORY: repository.fullName,
    GITHUB_REPOSITORY_OWNER: repository.fullName.split('/')[0] ?? '',
    GITHUB_SHA: event.sha,
    GITHUB_REF: event.ref,
    GITHUB_REF_NAME: refName(event.ref),
    GITHUB_ACTOR: event.actor,
    GITHUB_RUN_ID: RUN_ID,
    GITHUB_WORKFLOW: workflowName,
    GITHUB_JOB: jobId,
    GITHUB_API_URL: options.github.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    ...(event.name === 'pull_request' ? { GITHUB_HEAD_REF: refs.head, GITHUB_BASE_REF: refs.base } : {})
  }
}
