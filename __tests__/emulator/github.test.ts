/** The GitHub REST slice of the emulator (emulator/github.ts) against its ledger, emulator/evidence/github.md. */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { startEmulator } from '../../emulator/index.js'
import { callGitHub, type Answer } from './github-client.js'
import type { Emulator, GitHubComment, GitHubIssue } from '../../emulator/index.js'

let emulator: Emulator

beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(() => emulator.close())

const gh = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string): Promise<Answer<T>> =>
  callGitHub<T>(emulator, method, path, body, token)

const COMMENTS = '/repos/acme/iam-config/issues/7/comments'

describe('GitHub REST', () => {
  test('[GH-01] a request without the token is 401 Bad credentials', async () => {
    expect(await gh('GET', COMMENTS, undefined, 'ghs_not-the-token')).toMatchObject({ status: 401, body: { message: 'Bad credentials' } })
    expect(emulator.github.log.at(-1)).toMatchObject({ method: 'GET', path: COMMENTS, status: 401 })
  })

  test('[GH-02] an unknown route is 404 Not Found', async () => {
    expect(await gh('GET', '/repos/acme/iam-config/releases')).toMatchObject({ status: 404, body: { message: 'Not Found' } })
  })

  test('[GH-03] comments list in ascending id, 30 a page by default and at most 100, with Link next and last', async () => {
    for (let i = 0; i < 130; i++) emulator.github.addComment(7, `comment ${i}`)
    const first = await gh<GitHubComment[]>('GET', COMMENTS)
    expect(first.body).toHaveLength(30)
    expect(first.headers.get('link')).toMatch(/[?&]page=2>; rel="next".*[?&]page=5>; rel="last"/)
    const big = await gh<GitHubComment[]>('GET', `${COMMENTS}?per_page=500&page=2`)
    expect(big.body.map((c) => c.body)).toEqual(Array.from({ length: 30 }, (_, i) => `comment ${i + 100}`))
    expect(big.headers.get('link')).not.toContain('rel="next"')
    expect(big.headers.get('link')).toContain('rel="prev"')
    const ids = (await gh<GitHubComment[]>('GET', `${COMMENTS}?per_page=100`)).body.map((c) => c.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    const single = await gh<GitHubComment[]>('GET', '/repos/acme/iam-config/issues/8/comments')
    expect(single).toMatchObject({ status: 200, body: [] })
    expect(single.headers.get('link')).toBeNull()
  })

  test('[GH-04] a created comment answers 201, written by github-actions[bot]', async () => {
    const created = await gh<GitHubComment>('POST', COMMENTS, { body: 'hello' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      body: 'hello',
      user: { login: 'github-actions[bot]', type: 'Bot' },
      performed_via_github_app: { slug: 'github-actions' },
      html_url: expect.any(String)
    })
    expect(emulator.github.comments(7).map((c) => c.id)).toEqual([created.body.id])
  })

  test('[GH-05] an empty body, a body over 65,536 characters and broken JSON are refused', async () => {
    expect(await gh('POST', COMMENTS, { body: '' })).toMatchObject({ status: 422, body: { message: 'Validation Failed' } })
    expect((await gh('POST', COMMENTS, { body: 'x'.repeat(65_536) })).status).toBe(201)
    const long = await gh('POST', COMMENTS, { body: 'x'.repeat(65_537) })
    expect(long).toMatchObject({
      status: 422,
      body: { message: 'Validation Failed', errors: [{ resource: 'IssueComment', field: 'body', code: 'custom' }] }
    })
    expect(await gh('POST', COMMENTS, '{not json')).toMatchObject({ status: 400, body: { message: 'Problems parsing JSON' } })
    expect(emulator.github.comments(7)).toHaveLength(1)
  })

  test('[GH-06] a comment is updated with PATCH (200); an unknown id is 404', async () => {
    const created = await gh<GitHubComment>('POST', COMMENTS, { body: 'v1' })
    const updated = await gh<GitHubComment>('PATCH', `/repos/acme/iam-config/issues/comments/${created.body.id}`, { body: 'v2' })
    expect(updated).toMatchObject({ status: 200, body: { id: created.body.id, body: 'v2' } })
    expect((await gh('PATCH', '/repos/acme/iam-config/issues/comments/999999', { body: 'x' })).status).toBe(404)
  })

  test('[GH-07] editing a comment someone else wrote is forbidden by default; the allowed option lets it through', async () => {
    const theirs = emulator.github.addComment(7, 'a reviewer wrote this')
    const path = `/repos/acme/iam-config/issues/comments/${theirs.id}`
    expect((await gh('PATCH', path, { body: 'overwritten' })).status).toBe(403)
    expect(emulator.github.comments(7)[0]?.body).toBe('a reviewer wrote this')
    emulator.github.othersComments = 'allowed'
    expect((await gh('PATCH', path, { body: 'overwritten' })).status).toBe(200)
  })

  test('[GH-08] a read-only (fork PR) token reads but every write is 403', async () => {
    const mine = await gh<GitHubComment>('POST', COMMENTS, { body: 'before' })
    emulator.github.makeTokenReadOnly()
    expect((await gh('GET', COMMENTS)).status).toBe(200)
    expect(await gh('POST', COMMENTS, { body: 'x' })).toMatchObject({
      status: 403,
      body: { message: 'Resource not accessible by integration' }
    })
    expect((await gh('PATCH', `/repos/acme/iam-config/issues/comments/${mine.body.id}`, { body: 'x' })).status).toBe(403)
  })

  test('[GH-39] a token restricted to a job’s permissions: what they cover is served, the rest is 403; a person’s token is not restricted', async () => {
    emulator.github.restrictToken((method, path) => method === 'GET' && path.endsWith('/comments'))
    expect((await gh('GET', COMMENTS)).status).toBe(200)
    expect(await gh('POST', COMMENTS, { body: 'x' })).toMatchObject({
      status: 403,
      body: { message: 'Resource not accessible by integration' }
    })
    expect(emulator.github.comments(7)).toEqual([])
    emulator.github.restrictToken(undefined)
    expect((await gh('POST', COMMENTS, { body: 'x' })).status).toBe(201)
  })

  test('[GH-09] an Actions token cannot read /user', async () => {
    expect(await gh('GET', '/user')).toMatchObject({ status: 403, body: { message: 'Resource not accessible by integration' } })
  })

  test('[GH-11] a GitHub App installation token cannot read /user and comments as acme-bot[bot] (type Bot), editing only its own', async () => {
    emulator.github.tokenKind = 'app'
    expect(await gh('GET', '/user')).toMatchObject({ status: 403, body: { message: 'Resource not accessible by integration' } })
    const created = await gh<GitHubComment>('POST', COMMENTS, { body: 'from the app' })
    expect(created).toMatchObject({
      status: 201,
      body: { user: { login: 'acme-bot[bot]', type: 'Bot' }, performed_via_github_app: { slug: 'acme-bot' } }
    })
    expect(emulator.github.tokenLogin).toBe('acme-bot[bot]')
    expect((await gh('PATCH', `/repos/acme/iam-config/issues/comments/${created.body.id}`, { body: 'v2' })).status).toBe(200)
    const actions = emulator.github.addComment(7, 'by the Actions bot', 'github-actions[bot]')
    expect((await gh('PATCH', `/repos/acme/iam-config/issues/comments/${actions.id}`, { body: 'x' })).status).toBe(403)
  })

  test('[GH-12] a personal access token reads its user on /user and comments as that user (type User, no App)', async () => {
    emulator.github.tokenKind = 'pat'
    expect(await gh('GET', '/user')).toMatchObject({ status: 200, body: { login: 'release-manager', type: 'User' } })
    const created = await gh<GitHubComment>('POST', COMMENTS, { body: 'from a person' })
    expect(created.body).toMatchObject({ user: { login: 'release-manager', type: 'User' }, performed_via_github_app: null })
    const bot = emulator.github.addComment(7, 'by the Actions bot', 'github-actions[bot]')
    expect((await gh('PATCH', `/repos/acme/iam-config/issues/comments/${bot.id}`, { body: 'x' })).status).toBe(403)
    expect((await gh('PATCH', `/repos/acme/iam-config/issues/comments/${created.body.id}`, { body: 'v2' })).status).toBe(200)
  })

  test('[GH-10] the PRs of a commit: merged ones carry merged_at, open ones do not; an unknown commit has none', async () => {
    emulator.github.linkCommit('abc123', 12)
    emulator.github.linkCommit('def456', 13, false)
    expect((await gh<unknown[]>('GET', '/repos/acme/iam-config/commits/abc123/pulls')).body).toEqual([
      expect.objectContaining({ number: 12, state: 'closed', merged_at: expect.any(String), html_url: expect.stringContaining('/pull/12') })
    ])
    expect((await gh<unknown[]>('GET', '/repos/acme/iam-config/commits/def456/pulls')).body).toEqual([
      expect.objectContaining({ number: 13, state: 'open', merged_at: null, html_url: expect.stringContaining('/pull/13') })
    ])
    expect(await gh('GET', '/repos/acme/iam-config/commits/0000000/pulls')).toMatchObject({ status: 200, body: [] })
  })

  const ISSUES = '/repos/acme/iam-config/issues'
  const numbers = (answer: Answer<GitHubIssue[]>) => answer.body.map((issue) => issue.number)

  test('[GH-13] issues list by state (open by default), creator and labels, newest first unless asc, paged with Link; PRs carry pull_request', async () => {
    const open = emulator.github.addIssue({ title: 'a', login: 'octocat', labels: ['drift', 'prod'] })
    const closed = emulator.github.addIssue({ title: 'b', login: 'octocat', state: 'closed' })
    const other = emulator.github.addIssue({ title: 'c', login: 'mallory', labels: ['drift'] })
    const pull = emulator.github.addIssue({ title: 'a PR', login: 'octocat', pullRequest: true })
    expect(numbers(await gh<GitHubIssue[]>('GET', ISSUES))).toEqual([pull.number, other.number, open.number])
    expect(numbers(await gh<GitHubIssue[]>('GET', `${ISSUES}?state=closed`))).toEqual([closed.number])
    expect(numbers(await gh<GitHubIssue[]>('GET', `${ISSUES}?state=all&direction=asc&sort=created`))).toEqual([
      open.number,
      closed.number,
      other.number,
      pull.number
    ])
    expect(numbers(await gh<GitHubIssue[]>('GET', `${ISSUES}?state=all&creator=octocat&direction=asc`))).toEqual([
      open.number,
      closed.number,
      pull.number
    ])
    expect(numbers(await gh<GitHubIssue[]>('GET', `${ISSUES}?labels=drift,prod`))).toEqual([open.number])
    const listed = (await gh<GitHubIssue[]>('GET', `${ISSUES}?state=all`)).body
    expect(listed.find((issue) => issue.number === pull.number)?.pull_request).toBeDefined()
    expect(listed.find((issue) => issue.number === open.number)).not.toHaveProperty('pull_request')
    expect((await gh('GET', `${ISSUES}?state=sideways`)).status).toBe(422)
    for (let i = 0; i < 3; i++) emulator.github.addIssue({ title: `more ${i}` })
    const first = await gh<GitHubIssue[]>('GET', `${ISSUES}?state=all&per_page=3&page=1`)
    expect(first.body).toHaveLength(3)
    expect(first.headers.get('link')).toMatch(/state=all.*[?&]page=2>; rel="next".*[?&]page=3>; rel="last"/)
    const last = await gh<GitHubIssue[]>('GET', `${ISSUES}?state=all&per_page=3&page=3`)
    expect(last.body).toHaveLength(1)
    expect(last.headers.get('link')).not.toContain('rel="next"')
  })

  test('[GH-14] creator=<name>[bot] matches nothing by default (undocumented); botCreatorFilter matches makes it exact', async () => {
    const bot = emulator.github.addIssue({ title: 'by the Actions bot', login: 'github-actions[bot]' })
    expect((await gh<GitHubIssue[]>('GET', `${ISSUES}?creator=${encodeURIComponent('github-actions[bot]')}`)).body).toEqual([])
    emulator.github.botCreatorFilter = 'matches'
    expect(numbers(await gh<GitHubIssue[]>('GET', `${ISSUES}?creator=${encodeURIComponent('github-actions[bot]')}`))).toEqual([bot.number])
  })

  test('[GH-15] a created issue answers 201, open, by the token’s login; labels dropped by default; no title or a long body is 422', async () => {
    const created = await gh<GitHubIssue>('POST', ISSUES, { title: 'Drift', body: 'plan', labels: ['drift'] })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      number: expect.any(Number),
      title: 'Drift',
      body: 'plan',
      state: 'open',
      labels: [],
      user: { login: 'github-actions[bot]', type: 'Bot' },
      html_url: expect.stringContaining(`/issues/${created.body.number}`)
    })
    emulator.github.labelsOnCreate = 'kept'
    expect((await gh<GitHubIssue>('POST', ISSUES, { title: 'x', labels: ['drift'] })).body.labels).toEqual([{ name: 'drift' }])
    expect(await gh('POST', ISSUES, { body: 'no title' })).toMatchObject({ status: 422, body: { message: 'Validation Failed' } })
    expect((await gh('POST', ISSUES, { title: 't', body: 'x'.repeat(65_537) })).status).toBe(422)
    expect((await gh('POST', ISSUES, '{not json')).status).toBe(400)
    emulator.github.makeTokenReadOnly()
    expect(await gh('POST', ISSUES, { title: 't' })).toMatchObject({
      status: 403,
      body: { message: 'Resource not accessible by integration' }
    })
  })

  test('[GH-16] an issue update sets body and state (closed_at, state_reason with a change of state); unknown is 404; another’s is 403', async () => {
    const created = (await gh<GitHubIssue>('POST', ISSUES, { title: 'Drift', body: 'v1' })).body
    const path = `${ISSUES}/${created.number}`
    const closed = await gh<GitHubIssue>('PATCH', path, { body: 'v2', state: 'closed', state_reason: 'completed' })
    expect(closed.body).toMatchObject({ body: 'v2', state: 'closed', state_reason: 'completed', closed_at: expect.any(String) })
    const reopened = await gh<GitHubIssue>('PATCH', path, { state: 'open', state_reason: 'reopened' })
    expect(reopened.body).toMatchObject({ body: 'v2', state: 'open', state_reason: 'reopened', closed_at: null })
    expect((await gh<GitHubIssue>('PATCH', path, { state_reason: 'not_planned' })).body.state_reason).toBe('reopened')
    expect((await gh('PATCH', `${ISSUES}/9999`, { body: 'x' })).status).toBe(404)
    expect((await gh('PATCH', path, { state: 'sideways' })).status).toBe(422)
    const theirs = emulator.github.addIssue({ title: 'theirs', body: 'same marker', login: 'mallory' })
    expect((await gh('PATCH', `${ISSUES}/${theirs.number}`, { body: 'x' })).status).toBe(403)
    expect(emulator.github.issues().find((i) => i.number === theirs.number)?.body).toBe('same marker')
    emulator.github.othersComments = 'allowed'
    expect((await gh('PATCH', `${ISSUES}/${theirs.number}`, { body: 'x' })).status).toBe(200)
  })

  test('[GH-37] labels are added to an issue by name (a new name is made a label), every label answered; a read-only token is 403', async () => {
    const created = (await gh<GitHubIssue>('POST', ISSUES, { title: 'Drift', labels: ['tenant-pilot-drift'] })).body
    expect(created.labels).toEqual([])
    const path = `${ISSUES}/${created.number}/labels`
    expect(await gh('POST', path, { labels: ['tenant-pilot-drift'] })).toMatchObject({
      status: 200,
      body: [{ name: 'tenant-pilot-drift' }]
    })
    expect((await gh('POST', path, ['tenant-pilot-drift', 'ops'])).body).toEqual([{ name: 'tenant-pilot-drift' }, { name: 'ops' }])
    const listed = await gh<GitHubIssue[]>('GET', `${ISSUES}?state=all&labels=tenant-pilot-drift`)
    expect(listed.body.map((issue) => issue.number)).toEqual([created.number])
    expect((await gh('POST', `${ISSUES}/9999/labels`, { labels: ['x'] })).status).toBe(404)
    expect((await gh('POST', path, { labels: [] })).status).toBe(422)
    emulator.github.makeTokenReadOnly()
    expect((await gh('POST', path, { labels: ['x'] })).status).toBe(403)
  })

  test('[GH-38] faults that name GitHub hit its requests: a status with Retry-After, a drop, an answer lost after the write, an expired token; a rule naming no server never does', async () => {
    emulator.fault({ path: ISSUES, status: 503 })
    expect((await gh('GET', ISSUES)).status).toBe(200)
    emulator.clearFaults()
    emulator.fault({ tenant: 'github', method: 'POST', path: ISSUES, status: 429, retryAfter: '1', times: 1 })
    const limited = await gh('POST', ISSUES, { title: 'Drift' })
    expect([limited.status, limited.headers.get('retry-after'), limited.body]).toEqual([429, '1', { message: 'Injected fault' }])
    expect(emulator.github.issues()).toEqual([])
    emulator.fault({ tenant: 'github', method: 'POST', path: ISSUES, handleThenDrop: true, times: 1 })
    await expect(gh('POST', ISSUES, { title: 'Drift' })).rejects.toThrow()
    expect(emulator.github.issues().map((issue) => issue.title)).toEqual(['Drift'])
    emulator.fault({ tenant: 'github', method: 'POST', path: ISSUES, drop: true, times: 1 })
    await expect(gh('POST', ISSUES, { title: 'Dropped' })).rejects.toThrow()
    expect(emulator.github.issues()).toHaveLength(1)
    emulator.fault({ tenant: 'github', method: 'GET', path: ISSUES, expireTokens: true, times: 1 })
    expect(await gh('GET', ISSUES)).toMatchObject({ status: 401, body: { message: 'Bad credentials' } })
    expect((await gh('GET', ISSUES)).status).toBe(200)
    emulator.fault({ tenant: 'github', method: 'GET', path: ISSUES, delayMs: 300, times: 1 })
    const started = Date.now()
    expect((await gh('GET', ISSUES)).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })

  test('[GH-17] with issues disabled, creating an issue is 410 Gone', async () => {
    emulator.github.disableIssues()
    expect((await gh('POST', ISSUES, { title: 'Drift' })).status).toBe(410)
  })

  test('[GH-18] an issue’s comments are created and listed by its number, as a PR’s', async () => {
    const issue = (await gh<GitHubIssue>('POST', ISSUES, { title: 'Drift' })).body
    const comment = await gh<GitHubComment>('POST', `${ISSUES}/${issue.number}/comments`, { body: 'resolved' })
    expect(comment).toMatchObject({ status: 201, body: { body: 'resolved', user: { login: 'github-actions[bot]' } } })
    expect((await gh<GitHubComment[]>('GET', `${ISSUES}/${issue.number}/comments`)).body.map((c) => c.body)).toEqual(['resolved'])
  })
})
