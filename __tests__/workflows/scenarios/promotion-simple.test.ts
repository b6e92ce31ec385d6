/**
 * The simple-but-trusting gates (docs/workflows/promotion-simple.yml and promotion-skip-if-unchanged.yml, shown
 * in docs/promotions.md): the dry run on the PR's own pull_request event, the promote on the merge's push.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { pullRequestEvent, pushEvent } from '../../../tools/workflow-simulator/events.js'
import { approveAndMerge, PR } from '../../helpers/promotion.js'
import { account, actionStep, jobOf, logOf, startScenario, type Scenario } from '../helpers/scenario.js'

const CHANGED = ['tenant-config/journeys/Login.json']

describe.each(['docs/workflows/promotion-simple.yml', 'docs/workflows/promotion-skip-if-unchanged.yml'])('%s', (workflow) => {
  let scenario: Scenario
  beforeEach(async () => {
    scenario = await startScenario((emulator) => {
      const credentials = account(emulator, 'AIC_STAGING_SERVICE_ACCOUNT_ID', 'AIC_STAGING_SERVICE_ACCOUNT_KEY')
      const reader = account(emulator, 'AIC_DEV_REPORT_READER_ID', 'AIC_DEV_REPORT_READER_KEY')
      return {
        // The risk the file names: its dry-run environment admits the PR's merge ref.
        environments: {
          'staging-dry-run': { vars: { ...credentials.vars, ...reader.vars }, secrets: { ...credentials.secrets, ...reader.secrets } },
          staging: {
            vars: { ...credentials.vars, ...reader.vars },
            secrets: { ...credentials.secrets, ...reader.secrets },
            deploymentBranches: ['main']
          }
        }
      }
    })
  })
  afterEach(() => scenario.close())

  const promotions = () => scenario.emulator.promotion.runs.filter((run) => !run.dryRun)
  const comment = () => scenario.emulator.github.comments(PR).find((c) => c.body.includes('tenant-pilot:promotion'))

  describe('on pull_request and push', () => {
    test('the PR’s dry run comments, a reviewed merge promotes', async () => {
      const pull = scenario.emulator.github.pulls.get(PR)!
      const onPr = await scenario.run(workflow, pullRequestEvent(scenario.repository, pull, { changedFiles: CHANGED }))
      expect(jobOf(onPr, 'dry-run')).toMatchObject({ result: 'success', environment: 'staging-dry-run' })
      expect(jobOf(onPr, 'promote').result).toBe('skipped')
      expect(comment()?.body).toContain('ForgottenUsername')
      const merged = await scenario.run(
        workflow,
        pushEvent(scenario.repository, approveAndMerge(scenario.emulator), { changedFiles: CHANGED })
      )
      expect(jobOf(merged, 'promote').result).toBe('success')
      expect(promotions()).toHaveLength(1)
      expect(comment()?.body).toContain('✅ Promoted')
    })

    test('a fork’s PR is skipped, not failed', async () => {
      const fork = scenario.emulator.github.pulls.open({ fork: 'mallory/iam-config' })
      const onFork = await scenario.run(workflow, pullRequestEvent(scenario.repository, fork, { changedFiles: CHANGED }))
      expect(jobOf(onFork, 'dry-run').result).toBe('skipped')
    })
  })

  if (workflow.endsWith('skip-if-unchanged.yml')) {
    test('on pull_request with nothing left to promote: nothing-to-promote, staging never locked', async () => {
      const pull = scenario.emulator.github.pulls.get(PR)!
      await scenario.run(workflow, pullRequestEvent(scenario.repository, pull, { changedFiles: CHANGED }))
      await scenario.run(workflow, pushEvent(scenario.repository, approveAndMerge(scenario.emulator), { changedFiles: CHANGED }))
      const locksBefore = scenario.emulator.log.filter((entry) => entry.path.includes('/promotion/lock') && entry.method !== 'GET').length
      const next = scenario.emulator.github.pulls.open()
      const again = await scenario.run(workflow, pullRequestEvent(scenario.repository, next, { changedFiles: CHANGED }))
      const dryRun = jobOf(again, 'dry-run')
      expect(dryRun.result).toBe('success')
      expect(logOf(actionStep(dryRun))).toMatch(/nothing to promote/i)
      expect(scenario.emulator.log.filter((entry) => entry.path.includes('/promotion/lock') && entry.method !== 'GET')).toHaveLength(
        locksBefore
      )
    })
  }
})
