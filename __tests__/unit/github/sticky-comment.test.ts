import { describe, expect, test } from '@jest/globals'
import { ApiError } from '../../../src/errors.js'
import type { GitHubApi } from '../../../src/github/api.js'
import { CommentIdentity } from '../../../src/github/identity.js'
import { renderMarker } from '../../../src/github/marker.js'
import { findStickyComment, writeStickyComment, type StickyComment } from '../../../src/github/sticky-comment.js'
import type { IssueComment } from '../../../src/github/types.js'

const tenant = 'https://openam-acme-prod.forgeblocks.com'
const marker = renderMarker({
  tenant,
  operation: 'dry-run-promote',
  status: 'dry-run',
  dryRun: { fingerprint: 'f'.repeat(64), reportId: 'r-1' }
})

/** An in-memory PR thread: the token edits only its own comments, as GitHub does. */
function fakeThread(tokenLogin: string, comments: IssueComment[], userLogin?: string) {
  const calls: string[] = []
  let nextId = 500
  const api = {
    authenticatedLogin: () => Promise.resolve(userLogin),
    listComments: () => Promise.resolve(comments),
    sendOnce: <T>(_what: string, send: () => Promise<T>) => send(),
    createComment: (_issue: number, body: string) => {
      calls.push('POST')
      const created: IssueComment = { id: nextId++, body, html_url: `u#${nextId}`, user: { login: tokenLogin, type: 'Bot' } }
      comments.push(created)
      return Promise.resolve(created)
    },
    updateComment: (id: number, body: string) => {
      calls.push(`PATCH ${id}`)
      const comment = comments.find((c) => c.id === id)!
      if (comment.user?.login !== tokenLogin) {
        return Promise.reject(
          new ApiError({ method: 'PATCH', path: `/comments/${id}`, status: 403, apiMessage: 'Resource not accessible by integration' })
        )
      }
      comment.body = body
      return Promise.resolve(comment)
    }
  } as unknown as GitHubApi
  return { thread: { api, identity: new CommentIdentity(api, undefined), number: 7 }, calls }
}

describe('writing the sticky comment', () => {
  test('GITHUB_TOKEN’s comment the token may not edit: a new comment, nothing of the old one kept, its author recorded, then comment-author asked for', async () => {
    const theirs: IssueComment = { id: 1, body: `${marker}\nold`, html_url: 'u#1', user: { login: 'github-actions[bot]', type: 'Bot' } }
    const { thread, calls } = fakeThread('acme-bot[bot]', [theirs])
    const lookup = await findStickyComment(thread, tenant)
    expect(lookup).toMatchObject({ author: { login: 'github-actions[bot]', assumed: true } })
    const renders: Array<[string | undefined, StickyComment | undefined]> = []
    const written = writeStickyComment(thread, tenant, lookup, (author, replaced) => {
      renders.push([author, replaced])
      return `${renderMarker({ tenant, operation: 'dry-run-promote', status: 'dry-run', author })}\nbody by ${author ?? 'unknown'}`
    })
    await expect(written).rejects.toThrow(/Set comment-author: acme-bot\[bot\]/)
    expect(calls).toEqual(['PATCH 1', 'POST', 'PATCH 500'])
    expect(renders.map(([author, replaced]) => [author, replaced?.comment.id])).toEqual([
      ['github-actions[bot]', 1],
      [undefined, undefined],
      ['acme-bot[bot]', undefined]
    ])
    expect(theirs.body).toBe(`${marker}\nold`)
    expect((await thread.identity.author()).login).toBe('acme-bot[bot]')
  })

  test('GITHUB_TOKEN assumed and proven: the comment it posts is its own, no error', async () => {
    const { thread, calls } = fakeThread('github-actions[bot]', [])
    const lookup = await findStickyComment(thread, tenant)
    const written = await writeStickyComment(
      thread,
      tenant,
      lookup,
      (author) => `${renderMarker({ tenant, operation: 'dry-run-promote', status: 'dry-run', author })}`
    )
    expect(calls).toEqual(['POST'])
    expect(written.body).toContain('"author":"github-actions[bot]"')
  })

  test('a 403 on the comment of a known author is no reason to post another: it is the failure it is', async () => {
    const mine: IssueComment = { id: 1, body: marker, html_url: 'u#1', user: { login: 'release-manager', type: 'User' } }
    const { thread, calls } = fakeThread('someone-else', [mine], 'release-manager')
    const lookup = await findStickyComment(thread, tenant)
    expect(lookup.author.assumed).toBeUndefined()
    await expect(writeStickyComment(thread, tenant, lookup, () => 'x')).rejects.toThrow(ApiError)
    expect(calls).toEqual(['PATCH 1'])
  })

  test('a known author posts once, with no second write to record who it is', async () => {
    const { thread, calls } = fakeThread('release-manager', [], 'release-manager')
    const lookup = await findStickyComment(thread, tenant)
    await writeStickyComment(thread, tenant, lookup, (author) => `by ${author ?? '?'}`)
    expect(calls).toEqual(['POST'])
  })
})
