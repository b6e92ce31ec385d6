/** Pull requests, reviews, permissions and statuses of the emulated GitHub (emulator/github-pulls.ts) against evidence/github.md. */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { startEmulator } from '../../emulator/index.js'
import { callGitHub, type Answer } from './github-client.js'
import type { EmulatedPullRequest, EmulatedReview, EmulatedStatus, Emulator } from '../../emulator/index.js'

let emulator: Emulator

beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(() => emulator.close())

const gh = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string): Promise<Answer<T>> =>
  callGitHub<T>(emulator, method, path, body, token)

const REPO = '/repos/acme/iam-config'
const SHA = 'f'.repeat(40)

describe('GitHub pull requests, reviews, permissions and statuses', () => {
  test('[GH-25] a pull request: open, by octocat, into main from a branch of the repository; an unknown number is 404', async () => {
    const pull = await gh<EmulatedPullRequest>('GET', `${REPO}/pulls/7`)
    expect(pull.status).toBe(200)
    expect(pull.body).toMatchObject({
      number: 7,
      state: 'open',
      merged: false,
      merged_at: null,
      user: { login: 'octocat' },
      base: { ref: 'main' },
      head: { repo: { full_name: 'acme/iam-config' } }
    })
    expect(pull.body.head.sha).toMatch(/^[0-9a-f]{40}$/)
    expect(pull.body).not.toHaveProperty('commits')
    expect((await gh('GET', `${REPO}/pulls/4242`)).status).toBe(404)
    const fork = emulator.github.pulls.open({ fork: 'mallory/iam-config', author: 'mallory' })
    expect((await gh<EmulatedPullRequest>('GET', `${REPO}/pulls/${fork.number}`)).body.head.repo).toEqual({
      full_name: 'mallory/iam-config'
    })
  })

  test('[GH-26] merge_commit_sha is the test merge before the merge, then the merged, squashed or rebased commit; a push moves the head', () => {
    const before = emulator.github.pulls.get(7)!
    expect(before.merge_commit_sha).toMatch(/^[0-9a-f]{40}$/)
    expect(before.merged).toBe(false)
    const head = emulator.github.pulls.push(7)
    expect(emulator.github.pulls.get(7)!.head.sha).toBe(head)
    const squash = emulator.github.pulls.merge(7, 'squash')
    expect(squash.commits).toHaveLength(1)
    expect(emulator.github.pulls.get(7)!.merge_commit_sha).toBe(squash.after)
    const rebase = emulator.github.pulls.merge(8, 'rebase')
    expect(emulator.github.pulls.get(8)!.merge_commit_sha).toBe(rebase.after)
    expect(rebase.commits.map((c) => c.id)).not.toContain(emulator.github.pulls.get(8)!.head.sha)
  })

  test('[GH-27] a merge through the API: 200 with the sha; a merged PR is 405, another head 409; the push carries the branch commits and the merge', async () => {
    const reviewer = emulator.github.tokenFor('carol')
    expect((await gh('PUT', `${REPO}/pulls/9/merge`, { sha: 'b'.repeat(40) }, reviewer)).status).toBe(409)
    const merged = await gh<{ sha: string; merged: boolean }>('PUT', `${REPO}/pulls/9/merge`, { merge_method: 'merge' }, reviewer)
    expect(merged).toMatchObject({ status: 200, body: { merged: true } })
    expect(emulator.github.pulls.get(9)).toMatchObject({ merged: true, state: 'closed', merge_commit_sha: merged.body.sha })
    expect((await gh('PUT', `${REPO}/pulls/9/merge`, {}, reviewer)).status).toBe(405)
    const push = emulator.github.pulls.merge(10, 'merge', SHA)
    expect(push).toMatchObject({ ref: 'refs/heads/main', after: SHA })
    expect(push.commits.map((c) => c.id)).toEqual([emulator.github.pulls.get(10)!.head.sha, SHA])
  })

  test('[GH-10] the PRs of a commit: the merged PR for its merge, squashed or branch commits; the open PRs whose branch holds it', async () => {
    const head = emulator.github.pulls.get(11)!.head.sha
    expect((await gh<EmulatedPullRequest[]>('GET', `${REPO}/commits/${head}/pulls`)).body.map((p) => [p.number, p.state])).toEqual([
      [11, 'open']
    ])
    const push = emulator.github.pulls.merge(11, 'merge', SHA)
    for (const { id } of push.commits) {
      expect((await gh<EmulatedPullRequest[]>('GET', `${REPO}/commits/${id}/pulls`)).body).toEqual([
        expect.objectContaining({
          number: 11,
          state: 'closed',
          merged_at: expect.any(String),
          merge_commit_sha: SHA,
          base: expect.objectContaining({ ref: 'main' })
        })
      ])
    }
  })

  test('[GH-28] a person’s token reviews and merges, and may write nothing else', async () => {
    const token = emulator.github.tokenFor('alice')
    expect(emulator.github.tokenFor('alice')).toBe(token)
    expect((await gh('POST', `${REPO}/issues/7/comments`, { body: 'hi' }, token)).status).toBe(403)
    expect((await gh('POST', `${REPO}/pulls/7/reviews`, { event: 'APPROVE' }, token)).status).toBe(200)
  })

  test('[GH-29] reviews: submitted as the token’s user, listed oldest first and paged; the author may not approve their own PR', async () => {
    const approve = await gh<EmulatedReview>(
      'POST',
      `${REPO}/pulls/7/reviews`,
      { event: 'APPROVE', body: 'ok' },
      emulator.github.tokenFor('alice')
    )
    expect(approve.body).toMatchObject({ state: 'APPROVED', user: { login: 'alice' }, commit_id: emulator.github.pulls.get(7)!.head.sha })
    expect(approve.body.submitted_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    const own = await gh('POST', `${REPO}/pulls/7/reviews`, { event: 'APPROVE' }, emulator.github.tokenFor('octocat'))
    expect(own.status).toBe(422)
    expect((await gh('POST', `${REPO}/pulls/7/reviews`, { event: 'COMMENT' }, emulator.github.tokenFor('octocat'))).status).toBe(200)
    for (let i = 0; i < 3; i++) emulator.github.pulls.review(7, 'bob', 'CHANGES_REQUESTED')
    const page = await gh<EmulatedReview[]>('GET', `${REPO}/pulls/7/reviews?per_page=2`)
    expect(page.body.map((r) => r.user.login)).toEqual(['alice', 'octocat'])
    expect(page.headers.get('link')).toContain('rel="next"')
    expect((await gh('POST', `${REPO}/pulls/7/reviews`, { event: 'DISMISS' }, emulator.github.tokenFor('alice'))).status).toBe(422)
  })

  test('[GH-36] a dismissed review keeps its id and time and becomes DISMISSED; a comment cannot be dismissed', async () => {
    const review = emulator.github.pulls.review(7, 'alice', 'APPROVED')
    const dismissed = await gh<EmulatedReview>('PUT', `${REPO}/pulls/7/reviews/${review.id}/dismissals`, { message: 'stale' })
    expect(dismissed.body).toMatchObject({ id: review.id, state: 'DISMISSED', submitted_at: review.submitted_at })
    const comment = emulator.github.pulls.review(7, 'bob', 'COMMENTED')
    expect((await gh('PUT', `${REPO}/pulls/7/reviews/${comment.id}/dismissals`, { message: 'x' })).status).toBe(422)
  })

  test('[GH-30] permissions: the base role (maintain as write, triage as read) and the role; an unknown login answers as configured', async () => {
    const of = async (login: string) =>
      (await gh<{ permission: string; role_name: string }>('GET', `${REPO}/collaborators/${login}/permission`)).body
    expect(await of('bob')).toMatchObject({
      permission: 'write',
      role_name: 'maintain',
      user: { permissions: { maintain: true, admin: false } }
    })
    expect(await of('dave')).toMatchObject({ permission: 'read', role_name: 'triage' })
    expect(await of('carol')).toMatchObject({ permission: 'admin', role_name: 'admin' })
    expect(await of('mallory')).toMatchObject({ permission: 'read', role_name: 'read' })
    emulator.github.pulls.unknownUsers = 'none'
    expect(await of('mallory')).toMatchObject({ permission: 'none' })
    emulator.github.pulls.unknownUsers = '404'
    expect((await gh('GET', `${REPO}/collaborators/mallory/permission`)).status).toBe(404)
    emulator.github.pulls.setRole('mallory', 'admin')
    expect(await of('mallory')).toMatchObject({ permission: 'admin' })
  })

  test('[GH-31] a token that may not read permissions gets 403', async () => {
    emulator.github.pulls.forbidPermissionReads()
    expect((await gh('GET', `${REPO}/collaborators/alice/permission`)).status).toBe(403)
  })

  test('[GH-32] statuses: created by the token’s login at GitHub’s time, listed newest first; bad states, long descriptions and the 1,001st of a context are 422', async () => {
    const first = await gh<EmulatedStatus>('POST', `${REPO}/statuses/${SHA}`, { state: 'pending', context: 'ci', description: 'one' })
    expect(first).toMatchObject({ status: 201, body: { state: 'pending', context: 'ci', creator: { login: 'github-actions[bot]' } } })
    await gh('POST', `${REPO}/statuses/${SHA}`, { state: 'success', context: 'ci', description: 'two' })
    const list = await gh<EmulatedStatus[]>('GET', `${REPO}/commits/${SHA}/statuses`)
    expect(list.body.map((s) => s.description)).toEqual(['two', 'one'])
    expect((await gh('POST', `${REPO}/statuses/${SHA}`, { state: 'done', context: 'ci' })).status).toBe(422)
    expect((await gh('POST', `${REPO}/statuses/${SHA}`, { state: 'success', description: 'x'.repeat(141) })).status).toBe(422)
    for (let i = 0; i < 998; i++) await gh('POST', `${REPO}/statuses/${SHA}`, { state: 'success', context: 'CI' })
    expect((await gh('POST', `${REPO}/statuses/${SHA}`, { state: 'success', context: 'ci' })).status).toBe(422)
  }, 120_000)

  test('[GH-33] GitHub’s times are whole seconds from its clock, which a test moves on', () => {
    const before = emulator.github.pulls.review(7, 'alice', 'COMMENTED').submitted_at!
    emulator.github.advanceClock(3_600_000)
    const after = emulator.github.pulls.review(7, 'alice', 'COMMENTED').submitted_at!
    expect(before).toMatch(/:\d\dZ$/)
    expect(Date.parse(after) - Date.parse(before)).toBeGreaterThanOrEqual(3_599_000)
  })

  test('[GH-34] rate limits: 403 or 429 with the primary headers, retry-after, or neither', async () => {
    emulator.github.rateLimit(1, 'primary', 403, 5)
    emulator.github.rateLimit(1, 'secondary', 429, 7)
    emulator.github.rateLimit(1, 'secondary-bare')
    const primary = await gh('GET', `${REPO}/pulls/7`)
    expect(primary.status).toBe(403)
    expect(primary.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(Number(primary.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000)
    const secondary = await gh('GET', `${REPO}/pulls/7`)
    expect(secondary).toMatchObject({ status: 429 })
    expect(secondary.headers.get('retry-after')).toBe('7')
    const bare = await gh<{ message: string }>('GET', `${REPO}/pulls/7`)
    expect(bare.status).toBe(403)
    expect(bare.body.message).toContain('secondary rate limit')
    expect(bare.headers.get('retry-after')).toBeNull()
    expect((await gh('GET', `${REPO}/pulls/7`)).status).toBe(200)
  })

  test('[GH-35] a failing path answers its status as often as asked', async () => {
    emulator.github.failRequests({ method: 'GET', path: /\/pulls\/7$/ }, 502, 2)
    expect((await gh('GET', `${REPO}/pulls/7`)).status).toBe(502)
    expect((await gh('GET', `${REPO}/pulls/7`)).status).toBe(502)
    expect((await gh('GET', `${REPO}/pulls/7`)).status).toBe(200)
  })
})
