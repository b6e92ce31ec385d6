import * as core from '@actions/core'
import { errorMessage, isForbidden } from '../errors.js'
import type { GitHubApi } from './api.js'
import {
  chooseSticky,
  ignoredMarkerWarning,
  markedItems,
  type Authored,
  type AuthoredMarker,
  type CommentAuthor,
  type CommentIdentity,
  type MarkedComment
} from './identity.js'
import { promotionMarkers, type CommentMarker, type MarkerScheme } from './marker.js'
import type { IssueComment } from './types.js'

export type StickyComment<M extends AuthoredMarker = CommentMarker> = MarkedComment<IssueComment, M>

/** A PR's comments as the action reads and writes them: the API and who the action posts as. */
export interface CommentThread {
  api: GitHubApi
  identity: CommentIdentity
  number: number
}

/**
 * Where the action keeps one marked item of its own: a PR's comments (the
 * promotion comment), the repository's issues (the drift issue). Each is
 * found by its marker and by who wrote it, the same way.
 */
export interface StickyStore<T extends Authored, M extends AuthoredMarker> {
  /** What the items are, in messages: "comment", "issue". */
  noun: string
  /** What the marker is for, in messages: the tenant (and the file). */
  label: string
  api: GitHubApi
  identity: CommentIdentity
  list(): Promise<T[]>
  /** Where a create whose answer was lost shows up, when not (yet) in `list` (default: `list`). */
  listLanded?(): Promise<T[]>
  parse(body: string): M | undefined
  create(body: string): Promise<T>
  update(item: T, body: string): Promise<T>
}

export interface StickyLookup<T extends Authored = IssueComment, M extends AuthoredMarker = CommentMarker> {
  sticky: MarkedComment<T, M> | undefined
  /** Who the action posts as: said by GitHub or the input, or assumed (GITHUB_TOKEN's bot). */
  author: CommentAuthor
}

/** The PR's comments, marked per upper tenant. */
export function commentStore(thread: CommentThread, tenant: string): StickyStore<IssueComment, CommentMarker> {
  return markedCommentStore(thread, promotionMarkers(tenant))
}

/** The PR's comments carrying one kind of marker (a promotion's, a plan's). */
export function markedCommentStore<M extends AuthoredMarker>(thread: CommentThread, scheme: MarkerScheme<M>): StickyStore<IssueComment, M> {
  const { api, number } = thread
  return {
    noun: 'comment',
    label: scheme.label,
    api,
    identity: thread.identity,
    list: () => api.listComments(number),
    parse: (body) => scheme.parse(body),
    create: (body) => api.createComment(number, body),
    update: (comment, body) => api.updateComment(comment.id, body)
  }
}

/**
 * The one comment per PR and upper tenant: written by the identity the action
 * posts as and carrying the hidden marker for the tenant. A marker in anyone
 * else's comment never counts, and is named in a warning.
 */
export function findStickyComment(thread: CommentThread, tenant: string, options: { quiet?: boolean } = {}): Promise<StickyLookup> {
  return findSticky(commentStore(thread, tenant), options)
}

/** The store's one item that is the action's own, if any. */
export async function findSticky<T extends Authored, M extends AuthoredMarker>(
  store: StickyStore<T, M>,
  options: { quiet?: boolean } = {}
): Promise<StickyLookup<T, M>> {
  const author = await store.identity.author()
  const choice = chooseSticky(markedItems(await store.list(), store.parse), author)
  if (!options.quiet) for (const ignored of choice.ignored) core.warning(ignoredMarkerWarning(ignored, store.label, author, store.noun))
  return { sticky: choice.sticky, author }
}

/**
 * Updates the sticky comment in place, or creates it; never a second one. A
 * created comment tells who the token posts as: the identity learns it, and
 * the marker is written again to record it when the body said otherwise. A
 * comment of the assumed author (GITHUB_TOKEN's bot) that the token may not
 * edit is not the action's (GitHub lets a token edit only its own): a new one
 * is posted, and GitHub's answer names the login comment-author must give.
 */
export function writeStickyComment(
  thread: CommentThread,
  tenant: string,
  lookup: StickyLookup,
  /** The body, given who the comment is by and the comment it replaces (whose marker may be kept); undefined when new. */
  render: (author: string | undefined, replaced: StickyComment | undefined) => string
): Promise<IssueComment> {
  return writeSticky(commentStore(thread, tenant), lookup, render)
}

/**
 * writeStickyComment for any store: update the action's own item in place, or create it once. When the
 * created item shows the token is not GITHUB_TOKEN and nothing said so, the write is finished (its marker
 * records its real author), then a CommentAuthorNeededError says which comment-author to set.
 */
export async function writeSticky<T extends Authored, M extends AuthoredMarker>(
  store: StickyStore<T, M>,
  lookup: StickyLookup<T, M>,
  render: (author: string | undefined, replaced: MarkedComment<T, M> | undefined) => string
): Promise<T> {
  const { sticky } = lookup
  if (sticky) {
    try {
      return await store.update(sticky.comment, render(lookup.author.login, sticky))
    } catch (error) {
      if (!(lookup.author.assumed && isForbidden(error))) throw error
      core.warning(
        `The ${store.noun} ${sticky.comment.html_url || `#${sticky.comment.id}`} by ${sticky.comment.user?.login ?? 'a deleted user'} carries the marker ` +
          `for ${store.label}, but the token may not edit it, so the token is not GITHUB_TOKEN: posting a new ${store.noun} to learn who it is (set comment-author to settle it)`
      )
    }
  }
  // After a refused edit, nothing of that item is carried over: its marker was never the action's.
  const author = sticky ? undefined : lookup.author.login
  const body = render(author, undefined)
  // The create may land without an answer: look before posting again, or there are two.
  const created = await store.api.sendOnce(
    store.noun === 'comment' ? 'Posting the PR comment' : `Opening the ${store.noun}`,
    () => store.create(body),
    async () => {
      const landed = (await findSticky({ ...store, list: store.listLanded ?? store.list }, { quiet: true })).sticky
      return landed && store.update(landed.comment, body)
    }
  )
  const disproved = await store.identity.learnFrom(created, store.noun)
  const login = created.user?.login
  const written = login && login !== author ? await store.update(created, render(login, undefined)) : created
  if (disproved) throw disproved
  return written
}

/** The action's own marked comment on a PR as an approval reads it: by whom, or why it cannot count. */
export type OwnComment<M extends AuthoredMarker> =
  { ok: true; sticky: StickyComment<M> | undefined; author: CommentAuthor } | { ok: false; reason: string }

/**
 * For an approval: the comment the action itself wrote on the PR, failing
 * closed (a reason, never a guess) when the comments cannot be read.
 */
export async function findOwnComment<M extends AuthoredMarker>(thread: CommentThread, scheme: MarkerScheme<M>): Promise<OwnComment<M>> {
  try {
    const lookup = await findSticky(markedCommentStore(thread, scheme))
    return { ok: true, sticky: lookup.sticky, author: lookup.author }
  } catch (error) {
    return { ok: false, reason: `could not read PR #${thread.number}'s comments: ${errorMessage(error)}` }
  }
}
