/**
 * The plan flow (docs/workflows/esv-plan.yml, shown in docs/plans.md): a PR that changes the ESV file gets its
 * plan as a comment and a check, a reviewer approves, the merge's push applies exactly that plan; an
 * unreviewed merge writes nothing.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { pullRequestEvent, pushEvent } from '../../../tools/workflow-simulator/events.js'
import { approveAndMerge, PR, PUSHED_SHA } from '../../helpers/promotion.js'
import { account, actionStep, jobOf, logOf, startScenario, type Scenario } from '../helpers/scenario.js'

const PLAN = 'docs/workflows/esv-plan.yml'
const FILE = 'esvs/staging.yaml'
const ESVS = `variables:
  esv-orders-url:
    value: https://orders.example.com
secrets:
  esv-smtp-password:
    value-from-env: ESV_SMTP_PASSWORD
`
const SMTP_PASSWORD = 'smtp-pa55word-of-the-staging-environment'

describe('plans on the pull request, applies on the merge', () => {
  let scenario: Scenario
  beforeEach(async () => {
    scenario = await startScenario((emulator) => {
      const writer = account(emulator, 'AIC_STAGING_SERVICE_ACCOUNT_ID', 'AIC_STAGING_SERVICE_ACCOUNT_KEY')
      return {
        files: { [FILE]: ESVS },
        environments: {
          // The plan environment admits the PR's merge ref; the secret's real value is only in staging.
          'staging-plan': account(emulator, 'AIC_STAGING_PLAN_ACCOUNT_ID', 'AIC_STAGING_PLAN_ACCOUNT_KEY'),
          staging: { vars: writer.vars, secrets: { ...writer.secrets, ESV_SMTP_PASSWORD: SMTP_PASSWORD }, deploymentBranches: ['main'] }
        }
      }
    })
  })
  afterEach(() => scenario.close())

  const pull = () => scenario.emulator.github.pulls.get(PR)!
  const orders = () => scenario.emulator.upper.state.variables.get('esv-orders-url')
  const planComment = () => scenario.emulator.github.comments(PR).find((comment) => comment.body.includes('tenant-pilot:plan'))

  async function planOnPullRequest() {
    const result = await scenario.run(PLAN, pullRequestEvent(scenario.repository, pull(), { changedFiles: [FILE] }))
    const plan = jobOf(result, 'plan')
    expect(plan).toMatchObject({ result: 'success', environment: 'staging-plan' })
    expect(plan.secretNames).not.toContain('ESV_SMTP_PASSWORD')
    expect(actionStep(plan).env.ESV_SMTP_PASSWORD).toBe('plan-only-placeholder')
    expect(jobOf(result, 'apply').result).toBe('skipped')
    expect(planComment()?.body).toContain('esv-orders-url')
    expect(orders()).toBeUndefined()
  }

  describe('on pull_request and push', () => {
    test('PR → plan comment → review → merge → apply writes the plan', async () => {
      await planOnPullRequest()
      const merged = await scenario.run(PLAN, pushEvent(scenario.repository, approveAndMerge(scenario.emulator), { changedFiles: [FILE] }))
      const apply = jobOf(merged, 'apply')
      expect(apply).toMatchObject({
        result: 'success',
        environment: 'staging',
        concurrency: { group: 'tenant-pilot-staging', cancelInProgress: false }
      })
      expect(apply.permissions).toMatchObject({ contents: 'read', 'pull-requests': 'write', statuses: 'write' })
      expect(Buffer.from(orders()?.valueBase64 ?? '', 'base64').toString()).toBe('https://orders.example.com')
      expect(planComment()?.body).toMatch(/✅/)
    })

    test('an unreviewed merge applies nothing', async () => {
      await planOnPullRequest()
      const push = scenario.emulator.github.pulls.merge(PR, 'squash', PUSHED_SHA)
      const merged = await scenario.run(PLAN, pushEvent(scenario.repository, push, { changedFiles: [FILE] }))
      const apply = jobOf(merged, 'apply')
      expect(apply.result).toBe('failure')
      expect(logOf(actionStep(apply))).toMatch(/No approved plan .*nothing was written/)
      expect(orders()).toBeUndefined()
    })
  })
})
