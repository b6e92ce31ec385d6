import * as core from '@actions/core'
import { ApiError, errorMessage } from '../errors.js'
import type { GitHubApi } from './api.js'
import {
  chooseSticky,
  commentsMarkedBy,
  ignoredMarkerWarning,
  UNNAMED_TOKEN,
  type CommentAuthor,
  type CommentIdentity
} from './identity.js'
import { promotionMarkers, type CommentMarker, type MarkerScheme } from './marker.js'
import type { IssueComment } from './types.js'

export interface StickyComment<M extends { author?: string } = CommentMarker> {
  comment: IssueComment
  marker: M
}

/** A PR's comments as the action reads and writes them: the API and who the action posts as. */
export interface CommentThread {
  api: GitHubApi
  identity: CommentIdentity
  number: number
}

export interface StickyLookup<M extends { author?: string } = CommentMarker> {
  sticky: StickyComment<M> | undefined
  /** Who the action posts as, when known or established from the comments. */
  author: CommentAuthor | undefined
  /** The author was elected from the comments (the one App bot), not said by GitHub or the input: the sticky may yet prove not ours. */
  elected: boolean
  /** Set when the action cannot tell which comment is its own: nothing may be read or written as if it could. */
  undecided: string | undefined
}

/**
 * The one comment per PR and upper tenant: written by the identity the action
 * posts as and carrying the hidden marker for the tenant. A marker in anyone
 * else's comment never counts, and is named in a warning.
 */
export async function findStickyComment(thread: CommentThread, tenant: string, options: { quiet?: boolean } = {}): Promise<StickyLookup> {
  return findSticky(thread, promotionMarkers(tenant), options)
}

/** findStickyComment for any kind of marked comment (a promotion's, a plan's). */
export async function findSticky<M extends { author?: string }>(
  thread: CommentThread,
  scheme: MarkerScheme<M>,
  options: { quiet?: boolean } = {}
): Promise<StickyLookup<M>> {
  const label = scheme.label
  const known = await thread.identity.known()
  const choice = chooseSticky(commentsMarkedBy(await thread.api.listComments(thread.number), scheme), known)
  if (!options.quiet) for (const ignored of choice.ignored) core.warning(ignoredMarkerWarning(ignored, label, choice.author))
  const undecided =
    choice.ambiguousBots.length > 1
      ? `comments by several GitHub App bots (${choice.ambiguousBots.join(', ')}) carry the marker for ${label} and ${UNNAMED_TOKEN}: ` +
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
export async function writeStickyComment(
  thread: CommentThread,
  tenant: string,
  lookup: Pick<StickyLookup, 'sticky' | 'author' | 'elected'>,
  /** The body, given who the comment is by and the comment it replaces (whose marker may be kept); undefined when new. */
  render: (author: string | undefined, replaced: StickyComment | undefined) => string
): Promise<IssueComment> {
  return writeSticky(thread, promotionMarkers(tenant), lookup, render)
}

/** writeStickyComment for any kind of marked comment (a promotion's, a plan's). */
export async function writeSticky<M extends { author?: string }>(
  thread: CommentThread,
  scheme: MarkerScheme<M>,
  lookup: Pick<StickyLookup<M>, 'sticky' | 'author' | 'elected'>,
  render: (author: string | undefined, replaced: StickyComment<M> | undefined) => string
): Promise<IssueComment> {
  const tenant = scheme.label
  const { api, number } = thread
  const { sticky } = lookup
  if (sticky) {
    try {
      return await api.updateComment(sticky.comment.id, render(lookup.author?.login, sticky))
    } catch (error) {
      if (!(lookup.elected && error instanceof ApiError && error.status === 403)) throw error
      core.warning(
        `The comment ${sticky.comment.html_url || `#${sticky.comment.id}`} by ${sticky.comment.user?.login ?? 'a deleted user'} carries the marker ` +
          `for ${tenant}, but the token may not edit it, so it is not the action's: posting a new comment (set comment-author to settle who the action posts as)`
      )
    }
  }
  // After a refused edit, nothing of that comment is carried over: its marker was never the action's.
  const author = sticky ? undefined : lookup.author?.login
  const body = render(author, undefined)
  // The create may land without an answer: look before posting again, or the PR gets two comments.
  const created = await api.sendOnce(
    'Posting the PR comment',
    () => api.createComment(number, body),
    async () => {
      const landed = (await findSticky(thread, scheme, { quiet: true })).sticky
      return landed && api.updateComment(landed.comment.id, body)
    }
  )
  await thread.identity.learnFrom(created)
  const login = created.user?.login
  return login && login !== author ? api.updateComment(created.id, render(login, undefined)) : created
}

/** The action's own marked comment on a PR as an approval reads it: by whom, or why it cannot count. */
export type OwnComment<M extends { author?: string }> =
  { ok: true; sticky: StickyComment<M> | undefined; author: CommentAuthor; elected: boolean } | { ok: false; reason: string }

/**
 * For an approval: the comment the action itself wrote on the PR, failing
 * closed (a reason, never a guess) when the comments cannot be read or the
 * action cannot tell which comment is its own. `what` names the comment in
 * the reasons, e.g. "dry-run comment".
 */
export async function findOwnComment<M extends { author?: string }>(
  thread: CommentThread,
  scheme: MarkerScheme<M>,
  what: string
): Promise<OwnComment<M>> {
  let lookup: StickyLookup<M>
  try {
    lookup = await findSticky(thread, scheme)
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
