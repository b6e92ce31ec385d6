import type { GitHubApi } from '../github/api.js'
import type { CollaboratorPermission } from '../github/types.js'
import { REPOSITORY_ROLES, type RepositoryRole } from './types.js'

/**
 * A user's role on the repository, from GitHub's permission API (never from author_association, which
 * is a relationship, not a permission): the role's name when it is a base role, else (a custom role)
 * the highest of the user's permission flags, else the base role `permission` gives (maintain → write).
 */
export function roleOf(answer: CollaboratorPermission | undefined): RepositoryRole {
  if (!answer) return 'none'
  if (isRole(answer.role_name)) return answer.role_name
  const flags = answer.user?.permissions
  if (flags?.admin) return 'admin'
  if (flags?.maintain) return 'maintain'
  if (flags?.push) return 'write'
  if (answer.permission === 'admin' || answer.permission === 'write' || answer.permission === 'read') return answer.permission
  return 'none'
}

export function atLeast(role: RepositoryRole, required: RepositoryRole): boolean {
  return REPOSITORY_ROLES.indexOf(role) >= REPOSITORY_ROLES.indexOf(required)
}

/** Each user's role, asked once per run. */
export class RoleLookup {
  private readonly asked = new Map<string, Promise<RepositoryRole>>()

  constructor(private readonly api: GitHubApi) {}

  role(login: string): Promise<RepositoryRole> {
    const key = login.toLowerCase()
    let role = this.asked.get(key)
    if (!role) {
      role = this.api.collaboratorPermission(login).then(roleOf)
      this.asked.set(key, role)
    }
    return role
  }
}

function isRole(value: string | undefined): value is RepositoryRole {
  return value !== undefined && (REPOSITORY_ROLES as readonly string[]).includes(value)
}
