import type { GitHubApi } from './api.js'
import { parseMarker, type CommentMarker } from './marker.js'
import type { IssueComment } from './types.js'

export interface StickyComment {
  comment: IssueComment
  marker: CommentMarker
}

/**
 * The one comment per PR and upper tenant: written by this token's own user
 * and carrying the hidden marker for the tenant. Someone quoting the marker
 * in their own comment does not make it ours.
 */
export async function findStickyComment(api: GitHubApi, issue: number, tenant: string, login: string): Promise<StickyComment | undefined> {
  for (const comment of await api.listComments(issue)) {
    if (comment.user?.login !== login) continue
    const marker = parseMarker(comment.body ?? '', tenant)
    if (marker) return { comment, marker }
  }
  return undefined
}

/** Updates the sticky comment in place, or creates it; never a second one. */
export async function upsertStickyComment(
  api: GitHubApi,
  issue: number,
  tenant: string,
  login: string,
  body: string
): Promise<IssueComment> {
  const existing = await findStickyComment(api, issue, tenant, login)
  if (existing) return api.updateComment(existing.comment.id, body)
  // The create may land without an answer: look before posting again, or the PR gets two comments.
  return api.sendOnce(
    'Posting the PR comment',
    () => api.createComment(issue, body),
    async () => {
      const landed = await findStickyComment(api, issue, tenant, login)
      return landed && api.updateComment(landed.comment.id, body)
    }
  )
}
