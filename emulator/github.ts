/**
 * The slice of the GitHub REST API the sticky PR comment needs: issue comments
 * (paged with Link headers), comment create and update, the commit-to-PR
 * lookup and `/user`, with GitHub's token rules: an installation token
 * (GITHUB_TOKEN, a GitHub App's) cannot read `/user` and comments as its App's
 * bot, a personal access token comments as its user, and a fork PR's token is
 * read-only (403 on every write).
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { GitHubSecretsStore, type GitHubSecretsEmulator } from './github-secrets.js'
import type { ApiResponse } from './respond.js'
import { Router } from './router.js'
import type { RequestContext, Route } from './router.js'
import { closeServer, listen } from './server.js'

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
  comments(issueNumber: number): GitHubComment[]
  /** Every comment on every PR, for leak scans. */
  allComments(): GitHubComment[]
  addComment(issueNumber: number, body: string, login?: string): GitHubComment
  /** The token now gets 403 on every write, as a fork PR's token does. */
  makeTokenReadOnly(): void
  /** GET /repos/{owner}/{repo}/commits/{sha}/pulls will list this PR, merged unless told otherwise. */
  linkCommit(sha: string, prNumber: number, merged?: boolean): void
  /**
   * Editing a comment someone else wrote (GH-07): `forbidden` (default; not documented for an
   * Actions token, and the case a client must never rely on) or `allowed`.
   */
  othersComments: 'forbidden' | 'allowed'
}

/** Answers carry GitHub's `{message}` error bodies, not the tenant's `{code, message}`. */
type Reply = ApiResponse

export class GitHubServer implements GitHubEmulator {
  readonly token = `ghs_${randomBytes(18).toString('hex')}`
  readonly log: GitHubLogEntry[] = []
  readonly requestBodies: GitHubRequestBody[] = []
  readonly secrets = new GitHubSecretsStore()
  private baseUrl = ''
  private readOnly = false
  othersComments: 'forbidden' | 'allowed' = 'forbidden'
  tokenKind: GitHubTokenKind = 'actions'
  private nextId = 1000
  private readonly issues = new Map<number, GitHubComment[]>()
  private readonly commitPulls = new Map<string, Array<{ number: number; merged: boolean }>>()
  private readonly server: Server
  private readonly router = new Router(this.routes())

  constructor(private readonly host: string) {
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
    return this.issues.get(issueNumber) ?? []
  }

  allComments(): GitHubComment[] {
    return [...this.issues.values()].flat()
  }

  addComment(issueNumber: number, body: string, login = 'reviewer'): GitHubComment {
    const now = new Date().toISOString()
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
    this.issues.set(issueNumber, [...this.comments(issueNumber), comment])
    return comment
  }

  makeTokenReadOnly(): void {
    this.readOnly = true
  }

  linkCommit(sha: string, prNumber: number, merged = true): void {
    this.commitPulls.set(sha, [...(this.commitPulls.get(sha) ?? []), { number: prNumber, merged }])
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(`http://github.invalid${req.url ?? '/'}`)
    const entry: GitHubLogEntry = { method: req.method ?? '', path: url.pathname, query: url.search.slice(1), status: 0 }
    const body = await readBody(req)
    if (req.method !== 'GET') this.requestBodies.push({ method: entry.method, path: entry.path, body })
    const answer = await this.dispatch(req, url, body)
    entry.status = answer.status
    this.log.push(entry)
    reply(res, answer)
  }

  private async dispatch(req: IncomingMessage, url: URL, body: string): Promise<Reply> {
    if (req.headers.authorization !== `Bearer ${this.token}`) return { status: 401, body: { message: 'Bad credentials' } }
    const match = this.router.match(req.method ?? '', url.pathname)
    if (match.kind !== 'found') return { status: 404, body: { message: 'Not Found' } }
    if (this.readOnly && req.method !== 'GET') return { status: 403, body: { message: 'Resource not accessible by integration' } }
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
        const comment = [...this.issues.values()].flat().find((c) => c.id === Number(ctx.params.id))
        if (!comment) return { status: 404, body: { message: 'Not Found' } }
        if (comment.user.login !== this.tokenLogin && this.othersComments === 'forbidden') {
          return { status: 403, body: { message: 'Resource not accessible by integration' } }
        }
        comment.body = text
        comment.updated_at = new Date().toISOString()
        return { status: 200, body: comment }
      }),
      route('GET', '/repos/{owner}/{repo}/commits/{sha}/pulls', (ctx) => ({
        status: 200,
        body: (this.commitPulls.get(ctx.params.sha ?? '') ?? []).map(({ number, merged }) => ({
          number,
          state: merged ? 'closed' : 'open',
          merged_at: merged ? new Date().toISOString() : null,
          html_url: `https://github.com/acme/iam-config/pull/${number}`
        }))
      }))
    ]
  }

  private listComments(path: string, issueNumber: number, query: URLSearchParams): Reply {
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Number(query.get('per_page') ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE))
    const page = Math.max(1, Number(query.get('page') ?? 1) || 1)
    const all = this.comments(issueNumber)
    const lastPage = Math.max(1, Math.ceil(all.length / perPage))
    const link = (n: number, rel: string): string => `<${this.baseUrl}${path}?per_page=${perPage}&page=${n}>; rel="${rel}"`
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
