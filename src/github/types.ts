/** Shapes of the GitHub REST API responses the action reads (only the members it uses). */

export interface GitHubUser {
  login: string
  /** `User`, `Bot` (a GitHub App, GITHUB_TOKEN's github-actions[bot] included) or `Organization`. */
  type?: string
}

/** `issue-comment` */
export interface IssueComment {
  id: number
  body?: string
  html_url: string
  user: GitHubUser | null
  /** The GitHub App the comment was made through (null for a person's token). */
  performed_via_github_app?: { slug?: string } | null
  /** GitHub's clock: when the comment was written, and last edited (by anyone with write access, or the action). */
  created_at?: string
  updated_at?: string
}

/** `pull-request-simple`, as GET /repos/{owner}/{repo}/commits/{sha}/pulls lists them. */
export interface PullRequestSummary {
  number: number
  state: string
  merged_at: string | null
  merge_commit_sha?: string | null
  base?: { ref?: string }
}

export interface CommentRequest {
  body: string
}

/** `issue`, as the issues endpoints answer it (only the members the action reads). */
export interface Issue {
  id: number
  number: number
  title?: string
  body?: string | null
  state: string
  html_url: string
  user: GitHubUser | null
  /** The issue's labels (GitHub answers objects; the create request takes names). */
  labels?: Array<{ name?: string } | string>
  /** Present when the "issue" is a pull request: the issues endpoints list both. */
  pull_request?: object
}

/** The query of GET /repos/{owner}/{repo}/issues the action sends. */
export interface IssueQuery {
  state: 'open' | 'closed' | 'all'
  /** Only issues this login opened. */
  creator?: string
  /** Only issues with every one of these labels (comma-separated). */
  labels?: string
  /** GitHub's default is `created`. */
  sort?: 'created' | 'updated'
  /** GitHub's default is `desc`. */
  direction?: 'asc' | 'desc'
}

export interface IssueRequest {
  /** On a create, set only when the token has push access (GitHub drops them silently otherwise). */
  labels?: string[]
  title?: string
  body?: string
  state?: 'open' | 'closed'
  state_reason?: 'completed' | 'reopened'
}

/** A pull request as `GET /repos/{owner}/{repo}/pulls/{number}` answers it (only the members the action reads). */
export interface PullRequest {
  number: number
  state: 'open' | 'closed'
  html_url: string
  /** Who opened it: a reviewer who is the author never counts. */
  user: GitHubUser | null
  merged: boolean
  merged_at: string | null
  /**
   * Before the merge, the test merge commit; after it, the merge commit, the squashed commit, or the
   * commit the base branch was rebased to (docs.github.com, "Get a pull request").
   */
  merge_commit_sha: string | null
  base: { ref: string; sha: string }
  head: { ref: string; sha: string; repo: { full_name: string } | null }
}

/** `pull-request-review`; `submitted_at` is absent on a PENDING review. */
export interface PullRequestReview {
  id: number
  user: GitHubUser | null
  state: string
  submitted_at?: string
  commit_id: string | null
  html_url: string
}

/** `repository-collaborator-permission`: `permission` is the base role (maintain maps to write, triage to read). */
export interface CollaboratorPermission {
  permission: string
  role_name: string
  user: (GitHubUser & { permissions?: { admin?: boolean; maintain?: boolean; push?: boolean } }) | null
}

/** The body of `POST /repos/{owner}/{repo}/statuses/{sha}`. */
export interface CommitStatusRequest {
  state: 'error' | 'failure' | 'pending' | 'success'
  context: string
  /** GitHub keeps at most 140 characters. */
  description: string
  target_url?: string
}

/** `status`, as the create and the list answer it; `creator` is who set it (GitHub's record, never editable). */
export interface CommitStatus {
  id: number
  state: string
  context: string
  description: string | null
  target_url: string | null
  created_at: string
  creator: GitHubUser | null
}
