/**
 * The GITHUB_TOKEN permissions a job gets, as https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#permissions
 * documents them: a job's `permissions` replace the workflow's; once any scope is given every scope not given is
 * none, except metadata (always read); `read-all`, `write-all` and `{}` set every scope. Without any, the repository's
 * default applies, here the restricted one the docs recommend (contents and packages read). A called workflow's
 * permissions can only keep or reduce its caller job's
 * (https://docs.github.com/en/actions/how-tos/reuse-automations/reuse-workflows).
 */
import type { Json, Permissions } from './types.js'

export const SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses'
] as const

const LEVEL = { none: 0, read: 1, write: 2 } as const
type Level = keyof typeof LEVEL

const all = (level: Level): Permissions => Object.fromEntries([...SCOPES.map((scope) => [scope, level]), ['metadata', 'read']])

export class RefusedPermissions extends Error {}

/** The repository's default for a workflow that sets no permissions (restricted). */
export const RESTRICTED_DEFAULT: Permissions = { ...all('none'), contents: 'read', packages: 'read' }

/** The permissions one `permissions:` value gives; undefined when it is absent. */
export function permissionsOf(value: Json | undefined): Permissions | undefined {
  if (value === undefined) return undefined
  if (value === 'read-all') return all('read')
  if (value === 'write-all') return all('write')
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RefusedPermissions(`permissions: ${JSON.stringify(value)}`)
  const result = all('none')
  for (const [scope, level] of Object.entries(value)) {
    if (!(typeof level === 'string' && level in LEVEL)) throw new RefusedPermissions(`permissions ${scope}: ${JSON.stringify(level)}`)
    result[scope] = level as Level
  }
  result.metadata = 'read'
  return result
}

/** A job's token: its own permissions, else the workflow's, else the default; never more than `ceiling` (its caller's). */
export function jobPermissions(workflow: Json | undefined, job: Json | undefined, ceiling?: Permissions): Permissions {
  const own = permissionsOf(job) ?? permissionsOf(workflow) ?? ceiling ?? RESTRICTED_DEFAULT
  if (ceiling === undefined) return own
  return Object.fromEntries(
    Object.entries(own).map(([scope, level]) => {
      const cap = ceiling[scope] ?? 'none'
      return [scope, LEVEL[level] <= LEVEL[cap] ? level : cap]
    })
  )
}
