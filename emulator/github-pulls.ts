/**
 * The pull requests of the emulated repository as an approval reads them (evidence/github.md GH-10, GH-25..GH-36):
 * a pull request with its head, base, author and merge (merge commit, squash or rebase), its reviews and
 * their dismissal, collaborators' permissions, and commit statuses. Times are GitHub's: whole seconds,
 * from the emulator's GitHub clock, which a test can move on (`advanceClock`).
 */
import { createHash } from 'node:crypto'
import type { ApiResponse } from './respond.js'
import type { RequestContext, Route } from './router.js'

/** The repository the emulator serves. */
export const REPOSITORY = 'acme/iam-config'
/** GH-25: pull requests 1..99 exist, open, by octocat, from a branch of the repository into main. */
export const SEEDED_PULL_REQUESTS = 99
/** GH-32: GitHub's limit of statuses per commit and context. */
export const MAX_STATUSES_PER_CONTEXT = 1000
/** GH-32: known from GitHub's 422 answer; the docs state no limit. */
export const MAX_STATUS_DESCRIPTION = 140

/** GitHub's repository roles. */
export type RepositoryRole = 'read' | 'triage' | 'write' | 'maintain' | 'admin'
export type MergeMethod = 'merge' | 'squash' | 'rebase'

/** GH-30: who has which role; every other login is `unknownUsers`. */
export const DEFAULT_ROLES: Readonly<Record<string, RepositoryRole>> = {
  octocat: 'write',
  reviewer: 'write',
  alice: 'write',
  bob: 'maintain',
  carol: 'admin',
  dave: 'triage',
  erin: 'read'
}

export interface EmulatedPullRequest {
  number: number
  state: 'open' | 'closed'
  html_url: string
  user: { login: string; type: string }
  merged: boolean
  merged_at: string | null
  merge_commit_sha: string | null
  base: { ref: string; sha: string }
  head: { ref: string; sha: string; repo: { full_name: string } | null }
  /** The PR branch's commits, oldest first (the head last). */
  commits: string[]
}

export interface EmulatedReview {
  id: number
  user: { login: string; type: string }
  body: string
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING'
  submitted_at?: string
  commit_id: string | null
  html_url: string
  author_association: string
}

export interface EmulatedStatus {
  id: number
  state: 'error' | 'failure' | 'pending' | 'success'
  context: string
  description: string | null
  target_url: string | null
  created_at: string
  updated_at: string
  creator: { login: string; type: string }
}

/** What a merge pushed to the base branch: the push event's `after` and `commits`. */
export interface MergePush {
  ref: string
  before: string
  after: string
  commits: Array<{ id: string }>
}

export interface NewPullRequest {
  number?: number
  author?: string
  base?: string
  /** The head repository when it is a fork (`someone/iam-config`). */
  fork?: string
}

/** On `emulator.github.pulls`. */
export interface GitHubPullsEmulator {
  get(number: number): EmulatedPullRequest | undefined
  /** A new open PR (number: the next after the seeded ones, unless given). */
  open(fields?: NewPullRequest): EmulatedPullRequest
  /** A new commit on the PR's branch: its head moves (GitHub does not dismiss reviews by itself here). */
  push(number: number): string
  /** A review by `login` (default now on the GitHub clock); `APPROVED` by the author is GitHub's 422. */
  review(number: number, login: string, state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED'): EmulatedReview
  dismiss(number: number, reviewId: number): EmulatedReview
  reviews(number: number): EmulatedReview[]
  /** Merges an open PR (GH-27) and returns what the push to the base branch carries. `sha` fixes the merge commit (a test's GITHUB_SHA). */
  merge(number: number, method?: MergeMethod, sha?: string): MergePush
  /** GH-30: a login's role; undefined removes it. */
  setRole(login: string, role: RepositoryRole | undefined): void
  /** GH-30: what the permission API answers for a login without a role: `read` (default, as on a public repository), `none`, or 404. */
  unknownUsers: 'read' | 'none' | '404'
  /** GH-31: the token may not read permissions (403), as a token without metadata access. */
  forbidPermissionReads(): void
  /** Every status set on a commit, newest first, as GitHub lists them. */
  statuses(sha: string): EmulatedStatus[]
  /** GH-27: the merge commit a merge through the API makes, by PR (a test's or CI's GITHUB_SHA); else a new one. */
  readonly mergeShas: Map<number, string>
}

/** What the store needs from the server around it. */
export interface PullsHost {
  /** The GitHub clock: Date.now() plus the test's advance. */
  now(): number
  /** Who the request is from: the token's login. */
  actor(ctx: RequestContext): string
  page<T>(path: string, all: T[], query: URLSearchParams): ApiResponse
  nextId(): number
}

type Reply = ApiResponse

const notFound = (): Reply => ({ status: 404, body: { message: 'Not Found' } })

export class GitHubPullsStore implements GitHubPullsEmulator {
  unknownUsers: 'read' | 'none' | '404' = 'read'
  private readonly pulls = new Map<number, EmulatedPullRequest>()
  private readonly reviewsByPull = new Map<number, EmulatedReview[]>()
  private readonly statusesBySha = new Map<string, EmulatedStatus[]>()
  private readonly roles = new Map<string, RepositoryRole>(Object.entries(DEFAULT_ROLES))
  /** The commits each merge put on its base branch, by the pushed commit. */
  private readonly landed = new Map<string, number>()
  private permissionReadsForbidden = false
  private mainHead = sha('main 0')
  private commitCounter = 0

  constructor(private readonly host: PullsHost) {}

  get(number: number): EmulatedPullRequest | undefined {
    if (!this.pulls.has(number) && number >= 1 && number <= SEEDED_PULL_REQUESTS) this.pulls.set(number, this.newPull({ number }))
    return this.pulls.get(number)
  }

  open(fields: NewPullRequest = {}): EmulatedPullRequest {
    const number = fields.number ?? Math.max(SEEDED_PULL_REQUESTS, ...this.pulls.keys()) + 1
    const pull = this.newPull({ ...fields, number })
    this.pulls.set(number, pull)
    return pull
  }

  push(number: number): string {
    const pull = this.mustGet(number)
    const commit = this.newCommit(`pr ${number}`)
    pull.commits.push(commit)
    pull.head.sha = commit
    pull.merge_commit_sha = this.newCommit(`test merge ${number}`)
    return commit
  }

  review(number: number, login: string, state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED'): EmulatedReview {
    const answer = this.submitReview(number, login, state, '')
    if (answer.status !== 200) throw new Error(`GitHub refused the review: ${JSON.stringify(answer.body)}`)
    return answer.body as EmulatedReview
  }

  dismiss(number: number, reviewId: number): EmulatedReview {
    const review = (this.reviewsByPull.get(number) ?? []).find((r) => r.id === reviewId)
    if (!review) throw new Error(`PR #${number} has no review ${reviewId}`)
    review.state = 'DISMISSED'
    return review
  }

  reviews(number: number): EmulatedReview[] {
    return this.reviewsByPull.get(number) ?? []
  }

  merge(number: number, method: MergeMethod = 'merge', fixed?: string): MergePush {
    const pull = this.mustGet(number)
    if (pull.merged || pull.state !== 'open') throw new Error(`PR #${number} is not open`)
    const before = this.mainHead
    let pushed: string[]
    if (method === 'merge') pushed = [...pull.commits, fixed ?? this.newCommit(`merge ${number}`)]
    else if (method === 'squash') pushed = [fixed ?? this.newCommit(`squash ${number}`)]
    else pushed = pull.commits.map((_, i) => (i === pull.commits.length - 1 && fixed ? fixed : this.newCommit(`rebase ${number} ${i}`)))
    const after = pushed.at(-1)!
    const at = this.isoNow()
    Object.assign(pull, { state: 'closed', merged: true, merged_at: at, merge_commit_sha: after })
    pull.base.sha = after
    for (const commit of pushed) this.landed.set(commit, number)
    // A merge commit's branch commits are on the base branch now too: they answer the merged PR only.
    for (const commit of pull.commits) this.landed.set(commit, number)
    this.mainHead = after
    return { ref: `refs/heads/${pull.base.ref}`, before, after, commits: pushed.map((id) => ({ id })) }
  }

  setRole(login: string, role: RepositoryRole | undefined): void {
    if (role) this.roles.set(login, role)
    else this.roles.delete(login)
  }

  forbidPermissionReads(): void {
    this.permissionReadsForbidden = true
  }

  statuses(commit: string): EmulatedStatus[] {
    return [...(this.statusesBySha.get(commit.toLowerCase()) ?? [])].reverse()
  }

  /** GH-10: the PRs of a commit: the merged PR that landed it, else the open PRs whose branch holds it. */
  pullsOfCommit(commit: string): EmulatedPullRequest[] {
    const landed = this.landed.get(commit)
    if (landed !== undefined) return [this.pulls.get(landed)!]
    return [...this.pulls.values()].filter((pull) => pull.state === 'open' && pull.commits.includes(commit))
  }

  routes(): Route[] {
    const route = (method: string, path: string, handle: (ctx: RequestContext) => Reply): Route => ({ method, path, scopes: null, handle })
    return [
      route('GET', '/repos/{owner}/{repo}/pulls/{number}', (ctx) => {
        const pull = this.get(Number(ctx.params.number))
        return pull ? { status: 200, body: pullBody(pull) } : notFound()
      }),
      route('GET', '/repos/{owner}/{repo}/pulls/{number}/reviews', (ctx) => {
        const number = Number(ctx.params.number)
        if (!this.get(number)) return notFound()
        return this.host.page(ctx.path, this.reviews(number), ctx.query)
      }),
      route('POST', '/repos/{owner}/{repo}/pulls/{number}/reviews', (ctx) => this.createReview(ctx)),
      route('PUT', '/repos/{owner}/{repo}/pulls/{number}/reviews/{id}/dismissals', (ctx) => {
        const number = Number(ctx.params.number)
        const review = this.reviews(number).find((r) => r.id === Number(ctx.params.id))
        if (!review) return notFound()
        if (review.state !== 'APPROVED' && review.state !== 'CHANGES_REQUESTED')
          return { status: 422, body: { message: 'Validation Failed' } }
        return { status: 200, body: this.dismiss(number, review.id) }
      }),
      route('PUT', '/repos/{owner}/{repo}/pulls/{number}/merge', (ctx) => this.mergeRequest(ctx)),
      route('GET', '/repos/{owner}/{repo}/collaborators/{username}/permission', (ctx) => this.permission(ctx.params.username ?? '')),
      route('POST', '/repos/{owner}/{repo}/statuses/{sha}', (ctx) => this.createStatus(ctx)),
      route('GET', '/repos/{owner}/{repo}/commits/{sha}/statuses', (ctx) =>
        this.host.page(ctx.path, this.statuses(ctx.params.sha ?? ''), ctx.query)
      ),
      route('GET', '/repos/{owner}/{repo}/commits/{sha}/pulls', (ctx) => ({
        status: 200,
        body: this.pullsOfCommit((ctx.params.sha ?? '').toLowerCase()).map(pullBody)
      }))
    ]
  }

  /** GH-29: APPROVE, REQUEST_CHANGES or COMMENT by the token's user; the author may not approve or request changes. */
  private createReview(ctx: RequestContext): Reply {
    const fields = jsonObject(ctx.body)
    if (!fields) return { status: 400, body: { message: 'Problems parsing JSON' } }
    const events: Record<string, EmulatedReview['state']> = {
      APPROVE: 'APPROVED',
      REQUEST_CHANGES: 'CHANGES_REQUESTED',
      COMMENT: 'COMMENTED'
    }
    const state = typeof fields.event === 'string' ? events[fields.event] : undefined
    if (!state || state === 'DISMISSED' || state === 'PENDING') return { status: 422, body: { message: 'Validation Failed' } }
    return this.submitReview(Number(ctx.params.number), this.host.actor(ctx), state, typeof fields.body === 'string' ? fields.body : '')
  }

  private submitReview(number: number, login: string, state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED', body: string): Reply {
    const pull = this.get(number)
    if (!pull) return notFound()
    if (state !== 'COMMENTED' && login === pull.user.login) {
      const what = state === 'APPROVED' ? 'approve' : 'request changes on'
      return { status: 422, body: { message: 'Unprocessable Entity', errors: [`Review Can not ${what} your own pull request`] } }
    }
    const id = this.host.nextId()
    const review: EmulatedReview = {
      id,
      user: userOf(login),
      body,
      state,
      submitted_at: this.isoNow(),
      commit_id: pull.head.sha,
      html_url: `https://github.com/${REPOSITORY}/pull/${number}#pullrequestreview-${id}`,
      author_association: this.roles.has(login) ? 'COLLABORATOR' : 'NONE'
    }
    this.reviewsByPull.set(number, [...this.reviews(number), review])
    return { status: 200, body: review }
  }

  /** GH-27: merges an open PR whose head is `sha` (when given); 405 when it cannot be merged, 409 on another head. */
  private mergeRequest(ctx: RequestContext): Reply {
    const pull = this.get(Number(ctx.params.number))
    if (!pull) return notFound()
    const fields = jsonObject(ctx.body) ?? {}
    if (pull.state !== 'open') return { status: 405, body: { message: 'Pull Request is not mergeable' } }
    if (typeof fields.sha === 'string' && fields.sha !== pull.head.sha)
      return { status: 409, body: { message: 'Head branch was modified. Review and try the merge again.' } }
    const method = fields.merge_method === 'squash' || fields.merge_method === 'rebase' ? fields.merge_method : 'merge'
    const push = this.merge(pull.number, method, this.mergeShas.get(pull.number))
    return { status: 200, body: { sha: push.after, merged: true, message: 'Pull Request successfully merged' } }
  }

  readonly mergeShas = new Map<number, string>()

  /** GH-30, GH-31 */
  private permission(login: string): Reply {
    if (this.permissionReadsForbidden) return { status: 403, body: { message: 'Resource not accessible by integration' } }
    const role = this.roles.get(login)
    if (!role) {
      if (this.unknownUsers === '404') return notFound()
      const base = this.unknownUsers
      return { status: 200, body: { permission: base, role_name: base, user: { login, type: 'User' } } }
    }
    const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role
    return {
      status: 200,
      body: {
        permission,
        role_name: role,
        user: { login, type: 'User', permissions: permissionFlags(role) }
      }
    }
  }

  /** GH-32: a status by the token's login, GitHub's time; 422 for a bad state, a long description or the 1,001st of a context. */
  private createStatus(ctx: RequestContext): Reply {
    const commit = (ctx.params.sha ?? '').toLowerCase()
    if (!/^[0-9a-f]{40}$/.test(commit)) return { status: 422, body: { message: 'No commit found for SHA: ' + commit } }
    const fields = jsonObject(ctx.body)
    if (!fields) return { status: 400, body: { message: 'Problems parsing JSON' } }
    const state = fields.state
    if (state !== 'error' && state !== 'failure' && state !== 'pending' && state !== 'success')
      return { status: 422, body: { message: 'Validation Failed' } }
    const description = typeof fields.description === 'string' ? fields.description : null
    if (description !== null && description.length > MAX_STATUS_DESCRIPTION) {
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [
            { resource: 'Status', code: 'custom', field: 'description', message: 'description is too long (maximum is 140 characters)' }
          ]
        }
      }
    }
    const context = typeof fields.context === 'string' && fields.context ? fields.context : 'default'
    const existing = this.statusesBySha.get(commit) ?? []
    if (existing.filter((s) => s.context.toLowerCase() === context.toLowerCase()).length >= MAX_STATUSES_PER_CONTEXT) {
      return {
        status: 422,
        body: { message: 'Validation Failed', errors: [{ message: 'This SHA and context has reached the maximum number of statuses.' }] }
      }
    }
    const at = this.isoNow()
    const status: EmulatedStatus = {
      id: this.host.nextId(),
      state,
      context,
      description,
      target_url: typeof fields.target_url === 'string' ? fields.target_url : null,
      created_at: at,
      updated_at: at,
      creator: userOf(this.host.actor(ctx))
    }
    this.statusesBySha.set(commit, [...existing, status])
    return { status: 201, body: status }
  }

  private newPull(fields: NewPullRequest & { number: number }): EmulatedPullRequest {
    const head = this.newCommit(`pr ${fields.number}`)
    const author = fields.author ?? 'octocat'
    return {
      number: fields.number,
      state: 'open',
      html_url: `https://github.com/${REPOSITORY}/pull/${fields.number}`,
      user: userOf(author),
      merged: false,
      merged_at: null,
      merge_commit_sha: this.newCommit(`test merge ${fields.number}`),
      base: { ref: fields.base ?? 'main', sha: this.mainHead },
      head: { ref: `change-${fields.number}`, sha: head, repo: { full_name: fields.fork ?? REPOSITORY } },
      commits: [head]
    }
  }

  private mustGet(number: number): EmulatedPullRequest {
    const pull = this.get(number)
    if (!pull) throw new Error(`No PR #${number}`)
    return pull
  }

  private newCommit(label: string): string {
    return sha(`${label} ${++this.commitCounter}`)
  }

  /** GitHub's times have whole seconds. */
  private isoNow(): string {
    return new Date(Math.floor(this.host.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z')
  }
}

function pullBody(pull: EmulatedPullRequest): Omit<EmulatedPullRequest, 'commits'> {
  const { commits: _commits, ...body } = pull
  return body
}

function permissionFlags(role: RepositoryRole): Record<'admin' | 'maintain' | 'push' | 'triage' | 'pull', boolean> {
  const at = ['read', 'triage', 'write', 'maintain', 'admin'].indexOf(role)
  return { pull: at >= 0, triage: at >= 1, push: at >= 2, maintain: at >= 3, admin: at >= 4 }
}

function userOf(login: string): { login: string; type: string } {
  return { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }
}

function sha(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

function jsonObject(raw: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(raw)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
