import * as core from '@actions/core'
import { ActionError, ApiError, isForbidden } from '../errors.js'
import type { JsonHttpClient } from '../http/client.js'
import { GITHUB_HEADERS } from './client.js'
import type {
  CollaboratorPermission,
  CommentRequest,
  CommitStatus,
  CommitStatusRequest,
  GitHubUser,
  Issue,
  IssueComment,
  IssueQuery,
  IssueRequest,
  PullRequest,
  PullRequestReview,
  PullRequestSummary
} from './types.js'

/** GitHub's own maximum page size. */
const PER_PAGE = 100
/** 100 pages of 100 comments: far beyond any real PR, and a guard against a server that pages forever. */
const MAX_PAGES = 100

/** The repository's issue comments and PR lookups, through the shared HTTP layer. */
export class GitHubApi {
  private readonly repoPath: string

  constructor(
    private readonly http: JsonHttpClient,
    owner: string,
    repo: string
  ) {
    this.repoPath = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`
  }

  /** Sends a create at most once in effect; see JsonHttpClient.sendOnce. */
  sendOnce<T>(what: string, send: () => Promise<T>, look: () => Promise<T | undefined>): Promise<T> {
    return this.http.sendOnce(what, send, look)
  }

  /**
   * The token's user (a personal access token's), or undefined when GitHub will not say: an
   * installation token (GITHUB_TOKEN, a GitHub App's) has no user and is refused on /user.
   */
  async authenticatedLogin(): Promise<string | undefined> {
    try {
      const login = (await this.http.request<GitHubUser>({ method: 'GET', path: '/user', headers: GITHUB_HEADERS })).body.login
      return typeof login === 'string' && login !== '' ? login : undefined
    } catch (error) {
      if (isForbidden(error) || (error instanceof ApiError && error.status === 404)) return undefined
      throw error
    }
  }

  /**
   * A list GitHub pages: 100 a page, following the Link header to the last page, or the first `pages`, or
   * until `enough` says the items read so far answer the question. `complete` says whether the list ended.
   */
  private async pages<T>(
    request: { path: string; query?: Record<string, string | number>; hint?: (status: number) => string | undefined },
    options: { pages?: number; keep?: (item: T) => boolean; enough?: (items: readonly T[]) => boolean } = {}
  ): Promise<{ items: T[]; complete: boolean }> {
    const items: T[] = []
    for (let page = 1; page <= (options.pages ?? MAX_PAGES); page++) {
      const res = await this.http.request<T[]>({
        method: 'GET',
        path: request.path,
        query: { ...request.query, per_page: PER_PAGE, page },
        headers: GITHUB_HEADERS,
        ...(request.hint ? { hint: request.hint } : {})
      })
      items.push(...(options.keep ? res.body.filter(options.keep) : res.body))
      if (!hasNextPage(res.headers.link) || res.body.length === 0 || options.enough?.(items)) return { items, complete: true }
    }
    return { items, complete: false }
  }

  /** Every comment of an issue or PR. */
  async listComments(issue: number): Promise<IssueComment[]> {
    const { items, complete } = await this.pages<IssueComment>({ path: `${this.repoPath}/issues/${issue}/comments` })
    if (!complete)
      core.warning(`PR #${issue} has more than ${MAX_PAGES * PER_PAGE} comments; only the first ${MAX_PAGES * PER_PAGE} were searched`)
    return items
  }

  /** `hint` explains a refusal: a PR comment needs pull-requests: write, an issue's issues: write. */
  async createComment(issue: number, body: string, hint: (status: number) => string | undefined = commentHint): Promise<IssueComment> {
    const json: CommentRequest = { body }
    return (
      await this.http.request<IssueComment>({
        method: 'POST',
        path: `${this.repoPath}/issues/${issue}/comments`,
        headers: GITHUB_HEADERS,
        json,
        idempotent: false,
        hint
      })
    ).body
  }

  /**
   * The repository's issues that `query` selects (never its pull requests, which the endpoint lists too),
   * oldest first unless the query says otherwise, 100 a page, following the Link header to the last page
   * or the first `pages`. Narrow the query (a label): the whole list can be longer than any run should read.
   */
  async listIssues(query: IssueQuery, pages = MAX_PAGES): Promise<Issue[]> {
    const { items, complete } = await this.pages<Issue>(
      { path: `${this.repoPath}/issues`, query: { sort: 'created', direction: 'asc', ...query }, hint: issueHint },
      { pages, keep: (issue) => issue.pull_request === undefined }
    )
    if (!complete && pages === MAX_PAGES)
      throw new ActionError(`More than ${MAX_PAGES * PER_PAGE} issues match ${JSON.stringify(query)}; the action reads at most that many`)
    return items
  }

  /** Adds labels to an issue (GitHub creates a label that does not exist yet); setting a label twice is harmless. */
  async addLabels(issue: number, labels: string[]): Promise<void> {
    await this.http.request<unknown>({
      method: 'POST',
      path: `${this.repoPath}/issues/${issue}/labels`,
      headers: GITHUB_HEADERS,
      json: { labels },
      idempotent: true,
      hint: issueHint
    })
  }

  async createIssue(request: IssueRequest & { title: string; body: string }): Promise<Issue> {
    return (
      await this.http.request<Issue>({
        method: 'POST',
        path: `${this.repoPath}/issues`,
        headers: GITHUB_HEADERS,
        json: request,
        idempotent: false,
        hint: issueHint
      })
    ).body
  }

  /** Setting the same body and state twice leaves the same issue: safe to repeat. */
  async updateIssue(issue: number, request: IssueRequest): Promise<Issue> {
    return (
      await this.http.request<Issue>({
        method: 'PATCH',
        path: `${this.repoPath}/issues/${issue}`,
        headers: GITHUB_HEADERS,
        json: request,
        idempotent: true,
        hint: issueHint
      })
    ).body
  }

  /** Setting the same body twice leaves the same comment: safe to repeat. */
  async updateComment(id: number, body: string): Promise<IssueComment> {
    const json: CommentRequest = { body }
    return (
      await this.http.request<IssueComment>({
        method: 'PATCH',
        path: `${this.repoPath}/issues/comments/${id}`,
        headers: GITHUB_HEADERS,
        json,
        idempotent: true,
        hint: commentHint
      })
    ).body
  }

  async pullRequest(number: number): Promise<PullRequest> {
    return (
      await this.http.request<PullRequest>({
        method: 'GET',
        path: `${this.repoPath}/pulls/${number}`,
        headers: GITHUB_HEADERS,
        hint: (status) =>
          status === 404
            ? `PR #${number} does not exist in this repository (or the token may not read it: grant pull-requests: read).`
            : readHint(status)
      })
    ).body
  }

  /** Every review of a PR, oldest first as GitHub lists them. */
  async listReviews(number: number): Promise<PullRequestReview[]> {
    const { items, complete } = await this.pages<PullRequestReview>({ path: `${this.repoPath}/pulls/${number}/reviews`, hint: readHint })
    if (!complete) throw new ActionError(`PR #${number} has more than ${MAX_PAGES * PER_PAGE} reviews; the action reads at most that many`)
    return items
  }

  /**
   * The user's permission on the repository, or undefined when GitHub says they have none (404: not a
   * collaborator). Any other refusal is an error: a permission the token may not read is never guessed.
   */
  async collaboratorPermission(login: string): Promise<CollaboratorPermission | undefined> {
    try {
      return (
        await this.http.request<CollaboratorPermission>({
          method: 'GET',
          path: `${this.repoPath}/collaborators/${encodeURIComponent(login)}/permission`,
          headers: GITHUB_HEADERS,
          hint: (status) =>
            status === 403
              ? "The token may not read collaborators' permissions; a GitHub App token needs the Metadata: read repository permission, which GITHUB_TOKEN always has."
              : undefined
        })
      ).body
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined
      throw error
    }
  }

  /** Sets a commit status (a new one per call; GitHub shows the newest of each context). */
  async createStatus(sha: string, status: CommitStatusRequest): Promise<CommitStatus> {
    if (!/^[0-9a-f]{40}$/i.test(sha)) throw new ActionError(`"${sha.slice(0, 40)}" is not a commit id`)
    return (
      await this.http.request<CommitStatus>({
        method: 'POST',
        path: `${this.repoPath}/statuses/${sha}`,
        headers: GITHUB_HEADERS,
        json: status,
        // Setting the same status twice shows the same state: safe to repeat.
        idempotent: true,
        hint: (code) =>
          code === 403 ? 'The token may not set commit statuses; grant statuses: write in the workflow permissions.' : undefined
      })
    ).body
  }

  /**
   * The commit's statuses, newest first as GitHub lists them, 100 a page, stopping once `enough` says
   * the statuses read so far answer the question (GitHub keeps up to 1,000 per context).
   */
  async listStatuses(sha: string, enough: (newestFirst: readonly CommitStatus[]) => boolean = () => false): Promise<CommitStatus[]> {
    if (!/^[0-9a-f]{40}$/i.test(sha)) throw new ActionError(`"${sha.slice(0, 40)}" is not a commit id`)
    const hint = (code: number): string | undefined =>
      code === 403 ? 'The token may not read commit statuses; grant statuses: read (or write) in the workflow permissions.' : undefined
    return (await this.pages<CommitStatus>({ path: `${this.repoPath}/commits/${sha}/statuses`, hint }, { enough })).items
  }

  async pullRequestsOfCommit(sha: string): Promise<PullRequestSummary[]> {
    if (!/^[0-9a-f]{7,64}$/i.test(sha)) throw new ActionError(`GITHUB_SHA "${sha.slice(0, 40)}" is not a commit id`)
    const res = await this.http.request<PullRequestSummary[]>({
      method: 'GET',
      path: `${this.repoPath}/commits/${sha}/pulls`,
      headers: GITHUB_HEADERS
    })
    return res.body
  }
}

export function hasNextPage(link: string | string[] | undefined): boolean {
  const value = Array.isArray(link) ? link.join(', ') : (link ?? '')
  return /<[^>]*>\s*;\s*rel="?next"?/.test(value)
}

export function issueHint(status: number): string | undefined {
  if (status === 403) return 'The token may not write issues; grant issues: write in the workflow permissions.'
  if (status === 410) return 'Issues are disabled in this repository; enable them or set drift-issue: false.'
  if (status === 422) return 'GitHub refused the issue.'
  return undefined
}

function readHint(status: number): string | undefined {
  if (status === 403) return 'The token may not read pull requests; grant pull-requests: read in the workflow permissions.'
  return undefined
}

function commentHint(status: number): string | undefined {
  if (status === 403) return 'The token may not write to the PR (a fork PR gets a read-only token); grant pull-requests: write.'
  if (status === 422) return 'GitHub refused the comment body.'
  return undefined
}
