import { describe, expect, test } from '@jest/globals'
import { findMergedPullRequest, MAX_PUSHED_COMMITS_CHECKED } from '../../../src/approval/merged-pull-request.js'
import type { GitHubApi } from '../../../src/github/api.js'
import type { GitHubContext, GitHubEvent } from '../../../src/github/context.js'
import type { PullRequest, PullRequestSummary } from '../../../src/github/types.js'

const sha = (c: string) => c.repeat(40)
const pull = (number: number, fields: Partial<PullRequest> = {}): PullRequest => ({
  number,
  state: 'closed',
  html_url: `https://github.com/acme/iam-config/pull/${number}`,
  user: { login: 'octocat' },
  merged: true,
  merged_at: '2026-12-06T12:00:00Z',
  merge_commit_sha: sha('a'),
  base: { ref: 'main', sha: sha('0') },
  head: { ref: `change-${number}`, sha: sha('9'), repo: { full_name: 'acme/iam-config' } },
  ...fields
})

/** A fake of the two reads the lookup makes: PRs by number, and the PRs GitHub ties to each commit. */
function api(pulls: PullRequest[], byCommit: Record<string, number[]>): { api: GitHubApi; asked: string[] } {
  const asked: string[] = []
  const fake = {
    pullRequest: async (n: number) => {
      asked.push(`pull ${n}`)
      const found = pulls.find((p) => p.number === n)
      if (!found) throw new Error(`no PR ${n}`)
      return found
    },
    pullRequestsOfCommit: async (commit: string): Promise<PullRequestSummary[]> => {
      asked.push(`commit ${commit.slice(0, 1)}`)
      return (byCommit[commit] ?? []).map((n) => {
        const p = pulls.find((x) => x.number === n)!
        return { number: n, state: p.state, merged_at: p.merged_at, merge_commit_sha: p.merge_commit_sha, base: p.base }
      })
    }
  }
  return { api: fake as unknown as GitHubApi, asked }
}

const context = (eventName: string, event: GitHubEvent = {}): GitHubContext => ({
  owner: 'acme',
  repo: 'iam-config',
  apiUrl: 'https://api.github.com',
  serverUrl: 'https://github.com',
  runId: '1',
  actor: 'octocat',
  eventName,
  sha: sha('a'),
  ref: 'refs/heads/main',
  event
})

describe('findMergedPullRequest', () => {
  test('pr-number: the PR must be merged', async () => {
    await expect(findMergedPullRequest(api([pull(7)], {}).api, context('workflow_dispatch'), 7)).resolves.toMatchObject({
      number: 7,
      headSha: sha('9')
    })
    const open = pull(8, { state: 'open', merged: false, merged_at: null })
    await expect(findMergedPullRequest(api([open], {}).api, context('workflow_dispatch'), 8)).rejects.toThrow(
      "PR #8 (the run's pull request) is open: only a merged pull request approves"
    )
    const closed = pull(9, { merged: false, merged_at: null })
    await expect(findMergedPullRequest(api([closed], {}).api, context('workflow_dispatch'), 9)).rejects.toThrow('is closed without a merge')
  })

  test('an event that is no push and names no PR approves nothing', async () => {
    await expect(findMergedPullRequest(api([], {}).api, context('schedule'), undefined)).rejects.toThrow(
      'the schedule event is tied to no merged pull request'
    )
  })

  test('a push: the PR whose merge commit is the pushed commit, into the pushed branch', async () => {
    const found = await findMergedPullRequest(
      api([pull(7)], { [sha('a')]: [7] }).api,
      context('push', { ref: 'refs/heads/main', after: sha('a') }),
      undefined
    )
    expect(found).toMatchObject({ number: 7, foundBy: "the push of aaaaaaa to main is PR #7's merge commit" })
  })

  test('a push whose commit belongs to a PR into another branch, or is not its merge commit, is refused', async () => {
    const develop = pull(7, { base: { ref: 'develop', sha: sha('0') } })
    await expect(
      findMergedPullRequest(
        api([develop], { [sha('a')]: [7] }).api,
        context('push', { ref: 'refs/heads/main', after: sha('a') }),
        undefined
      )
    ).rejects.toThrow('the pushed commit aaaaaaa is the merge of no pull request into main')
    const other = pull(7, { merge_commit_sha: sha('b') })
    await expect(
      findMergedPullRequest(api([other], { [sha('a')]: [7] }).api, context('push', { ref: 'refs/heads/main', after: sha('a') }), undefined)
    ).rejects.toThrow('it belongs to #7, whose merge commit is another')
  })

  test('a push that carries another merged PR is refused, naming it; the PR’s own commits are looked up and pass', async () => {
    const pulls = [pull(7), pull(8, { merge_commit_sha: sha('b') })]
    const event = { ref: 'refs/heads/main', after: sha('a'), commits: [{ id: sha('b') }, { id: sha('a') }] }
    await expect(
      findMergedPullRequest(api(pulls, { [sha('a')]: [7], [sha('b')]: [8] }).api, context('push', event), undefined)
    ).rejects.toThrow('the push to main carries PR #7 and also #8')
    const own = { ref: 'refs/heads/main', after: sha('a'), commits: [{ id: sha('c') }, { id: sha('a') }] }
    const fake = api([pull(7)], { [sha('a')]: [7], [sha('c')]: [7] })
    await expect(findMergedPullRequest(fake.api, context('push', own), undefined)).resolves.toMatchObject({ number: 7 })
    expect(fake.asked).toContain('commit c')
  })

  test('a push of more commits than are checked is refused with advice', async () => {
    const commits = Array.from({ length: MAX_PUSHED_COMMITS_CHECKED + 1 }, (_, i) => ({ id: `e${i.toString(16)}`.padStart(40, '0') }))
    await expect(
      findMergedPullRequest(
        api([pull(7)], { [sha('a')]: [7] }).api,
        context('push', { ref: 'refs/heads/main', after: sha('a'), commits: [...commits, { id: sha('a') }] }),
        undefined
      )
    ).rejects.toThrow('Merge with squash')
  })

  test('a push to a tag, or without a commit, approves nothing', async () => {
    await expect(
      findMergedPullRequest(api([], {}).api, { ...context('push', { ref: 'refs/tags/v1', after: sha('a') }), ref: undefined }, undefined)
    ).rejects.toThrow('the push is not to a branch')
    await expect(
      findMergedPullRequest(api([], {}).api, { ...context('push', { ref: 'refs/heads/main' }), sha: undefined }, undefined)
    ).rejects.toThrow('the push names no commit')
  })
})
