/**
 * The recommended PR gate (docs/workflows/promotion.yml with promotion-request.yml, shown in README.md and
 * docs/promotions.md), run as GitHub would run it: PR opened → the unprivileged request → its completion's
 * workflow_run dry run (comment and status on the PR) → a review → the merge → the push's promote → the comment
 * says promoted; an unreviewed change is refused; the other triggers (a command, a dispatch) and what they refuse.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import {
  issueCommentEvent,
  pullRequestEvent,
  pushEvent,
  workflowDispatchEvent,
  workflowRunEvent
} from '../../../tools/workflow-simulator/events.js'
import { addToLower, approveAndMerge, PR, PUSHED_SHA } from '../../helpers/promotion.js'
import type { REQUEST } from '../helpers/gate.js'
import { CHANGED, promotionComment, promotionsOf, requestThenGate, stagingGateEnvironments } from '../helpers/gate.js'
import { actionStep, jobOf, logOf, startScenario, type Scenario } from '../helpers/scenario.js'

const GATE = 'docs/workflows/promotion.yml'
/** The unprivileged half (helpers/gate.ts runs it before each dry run). */
const REQUEST_HALF: typeof REQUEST = 'docs/workflows/promotion-request.yml'

describe('the recommended promotion gate', () => {
  let scenario: Scenario
  beforeEach(async () => {
    scenario = await startScenario((emulator) => ({ environments: stagingGateEnvironments(emulator) }))
  })
  afterEach(() => scenario.close())

  const github = () => scenario.emulator.github
  const pull = () => github().pulls.get(PR)!
  const botComment = () => promotionComment(scenario.emulator)
  const realPromotions = () => promotionsOf(scenario.emulator)
  const dryRunFromPullRequest = () => requestThenGate(scenario, GATE)

  describe('on pull_request, workflow_run and push: a reviewed change is promoted', () => {
    test('PR opened → dry run comment and status → review → merge → promote → the comment says promoted', async () => {
      const dryRun = await dryRunFromPullRequest()
      const job = jobOf(dryRun, 'dry-run')
      expect(job).toMatchObject({
        result: 'success',
        environment: 'staging-dry-run',
        concurrency: { group: `tenant-pilot-staging-dry-run-pr-${PR}`, cancelInProgress: false }
      })
      expect(job.permissions).toMatchObject({ contents: 'read', 'pull-requests': 'write', statuses: 'write', issues: 'none' })
      expect(jobOf(dryRun, 'promote').result).toBe('skipped')
      expect(botComment()?.body).toContain('tenant-pilot:promotion')
      const [status] = github().pulls.statuses(pull().head.sha)
      expect(status).toMatchObject({
        state: 'success',
        context: `tenant-pilot/dry-run-promote (${new URL(scenario.emulator.upper.url).host})`
      })

      const push = approveAndMerge(scenario.emulator)
      const merged = await scenario.run(
        GATE,
        pushEvent(scenario.repository, push, { changedFiles: CHANGED, message: 'Promote the Login journey (#7)' })
      )
      expect(jobOf(merged, 'dry-run').result).toBe('skipped')
      const promote = jobOf(merged, 'promote')
      expect(promote).toMatchObject({
        result: 'success',
        environment: 'staging',
        concurrency: { group: 'tenant-pilot-staging-promote', cancelInProgress: false }
      })
      expect(promote.permissions).toMatchObject({ contents: 'read', 'pull-requests': 'write', statuses: 'read' })
      expect(actionStep(promote).with.description).toBe('Promote the Login journey (#7)')
      expect(realPromotions()).toBe(1)
      expect(botComment()?.body).toContain('✅ Promoted')
      expect(botComment()?.body).toMatch(/Approved by @alice/)
    })

    test('an unreviewed change is refused: merged without a review after the dry run, nothing is promoted', async () => {
      await dryRunFromPullRequest()
      const push = github().pulls.merge(PR, 'squash', PUSHED_SHA)
      const merged = await scenario.run(GATE, pushEvent(scenario.repository, push, { changedFiles: CHANGED }))
      const promote = jobOf(merged, 'promote')
      expect(promote.result).toBe('failure')
      expect(logOf(actionStep(promote))).toMatch(/No approval to promote: PR #7 has 0 of the 1 required approval/)
      expect(realPromotions()).toBe(0)
    })

    test('a push that changes no promoted path starts nothing; a fork’s PR gets no automatic dry run', async () => {
      const push = approveAndMerge(scenario.emulator)
      const readme = await scenario.run(GATE, pushEvent(scenario.repository, push, { changedFiles: ['README.md'] }))
      expect(readme).toEqual({ triggered: false, reason: 'no changed file matches paths', jobs: [] })
      const fork = github().pulls.open({ fork: 'mallory/iam-config' })
      const request = await scenario.run(REQUEST_HALF, pullRequestEvent(scenario.repository, fork, { changedFiles: CHANGED }))
      expect(jobOf(request, 'request').result).toBe('skipped')
      const completed = workflowRunEvent(scenario.repository, { name: 'tenant-pilot promotion request', conclusion: 'success', pull: fork })
      expect(jobOf(await scenario.run(GATE, completed), 'dry-run').result).toBe('skipped')
    })
  })

  describe('on issue_comment', () => {
    test('"/tenant-pilot dry-run" by a member dry-runs the PR; by someone without association it is skipped', async () => {
      addToLower(scenario.emulator, { name: 'Registration' })
      const member = issueCommentEvent(scenario.repository, {
        issue: PR,
        onPullRequest: true,
        body: '/tenant-pilot dry-run',
        login: 'alice',
        authorAssociation: 'MEMBER'
      })
      const byMember = await scenario.run(GATE, member)
      expect(jobOf(byMember, 'dry-run').result).toBe('success')
      expect(actionStep(jobOf(byMember, 'dry-run')).with['pr-number']).toBe(String(PR))
      expect(botComment()?.body).toContain('Registration')
      const stranger = await scenario.run(
        GATE,
        issueCommentEvent(scenario.repository, {
          issue: PR,
          onPullRequest: true,
          body: '/tenant-pilot dry-run',
          login: 'mallory',
          authorAssociation: 'NONE'
        })
      )
      expect(jobOf(stranger, 'dry-run').result).toBe('skipped')
      const onIssue = await scenario.run(
        GATE,
        issueCommentEvent(scenario.repository, {
          issue: 3,
          onPullRequest: false,
          body: '/tenant-pilot dry-run',
          login: 'alice',
          authorAssociation: 'MEMBER'
        })
      )
      expect(jobOf(onIssue, 'dry-run').result).toBe('skipped')
    })
  })

  describe('on workflow_dispatch', () => {
    test('dispatched on main with pr-number it dry-runs that PR; dispatched on another branch the environment refuses it', async () => {
      const onMain = await scenario.run(GATE, workflowDispatchEvent(scenario.repository, { inputs: { 'pr-number': String(PR) } }))
      expect(jobOf(onMain, 'dry-run').result).toBe('success')
      expect(jobOf(onMain, 'dry-run').concurrency?.group).toBe(`tenant-pilot-staging-dry-run-pr-${PR}`)
      const onBranch = await scenario.run(
        GATE,
        workflowDispatchEvent(scenario.repository, { inputs: { 'pr-number': String(PR) }, branch: 'feature' })
      )
      expect(jobOf(onBranch, 'dry-run')).toMatchObject({
        result: 'failure',
        reason: 'Branch "feature" is not allowed to deploy to staging-dry-run due to environment protection rules.',
        steps: []
      })
      expect(scenario.emulator.promotion.runs.filter((run) => run.dryRun)).toHaveLength(1)
    })
  })
})
