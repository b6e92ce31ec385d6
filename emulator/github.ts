/**
 * The slice of the GitHub REST API the sticky PR comment and the drift issue
 * need: issue comments (paged with Link headers), comment create and update,
 * issues (list with filters and paging, create, update), the commit-to-PR
 * lookup and `/user`, with GitHub's token rules: an installation token
 * (GITHUB_TOKEN, a GitHub App's) cannot read `/user` and comments as its App's
 * bot, a personal access token comments as its user, and a fork PR's token is
 * read-only (403 on every write).
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { GitHubPullsStore, type GitHubPullsEmulator } from './github-pulls.js'
import { GitHubSecretsStore, type GitHubSecretsEmulator } from './github-secrets.js'
import type { ApiResponse } from './respond.js'
import { Router } from './router.js'
import type { RequestContext, Route } from './router.js'
import type { FaultSet } from './faults.js'
import { closeServer, listen, sendFaulty, sleep } from './server.js'

/** GitHub's limit on a comment body. */
export const MAX_COMMENT_BODY = 65_536
const MAX_PER_PAGE = 100
const DEFAULT_PER_PAGE = 30
export const ACTIONS_BOT = 'github-actions[bot]'
/** The slug of the GitHub App whose installation token `tokenKind: 'app'` is; it comments as `acme-bot[bot]`. */
export const APP_SLUG = 'acme-bot'
/** The user a `tokenKind: 'pat'` token belongs to. */
export const PAT_USER = 'release-manager'

/**
 * What the emulator's token is (GH-09, GH-11, GH-12): `actions` (default, GITHUB_TOKEN: the
 * github-actions[bot] installation), `app` (an installation token of the acme-bot App) or `pat`
 * (a personal access token of release-manager).
 */
export type GitHubTokenKind = 'actions' | 'app' | 'pat'

export interface GitHubComment {
  id: number
  body: string
  user: { login: string; type: string }
  /** The App a comment was made through (its installation token), or null for a person's token. */
  performed_via_github_app: { slug: string; name: string } | null
  html_url: string
  created_at: string
  updated_at: string
}

/** An issue (or, with `pull_request`, a PR as the issues list shows it). */
export interface GitHubIssue {
  id: number
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  state_reason: 'completed' | 'not_planned' | 'reopened' | null
  labels: Array<{ name: string }>
  user: { login: string; type: string }
  html_url: string
  created_at: string
  updated_at: string
  closed_at: string | null
  /** Set only on a pull request: the issues endpoints list PRs too. */
  pull_request?: { url: string }
}

/** An issue a test adds (or, with pullRequest, a PR) written by `login` (default a person, reviewer). */
export interface NewIssue {
  title: string
  body?: string
  login?: string
  state?: 'open' | 'closed'
  labels?: string[]
  pullRequest?: boolean
}

/** The body of a write request (never a header), kept for leak scans: a sealed secret must not be the key. */
export interface GitHubRequestBody {
  method: string
  path: string
  body: string
}

export interface GitHubLogEntry {
  method: string
  path: string
  query: string
  status: number
}

/** On `emulator.github`. */
export interface GitHubEmulator {
  /** The API base URL, for GITHUB_API_URL. */
  readonly url: string
  /** The one valid token; who it is and posts as is `tokenKind`. */
  readonly token: string
  /** GH-09/GH-11/GH-12: `actions` (default), `app` or `pat`. */
  tokenKind: GitHubTokenKind
  /** The login the token's comments are by (github-actions[bot], acme-bot[bot] or release-manager). */
  readonly tokenLogin: string
  /** Requests seen: never bodies or headers. */
  readonly log: GitHubLogEntry[]
  /** Bodies of every write request (POST, PUT, PATCH), for leak scans only. */
  readonly requestBodies: GitHubRequestBody[]
  /** Actions secrets (repository and environment): the sealed values, which a test can open. */
  readonly secrets: GitHubSecretsEmulator
  /** GH-25..GH-32: pull requests, their reviews and merges, collaborators' permissions, commit statuses. */
  readonly pulls: GitHubPullsEmulator
  /** GH-33: moves the GitHub clock on (every time GitHub stamps: comments, reviews, statuses, merges). */
  advanceClock(ms: number): void
  /** GH-28: a personal access token of `login`, for a test (or CI) to review or merge as that user. */
  tokenFor(login: string): string
  /**
   * GH-34: the next `count` requests are rate-limited: `primary` (x-ratelimit-remaining 0 and
   * x-ratelimit-reset), `secondary` (retry-after) or `secondary-bare` (no header: wait a minute), as 403 or 429.
   */
  rateLimit(count: number, kind: 'primary' | 'secondary' | 'secondary-bare', status?: 403 | 429, waitSeconds?: number): void
  /** GH-35: every request matching `match` (method and path) answers `status`, `count` times (default: always), as a failing proxy would. */
  failRequests(match: { method?: string; path: RegExp }, status: number, count?: number): void
  comments(issueNumber: number): GitHubComment[]
  /** Every comment on every PR, for leak scans. */
  allComments(): GitHubComment[]
  addComment(issueNumber: number, body: string, login?: string): GitHubComment
  /**
   * GH-39: the token is a GITHUB_TOKEN with a job's permissions: a request `allows` refuses is 403 "Resource not
   * accessible by integration"; undefined lifts the restriction. A person's token (`tokenFor`) is not restricted.
   */
  restrictToken(allows: ((method: string, path: string) => boolean) | undefined): void
  /** The token now gets 403 on every write, as a fork PR's token does. */
  makeTokenReadOnly(): void
  /**
   * GH-10: GET /repos/{owner}/{repo}/commits/{sha}/pulls will list this PR: merged with `sha` as its merge
   * commit (unless told otherwise), or open with `sha` as its head.
   */
  linkCommit(sha: string, prNumber: number, merged?: boolean): void
  /**
   * Editing a comment (or an issue, GH-16) someone else wrote (GH-07): `forbidden` (default; not documented for an
   * Actions token, and the case a client must never rely on) or `allowed`.
   */
  othersComments: 'forbidden' | 'allowed'
  /** Every issue (and PR added with addIssue), by number. */
  issues(): GitHubIssue[]
  /** An issue (or, with pullRequest, a PR) written by `login` (default a person, reviewer). */
  addIssue(fields: NewIssue): GitHubIssue
  /**
   * GH-14: how `creator=<name>[bot]` filters. `none` (default: not documented, so it matches
   * nothing, and a client that relies on it misses its own issue) or `matches` (the exact login).
   */
  botCreatorFilter: 'none' | 'matches'
  /** GH-15: labels on a create are `dropped` (default: the token has no push access) or `kept`. */
  labelsOnCreate: 'dropped' | 'kept'
  /** GH-17: issues are disabled in the repository: a create is 410 Gone. */
  disableIssues(): void
}

/** Answers carry GitHub's `{message}` error bodies, not the tenant's `{code, message}`. */
type Reply = ApiResponse

export class GitHubServer implements GitHubEmulator {
  readonly token = `ghs_${randomBytes(18).toString('hex')}`
  readonly log: GitHubLogEntry[] = []
  readonly requestBodies: GitHubRequestBody[] = []
  readonly secrets = new GitHubSecretsStore()
  readonly pulls: GitHubPullsStore = new GitHubPullsStore({
    now: () => this.now(),
    actor: (ctx) => this.userTokens.get(bearerOf(ctx.headers.authorization)) ?? this.tokenLogin,
    page: (path, all, query) => this.page(path, all, query),
    nextId: () => this.nextId++
  })
  private clockOffsetMs = 0
  private readonly userTokens = new Map<string, string>()
  private readonly failures: Array<{ method?: string; path: RegExp; status: number; left: number }> = []
  private rateLimits: Array<{ kind: 'primary' | 'secondary' | 'secondary-bare'; status: 403 | 429; waitSeconds: number }> = []
  private baseUrl = ''
  private readOnly = false
  private tokenAllows: ((method: string, path: string) => boolean) | undefined
  othersComments: 'forbidden' | 'allowed' = 'forbidden'
  botCreatorFilter: 'none' | 'matches' = 'none'
  labelsOnCreate: 'dropped' | 'kept' = 'dropped'
  tokenKind: GitHubTokenKind = 'actions'
  private nextId = 1000
  /** Issue numbers start above the PR numbers tests use. */
  private nextIssueNumber = 101
  private issuesDisabled = false
  private readonly issueList = new Map<number, GitHubIssue>()
  private readonly commentsByIssue = new Map<number, GitHubComment[]>()
  private readonly server: Server
  private readonly router = new Router(this.routes())

  constructor(
    private readonly host: string,
    /** GH-38: the emulator's faults, of which GitHub takes those that name it. */
    private readonly faults: FaultSet
  ) {
    this.server = createServer((req, res) => {
      this.serve(req, res).catch(() => {
        if (!res.headersSent) reply(res, { status: 500, body: { message: 'Internal emulator error' } })
      })
    })
  }

  get url(): string {
    return this.baseUrl
  }

  async start(): Promise<void> {
    await GitHubSecretsStore.ready()
    this.baseUrl = await listen(this.server, this.host)
  }

  async close(): Promise<void> {
    if (this.server.listening) await closeServer(this.server)
  }

  get tokenLogin(): string {
    if (this.tokenKind === 'app') return `${APP_SLUG}[bot]`
    return this.tokenKind === 'pat' ? PAT_USER : ACTIONS_BOT
  }

  comments(issueNumber: number): GitHubComment[] {
    return this.commentsByIssue.get(issueNumber) ?? []
  }

  allComments(): GitHubComment[] {
    return [...this.commentsByIssue.values()].flat()
  }

  /** GitHub's clock, moved on by advanceClock. */
  now(): number {
    return Date.now() + this.clockOffsetMs
  }

  advanceClock(ms: number): void {
    this.clockOffsetMs += ms
  }

  tokenFor(login: string): string {
    for (const [token, owner] of this.userTokens) if (owner === login) return token
    const token = `ghp_${randomBytes(18).toString('hex')}`
    this.userTokens.set(token, login)
    return token
  }

  failRequests(match: { method?: string; path: RegExp }, status: number, count = Number.POSITIVE_INFINITY): void {
    this.failures.push({ ...match, status, left: count })
  }

  rateLimit(count: number, kind: 'primary' | 'secondary' | 'secondary-bare', status: 403 | 429 = 403, waitSeconds = 1): void {
    for (let i = 0; i < count; i++) this.rateLimits.push({ kind, status, waitSeconds })
  }

  /** GitHub stamps whole seconds. */
  private isoNow(): string {
    return new Date(Math.floor(this.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z')
  }

  addComment(issueNumber: number, body: string, login = 'reviewer'): GitHubComment {
    const now = this.isoNow()
    const id = this.nextId++
    const comment: GitHubComment = {
      id,
      body,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
      performed_via_github_app: login.endsWith('[bot]')
        ? { slug: login.slice(0, -'[bot]'.length), name: login.slice(0, -'[bot]'.length) }
        : null,
      html_url: `https://github.com/acme/iam-config/pull/${issueNumber}#issuecomment-${id}`,
      created_at: now,
      updated_at: now
    }
    this.commentsByIssue.set(issueNumber, [...this.comments(issueNumber), comment])
    return comment
  }

  issues(): GitHubIssue[] {
    return [...this.issueList.values()].sort((a, b) => a.number - b.number)
  }

  addIssue(fields: NewIssue): GitHubIssue {
    const login = fields.login ?? 'reviewer'
    const now = this.isoNow()
    const number = this.nextIssueNumber++
    const kind = fields.pullRequest ? 'pull' : 'issues'
    const issue: GitHubIssue = {
      id: this.nextId++,
      number,
      title: fields.title,
      body: fields.body ?? null,
      state: fields.state ?? 'open',
      state_reason: fields.state === 'closed' ? 'completed' : null,
      labels: (fields.labels ?? []).map((name) => ({ name })),
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
      html_url: `https://github.com/acme/iam-config/${kind}/${number}`,
      created_at: now,
      updated_at: now,
      closed_at: fields.state === 'closed' ? now : null,
      ...(fields.pullRequest ? { pull_request: { url: `https://api.github.com/repos/acme/iam-config/pulls/${number}` } } : {})
    }
    this.issueList.set(number, issue)
    return issue
  }

  disableIssues(): void {
    this.issuesDisabled = true
  }

  makeTokenReadOnly(): void {
    this.readOnly = true
  }

  restrictToken(allows: ((method: string, path: string) => boolean) | undefined): void {
    this.tokenAllows = allows
  }

  linkCommit(sha: string, prNumber: number, merged = true): void {
    const pull = this.pulls.get(prNumber) ?? this.pulls.open({ number: prNumber })
    if (merged) {
      this.pulls.merge(pull.number, 'merge', sha)
      return
    }
    pull.commits.push(sha)
    pull.head.sha = sha
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(`http://github.invalid${req.url ?? '/'}`)
    const entry: GitHubLogEntry = { method: req.method ?? '', path: url.pathname, query: url.search.slice(1), status: 0 }
    // GH-38: a transport fault named for GitHub, as the tenants' servers apply theirs (NET rows).
    const fault = this.faults.take('github', entry.method, entry.path)
    if (fault?.drop) {
      this.log.push(entry)
      req.socket.destroy()
      return
    }
    const body = await readBody(req)
    if (req.method !== 'GET') this.requestBodies.push({ method: entry.method, path: entry.path, body })
    if (fault?.delayMs) await sleep(fault.delayMs)
    const answer = fault?.expireTokens
      ? // The token lapsed at this request (an App's installation token lives an hour): GitHub's answer to any other token.
        { status: 401, body: { message: 'Bad credentials' } }
      : fault?.status !== undefined
        ? injectedAnswer(fault.status, fault.body, fault.retryAfter)
        : await this.dispatch(req, url, body)
    entry.status = answer.status
    this.log.push(entry)
    if (fault?.handleThenDrop && fault.status === undefined) {
      // Done, and the state changed, but the client never learns it.
      req.socket.destroy()
      return
    }
    if (fault) return sendFaulty(res, answer, fault)
    reply(res, answer)
  }

  private async dispatch(req: IncomingMessage, url: URL, body: string): Promise<Reply> {
    const bearer = bearerOf(req.headers.authorization)
    const user = this.userTokens.get(bearer)
    if (bearer !== this.token && !user) return { status: 401, body: { message: 'Bad credentials' } }
    const limited = this.rateLimits.shift()
    if (limited) return this.rateLimited(limited)
    const failure = this.failures.find((f) => f.left > 0 && (!f.method || f.method === req.method) && f.path.test(url.pathname))
    if (failure) {
      failure.left -= 1
      return { status: failure.status, body: { message: 'Server Error' } }
    }
    const match = this.router.match(req.method ?? '', url.pathname)
    if (match.kind !== 'found') return { status: 404, body: { message: 'Not Found' } }
    // A person's token here only reviews and merges (GH-28): what a test or CI does by hand.
    if (user && req.method !== 'GET' && !/\/pulls\/\d+\/(reviews|merge)/.test(url.pathname))
      return { status: 403, body: { message: 'Resource not accessible by personal access token' } }
    if (this.readOnly && req.method !== 'GET' && !user) return { status: 403, body: { message: 'Resource not accessible by integration' } }
    if (!user && this.tokenAllows && !this.tokenAllows(req.method ?? '', url.pathname)) {
      return { status: 403, body: { message: 'Resource not accessible by integration' } }
    }
    return match.route.handle({
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      params: match.params,
      token: null,
      now: Date.now()
    })
  }

  private routes(): Route[] {
    const route = (method: string, path: string, handle: (ctx: RequestContext) => Reply): Route => ({ method, path, scopes: null, handle })
    return [
      // An installation token (GITHUB_TOKEN, an App's) has no user; a personal access token's user is who it is.
      route('GET', '/user', () =>
        this.tokenKind === 'pat'
          ? { status: 200, body: { login: PAT_USER, id: 4242, type: 'User' } }
          : { status: 403, body: { message: 'Resource not accessible by integration' } }
      ),
      ...this.secrets.routes(),
      ...this.pulls.routes(),
      route('GET', '/repos/{owner}/{repo}/issues/{number}/comments', (ctx) =>
        this.listComments(ctx.path, Number(ctx.params.number), ctx.query)
      ),
      route('POST', '/repos/{owner}/{repo}/issues/{number}/comments', (ctx) => {
        const text = commentBody(ctx.body)
        if (typeof text !== 'string') return text
        return { status: 201, body: this.addComment(Number(ctx.params.number), text, this.tokenLogin) }
      }),
      route('PATCH', '/repos/{owner}/{repo}/issues/comments/{id}', (ctx) => {
        const text = commentBody(ctx.body)
        if (typeof text !== 'string') return text
        const comment = [...this.commentsByIssue.values()].flat().find((c) => c.id === Number(ctx.params.id))
        if (!comment) return { status: 404, body: { message: 'Not Found' } }
        if (comment.user.login !== this.tokenLogin && this.othersComments === 'forbidden') {
          return { status: 403, body: { message: 'Resource not accessible by integration' } }
        }
        comment.body = text
        comment.updated_at = this.isoNow()
        return { status: 200, body: comment }
      }),
      route('GET', '/repos/{owner}/{repo}/issues', (ctx) => this.listIssues(ctx.path, ctx.query)),
      route('POST', '/repos/{owner}/{repo}/issues', (ctx) => this.createIssue(ctx.body)),
      route('PATCH', '/repos/{owner}/{repo}/issues/{number}', (ctx) => this.updateIssue(Number(ctx.params.number), ctx.body)),
      route('POST', '/repos/{owner}/{repo}/issues/{number}/labels', (ctx) => this.addLabels(Number(ctx.params.number), ctx.body))
    ]
  }

  /** GH-34: a rate-limit answer as GitHub documents them. */
  private rateLimited(limit: { kind: 'primary' | 'secondary' | 'secondary-bare'; status: 403 | 429; waitSeconds: number }): Reply {
    if (limit.kind === 'primary') {
      const reset = Math.ceil(this.now() / 1000) + limit.waitSeconds
      return {
        status: limit.status,
        body: { message: 'API rate limit exceeded for installation.' },
        headers: {
          'x-ratelimit-limit': '1000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(reset),
          'x-ratelimit-resource': 'core'
        }
      }
    }
    return {
      status: limit.status,
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      headers: limit.kind === 'secondary' ? { 'retry-after': String(limit.waitSeconds) } : {}
    }
  }

  private listComments(path: string, issueNumber: number, query: URLSearchParams): Reply {
    return this.page(path, this.comments(issueNumber), query)
  }

  /** GH-13: state (default open), creator, labels (all of them), sort created/updated, direction (default desc), paged. */
  private listIssues(path: string, query: URLSearchParams): Reply {
    const state = query.get('state') ?? 'open'
    if (!['open', 'closed', 'all'].includes(state)) return { status: 422, body: { message: 'Validation Failed' } }
    const creator = query.get('creator')
    const labels = (query.get('labels') ?? '').split(',').filter(Boolean)
    const sort = query.get('sort') === 'updated' ? 'updated_at' : 'created_at'
    const ascending = query.get('direction') === 'asc'
    const matches = (issue: GitHubIssue): boolean =>
      (state === 'all' || issue.state === state) &&
      (creator === null || this.creatorMatches(creator, issue.user.login)) &&
      labels.every((label) => issue.labels.some((l) => l.name === label))
    const sorted = this.issues()
      .filter(matches)
      .sort((a, b) => (a[sort] === b[sort] ? a.number - b.number : a[sort] < b[sort] ? -1 : 1))
    return this.page(path, ascending ? sorted : sorted.reverse(), query)
  }

  private creatorMatches(creator: string, login: string): boolean {
    if (creator.endsWith('[bot]') && this.botCreatorFilter === 'none') return false
    return creator === login
  }

  /** GH-15, GH-17 */
  private createIssue(raw: string): Reply {
    if (this.issuesDisabled) return { status: 410, body: { message: 'Issues are disabled for this repo' } }
    const fields = issueFields(raw)
    if ('status' in fields) return fields
    if (typeof fields.title !== 'string' || fields.title === '') return { status: 422, body: { message: 'Validation Failed' } }
    const issue = this.addIssue({
      title: fields.title,
      body: fields.body ?? undefined,
      login: this.tokenLogin,
      labels: this.labelsOnCreate === 'kept' ? fields.labels : []
    })
    return { status: 201, body: issue }
  }

  /** GH-16 */
  private updateIssue(number: number, raw: string): Reply {
    const issue = this.issueList.get(number)
    if (!issue) return { status: 404, body: { message: 'Not Found' } }
    const fields = issueFields(raw)
    if ('status' in fields) return fields
    if (fields.state !== undefined && fields.state !== 'open' && fields.state !== 'closed')
      return { status: 422, body: { message: 'Validation Failed' } }
    if (issue.user.login !== this.tokenLogin && this.othersComments === 'forbidden') {
      return { status: 403, body: { message: 'Resource not accessible by integration' } }
    }
    const now = this.isoNow()
    if (fields.title !== undefined) issue.title = fields.title
    if (fields.body !== undefined) issue.body = fields.body
    // state_reason counts only with a change of state (github/docs#22914).
    if (fields.state !== undefined && fields.state !== issue.state) {
      issue.state = fields.state
      issue.closed_at = fields.state === 'closed' ? now : null
      issue.state_reason = fields.state_reason ?? (fields.state === 'closed' ? 'completed' : 'reopened')
    }
    issue.updated_at = now
    return { status: 200, body: issue }
  }

  /** GH-37: labels added by name (a new name becomes a label of the repository), every label of the issue answered. */
  private addLabels(number: number, raw: string): Reply {
    const issue = this.issueList.get(number)
    if (!issue) return { status: 404, body: { message: 'Not Found' } }
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      return { status: 400, body: { message: 'Problems parsing JSON' } }
    }
    const names = Array.isArray(parsed)
      ? parsed
      : typeof parsed === 'object' && parsed !== null
        ? (parsed as { labels?: unknown }).labels
        : undefined
    if (!Array.isArray(names) || names.length === 0 || !names.every((name) => typeof name === 'string' && name !== ''))
      return { status: 422, body: { message: 'Validation Failed' } }
    for (const name of names as string[]) if (!issue.labels.some((label) => label.name === name)) issue.labels.push({ name })
    issue.updated_at = this.isoNow()
    return { status: 200, body: issue.labels }
  }

  private page<T>(path: string, all: T[], query: URLSearchParams): Reply {
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Number(query.get('per_page') ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE))
    const page = Math.max(1, Number(query.get('page') ?? 1) || 1)
    const lastPage = Math.max(1, Math.ceil(all.length / perPage))
    // GitHub's links keep the request's other parameters (state, creator, …).
    const link = (n: number, rel: string): string => {
      const params = new URLSearchParams(query)
      params.set('per_page', String(perPage))
      params.set('page', String(n))
      return `<${this.baseUrl}${path}?${params.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'))
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'))
    return {
      status: 200,
      body: all.slice((page - 1) * perPage, page * perPage),
      headers: links.length > 0 ? { Link: links.join(', ') } : {}
    }
  }
}

interface IssueFields {
  title?: string
  body?: string | null
  state?: string
  state_reason?: GitHubIssue['state_reason']
  labels?: string[]
}

/** The fields of an issue create or update, or GitHub's 400 / 422 answer. */
function issueFields(raw: string): IssueFields | Reply {
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return { status: 400, body: { message: 'Problems parsing JSON' } }
  }
  if (typeof parsed !== 'object' || parsed === null) return { status: 400, body: { message: 'Problems parsing JSON' } }
  const fields = parsed as Record<string, unknown>
  const body = fields.body
  if (typeof body === 'string' && body.length > MAX_COMMENT_BODY) {
    return {
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }]
      }
    }
  }
  const labels = Array.isArray(fields.labels) ? fields.labels.filter((l): l is string => typeof l === 'string') : undefined
  const reason = fields.state_reason
  return {
    ...(typeof fields.title === 'string' ? { title: fields.title } : {}),
    ...(typeof body === 'string' || body === null ? { body } : {}),
    ...(typeof fields.state === 'string' ? { state: fields.state } : {}),
    ...(reason === 'completed' || reason === 'not_planned' || reason === 'reopened' ? { state_reason: reason } : {}),
    ...(labels ? { labels } : {})
  }
}

/** The `body` of a create or update, or GitHub's 422 answer. */
function commentBody(raw: string): string | Reply {
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return { status: 400, body: { message: 'Problems parsing JSON' } }
  }
  const body = typeof parsed === 'object' && parsed !== null ? (parsed as { body?: unknown }).body : undefined
  if (typeof body !== 'string' || body === '') return { status: 422, body: { message: 'Validation Failed' } }
  if (body.length > MAX_COMMENT_BODY) {
    return {
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }]
      }
    }
  }
  return body
}

/** An injected answer: GitHub's `{message}` body unless the rule gives a raw one. */
function injectedAnswer(status: number, raw: string | undefined, retryAfter: string | undefined): Reply {
  const headers: Record<string, string> = retryAfter !== undefined ? { 'Retry-After': retryAfter } : {}
  return raw !== undefined ? { status, raw, headers } : { status, body: { message: 'Injected fault' }, headers }
}

function bearerOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header
  return value?.startsWith('Bearer ') ? value.slice('Bearer '.length) : ''
}

function reply(res: ServerResponse, answer: Reply): void {
  const payload = answer.body === undefined ? '' : JSON.stringify(answer.body)
  res.writeHead(answer.status, {
    ...answer.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(payload))
  })
  res.end(payload)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
