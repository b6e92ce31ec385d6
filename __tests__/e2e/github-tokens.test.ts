/**
 * The sticky comment and approval with every kind of GitHub token (issue 14, "Any token"): GITHUB_TOKEN,
 * a GitHub App installation token (GET /user refused, comments by acme-bot[bot]) and a personal access
 * token. Only the identity the action posts as counts; a marker anyone else wrote is ignored with a warning.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { GitHubComment } from '../../emulator/index.js'
import { errorLines, type ActionRun, type RunOptions } from '../../tools/local-runner.js'
import { requestsTo, startE2e, type E2eContext } from '../helpers/e2e.js'
import { approveAndMerge, MARKER, ON_PULL_REQUEST, PR, promotionInputs } from '../helpers/promotion.js'

const APP_BOT = 'acme-bot[bot]'

describe('any GitHub token', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ promotionLockMs: 80, promotionRunMs: 250 })
  })
  afterEach(() => e2e.close())

  const inputs = (operation: string, extra: Record<string, string> = {}) => promotionInputs(e2e.emulator, operation, extra)
  const onMergePush = { eventName: 'push', event: { ref: 'refs/heads/main' } }
  const run = (options: RunOptions): Promise<ActionRun> => e2e.run(options)
  const commentsBy = (login: string): GitHubComment[] => e2e.emulator.github.comments(PR).filter((c) => c.user.login === login)
  const markerOf = (comment: GitHubComment | undefined): Record<string, unknown> =>
    JSON.parse(MARKER.exec(comment?.body ?? '')?.[1] ?? '{}') as Record<string, unknown>
  const writes = () => e2e.emulator.github.log.filter((entry) => entry.method !== 'GET').map((entry) => entry.method)
  const realRuns = () => e2e.emulator.promotion.runs.filter((r) => !r.dryRun)
  const warnings = (result: ActionRun): string[] => result.main.stdout.split('\n').filter((line) => line.startsWith('::warning::'))
  const tenantPromotionRequests = () => requestsTo(e2e.emulator, 'upper').filter((r) => r.includes('/promotion/'))
  /** A marker someone wrote by hand: the real comment's body with another fingerprint. */
  const forgedFrom = (body: string): string => body.replace(/"fingerprint":"[0-9a-f]{64}"/g, `"fingerprint":"${'0'.repeat(64)}"`)

  describe('a GitHub App installation token (GET /user 403, comments by acme-bot[bot])', () => {
    beforeEach(() => {
      e2e.emulator.github.tokenKind = 'app'
    })

    test('dry-run-promote twice leaves one comment, updated in place; promote on the merge push finds its approval', async () => {
      const first = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
      expect(first.main.exitCode).toBe(0)
      expect(commentsBy(APP_BOT)).toHaveLength(1)
      const [created] = commentsBy(APP_BOT)
      expect(first.main.outputs['comment-url']).toBe(created!.html_url)
      // GitHub's answer to the POST named the author; the marker records it (one PATCH right after)
      expect(markerOf(created)).toMatchObject({ author: APP_BOT, status: 'dry-run' })
      // The check on the PR's head follows the comment.
      expect(writes()).toEqual(['POST', 'PATCH', 'POST'])
      const second = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
      expect(second.main.exitCode).toBe(0)
      expect(e2e.emulator.github.comments(PR)).toHaveLength(1)
      expect(commentsBy(APP_BOT)[0]!.id).toBe(created!.id)
      expect(writes()).toEqual(['POST', 'PATCH', 'POST', 'PATCH', 'POST'])
      // The second run knew who it posts as (the one App bot's comment) and records it again.
      expect(markerOf(commentsBy(APP_BOT)[0])).toMatchObject({ author: APP_BOT, status: 'dry-run' })
      expect(warnings(second)).toEqual([])

      approveAndMerge(e2e.emulator)
      const promote = await run({ inputs: inputs('promote'), ...onMergePush })
      expect(promote.main.exitCode).toBe(0)
      expect(promote.main.stdout).toContain(`Approved fingerprint ${second.main.outputs['report-fingerprint']}`)
      expect(realRuns()).toHaveLength(1)
      expect(e2e.emulator.github.comments(PR)).toHaveLength(1)
      expect(markerOf(commentsBy(APP_BOT)[0])).toMatchObject({ status: 'promoted', author: APP_BOT })
      expect(writes()).toEqual(['POST', 'PATCH', 'POST', 'PATCH', 'POST', 'PATCH'])
    })

    test('a forged marker by a user, with another fingerprint, is ignored with a warning; promote uses the real approval', async () => {
      const dryRun = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
      expect(dryRun.main.exitCode).toBe(0)
      const realBody = commentsBy(APP_BOT)[0]!.body
      // mallory's copy comes first on the PR and claims another fingerprint
      e2e.emulator.github.addComment(PR, forgedFrom(realBody), 'mallory')
      const thread = e2e.emulator.github.comments(PR)
      thread.unshift(thread.pop()!)
      const forged = commentsBy('mallory')[0]!
      expect(e2e.emulator.github.comments(PR).map((c) => c.user.login)).toEqual(['mallory', APP_BOT])

      approveAndMerge(e2e.emulator)
      const promote = await run({ inputs: inputs('promote'), ...onMergePush })
      expect(promote.main.exitCode).toBe(0)
      expect(warnings(promote)).toContainEqual(
        expect.stringContaining(
          `Ignored the tenant-pilot marker for ${e2e.emulator.upper.url} in the comment ${forged.html_url} by mallory`
        )
      )
      expect(promote.main.stdout).toContain(`Approved fingerprint ${dryRun.main.outputs['report-fingerprint']}`)
      expect(realRuns()).toHaveLength(1)
      expect(forged.body).toBe(forgedFrom(realBody)) // never edited
    })

    test('with only a forged marker by a user, promote fails closed before any tenant request and says to set comment-author', async () => {
      const dryRun = await run({ inputs: inputs('dry-run-promote', { comment: 'false' }), ...ON_PULL_REQUEST })
      e2e.emulator.github.addComment(
        PR,
        `<!-- tenant-pilot:promotion tenant=${e2e.emulator.upper.url} ${JSON.stringify({
          operation: 'dry-run-promote',
          status: 'dry-run',
          author: APP_BOT,
          dryRun: {
            fingerprint: String(dryRun.main.outputs['report-fingerprint']).slice(7),
            reportId: dryRun.main.outputs['report-id'],
            table: 'a'.repeat(64)
          }
        })} -->`,
        'mallory'
      )
      const forged = commentsBy('mallory')[0]!
      e2e.emulator.log.length = 0
      approveAndMerge(e2e.emulator)
      const promote = await run({ inputs: inputs('promote', { 'pr-number': String(PR) }) })
      expect(promote.main.exitCode).toBe(1)
      expect(errorLines(promote.main)[0]).toMatch(
        /^No approval to promote: PR #7 has no dry-run comment for \S+ by a GitHub App bot, and the token cannot read GET \/user .*set comment-author/
      )
      expect(warnings(promote)).toContainEqual(expect.stringContaining(`${forged.html_url} by mallory`))
      expect(tenantPromotionRequests()).toEqual([])
      expect(realRuns()).toEqual([])
    })

    test('moving from GITHUB_TOKEN to the App: the old bot comment it may not edit is left alone, a new one is posted and approves', async () => {
      const legacy = e2e.emulator.github.addComment(
        PR,
        `<!-- tenant-pilot:promotion tenant=${e2e.emulator.upper.url} {"operation":"dry-run-promote","status":"dry-run"} -->\nold report`,
        'github-actions[bot]'
      )
      const dryRun = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
      expect(dryRun.main.exitCode).toBe(0)
      expect(warnings(dryRun)).toContainEqual(
        expect.stringContaining(
          `The comment ${legacy.html_url} by github-actions[bot] carries the marker for ${e2e.emulator.upper.url}, but the token may not edit it`
        )
      )
      expect(e2e.emulator.github.comments(PR).find((c) => c.id === legacy.id)!.body).toBe(legacy.body)
      expect(commentsBy(APP_BOT)).toHaveLength(1)
      expect(markerOf(commentsBy(APP_BOT)[0])).toMatchObject({ author: APP_BOT })
      expect(e2e.emulator.github.log.filter((entry) => entry.method !== 'GET').map((entry) => `${entry.method} ${entry.status}`)).toEqual([
        'PATCH 403',
        'POST 201',
        'PATCH 200',
        'POST 201' // the check on the PR's head
      ])
      approveAndMerge(e2e.emulator)
      const promote = await run({ inputs: inputs('promote'), ...onMergePush })
      expect(promote.main.exitCode).toBe(0)
      expect(promote.main.stdout).toContain(`Approved fingerprint ${dryRun.main.outputs['report-fingerprint']}`)
      expect(realRuns()).toHaveLength(1)
    })

    test('comment-author given: another bot’s marker does not count; without it, two bots’ markers fail closed', async () => {
      // A comment left by GITHUB_TOKEN before the repository moved to the App, recording its own login.
      const legacy = e2e.emulator.github.addComment(
        PR,
        `<!-- tenant-pilot:promotion tenant=${e2e.emulator.upper.url} {"operation":"dry-run-promote","status":"dry-run","author":"github-actions[bot]"} -->`,
        'github-actions[bot]'
      )
      const withAuthor = inputs('dry-run-promote', { 'comment-author': APP_BOT })
      const dryRun = await run({ inputs: withAuthor, ...ON_PULL_REQUEST })
      expect(dryRun.main.exitCode).toBe(0)
      expect(commentsBy(APP_BOT)).toHaveLength(1)
      expect(e2e.emulator.github.comments(PR).find((c) => c.id === legacy.id)!.body).toBe(legacy.body)
      expect(warnings(dryRun)).toContainEqual(
        expect.stringContaining(`${legacy.html_url} by github-actions[bot]: only comments by ${APP_BOT} (the comment-author input) count`)
      )
      expect(e2e.emulator.github.log.some((entry) => entry.path === '/user')).toBe(false)

      approveAndMerge(e2e.emulator)
      const refused = await run({ inputs: inputs('promote', { 'pr-number': String(PR) }) })
      expect(refused.main.exitCode).toBe(1)
      expect(errorLines(refused.main)[0]).toMatch(
        /^No approval to promote: PR #7: comments by several GitHub App bots \(github-actions\[bot\], acme-bot\[bot\]\) .*set comment-author/
      )
      expect(realRuns()).toEqual([])

      const promote = await run({ inputs: inputs('promote', { 'pr-number': String(PR), 'comment-author': APP_BOT }) })
      expect(promote.main.exitCode).toBe(0)
      expect(promote.main.stdout).toContain(`Approved fingerprint ${dryRun.main.outputs['report-fingerprint']}`)
      expect(realRuns()).toHaveLength(1)
    })
  })

  test('a personal access token: GET /user names the user; its comment is updated in place and approves; a bot’s marker does not count', async () => {
    e2e.emulator.github.tokenKind = 'pat'
    const botMarker = e2e.emulator.github.addComment(
      PR,
      `<!-- tenant-pilot:promotion tenant=${e2e.emulator.upper.url} {"operation":"dry-run-promote","status":"dry-run"} -->`,
      'github-actions[bot]'
    )
    const first = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    const second = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(second.main.exitCode).toBe(0)
    expect(commentsBy('release-manager')).toHaveLength(1)
    expect(commentsBy('release-manager')[0]!.user.type).toBe('User')
    expect(markerOf(commentsBy('release-manager')[0])).toMatchObject({ author: 'release-manager' })
    // The comment posted once and updated once; each dry run sets its check on the PR's head.
    expect(writes()).toEqual(['POST', 'POST', 'PATCH', 'POST'])
    expect(warnings(first)).toContainEqual(
      expect.stringContaining(`${botMarker.html_url} by github-actions[bot]: only comments by release-manager (GET /user) count`)
    )
    approveAndMerge(e2e.emulator)
    const promote = await run({ inputs: inputs('promote'), ...onMergePush })
    expect(promote.main.exitCode).toBe(0)
    expect(promote.main.stdout).toContain(`Approved fingerprint ${second.main.outputs['report-fingerprint']}`)
    expect(realRuns()).toHaveLength(1)
  })

  test('an invalid comment-author is a one-line input error before any request', async () => {
    const result = await run({ inputs: inputs('dry-run-promote', { 'comment-author': 'acme bot' }), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)).toEqual([expect.stringMatching(/^Invalid input: comment-author: "acme bot" is not a GitHub login/)])
    expect(e2e.emulator.log).toEqual([])
    expect(e2e.emulator.github.log).toEqual([])
  })
})
