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
}

/** `pull-request-simple`, as GET /repos/{owner}/{repo}/commits/{sha}/pulls lists them. */
export interface PullRequestSummary {
  number: number
  state: string
  merged_at: string | null
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
  /** Present when the "issue" is a pull request: the issues endpoints list both. */
  pull_request?: object
}

/** The query of GET /repos/{owner}/{repo}/issues the action sends. */
export interface IssueQuery {
  state: 'open' | 'closed' | 'all'
  /** Only issues this login opened. */
  creator?: string
}

export interface IssueRequest {
  title?: string
  body?: string
  state?: 'open' | 'closed'
  state_reason?: 'completed' | 'reopened'
}
