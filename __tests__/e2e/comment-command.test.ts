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

  test('case 6: a read-only collaborator’s command (COLLABORATOR by relationship) is refused by permission before any tenant request', async () => {
    const result = await e2e.run({ inputs: inputs('dry-run-promote'), ...onPullRequest('COLLABORATOR', 'erin') })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)).toEqual([
      'dry-run-promote refused: @erin has read access to the repository; a command needs write or higher (command-permission). Nothing was sent to the tenant'
    ])
    expect(e2e.emulator.log).toEqual([])
    expect(e2e.emulator.github.log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      'GET /repos/acme/iam-config/collaborators/erin/permission'
    ])
  })

  test('command-permission: maintain refuses a writer and lets a maintainer run the command', async () => {
    const writer = await e2e.run({
      inputs: inputs('dry-run-promote', { 'command-permission': 'maintain' }),
      ...onPullRequest('MEMBER', 'alice')
    })
    expect(writer.main.exitCode).toBe(1)
    expect(errorLines(writer.main)[0]).toContain('@alice has write access to the repository; a command needs maintain or higher')
    const maintainer = await e2e.run({
      inputs: inputs('dry-run-promote', { 'command-permission': 'maintain' }),
      ...onPullRequest('MEMBER', 'bob')
    })
    expect(maintainer.main.exitCode).toBe(0)
    expect(maintainer.main.stdout).toContain('@bob has maintain access to the repository: the command may run')
  })

  test('a commenter whose permission cannot be read is refused, never guessed from the association', async () => {
    e2e.emulator.github.pulls.forbidPermissionReads()
    const result = await e2e.run({ inputs: inputs('dry-run-promote'), ...onPullRequest('OWNER', 'carol') })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toMatch(
      /^dry-run-promote refused: @carol's permission on the repository could not be read \(GET .*HTTP 403/
    )
    expect(e2e.emulator.log).toEqual([])
  })

  test('every tenant-changing operation on a comment is held to the permission: restart by a reader is refused', async () => {
    const result = await e2e.run({
      inputs: { ...inputs('restart'), 'tenant-url': e2e.emulator.lower.url },
      ...onPullRequest('COLLABORATOR', 'erin')
    })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toContain('restart refused: @erin has read access')
    expect(e2e.emulator.log).toEqual([])
  })

  test.each([
    ['an issue_comment from a NONE commenter', onPullRequest('NONE', 'mallory')],
    [
      'a workflow_run after a fork’s run',
      {
        eventName: 'workflow_run',
        event: { workflow_run: { event: 'pull_request', head_repository: { full_name: 'mallory/iam-config' }, pull_requests: [] } }
      }
    ],
    ['a pull_request', { eventName: 'pull_request', event: { pull_request: { number: PR } } }]
  ])('case 7: unlock with force: true is refused on %s, before any request, and the held lock stays', async (_event, trigger) => {
    e2e.emulator.promotion.holdLock('held-by-a-promotion')
    const result = await e2e.run({ inputs: inputs('unlock', { force: 'true' }), ...trigger })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toMatch(/^unlock refused: /)
    expect(e2e.emulator.log).toEqual([])
    expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId: 'held-by-a-promotion' })
  })

  test('case 8: a workflow_run after a pull_request run that names no PR is refused before any tenant request, with a notice', async () => {
    const event = { workflow_run: { event: 'pull_request', head_repository: { full_name: 'acme/iam-config' }, pull_requests: [] } }
    const result = await e2e.run({ inputs: inputs('dry-run-promote', { 'pr-number': '' }), eventName: 'workflow_run', event })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toContain('the workflow_run after a pull_request run names no pull request')
    expect(result.main.stdout).toContain('::notice::This workflow_run names no pull request')
    expect(result.main.stdout).toContain('/tenant-pilot dry-run')
    expect(e2e.emulator.log).toEqual([])
    expect(e2e.emulator.promotion.runs).toEqual([])
  })
})
