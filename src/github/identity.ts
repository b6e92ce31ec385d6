import * as core from '@actions/core'
import { ActionError } from '../errors.js'
import type { GitHubApi } from './api.js'
import { parseMarker, type CommentMarker } from './marker.js'
import type { GitHubUser, IssueComment } from './types.js'

/** Who the action's comments are by, and how the action knows it (said in messages). */
export interface CommentAuthor {
  login: string
  source: string
  /**
   * Nothing said who the token is before the first write, so it is taken for GITHUB_TOKEN
   * (`github-actions[bot]`); GitHub's answer to the first item the action creates proves or disproves it.
   */
  assumed?: true
}

/** Anything GitHub says who wrote: an issue comment, an issue. */
export interface Authored {
  id: number
  body?: string | null
  html_url: string
  user: GitHubUser | null
}

/** A hidden marker records who wrote it: never proof, only what the body claims. */
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
  ignored: MarkedComment<T, M>[]
}

/** What GitHub says of a token it will not name on /user. */
export const UNNAMED_TOKEN = 'the token cannot read GET /user (an installation token: GITHUB_TOKEN or a GitHub App)'

/** The login GITHUB_TOKEN posts as (GitHub's Actions app). */
export const GITHUB_TOKEN_LOGIN = 'github-actions[bot]'

/**
 * Who the action posts as when nothing says so before its first write: GITHUB_TOKEN's bot. Any other App's
 * bot may carry a marker too (anyone can write one), so none is elected: a GitHub App's token needs comment-author.
 */
export const ASSUMED_AUTHOR: CommentAuthor = {
  login: GITHUB_TOKEN_LOGIN,
  source: `${UNNAMED_TOKEN}, so it is taken for GITHUB_TOKEN; a GitHub App's token needs comment-author`,
  assumed: true
}

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
 * The author's first marked comment is the sticky one; a marker in anyone else's (a person's, another
 * App's bot's) never counts, whatever it claims.
 */
export function chooseSticky<T extends Authored, M extends AuthoredMarker>(
  marked: MarkedComment<T, M>[],
  author: CommentAuthor
): StickyChoice<T, M> {
  return {
    sticky: marked.find((m) => loginOf(m) === author.login),
    ignored: marked.filter((m) => loginOf(m) !== author.login)
  }
}

/** The author as messages name it: with how the action knows it when that is an assumption. */
export function authorName(author: CommentAuthor): string {
  return author.assumed ? `${author.login} (${author.source})` : author.login
}

/** The warning for a marker that does not count: which comment, whose, and why not. */
export function ignoredMarkerWarning<T extends Authored>(
  ignored: MarkedComment<T, AuthoredMarker>,
  tenant: string,
  author: CommentAuthor,
  /** What carries the marker, in the message. */
  noun = 'comment'
): string {
  const where = ignored.comment.html_url || `#${ignored.comment.id}`
  const by = ignored.comment.user?.login ?? 'a deleted user'
  return `Ignored the tenant-pilot marker for ${tenant} in the ${noun} ${where} by ${by}: only ${noun}s by ${author.login} (${author.source}) count`
}

/**
 * GitHub's answer to the first item the action created names another login than the one assumed for
 * GITHUB_TOKEN: the token is a GitHub App's, whose login the action cannot learn before it writes.
 */
export class CommentAuthorNeededError extends ActionError {
  override readonly name = 'CommentAuthorNeededError'
}

/**
 * The login the action posts as, remembered for the run: learned from the item it created (GitHub's
 * own answer), else the comment-author input, else GET /user (a personal access token's user), else
 * assumed to be GITHUB_TOKEN's bot until the first item the action creates says.
 */
export class CommentIdentity {
  private learned: CommentAuthor | undefined
  private asked: Promise<CommentAuthor | undefined> | undefined

  constructor(
    private readonly api: GitHubApi,
    private readonly configured: string | undefined
  ) {}

  async author(): Promise<CommentAuthor> {
    if (this.learned) return this.learned
    if (this.configured) return { login: this.configured, source: 'the comment-author input' }
    this.asked ??= this.api.authenticatedLogin().then((login) => (login ? { login, source: 'GET /user' } : undefined))
    return (await this.asked) ?? ASSUMED_AUTHOR
  }

  /**
   * GitHub's answer to the item the action created names who the token posts as: it wins over any guess.
   * When it disproves the GITHUB_TOKEN assumption, the error to throw once the write is done (the token is
   * a GitHub App's: without comment-author the next run would not know this item for its own).
   */
  async learnFrom(created: Authored, noun: string): Promise<CommentAuthorNeededError | undefined> {
    const login = created.user?.login
    if (!login) return undefined
    const before = await this.author()
    this.learned = { login, source: `the ${noun} the action posted` }
    if (before.login === login) return undefined
    const where = created.html_url || `#${created.id}`
    if (before.assumed) {
      return new CommentAuthorNeededError(
        `GitHub says the ${noun} the action just posted (${where}) is by ${login}, not ${GITHUB_TOKEN_LOGIN}: the token is a GitHub App's, ` +
          `whose login the action cannot learn before it writes. Set comment-author: ${login}; until then no run counts that ${noun} as its own ` +
          `(nor anything else by ${login})`
      )
    }
    core.warning(
      `GitHub says the ${noun} it just created is by ${login}, not ${before.login} (${before.source}); ` +
        `only ${noun}s by ${login} count from now on${this.configured ? '. Set comment-author to it, or leave it empty' : ''}`
    )
    return undefined
  }
}

function loginOf(marked: MarkedComment<Authored, AuthoredMarker>): string {
  return marked.comment.user?.login ?? ''
}
