/**
 * The PR gate as a reusable workflow (.github/workflows/promotion-gate.yml), called as docs/promotions.md shows
 * it: the caller's events reach the gate's jobs through the caller's github context, each job gets its
 * environment's credentials by the names given, and no more permission than the calling job has.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { issueCommentEvent, pushEvent, workflowDispatchEvent } from '../../../tools/workflow-simulator/events.js'
import { approveAndMerge, PR, PUSHED_SHA } from '../../helpers/promotion.js'
import { documentedWorkflow } from '../helpers/documented.js'
import { CHANGED, promotionComment, promotionsOf, requestThenGate, stagingGateEnvironments } from '../helpers/gate.js'
import { actionStep, jobOf, logOf, startScenario, type Scenario } from '../helpers/scenario.js'

const GATE = '.github/workflows/promotion-gate.yml'
const CALLER = 'docs/promotions.md#tenant-pilot promotion'

describe(`${GATE} called as ${CALLER} shows it`, () => {
  let scenario: Scenario
  beforeEach(async () => {
    scenario = await startScenario((emulator) => ({ environments: stagingGateEnvironments(emulator) }))
  })
  afterEach(() => scenario.close())

  const github = () => scenario.emulator.github
  const comment = () => promotionComment(scenario.emulator)
  const promotions = () => promotionsOf(scenario.emulator)
  const dryRun = () => requestThenGate(scenario, CALLER)

  test('the caller is the triggers and one job of about 20 lines', () => {
    const text = documentedWorkflow(CALLER).text
    const job = text.slice(text.indexOf('jobs:'))
    expect(job.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#')).length).toBeLessThanOrEqual(16)
    expect(job).not.toMatch(/secrets:/)
  })

  describe('on workflow_call from the caller’s workflow_run, issue_comment, workflow_dispatch and push', () => {
    test('workflow_run dry-runs with the dry-run environment’s credentials; a reviewed merge’s push promotes', async () => {
      const onRun = await dryRun()
      const dry = jobOf(onRun, 'gate/dry-run')
      expect(dry).toMatchObject({
        result: 'success',
        environment: 'staging-dry-run',
        secretNames: ['AIC_STAGING_SERVICE_ACCOUNT_KEY'],
        concurrency: { group: `tenant-pilot-staging-dry-run-pr-${PR}`, cancelInProgress: false }
      })
      expect(dry.permissions).toMatchObject({ contents: 'read', 'pull-requests': 'write', statuses: 'write', issues: 'none' })
      expect(jobOf(onRun, 'gate/promote').result).toBe('skipped')
      expect(comment()).toBeDefined()
      const merged = await scenario.run(
        CALLER,
        pushEvent(scenario.repository, approveAndMerge(scenario.emulator), { changedFiles: CHANGED, message: 'Login (#7)' })
      )
      const promote = jobOf(merged, 'gate/promote')
      expect(promote).toMatchObject({ result: 'success', environment: 'staging', concurrency: { group: 'tenant-pilot-staging-promote' } })
      expect(promote.permissions).toMatchObject({ contents: 'read', 'pull-requests': 'write', statuses: 'read' })
      expect(actionStep(promote).with).toMatchObject({ description: 'Login (#7)', 'lock-timeout': '900' })
      expect(promotions()).toBe(1)
      expect(comment()?.body).toContain('✅ Promoted')
    })

    test('an unreviewed merge is refused', async () => {
      await dryRun()
      const merged = await scenario.run(
        CALLER,
        pushEvent(scenario.repository, github().pulls.merge(PR, 'squash', PUSHED_SHA), { changedFiles: CHANGED })
      )
      expect(jobOf(merged, 'gate/promote').result).toBe('failure')
      expect(logOf(actionStep(jobOf(merged, 'gate/promote')))).toMatch(/No approval to promote/)
      expect(promotions()).toBe(0)
    })

    test('a member’s command and a dispatch on main dry-run the PR; a dispatch off main is refused by the environment', async () => {
      const command = issueCommentEvent(scenario.repository, {
        issue: PR,
        onPullRequest: true,
        body: '/tenant-pilot dry-run',
        login: 'alice',
        authorAssociation: 'MEMBER'
      })
      expect(actionStep(jobOf(await scenario.run(CALLER, command), 'gate/dry-run')).with['pr-number']).toBe(String(PR))
      const dispatch = await scenario.run(CALLER, workflowDispatchEvent(scenario.repository, { inputs: { 'pr-number': String(PR) } }))
      expect(jobOf(dispatch, 'gate/dry-run').concurrency?.group).toBe(`tenant-pilot-staging-dry-run-pr-${PR}`)
      const offMain = await scenario.run(
        CALLER,
        workflowDispatchEvent(scenario.repository, { inputs: { 'pr-number': String(PR) }, branch: 'feature' })
      )
      expect(jobOf(offMain, 'gate/dry-run')).toMatchObject({ result: 'failure', steps: [] })
    })

    test('a calling job with fewer permissions gives the gate’s jobs fewer: GitHub refuses the dry run’s check', async () => {
      const text = documentedWorkflow(CALLER).text.replace('      statuses: write\n', '')
      const result = await scenario.runText(
        'caller without statuses',
        text,
        workflowDispatchEvent(scenario.repository, { inputs: { 'pr-number': String(PR) } })
      )
      const dry = jobOf(result, 'gate/dry-run')
      expect(dry.permissions.statuses).toBe('none')
      // GitHub refuses the check (the emulator's GitHub answers 403 for what the job's token may not do).
      expect(dry.result).toBe('failure')
      expect(actionStep(dry).deniedRequests).toEqual([
        expect.stringMatching(/^POST \/repos\/acme\/iam-config\/statuses\/\S+ needs statuses: write/)
      ])
      expect(github().pulls.statuses(github().pulls.get(PR)!.head.sha)).toEqual([])
    })
  })
})
