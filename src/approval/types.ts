/**
 * What an approval is, as every operation that applies one sees it. A leaf: the review rules, the
 * merged-PR lookup, the gate and their callers (promote, the plan applies) import from here.
 */

/**
 * Events that never apply an approval (promote, the plan applies) nor release a lock (unlock): a pull
 * request's own run would approve itself, a workflow_run may follow a fork's workflow, and a comment is
 * no merge.
 */
export const REFUSED_EVENTS: ReadonlySet<string> = new Set(['pull_request', 'pull_request_target', 'workflow_run', 'issue_comment'])

/** GitHub's repository roles, weakest first (docs.github.com, "Repository roles for an organization"). */
export const REPOSITORY_ROLES = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const
export type RepositoryRole = (typeof REPOSITORY_ROLES)[number]

/** The roles that may approve, or start an operation from a comment: write or higher. */
export type GrantingRole = Extract<RepositoryRole, 'write' | 'maintain' | 'admin'>
export const GRANTING_ROLES: readonly GrantingRole[] = ['write', 'maintain', 'admin']

/** A review that counts: who, when (GitHub's clock), with which role, and where to see it. */
export interface Approver {
  login: string
  submittedAt: string
  role: RepositoryRole
  url: string
}

/** A review that does not count, and why, for the refusal and the log. */
export interface NotCounted {
  login: string
  why: string
}

/** What a merged PR's reviews say of one published dry run or plan. */
export interface ReviewTally {
  approvers: Approver[]
  notCounted: NotCounted[]
}

/** The merged PR that approves: the one the run serves. */
export interface MergedPullRequest {
  number: number
  url: string
  author: string | undefined
  mergedAt: string
  mergeCommitSha: string
  baseRef: string
  /** The PR branch's last commit: where its dry run's or plan's check (commit status) is. */
  headSha: string
  /** How the action found it, for the log ("the push of abc1234 to main is its merge commit"). */
  foundBy: string
}

/**
 * What the approval binds and to whom, said in the log, the summary and the comment. `kind` review:
 * reviewers of the merged PR after the dry run or plan was published; break-glass: an approved-fingerprint
 * or approved-plan input (the environment's required reviewers are the approval).
 */
export type ApprovalRecord =
  | {
      kind: 'review'
      pullRequest: MergedPullRequest
      approvers: Approver[]
      /** GitHub's time of the comment write that published what was approved. */
      publishedAt: string
      /** "dry run" or "plan". */
      what: string
    }
  | { kind: 'break-glass'; input: string }

/** The rule the reviews are held to (inputs). */
export interface ReviewRule {
  /** required-approvals: how many reviewers with write access or more must approve. */
  requiredApprovals: number
}
