import * as core from '@actions/core'
import type { GitHubApi } from './api.js'
import { promotionMarkers, type CommentMarker, type MarkerScheme } from './marker.js'
import type { IssueComment } from './types.js'

/** Who the action's comments are by, and how the action knows it (said in messages). */
export interface CommentAuthor {
  login: string
  source: string
}

export interface MarkedComment<M extends { author?: string } = CommentMarker> {
  comment: IssueComment
  marker: M
}

/** Which marked comment is the action's own, and which are not (never counted). */
export interface StickyChoice<M extends { author?: string } = CommentMarker> {
  sticky: MarkedComment<M> | undefined
  /** Who the action posts as: known, or the one bot whose comments carry the marker. */
  author: CommentAuthor | undefined
  ignored: MarkedComment<M>[]
  /** With no known author: the bots whose comments carry the marker, when there are several. */
  ambiguousBots: string[]
}

/** What GitHub says of a token it will not name on /user. */
export const UNNAMED_TOKEN = 'the token cannot read GET /user (an installation token: GITHUB_TOKEN or a GitHub App)'

/** Every comment that carries the tenant's marker, oldest first. */
export function markedComments(comments: IssueComment[], tenant: string): MarkedComment[] {
  return commentsMarkedBy(comments, promotionMarkers(tenant))
}

/** Every comment that carries the scheme's marker, oldest first. */
export function commentsMarkedBy<M extends { author?: string }>(comments: IssueComment[], scheme: MarkerScheme<M>): MarkedComment<M>[] {
  const marked: MarkedComment<M>[] = []
  for (const comment of comments) {
    const marker = scheme.parse(comment.body ?? '')
    if (marker) marked.push({ comment, marker })
  }
  return marked
}

/**
 * A comment GitHub says a GitHub App wrote (`<slug>[bot]`, type Bot): no person's
 * token can post as one, so only an App installed on the repository (the Actions
 * app behind GITHUB_TOKEN included) can have written it.
 */
export function isAppComment(comment: IssueComment): boolean {
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
export function chooseSticky<M extends { author?: string }>(marked: MarkedComment<M>[], known: CommentAuthor | undefined): StickyChoice<M> {
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
export function ignoredMarkerWarning<M extends { author?: string }>(
  ignored: MarkedComment<M>,
  tenant: string,
  author: CommentAuthor | undefined
): string {
  const where = ignored.comment.html_url || `#${ignored.comment.id}`
  const by = ignored.comment.user?.login ?? 'a deleted user'
  const why = author
    ? `only comments by ${author.login} (${author.source}) count`
    : `${UNNAMED_TOKEN}, so only a GitHub App bot's comment can count; set comment-author if the action posts as someone else`
  return `Ignored the tenant-pilot marker for ${tenant} in the comment ${where} by ${by}: ${why}`
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
  async learnFrom(created: IssueComment): Promise<void> {
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

function loginOf(marked: MarkedComment<{ author?: string }>): string {
  return marked.comment.user?.login ?? ''
}

function distinct(values: string[]): string[] {
  return [...new Set(values)]
}
