/**
 * Issue 13 §2 through dist/index.js: a comment's approval counts only when the
 * upper tenant backs it, and promote never runs on events that belong to a
 * pull request or a fork's workflow.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { GitHubComment } from '../../emulator/index.js'
import { changeRows } from '../../src/report/changes.js'
import { assessReport } from '../../src/report/fingerprint.js'
import { approvedTable, changeTableHash } from '../../src/report/render.js'
import type { PromotionReport } from '../../src/tenant/types.js'
import { errorLines } from '../../tools/local-runner.js'
import { requestsTo, startE2e, type E2eContext } from '../helpers/e2e.js'
import { ON_PULL_REQUEST, PR, PUSHED_SHA, promotionInputs } from '../helpers/promotion.js'
import { GATE_CASES_APPROVAL } from './gate-approval.cases.js'

const BOT = 'github-actions[bot]'

const gate = (id: string): string => {
  const found = GATE_CASES_APPROVAL.find((c) => c.id === id)
  if (!found) throw new Error(`no gate case ${id}`)
  return `[gate:${id}] ${found.after}`
}

describe('gate: approval (13.2)', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ promotionLockMs: 50, promotionRunMs: 150 })
  })
  afterEach(() => e2e.close())

  const inputs = (operation: string, extra: Record<string, string> = {}) => promotionInputs(e2e.emulator, operation, extra)
  const onMergePush = { eventName: 'push', event: { after: PUSHED_SHA } }
  const botComment = (): GitHubComment => e2e.emulator.github.comments(PR).find((c) => c.user.login === BOT)!
  const promotionWrites = () => requestsTo(e2e.emulator, 'upper').filter((r) => /^(POST|DELETE) \/environment\/promotion\//.test(r))

  /** A comment as a forger would write it, from what they can compute themselves. */
  const forgedComment = (report: PromotionReport): string => {
    const rows = changeRows(report)
    const { fingerprint } = assessReport(report)
    const marker = { operation: 'dry-run-promote', status: 'dry-run', fingerprint, reportId: report.reportId }
    const dryRun = { fingerprint, reportId: report.reportId, table: changeTableHash(rows) }
    return [
      `<!-- tenant-pilot:promotion tenant=${encodeURI(e2e.emulator.upper.url)} ${JSON.stringify({ ...marker, dryRun })} -->`,
      '### 🔎 Promotion dry run',
      approvedTable(rows)
    ].join('\n\n')
  }

  const expectRefusedNaming = async (comment: GitHubComment, why: RegExp): Promise<void> => {
    e2e.emulator.github.linkCommit(PUSHED_SHA, PR)
    const before = e2e.emulator.promotion.runs.length
    e2e.emulator.log.length = 0
    const result = await e2e.run({ inputs: inputs('promote'), ...onMergePush })
    expect(result.main.exitCode).toBe(1)
    const [error] = errorLines(result.main)
    expect(error).toContain(`The comment ${comment.html_url} on PR #${PR} is no approval: `)
    expect(error).toMatch(why)
    expect(promotionWrites()).toEqual([])
    expect(e2e.emulator.promotion.runs).toHaveLength(before)
    expect(e2e.emulator.promotion.lockState().result).toBe('unlocked')
  }

  test(gate('forged-marker-unknown-report'), async () => {
    const report: PromotionReport = {
      reportId: 'a3c1d7e0-0000-4000-8000-000000000000',
      dryRun: true,
      type: 'promotion',
      report: {
        AMConfig: [{ configItem: 'Journeys', configChange: { added: [{ name: 'Harmless', realm: '/alpha', uid: 'journey/Harmless' }] } }]
      }
    }
    const comment = e2e.emulator.github.addComment(PR, forgedComment(report), BOT)
    await expectRefusedNaming(comment, /report a3c1d7e0-0000-4000-8000-000000000000 is not stored on /)
    expect(requestsTo(e2e.emulator, 'upper')).toContain(`GET /environment/promotion/report/${report.reportId}`)
  })

  test(gate('forged-marker-edited-table'), async () => {
    const dryRun = await e2e.run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(dryRun.main.exitCode).toBe(0)
    const comment = botComment()
    expect(comment.body).toContain('| Journeys | added | ForgottenUsername |\n')
    comment.body = comment.body.replace('| Journeys | added | ForgottenUsername |', '| Journeys | added | HarmlessJourney |')
    await expectRefusedNaming(comment, /the table it shows is not report \S+'s changes as the tenant stores them/)
  })

  test(gate('forged-marker-not-dry-run'), async () => {
    const promoted = await e2e.run({ inputs: inputs('promote', { 'require-approval': 'false', comment: 'false' }) })
    expect(promoted.main.exitCode).toBe(0)
    const real = e2e.emulator.promotion.reports.at(-1)!
    expect(real.dryRun).toBe(false)
    const comment = e2e.emulator.github.addComment(PR, forgedComment(real), BOT)
    await expectRefusedNaming(
      comment,
      new RegExp(`report ${real.reportId} is not a dry run of a promotion \\(dryRun false, type promotion\\)`)
    )
  })

  test.each(
    (
      [
        ['promote-on-pull-request', 'pull_request', { pull_request: { number: PR } }],
        ['promote-on-pull-request-target', 'pull_request_target', { pull_request: { number: PR } }],
        ['promote-on-workflow-run', 'workflow_run', { workflow_run: { id: 1 } }]
      ] as const
    ).map(([id, eventName, event]) => [gate(id), eventName, event] as const)
  )('%s', async (_title, eventName, event) => {
    // The PR carries a genuine dry-run comment: the event alone is refused.
    const dryRun = await e2e.run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(dryRun.main.exitCode).toBe(0)
    e2e.emulator.log.length = 0
    const githubBefore = e2e.emulator.github.log.length
    const result = await e2e.run({ inputs: inputs('promote', { 'require-approval': 'false' }), eventName, event })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)).toEqual([
      expect.stringMatching(new RegExp(`^promote does not run on ${eventName} events .*nothing was sent to the tenant`))
    ])
    expect(e2e.emulator.log).toEqual([])
    expect(e2e.emulator.github.log.length).toBe(githubBefore)
    expect(e2e.emulator.promotion.runs.filter((r) => !r.dryRun)).toEqual([])
  })

  test(gate('dispatch-without-approval'), async () => {
    const refused = await e2e.run({ inputs: inputs('promote') })
    expect(refused.main.exitCode).toBe(1)
    expect(errorLines(refused.main)).toEqual([
      expect.stringMatching(/^No approval to promote: the workflow_dispatch event is tied to no merged pull request: only a merge approves/)
    ])
    expect(e2e.emulator.log).toEqual([])
    const allowed = await e2e.run({ inputs: inputs('promote', { 'require-approval': 'false' }) })
    expect(allowed.main.exitCode).toBe(0)
    expect(e2e.emulator.promotion.runs.filter((r) => !r.dryRun)).toEqual([expect.objectContaining({ status: 'READY' })])
  })
})
