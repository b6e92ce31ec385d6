/**
 * The simple sync examples (docs/esvs.md "sync ESVs", docs/tenant-settings.md "tenant settings"): one leg per
 * environment, one at a time (max-parallel: 1), each behind its environment and concurrency group. A pull request
 * plans in the `<env>-plan` environments without any real secret; the push applies without a reviewed plan,
 * which the YAML says with `require-approval: 'false'`.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { Emulator } from '../../../emulator/index.js'
import { pullRequestEvent, pushEvent } from '../../../tools/workflow-simulator/events.js'
import type { Environment, SimulationResult } from '../../../tools/workflow-simulator/types.js'
import { approveAndMerge, PR } from '../../helpers/promotion.js'
import { account, actionStep, startScenario, type Scenario } from '../helpers/scenario.js'

const ENVIRONMENTS = ['dev', 'staging', 'prod']
const SMTP_PASSWORD = 'smtp-pa55word-of-an-environment'
const ESVS =
  'variables:\n  esv-orders-url:\n    value: https://orders.example.com\nsecrets:\n  esv-smtp-password:\n    value-from-env: SMTP_PASSWORD\n'
const SETTINGS = 'cookie-domains: [acme.example]\n'

/** Each environment and its -plan twin: the tenant's URL and account; only the writing one holds the secrets. */
function environments(emulator: Emulator): Record<string, Environment> {
  const credentials = account(emulator, 'AIC_SERVICE_ACCOUNT_ID', 'AIC_SERVICE_ACCOUNT_KEY')
  const vars = { ...credentials.vars, AIC_TENANT_URL: emulator.upper.url, FEATURE_FLAGS_JSON: '{}' }
  return Object.fromEntries(
    ENVIRONMENTS.flatMap((name) => [
      [
        name,
        { vars, secrets: { ...credentials.secrets, SMTP_PASSWORD, LOGIN_TLS_KEY: 'not-used-by-this-file' }, deploymentBranches: ['main'] }
      ],
      [`${name}-plan`, { vars, secrets: credentials.secrets }]
    ])
  )
}

const legs = (result: SimulationResult) => result.jobs.map((job) => [job.id, job.result, job.environment, job.concurrency?.group])

describe.each([
  { key: 'docs/esvs.md#sync ESVs', job: 'sync', paths: (env: string) => `esvs/${env}.yaml`, file: ESVS, secret: 'SMTP_PASSWORD' },
  {
    key: 'docs/tenant-settings.md#tenant settings',
    job: 'settings',
    paths: (env: string) => `tenant/${env}.yaml`,
    file: SETTINGS,
    secret: 'LOGIN_KEY'
  }
])('$key', ({ key, job, paths, file, secret }) => {
  let scenario: Scenario
  beforeEach(async () => {
    scenario = await startScenario((emulator) => ({
      files: Object.fromEntries(ENVIRONMENTS.map((env) => [paths(env), file])),
      environments: environments(emulator)
    }))
  })
  afterEach(() => scenario.close())

  const changed = [paths('dev')]
  const writes = () => scenario.emulator.log.filter((entry) => entry.method !== 'GET' && !entry.path.startsWith('/am/'))

  describe('on pull_request and push', () => {
    test('a PR plans each environment in turn from its -plan environment, without the real secret, and writes nothing', async () => {
      const result = await scenario.run(
        key,
        pullRequestEvent(scenario.repository, scenario.emulator.github.pulls.get(PR)!, { changedFiles: changed })
      )
      expect(legs(result)).toEqual(ENVIRONMENTS.map((env) => [`${job} (${env})`, 'success', `${env}-plan`, `tenant-pilot-${env}-plan`]))
      for (const leg of result.jobs) {
        expect(leg.strategy).toEqual({ failFast: true, maxParallel: 1 })
        expect(leg.secretNames).not.toContain(secret === 'LOGIN_KEY' ? 'LOGIN_TLS_KEY' : secret)
        expect(actionStep(leg).env[secret]).not.toBe(SMTP_PASSWORD)
        expect(actionStep(leg).with['dry-run']).toBe('true')
      }
      expect(writes()).toEqual([])
      // One plan comment per file and tenant: the workflow's permissions let the PR's run post them.
      const plans = scenario.emulator.github.comments(PR).filter((comment) => comment.body.includes('tenant-pilot:plan'))
      expect(plans).toHaveLength(3)
    })

    test('the push applies each environment in turn, unreviewed as require-approval: false says', async () => {
      const push = approveAndMerge(scenario.emulator)
      const result = await scenario.run(key, pushEvent(scenario.repository, push, { changedFiles: changed }))
      expect(legs(result)).toEqual(ENVIRONMENTS.map((env) => [`${job} (${env})`, 'success', env, `tenant-pilot-${env}`]))
      expect(result.jobs.map((leg) => actionStep(leg).with['require-approval'])).toEqual(['false', 'false', 'false'])
      expect(writes().length).toBeGreaterThan(0)
    })
  })
})
