/** Shapes of the GitHub REST API responses the action reads (only the members it uses). */

export interface GitHubUser {
  login: string
}

/** `issue-comment` */
export interface IssueComment {
  id: number
  body?: string
  html_url: string
  user: GitHubUser | null
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
