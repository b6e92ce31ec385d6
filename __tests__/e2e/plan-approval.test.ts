/**
 * Issue 22 for plans (set-esvs, set-tenant-settings): a plan is approved by reviews of the merged PR after
 * the plan was published, the table reviewers saw must be the plan applied, and an approval is applied
 * once. Through dist/index.js against the emulator.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, startE2e, type E2eContext } from '../helpers/e2e.js'
import { approve, approveAndMerge, ON_PULL_REQUEST, onPush, PR, PUSHED_SHA } from '../helpers/promotion.js'

const PLAN_MARKER = /<!-- tenant-pilot:plan key=(\S+) (\{[^\n]*\}) -->/
/** Five variables the file does not declare: a prune deletes them. */
const EXTRA = ['esv-extra-one', 'esv-extra-two', 'esv-extra-three', 'esv-extra-four', 'esv-extra-five']
const ESVS = `
variables:
  esv-orders-url:
    value: https://orders.example.com
`

describe('plan approvals', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ restartMs: 100 })
    for (const id of EXTRA) e2e.emulator.upper.state.variables.set(id, extraVariable(id))
  })
  afterEach(() => e2e.close())

  const github = () => e2e.emulator.github
  const variables = () => [...e2e.emulator.upper.state.variables.keys()].sort()
  const tenantWrites = () =>
    e2e.emulator.log.filter((entry) => entry.tenant === 'upper' && entry.method !== 'GET' && !entry.path.startsWith('/am/'))
  const botComment = () =>
    github()
      .comments(PR)
      .find((c) => c.user.login === 'github-actions[bot]')!

  function setEsvs(options: { inputs?: Record<string, string>; eventName?: string; event?: object; env?: Record<string, string> } = {}) {
    return e2e.run({
      inputs: {
        operation: 'set-esvs',
        'esv-file': 'esvs/prod.yaml',
        prune: 'true',
        ...connectionInputs(e2e.emulator),
        ...FAST_WAITS,
        'github-token': github().token,
        ...options.inputs
      },
      files: { 'esvs/prod.yaml': ESVS },
      eventName: options.eventName ?? ON_PULL_REQUEST.eventName,
      event: options.event ?? ON_PULL_REQUEST.event,
      ...(options.env ? { env: options.env } : {})
    })
  }
  const plan = async () => {
    const result = await setEsvs({ inputs: { 'dry-run': 'true' } })
    expect(result.main.exitCode).toBe(0)
    return result
  }
  const applyOnPush = (push: ReturnType<typeof approveAndMerge>) => setEsvs({ ...onPush(push) })

  test('a plan reviewed after it was published is applied on the merge, once', async () => {
    await plan()
    const reviewed = botComment().body
    const push = approveAndMerge(e2e.emulator)
    const applied = await applyOnPush(push)
    expect(applied.main.exitCode).toBe(0)
    const line = /Approved by @alice \d\d:\d\d:\d\d UTC, after the plan of \d\d:\d\d:\d\d UTC \(PR #7, merged [^)]*\)/
    expect(applied.main.stdout).toMatch(line)
    expect(applied.main.summary).toMatch(line)
    expect(botComment().body).toMatch(line)
    expect(variables()).not.toContain('esv-extra-one')
    const statuses = github()
      .pulls.statuses(github().pulls.get(PR)!.head.sha)
      .map((s) => `${s.state} ${s.description!.split(' sha256:')[0]!}`)
    expect(statuses[0]).toBe('success Applied: applied')
    expect(statuses[1]).toMatch(/^pending Applying: Approved by @alice/)
    // A second run of the same push: the comment says applied, and the PR's head records the apply.
    for (const id of EXTRA) e2e.emulator.upper.state.variables.set(id, extraVariable(id))
    const again = await applyOnPush(push)
    expect(again.main.exitCode).toBe(1)
    expect(errorLines(again.main)[0]).toContain("shows an apply's outcome (applied), not a plan")
    // Someone with write access puts the planned comment back: the check on the head still says applied.
    botComment().body = reviewed
    const replayed = await applyOnPush(push)
    expect(replayed.main.exitCode).toBe(1)
    expect(errorLines(replayed.main)[0]).toContain('is no approval any more: it was applied (or its apply started) at')
    expect(variables()).toContain('esv-extra-one')
  })

  test('the plan dry run sets its check on the PR head', async () => {
    const result = await plan()
    const [status] = github().pulls.statuses(github().pulls.get(PR)!.head.sha)
    expect(status).toMatchObject({
      state: 'success',
      context: `tenant-pilot/set-esvs (${new URL(e2e.emulator.upper.url).host}: esvs/prod.yaml)`
    })
    expect(status!.description).toMatch(new RegExp(`^Plan: \\d+ changes, \\d+ deletions ${result.main.outputs['plan-fingerprint']}$`))
  })

  test('case 3: a plan apply on an open PR (pr-number) or on an issue_comment applies nothing', async () => {
    await plan()
    approve(e2e.emulator)
    const open = await setEsvs({
      inputs: { 'pr-number': String(PR), 'require-approval': 'true' },
      eventName: 'workflow_dispatch',
      event: {}
    })
    expect(open.main.exitCode).toBe(1)
    expect(errorLines(open.main)[0]).toContain("PR #7 (the run's pull request) is open: only a merged pull request approves")
    const comment = await setEsvs({
      inputs: { 'require-approval': 'true' },
      eventName: 'issue_comment',
      event: { issue: { number: PR, pull_request: {} }, comment: { author_association: 'OWNER', user: { login: 'carol' } } }
    })
    expect(comment.main.exitCode).toBe(1)
    expect(errorLines(comment.main)[0]).toContain('on issue_comment events no plan is approved')
    expect(tenantWrites()).toEqual([])
    expect(variables()).toContain('esv-extra-one')
  })

  test('case 4: a plan comment whose delete rows were removed (marker kept) approves nothing', async () => {
    await plan()
    const comment = botComment()
    comment.body = comment.body
      .split('\n')
      .filter((line) => !(line.startsWith('|') && line.includes('delete')))
      .join('\n')
    expect(comment.body).toMatch(PLAN_MARKER)
    const result = await applyOnPush(approveAndMerge(e2e.emulator))
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toContain('does not show the plan it approves')
    expect(tenantWrites()).toEqual([])
    expect(variables()).toContain('esv-extra-one')
  })

  test("case 4: a marker edited to the current plan's fingerprint under an old table approves nothing", async () => {
    // The reviewed plan deletes nothing (prune off); the apply prunes.
    await setEsvs({ inputs: { 'dry-run': 'true', prune: 'false' } })
    const reviewed = botComment().body
    await setEsvs({ inputs: { 'dry-run': 'true', comment: 'false' } })
    const pruning = await setEsvs({ inputs: { 'dry-run': 'true', comment: 'false' } })
    const fingerprint = pruning.main.outputs['plan-fingerprint']!.replace('sha256:', '')
    const oldFingerprint = (JSON.parse(PLAN_MARKER.exec(reviewed)![2]!) as { fingerprint: string }).fingerprint
    botComment().body = reviewed.replaceAll(oldFingerprint, fingerprint)
    const result = await applyOnPush(approveAndMerge(e2e.emulator))
    expect(result.main.exitCode).toBe(1)
    expect(tenantWrites()).toEqual([])
    expect(variables()).toContain('esv-extra-one')
  })

  test('case 4: when the outcome cannot be written (502 on every retry) the apply fails after the summary, and the next run refuses', async () => {
    await plan()
    const push = approveAndMerge(e2e.emulator)
    // Every PATCH of the comment fails: the outcome cannot be recorded there.
    github().failRequests({ method: 'PATCH', path: /\/issues\/comments\// }, 502)
    const applied = await setEsvs({ ...onPush(push), inputs: { 'retry-delay': '0.01' } })
    expect(applied.main.exitCode).toBe(1)
    expect(errorLines(applied.main)[0]).toContain('The plan was applied, but its outcome could not be recorded')
    expect(applied.main.summary).toContain('The plan was applied, but its outcome could not be recorded')
    expect(variables()).not.toContain('esv-extra-one')
    for (const id of EXTRA) e2e.emulator.upper.state.variables.set(id, extraVariable(id))
    const again = await setEsvs({ ...onPush(push) })
    expect(again.main.exitCode).toBe(1)
    expect(errorLines(again.main)[0]).toContain('it was applied (or its apply started) at')
    expect(variables()).toContain('esv-extra-one')
  })

  test('a plan reviewed before it was published approves nothing', async () => {
    approve(e2e.emulator)
    await plan()
    const result = await applyOnPush(github().pulls.merge(PR, 'squash', PUSHED_SHA))
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toContain('has 0 of the 1 required approval(s) of the plan')
    expect(tenantWrites()).toEqual([])
  })

  test('break-glass: approved-plan on a dispatch applies and says so', async () => {
    const planned = await plan()
    const result = await setEsvs({
      inputs: { 'approved-plan': planned.main.outputs['plan-fingerprint']! },
      eventName: 'workflow_dispatch',
      event: {}
    })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.stdout).toContain('Break-glass approval: approved-plan given by the workflow')
    expect(variables()).not.toContain('esv-extra-one')
  })
})

function extraVariable(id: string) {
  return {
    _id: id,
    description: '',
    expressionType: 'string' as const,
    valueBase64: Buffer.from('extra').toString('base64'),
    loaded: true,
    lastChangeDate: '2026-01-01T00:00:00Z',
    lastChangedBy: 'seed',
    changeSeq: 0
  }
}
