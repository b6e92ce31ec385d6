/**
 * What GITHUB_TOKEN may do with the permissions of its job: while a step of this action runs, the simulation's
 * GitHub (the emulator's, GH-39) answers 403 "Resource not accessible by integration" to a request the job's
 * permissions do not cover, by the permission each endpoint's documentation page names (docs.github.com/en/rest,
 * "Fine-grained access tokens for …"), so the action meets GitHub's refusal and does what it does with it. Steps
 * that pass another token (`github-token: ${{ steps.token.outputs.token }}`, an App's) are not restricted.
 *
 * When steps of other jobs run at the same moment, GitHub serves what the most permissive of them may do (never a
 * false refusal; a miss is possible).
 */
import type { Permissions, TokenRestriction } from './types.js'

type Level = 'read' | 'write'
/** Any one of these permissions allows the request. */
type Requirement = Array<[scope: string, level: Level]> | 'never'

const REPO = '/repos/[^/]+/[^/]+'
const TABLE: Array<[method: string, path: RegExp, requirement: Requirement, documentation: string]> = [
  // GH-09, GH-11: an installation token's GET /user is GitHub's own 403, which the action expects and handles.
  ['GET', /^\/user$/, [['metadata', 'read']], 'https://docs.github.com/en/rest/users/users#get-the-authenticated-user'],
  [
    'GET',
    new RegExp(`^${REPO}/issues/\\d+/comments$`),
    [
      ['issues', 'read'],
      ['pull-requests', 'read']
    ],
    'https://docs.github.com/en/rest/issues/comments#list-issue-comments'
  ],
  [
    'POST',
    new RegExp(`^${REPO}/issues/\\d+/comments$`),
    [
      ['issues', 'write'],
      ['pull-requests', 'write']
    ],
    'https://docs.github.com/en/rest/issues/comments#create-an-issue-comment'
  ],
  [
    'PATCH',
    new RegExp(`^${REPO}/issues/comments/\\d+$`),
    [
      ['issues', 'write'],
      ['pull-requests', 'write']
    ],
    'https://docs.github.com/en/rest/issues/comments#update-an-issue-comment'
  ],
  ['GET', new RegExp(`^${REPO}/issues$`), [['issues', 'read']], 'https://docs.github.com/en/rest/issues/issues#list-repository-issues'],
  ['POST', new RegExp(`^${REPO}/issues$`), [['issues', 'write']], 'https://docs.github.com/en/rest/issues/issues#create-an-issue'],
  ['PATCH', new RegExp(`^${REPO}/issues/\\d+$`), [['issues', 'write']], 'https://docs.github.com/en/rest/issues/issues#update-an-issue'],
  [
    'POST',
    new RegExp(`^${REPO}/issues/\\d+/labels$`),
    [
      ['issues', 'write'],
      ['pull-requests', 'write']
    ],
    'https://docs.github.com/en/rest/issues/labels#add-labels-to-an-issue'
  ],
  [
    'GET',
    new RegExp(`^${REPO}/commits/[^/]+/pulls$`),
    [
      ['pull-requests', 'read'],
      ['contents', 'read']
    ],
    'https://docs.github.com/en/rest/commits/commits#list-pull-requests-associated-with-a-commit'
  ],
  [
    'GET',
    new RegExp(`^${REPO}/pulls/\\d+$`),
    [
      ['pull-requests', 'read'],
      ['contents', 'read']
    ],
    'https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request'
  ],
  [
    'GET',
    new RegExp(`^${REPO}/pulls/\\d+/reviews$`),
    [['pull-requests', 'read']],
    'https://docs.github.com/en/rest/pulls/reviews#list-reviews-for-a-pull-request'
  ],
  [
    'GET',
    new RegExp(`^${REPO}/collaborators/[^/]+/permission$`),
    [['metadata', 'read']],
    'https://docs.github.com/en/rest/collaborators/collaborators#get-repository-permissions-for-a-user'
  ],
  [
    'POST',
    new RegExp(`^${REPO}/statuses/[^/]+$`),
    [['statuses', 'write']],
    'https://docs.github.com/en/rest/commits/statuses#create-a-commit-status'
  ],
  [
    'GET',
    new RegExp(`^${REPO}/commits/[^/]+/statuses$`),
    [['statuses', 'read']],
    'https://docs.github.com/en/rest/commits/statuses#list-commit-statuses-for-a-reference'
  ],
  // GITHUB_TOKEN has no secrets permission at all (workflow-syntax#permissions lists none).
  [
    'GET',
    new RegExp(`^${REPO}/(environments/[^/]+/)?actions/secrets/public-key$|^${REPO}/environments/[^/]+/secrets/public-key$`),
    'never',
    'https://docs.github.com/en/rest/actions/secrets'
  ],
  ['PUT', new RegExp(`^${REPO}/(actions|environments/[^/]+)/secrets/[^/]+$`), 'never', 'https://docs.github.com/en/rest/actions/secrets']
]

const RANK = { none: 0, read: 1, write: 2 } as const

export class RefusedRequest extends Error {}

/** Why GITHUB_TOKEN with `permissions` could not have made this request, or undefined when it could. */
export function deniedBecause(method: string, path: string, permissions: Permissions): string | undefined {
  const row = TABLE.find(([m, pattern]) => m === method && pattern.test(path))
  if (!row) throw new RefusedRequest(`${method} ${path}: no documented GITHUB_TOKEN permission in token-permissions.ts`)
  const [, , requirement, documentation] = row
  if (requirement === 'never') return `${method} ${path}: GITHUB_TOKEN can never do this (${documentation})`
  if (requirement.some(([scope, level]) => RANK[permissions[scope] ?? 'none'] >= RANK[level])) return undefined
  const needed = requirement.map(([scope, level]) => `${scope}: ${level}`).join(' or ')
  return `${method} ${path} needs ${needed} (${documentation}); the job's token has ${requirement.map(([scope]) => `${scope}: ${permissions[scope] ?? 'none'}`).join(', ')}`
}

/** The most of several jobs' permissions, scope by scope. */
export function mostOf(all: Permissions[]): Permissions {
  const result: Permissions = {}
  for (const permissions of all) {
    for (const [scope, level] of Object.entries(permissions)) {
      if (RANK[level] > RANK[result[scope] ?? 'none']) result[scope] = level
    }
  }
  return result
}

/** One step of this action while it runs: its job's permissions (undefined: it passes another token), what was refused. */
interface RunningStep {
  permissions: Permissions | undefined
  denied: string[]
  unknown: string[]
}

/**
 * The steps of this action running now. While they run, the simulation's GitHub serves only what the most
 * permissive of their tokens may do (so a request is never refused because of another job's token; a step that
 * passes another token lifts the restriction while it runs). A request of an endpoint the table does not know is
 * served and reported, so the step is refused rather than guessed about.
 */
export class ConcurrentSteps {
  private readonly running = new Set<RunningStep>()

  constructor(private readonly restrict: TokenRestriction | undefined) {}

  enter(permissions: Permissions | undefined): RunningStep {
    const step: RunningStep = { permissions, denied: [], unknown: [] }
    this.running.add(step)
    this.apply()
    return step
  }

  /** Ends the step; its refused requests, or a RefusedRequest when it made one the table does not know. */
  leave(step: RunningStep): string[] {
    this.running.delete(step)
    this.apply()
    if (step.unknown.length > 0)
      throw new RefusedRequest(`${step.unknown.join(', ')}: no documented GITHUB_TOKEN permission in token-permissions.ts`)
    return step.denied
  }

  private apply(): void {
    if (!this.restrict) return
    const steps = [...this.running]
    if (steps.length === 0 || steps.some((step) => step.permissions === undefined)) return this.restrict(undefined)
    const allowed = mostOf(steps.map((step) => step.permissions!))
    this.restrict((method, path) => {
      const known = TABLE.some(([m, pattern]) => m === method && pattern.test(path))
      if (!known) {
        steps.forEach((step) => step.unknown.push(`${method} ${path}`))
        return true
      }
      const reason = deniedBecause(method, path, allowed)
      if (reason) steps.forEach((step) => step.denied.push(reason))
      return reason === undefined
    })
  }
}
