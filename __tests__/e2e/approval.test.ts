/**
 * Issue 22: an approval is a reviewer's, of this dry run, used once. Each numbered case is one of the
 * issue's attacks; each fails on the code before it (which took whatever dry run the PR's comment held at
 * the merge as approved) and passes now. Everything runs through dist/index.js against the emulator,
 * whose GitHub serves pull requests, reviews, permissions and statuses as docs.github.com documents them.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { GitHubComment } from '../../emulator/index.js'
import { errorLines, type RunOptions } from '../../tools/local-runner.js'
import { requestsTo, startE2e, type E2eContext } from '../helpers/e2e.js'
import {
  addToLower,
  approve,
  approveAndMerge,
  ON_PULL_REQUEST,
  onPush,
  PR,
  PUSHED_SHA,
  promotionInputs,
  REVIEWER
} from '../helpers/promotion.js'

describe('an approval is a review of this dry run, used once', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ promotionLockMs: 80, promotionRunMs: 250 })
  })
  afterEach(() => e2e.close())

  const inputs = (operation: string, extra: Record<string, string> = {}) => promotionInputs(e2e.emulator, operation, extra)
  const run = (options: RunOptions) => e2e.run(options)
  const github = () => e2e.emulator.github
  const realRuns = () => e2e.emulator.promotion.runs.filter((r) => !r.dryRun)
  const upperNames = () => [...e2e.emulator.promotion.config('upper').values()].map((entry) => entry.name).sort()
  const botComment = (pr = PR): GitHubComment =>
    github()
      .comments(pr)
      .find((c) => c.user.login === 'github-actions[bot]')!
  const dryRun = async (pr = PR) => {
    const result = await run({ inputs: inputs('dry-run-promote'), eventName: 'pull_request', event: { pull_request: { number: pr } } })
    expect(result.main.exitCode).toBe(0)
    return result
  }
  const promoteOnPush = async (push: ReturnType<typeof approveAndMerge>) => run({ inputs: inputs('promote'), ...onPush(push) })
  const noPromotion = () => {
    expect(realRuns()).toEqual([])
    expect(e2e.emulator.promotion.lockState().result).toBe('unlocked')
  }

  test('a review after the dry run approves it: promote names the reviewer and both times in the log, the summary and the comment', async () => {
    await dryRun()
    const push = approveAndMerge(e2e.emulator)
    const result = await promoteOnPush(push)
    expect(result.main.exitCode).toBe(0)
    expect(realRuns()).toHaveLength(1)
    const line = /Approved by @alice \d\d:\d\d:\d\d UTC, after the dry run of \d\d:\d\d:\d\d UTC \(PR #7, merged [^)]*\)/
    expect(result.main.stdout).toMatch(line)
    expect(result.main.summary).toMatch(line)
    expect(botComment().body).toMatch(line)
    expect(botComment().body).toContain('✅ Promoted')
  })

  test('the dry run sets its check on the PR head, with the count and a link to the comment; a new push leaves the new head without one', async () => {
    const result = await dryRun()
    const head = github().pulls.get(PR)!.head.sha
    const [status] = github().pulls.statuses(head)
    expect(status).toMatchObject({
      state: 'success',
      context: `tenant-pilot/dry-run-promote (${new URL(e2e.emulator.upper.url).host})`,
      target_url: result.main.outputs['comment-url'],
      creator: { login: 'github-actions[bot]' }
    })
    expect(status!.description).toBe(`Dry run: 5 changes, 1 deletion ${result.main.outputs['report-fingerprint']}`)
    const newHead = github().pulls.push(PR)
    expect(github().pulls.statuses(newHead)).toEqual([])
  })

  test('a dry run with blockers sets a failing check', async () => {
    addToLower(e2e.emulator, { name: 'NeedsEsv', esvRefs: ['esv-missing-in-upper'] })
    await run({ inputs: inputs('dry-run-promote', { 'fail-on-blockers': 'false' }), ...ON_PULL_REQUEST })
    const [status] = github().pulls.statuses(github().pulls.get(PR)!.head.sha)
    expect(status!.state).toBe('failure')
    expect(status!.description).toContain('blocked: missing ESVs')
  })

  test('case 1: a dry run refreshed after the review (a command, a dispatch) is not approved by it', async () => {
    await dryRun()
    approve(e2e.emulator)
    addToLower(e2e.emulator, { name: 'RiskScript', configItem: 'Scripts', uid: 'script/RiskScript' })
    // A member's dispatch refreshes the comment after the review; GitHub dismisses nothing.
    const refresh = await run({ inputs: inputs('dry-run-promote', { 'pr-number': String(PR) }) })
    expect(refresh.main.exitCode).toBe(0)
    expect(botComment().body).toContain('RiskScript')
    const push = github().pulls.merge(PR, 'squash', PUSHED_SHA)
    const result = await promoteOnPush(push)
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toMatch(
      /^No approval to promote: PR #7 has 0 of the 1 required approval\(s\) of the dry run published at \d\d:\d\d:\d\d UTC; not counted: @alice approved at .*, not after it was published/
    )
    expect(errorLines(result.main)[0]).toContain(
      'Ask a reviewer with write access (not the author) to approve the pull request after the dry run'
    )
    noPromotion()
    expect(upperNames()).not.toContain('RiskScript')
  })

  test('case 1 (push): a new commit on the PR after the review leaves its head without the dry run: refused', async () => {
    await dryRun()
    approve(e2e.emulator)
    github().pulls.push(PR)
    const result = await promoteOnPush(github().pulls.merge(PR, 'squash', PUSHED_SHA))
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toContain(
      `has no tenant-pilot/dry-run-promote (${new URL(e2e.emulator.upper.url).host}) check by github-actions[bot]`
    )
    noPromotion()
  })

  test('a rerun that shows the same changes keeps the review given in between', async () => {
    await dryRun()
    approve(e2e.emulator)
    await dryRun()
    const result = await promoteOnPush(github().pulls.merge(PR, 'squash', PUSHED_SHA))
    expect(result.main.exitCode).toBe(0)
    expect(realRuns()).toHaveLength(1)
  })

  test('case 2: an approved dry run older than the last promotion is not replayed', async () => {
    await dryRun(7)
    await dryRun(8)
    approve(e2e.emulator, { pr: 8 })
    const first = await promoteOnPush(approveAndMerge(e2e.emulator, { pr: 7 }))
    expect(first.main.exitCode).toBe(0)
    // Login is edited again in dev: PR 8's dry run listed a modified Login too, so the fingerprint is the same.
    addToLower(e2e.emulator, { name: 'Login', body: 'edited after PR 7', uid: 'journey/Login' })
    const second = await promoteOnPush(github().pulls.merge(8, 'squash', 'b'.repeat(40)))
    expect(second.main.exitCode).toBe(1)
    expect(errorLines(second.main)[0]).toMatch(
      /the upper tenant was changed after this dry run: promotion report \S+ \(.*\) is newer than the approved dry run \S+ \(.*\); an approval is applied once/
    )
    expect(realRuns()).toHaveLength(1)
  })

  test('case 3: promote refuses issue_comment events, and an open PR approves nothing', async () => {
    await dryRun()
    approve(e2e.emulator)
    const onComment = await run({
      inputs: inputs('promote'),
      eventName: 'issue_comment',
      event: { issue: { number: PR, pull_request: {} }, comment: { author_association: 'MEMBER', user: { login: 'carol' } } }
    })
    expect(onComment.main.exitCode).toBe(1)
    expect(errorLines(onComment.main)[0]).toMatch(/^promote does not run on issue_comment events/)
    const open = await run({ inputs: inputs('promote', { 'pr-number': String(PR) }) })
    expect(open.main.exitCode).toBe(1)
    expect(errorLines(open.main)[0]).toContain("PR #7 (the run's pull request) is open: only a merged pull request approves")
    noPromotion()
    // The dry run's lock and unlock only.
    expect(requestsTo(e2e.emulator, 'upper').filter((r) => r.includes('/promotion/lock') && !r.startsWith('GET'))).toHaveLength(2)
  })

  test('case 5: a push is matched to the PR whose merge commit it is, into the pushed branch', async () => {
    await dryRun()
    approve(e2e.emulator)
    const pull = github().pulls.get(PR)!
    pull.base.ref = 'develop'
    const push = github().pulls.merge(PR, 'merge', PUSHED_SHA)
    const result = await run({ inputs: inputs('promote'), ...onPush({ ...push, ref: 'refs/heads/main' }) })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toContain(`the pushed commit aaaaaaa is the merge of no pull request into main`)
    noPromotion()
  })

  test.each(['merge', 'squash', 'rebase'] as const)('case 5: a %s merge finds its PR from the push', async (method) => {
    await dryRun()
    const push = approveAndMerge(e2e.emulator, { method })
    const result = await promoteOnPush(push)
    expect(result.main.exitCode).toBe(0)
    expect(result.main.stdout).toContain(`the push of aaaaaaa to main is PR #7's merge commit`)
    expect(realRuns()).toHaveLength(1)
  })

  test('case 5: a push that carries two merged PRs (a merge queue batch) is refused, naming both', async () => {
    await dryRun(7)
    approve(e2e.emulator, { pr: 7 })
    approve(e2e.emulator, { pr: 8, reviewer: 'bob' })
    const first = github().pulls.merge(8, 'squash')
    const second = github().pulls.merge(PR, 'squash', PUSHED_SHA)
    const batch = { ref: second.ref, before: first.before, after: second.after, commits: [...first.commits, ...second.commits] }
    const result = await run({ inputs: inputs('promote'), ...onPush(batch) })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toContain('the push to main carries PR #7 and also #8: one run applies one pull request')
    expect(errorLines(result.main)[0]).toContain('set its batch size to 1')
    noPromotion()
  })

  test.each([
    ['the PR author', 'octocat', 'is the PR’s author'],
    ['a read-only collaborator', 'erin', 'has read access, not write'],
    ['a triager', 'dave', 'has triage access, not write'],
    ['someone without access', 'mallory', 'has read access, not write']
  ])('a review by %s does not count', async (_who, login, why) => {
    await dryRun()
    github().advanceClock(2000)
    if (login === 'octocat') github().pulls.review(PR, login, 'COMMENTED')
    else github().pulls.review(PR, login, 'APPROVED')
    const result = await promoteOnPush(github().pulls.merge(PR, 'squash', PUSHED_SHA))
    expect(result.main.exitCode).toBe(1)
    if (login !== 'octocat') expect(errorLines(result.main)[0]).toContain(`@${login} ${why}`)
    noPromotion()
  })

  test('GitHub refuses an author approving their own PR', () => {
    expect(() => github().pulls.review(PR, 'octocat', 'APPROVED')).toThrow(/Can not approve your own pull request/)
  })

  test('a review before the dry run does not count', async () => {
    approve(e2e.emulator)
    await dryRun()
    const result = await promoteOnPush(github().pulls.merge(PR, 'squash', PUSHED_SHA))
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toContain(`@${REVIEWER} approved at`)
    noPromotion()
  })

  test('a dismissed approval, or one followed by a change request, does not count', async () => {
    await dryRun()
    approve(e2e.emulator)
    approve(e2e.emulator, { reviewer: 'bob' })
    github().pulls.dismiss(PR, github().pulls.reviews(PR)[0]!.id)
    github().advanceClock(2000)
    github().pulls.review(PR, 'bob', 'CHANGES_REQUESTED')
    const result = await promoteOnPush(github().pulls.merge(PR, 'squash', PUSHED_SHA))
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toMatch(/@alice their approval of .* was dismissed; @bob requested changes at/)
    noPromotion()
  })

  test('two required approvals and one given refuses; a second approval promotes', async () => {
    await dryRun()
    approve(e2e.emulator)
    const push = github().pulls.merge(PR, 'squash', PUSHED_SHA)
    const one = await run({ inputs: inputs('promote', { 'required-approvals': '2' }), ...onPush(push) })
    expect(one.main.exitCode).toBe(1)
    expect(errorLines(one.main)[0]).toContain('has 1 of the 2 required approval(s)')
    noPromotion()
    // A review after the merge counts: the next step the refusal names, then promote again with pr-number.
    approve(e2e.emulator, { reviewer: 'carol' })
    const two = await run({ inputs: inputs('promote', { 'required-approvals': '2', 'pr-number': String(PR) }) })
    expect(two.main.exitCode).toBe(0)
    expect(two.main.stdout).toMatch(/Approved by @alice .*, @carol /)
  })

  test('a permission the token may not read refuses, naming the permission', async () => {
    await dryRun()
    const push = approveAndMerge(e2e.emulator)
    github().pulls.forbidPermissionReads()
    const result = await promoteOnPush(push)
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toContain('collaborators/alice/permission failed with HTTP 403')
    noPromotion()
  })

  test('a comment copied from another dry run (marker, table and all) is refused: the check on the head dates and names the dry run', async () => {
    await dryRun(7)
    approve(e2e.emulator)
    // Later, dev gains a journey and PR 8 is dry-run; someone with write access copies PR 8's comment over PR 7's.
    addToLower(e2e.emulator, { name: 'Unreviewed' })
    await dryRun(8)
    botComment(7).body = botComment(8).body
    const result = await promoteOnPush(github().pulls.merge(PR, 'squash', PUSHED_SHA))
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toContain('is for another dry run than the PR’s comment shows')
    noPromotion()
  })

  test('break-glass: approved-fingerprint with report-id promotes on a dispatch and says so; used once', async () => {
    const dry = await run({ inputs: inputs('dry-run-promote', { comment: 'false' }) })
    const glass = { 'approved-fingerprint': dry.main.outputs['report-fingerprint']!, 'report-id': dry.main.outputs['report-id']! }
    const result = await run({ inputs: inputs('promote', glass) })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.stdout).toContain('Break-glass approval: approved-fingerprint with report-id given by the workflow')
    expect(result.main.summary).toContain('Break-glass approval')
    const again = await run({ inputs: inputs('promote', { ...glass, 'promote-empty': 'true' }) })
    expect(again.main.exitCode).toBe(1)
    expect(errorLines(again.main)[0]).toContain('is newer than the approved dry run')
    expect(realRuns()).toHaveLength(1)
  })

  test('approved-fingerprint without report-id is refused before any request', async () => {
    const result = await run({ inputs: inputs('promote', { 'approved-fingerprint': `sha256:${'a'.repeat(64)}` }) })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toContain('report-id: required with approved-fingerprint (break-glass)')
    expect(e2e.emulator.log).toEqual([])
  })

  test('GitHub rate limits are waited out as GitHub asks, and said in the log', async () => {
    github().rateLimit(1, 'secondary', 403, 1)
    github().rateLimit(1, 'primary', 429, 1)
    const result = await dryRun()
    expect(result.main.stdout).toMatch(
      /GitHub rate-limited GET \S+ \(retry-after: 1 s\); waiting 1 s, then sending it again \(github-rate-limit-timeout: 300 s in all\)/
    )
    expect(result.main.stdout).toMatch(/GitHub rate-limited GET \S+ \(primary limit, resets at [^)]+\); waiting \d+(\.\d)? s/)
    expect(botComment().body).toContain('Promotion dry run')
  })

  test('a rate limit longer than github-rate-limit-timeout fails the dry run naming the limit; nothing is left locked', async () => {
    await dryRun()
    // A secondary limit without a time: GitHub asks for at least a minute, more than the 5 s allowed.
    github().rateLimit(20, 'secondary-bare')
    const result = await run({ inputs: inputs('dry-run-promote', { 'github-rate-limit-timeout': '5' }), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toMatch(
      /GitHub rate-limited the request \(secondary limit without a time: GitHub asks for at least a minute\); waiting 60 s more would pass github-rate-limit-timeout \(5 s/
    )
    expect(e2e.emulator.promotion.lockState().result).toBe('unlocked')
  })
})
