import * as core from '@actions/core'
import { errorMessage, isForbidden } from '../errors.js'
import type { GitHubApi } from './api.js'
import {
  chooseSticky,
  ignoredMarkerWarning,
  markedItems,
  UNNAMED_TOKEN,
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
  parse(body: string): M | undefined
  create(body: string): Promise<T>
  update(item: T, body: string): Promise<T>
}

export interface StickyLookup<T extends Authored = IssueComment, M extends AuthoredMarker = CommentMarker> {
  sticky: MarkedComment<T, M> | undefined
  /** Who the action posts as, when known or established from the comments. */
  author: CommentAuthor | undefined
  /** The author was elected from the comments (the one App bot), not said by GitHub or the input: the sticky may yet prove not ours. */
  elected: boolean
  /** Set when the action cannot tell which comment is its own: nothing may be read or written as if it could. */
  undecided: string | undefined
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
  const known = await store.identity.known()
  const choice = chooseSticky(markedItems(await store.list(), store.parse), known)
  if (!options.quiet)
    for (const ignored of choice.ignored) core.warning(ignoredMarkerWarning(ignored, store.label, choice.author, store.noun))
  const undecided =
    choice.ambiguousBots.length > 1
      ? `${store.noun}s by several GitHub App bots (${choice.ambiguousBots.join(', ')}) carry the marker for ${store.label} and ${UNNAMED_TOKEN}: ` +
        'set comment-author to the login the action posts as'
      : undefined
  return { sticky: choice.sticky, author: choice.author, elected: !known && choice.author !== undefined, undecided }
}

/**
 * Updates the sticky comment in place, or creates it; never a second one. A
 * created comment tells who the token posts as: the identity learns it, and
 * the marker is written again to record it when the body said otherwise. A
 * comment of an elected author that the token may not edit is not the
 * action's (GitHub lets a token edit only its own): a new one is posted.
 */
export function writeStickyComment(
  thread: CommentThread,
  tenant: string,
  lookup: Pick<StickyLookup, 'sticky' | 'author' | 'elected'>,
  /** The body, given who the comment is by and the comment it replaces (whose marker may be kept); undefined when new. */
  render: (author: string | undefined, replaced: StickyComment | undefined) => string
): Promise<IssueComment> {
  return writeSticky(commentStore(thread, tenant), lookup, render)
}

/** writeStickyComment for any store: update the action's own item in place, or create it once. */
export async function writeSticky<T extends Authored, M extends AuthoredMarker>(
  store: StickyStore<T, M>,
  lookup: Pick<StickyLookup<T, M>, 'sticky' | 'author' | 'elected'>,
  render: (author: string | undefined, replaced: MarkedComment<T, M> | undefined) => string
): Promise<T> {
  const { sticky } = lookup
  if (sticky) {
    try {
      return await store.update(sticky.comment, render(lookup.author?.login, sticky))
    } catch (error) {
      if (!(lookup.elected && isForbidden(error))) throw error
      core.warning(
        `The ${store.noun} ${sticky.comment.html_url || `#${sticky.comment.id}`} by ${sticky.comment.user?.login ?? 'a deleted user'} carries the marker ` +
          `for ${store.label}, but the token may not edit it, so it is not the action's: posting a new ${store.noun} (set comment-author to settle who the action posts as)`
      )
    }
  }
  // After a refused edit, nothing of that item is carried over: its marker was never the action's.
  const author = sticky ? undefined : lookup.author?.login
  const body = render(author, undefined)
  // The create may land without an answer: look before posting again, or there are two.
  const created = await store.api.sendOnce(
    store.noun === 'comment' ? 'Posting the PR comment' : `Opening the ${store.noun}`,
    () => store.create(body),
    async () => {
      const landed = (await findSticky(store, { quiet: true })).sticky
      return landed && store.update(landed.comment, body)
    }
  )
  await store.identity.learnFrom(created)
  const login = created.user?.login
  return login && login !== author ? store.update(created, render(login, undefined)) : created
}

/** The action's own marked comment on a PR as an approval reads it: by whom, or why it cannot count. */
export type OwnComment<M extends AuthoredMarker> =
  { ok: true; sticky: StickyComment<M> | undefined; author: CommentAuthor; elected: boolean } | { ok: false; reason: string }

/**
 * For an approval: the comment the action itself wrote on the PR, failing
 * closed (a reason, never a guess) when the comments cannot be read or the
 * action cannot tell which comment is its own. `what` names the comment in
 * the reasons, e.g. "dry-run comment".
 */
export async function findOwnComment<M extends AuthoredMarker>(
  thread: CommentThread,
  scheme: MarkerScheme<M>,
  what: string
): Promise<OwnComment<M>> {
  let lookup: StickyLookup<IssueComment, M>
  try {
    lookup = await findSticky(markedCommentStore(thread, scheme))
  } catch (error) {
    return { ok: false, reason: `could not read PR #${thread.number}'s comments: ${errorMessage(error)}` }
  }
  if (lookup.undecided) return { ok: false, reason: `PR #${thread.number}: ${lookup.undecided}` }
  if (!lookup.author) {
    return {
      ok: false,
      reason:
        `PR #${thread.number} has no ${what} for ${scheme.label} by a GitHub App bot, and ${UNNAMED_TOKEN}: ` +
        'if the action posts as a user or another account, set comment-author to its login'
    }
  }
  return { ok: true, sticky: lookup.sticky, author: lookup.author, elected: lookup.elected }
}
