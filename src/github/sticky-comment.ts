import * as core from '@actions/core'
import type { GitHubApi } from './api.js'
import { chooseSticky, ignoredMarkerWarning, markedComments, UNNAMED_TOKEN, type CommentAuthor, type CommentIdentity } from './identity.js'
import type { CommentMarker } from './marker.js'
import type { IssueComment } from './types.js'

export interface StickyComment {
  comment: IssueComment
  marker: CommentMarker
}

/** A PR's comments as the action reads and writes them: the API and who the action posts as. */
export interface CommentThread {
  api: GitHubApi
  identity: CommentIdentity
  number: number
}

export interface StickyLookup {
  sticky: StickyComment | undefined
  /** Who the action posts as, when known or established from the comments. */
  author: CommentAuthor | undefined
  /** Set when the action cannot tell which comment is its own: nothing may be read or written as if it could. */
  undecided: string | undefined
}

/**
 * The one comment per PR and upper tenant: written by the identity the action
 * posts as and carrying the hidden marker for the tenant. A marker in anyone
 * else's comment never counts, and is named in a warning.
 */
export async function findStickyComment(thread: CommentThread, tenant: string, options: { quiet?: boolean } = {}): Promise<StickyLookup> {
  const known = await thread.identity.known()
  const choice = chooseSticky(markedComments(await thread.api.listComments(thread.number), tenant), known)
  if (!options.quiet) for (const ignored of choice.ignored) core.warning(ignoredMarkerWarning(ignored, tenant, choice.author))
  const undecided =
    choice.ambiguousBots.length > 1
      ? `comments by several GitHub App bots (${choice.ambiguousBots.join(', ')}) carry the marker for ${tenant} and ${UNNAMED_TOKEN}: ` +
        'set comment-author to the login the action posts as'
      : undefined
  return { sticky: choice.sticky, author: choice.author, undecided }
}

/**
 * Updates the sticky comment in place, or creates it; never a second one. A
 * created comment tells who the token posts as: the identity learns it.
 */
export async function writeStickyComment(
  thread: CommentThread,
  tenant: string,
  existing: StickyComment | undefined,
  body: string
): Promise<IssueComment> {
  const { api, number } = thread
  if (existing) return api.updateComment(existing.comment.id, body)
  // The create may land without an answer: look before posting again, or the PR gets two comments.
  const created = await api.sendOnce(
    'Posting the PR comment',
    () => api.createComment(number, body),
    async () => {
      const landed = (await findStickyComment(thread, tenant, { quiet: true })).sticky
      return landed && api.updateComment(landed.comment.id, body)
    }
  )
  await thread.identity.learnFrom(created)
  return created
}
