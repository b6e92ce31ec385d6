import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { errorLines } from '../../tools/local-runner.js'
import { startE2e, type E2eContext } from '../helpers/e2e.js'
import { PR, promotionInputs } from '../helpers/promotion.js'

/** The event a `/tenant-pilot dry-run` comment on a PR gives a workflow (only the parts the action reads, and a body). */
const commentOn = (issue: { number: number; pull_request?: object }, association: string, login = 'alice') => ({
  eventName: 'issue_comment',
  event: {
    action: 'created',
    issue,
    comment: { body: '/tenant-pilot dry-run', author_association: association, user: { login } }
  }
})
const onPullRequest = (association: string, login?: string) =>
  commentOn({ number: PR, pull_request: { url: `https://api.github.com/repos/acme/iam-config/pulls/${PR}` } }, association, login)

describe('promotion operations started by a PR comment (issue_comment), a workflow_run, or by hand', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ promotionLockMs: 80, promotionRunMs: 250 })
  })
  afterEach(() => e2e.close())

  const inputs = (operation: string, extra: Record<string, string> = {}) => promotionInputs(e2e.emulator, operation, extra)

  test('a collaborator’s comment on a PR: the dry run runs and its report is posted on that PR', async () => {
    const result = await e2e.run({ inputs: inputs('dry-run-promote'), ...onPullRequest('COLLABORATOR') })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.stdout).toContain('This run serves PR #7 (from the comment by @alice on it)')
    expect(e2e.emulator.promotion.runs.map((run) => run.dryRun)).toEqual([true])
    const comments = e2e.emulator.github.comments(PR).filter((c) => c.user.login === 'github-actions[bot]')
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain('Promotion dry run')
    expect(result.main.outputs['comment-url']).toBe(comments[0]!.html_url)
    expect(e2e.emulator.promotion.lockState().result).toBe('unlocked')
  })

  test.each(['CONTRIBUTOR', 'NONE'])(
    'a comment by a user without write access (%s) is refused before any request, naming the commenter',
    async (association) => {
      const result = await e2e.run({ inputs: inputs('dry-run-promote'), ...onPullRequest(association, 'mallory') })
      expect(result.main.exitCode).toBe(1)
      expect(errorLines(result.main)).toEqual([
        `dry-run-promote refused: @mallory commented as ${association}; only OWNER, MEMBER, COLLABORATOR may start a promotion operation from a comment (set allowed-associations to change who may). Nothing was sent to the tenant or to GitHub`
      ])
      expect(e2e.emulator.log).toEqual([])
      expect(e2e.emulator.github.log).toEqual([])
      expect(e2e.emulator.promotion.runs).toEqual([])
    }
  )

  test('promote from a comment by an outsider is refused the same way, before any request', async () => {
    const result = await e2e.run({
      inputs: inputs('promote', { 'require-approval': 'false' }),
      ...onPullRequest('FIRST_TIME_CONTRIBUTOR', 'mallory')
    })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toMatch(/^promote refused: @mallory commented as FIRST_TIME_CONTRIBUTOR;/)
    expect(e2e.emulator.log).toEqual([])
    expect(e2e.emulator.promotion.runs).toEqual([])
  })

  test('a comment on a plain issue is refused before any request, even from an owner', async () => {
    const result = await e2e.run({ inputs: inputs('dry-run-promote'), ...commentOn({ number: 12 }, 'OWNER') })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)).toEqual([
      'dry-run-promote refused: the issue_comment is on issue #12, which is not a pull request. Nothing was sent to the tenant or to GitHub'
    ])
    expect(e2e.emulator.log).toEqual([])
    expect(e2e.emulator.github.log).toEqual([])
  })

  test('workflow_run after a same-repository PR run: the dry run answers on the PR GitHub ties the run to', async () => {
    const event = {
      workflow_run: { event: 'pull_request', head_repository: { full_name: 'acme/iam-config' }, pull_requests: [{ number: PR }] }
    }
    const result = await e2e.run({ inputs: inputs('dry-run-promote'), eventName: 'workflow_run', event })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.stdout).toContain('This run serves PR #7 (from the pull_request run that triggered this workflow_run)')
    expect(e2e.emulator.github.comments(PR).filter((c) => c.user.login === 'github-actions[bot]')).toHaveLength(1)
  })

  test('workflow_run after a fork’s run is refused before any request, even with pr-number', async () => {
    const event = { workflow_run: { event: 'pull_request', head_repository: { full_name: 'mallory/iam-config' }, pull_requests: [] } }
    const result = await e2e.run({ inputs: inputs('dry-run-promote', { 'pr-number': String(PR) }), eventName: 'workflow_run', event })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)).toEqual([
      "dry-run-promote refused: the workflow_run follows a run from mallory/iam-config, not acme/iam-config: a fork's run never starts a promotion operation. Nothing was sent to the tenant or to GitHub"
    ])
    expect(e2e.emulator.log).toEqual([])
    expect(e2e.emulator.github.log).toEqual([])
  })

  test('workflow_dispatch with pr-number: the dry run answers on the PR given, and says so', async () => {
    const result = await e2e.run({ inputs: inputs('dry-run-promote', { 'pr-number': String(PR) }), eventName: 'workflow_dispatch' })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.stdout).toContain('This run serves PR #7 (pr-number, on workflow_dispatch event)')
    expect(e2e.emulator.github.comments(PR).filter((c) => c.user.login === 'github-actions[bot]')).toHaveLength(1)
  })
})
