import * as core from '@actions/core'
import type { GitHubApi } from './api.js'
import { parseMarker, type CommentMarker } from './marker.js'
import type { GitHubUser, IssueComment } from './types.js'

/** Who the action's comments are by, and how the action knows it (said in messages). */
export interface CommentAuthor {
  login: string
  source: string
}

/** Anything GitHub says who wrote: an issue comment, an issue. */
export interface Authored {
  id: number
  body?: string | null
  html_url: string
  user: GitHubUser | null
}

/** A hidden marker records who wrote it: only a tie-break between bots, never proof. */
export interface AuthoredMarker {
  author?: string
}

/** A comment (or issue) and the marker it carries. */
export interface MarkedComment<T extends Authored = IssueComment, M extends AuthoredMarker = CommentMarker> {
  comment: T
  marker: M
}

/** Which marked comment is the action's own, and which are not (never counted). */
export interface StickyChoice<T extends Authored = IssueComment, M extends AuthoredMarker = CommentMarker> {
  sticky: MarkedComment<T, M> | undefined
  /** Who the action posts as: known, or the one bot whose comments carry the marker. */
  author: CommentAuthor | undefined
  ignored: MarkedComment<T, M>[]
  /** With no known author: the bots whose comments carry the marker, when there are several. */
  ambiguousBots: string[]
}

/** What GitHub says of a token it will not name on /user. */
export const UNNAMED_TOKEN = 'the token cannot read GET /user (an installation token: GITHUB_TOKEN or a GitHub App)'

/** Every comment that carries the tenant's marker, oldest first. */
export function markedComments(comments: IssueComment[], tenant: string): MarkedComment[] {
  return markedItems(comments, (body) => parseMarker(body, tenant))
}

/** Every item whose body carries a marker `parse` accepts, in the order given. */
export function markedItems<T extends Authored, M extends AuthoredMarker>(
  items: T[],
  parse: (body: string) => M | undefined
): MarkedComment<T, M>[] {
  const marked: MarkedComment<T, M>[] = []
  for (const comment of items) {
    const marker = parse(comment.body ?? '')
    if (marker) marked.push({ comment, marker })
  }
  return marked
}

/**
 * A comment GitHub says a GitHub App wrote (`<slug>[bot]`, type Bot): no person's
 * token can post as one, so only an App installed on the repository (the Actions
 * app behind GITHUB_TOKEN included) can have written it.
 */
export function isAppComment(comment: Authored): boolean {
  return comment.user?.type === 'Bot' && (comment.user.login ?? '').endsWith('[bot]')
}

/**
 * With a known author, its first marked comment is the sticky one. Without one
 * (an installation token before anything said who it is), the author is the
 * one App bot whose comments carry the marker; a person's comment never
 * counts. Between several bots, the one whose marker records its own login
 * wins if it is the only one; else nothing counts and the caller says to set
 * comment-author.
 */
export function chooseSticky<T extends Authored, M extends AuthoredMarker>(
  marked: MarkedComment<T, M>[],
  known: CommentAuthor | undefined
): StickyChoice<T, M> {
  const botComments = known ? [] : marked.filter(({ comment }) => isAppComment(comment))
  const bots = distinct(botComments.map(loginOf))
  const selfNamed = distinct(botComments.filter((m) => m.marker.author === loginOf(m)).map(loginOf))
  const elected = bots.length === 1 ? bots[0] : selfNamed.length === 1 ? selfNamed[0] : undefined
  const author = known ?? (elected ? { login: elected, source: 'the only GitHub App bot whose comments carry the marker' } : undefined)
  const sticky = author ? marked.find((m) => loginOf(m) === author.login) : undefined
  return {
    sticky,
    author,
    ignored: marked.filter((m) => !author || loginOf(m) !== author.login),
    ambiguousBots: author ? [] : bots
  }
}

/** The warning for a marker that does not count: which comment, whose, and why not. */
export function ignoredMarkerWarning<T extends Authored>(
  ignored: MarkedComment<T, AuthoredMarker>,
  tenant: string,
  author: CommentAuthor | undefined,
  /** What carries the marker, in the message. */
  noun = 'comment'
): string {
  const where = ignored.comment.html_url || `#${ignored.comment.id}`
  const by = ignored.comment.user?.login ?? 'a deleted user'
  const why = author
    ? `only comments by ${author.login} (${author.source}) count`
    : `${UNNAMED_TOKEN}, so only a GitHub App bot's comment can count; set comment-author if the action posts as someone else`
  return `Ignored the tenant-pilot marker for ${tenant} in the ${noun} ${where} by ${by}: ${why}`
}

/**
 * The login the action posts as, remembered for the run: learned from the
 * comment it posted (GitHub's own answer), else the comment-author input, else
 * GET /user (a personal access token's user). Undefined when none says.
 */
export class CommentIdentity {
  private learned: CommentAuthor | undefined
  private asked: Promise<CommentAuthor | undefined> | undefined

  constructor(
    private readonly api: GitHubApi,
    private readonly configured: string | undefined
  ) {}

  async known(): Promise<CommentAuthor | undefined> {
    if (this.learned) return this.learned
    if (this.configured) return { login: this.configured, source: 'the comment-author input' }
    this.asked ??= this.api.authenticatedLogin().then((login) => (login ? { login, source: 'GET /user' } : undefined))
    return this.asked
  }

  /** GitHub's answer to the comment the action created names who the token posts as: it wins over any guess. */
  async learnFrom(created: Authored): Promise<void> {
    const login = created.user?.login
    if (!login) return
    const before = await this.known()
    if (before && before.login !== login) {
      core.warning(
        `GitHub says the comment it just created is by ${login}, not ${before.login} (${before.source}); ` +
          `only comments by ${login} count from now on${this.configured ? '. Set comment-author to it, or leave it empty' : ''}`
      )
    }
    this.learned = { login, source: 'the comment the action posted' }
  }
}

function loginOf(marked: MarkedComment<Authored, AuthoredMarker>): string {
  return marked.comment.user?.login ?? ''
}

function distinct(values: string[]): string[] {
  return [...new Set(values)]
}
