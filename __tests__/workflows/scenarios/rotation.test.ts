/**
 * Rotation on schedule (docs/workflows/rotate-service-account-key.yml, shown in docs/service-accounts.md): the key
 * rotator signs in with its own account, rotates the promotion account's key and stores the new one in the
 * staging environment's secret through a GitHub App token (the stub of actions/create-github-app-token hands
 * the emulator's token, an App installation's here); GITHUB_TOKEN gets no permission at all.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { scheduleEvent, workflowDispatchEvent } from '../../../tools/workflow-simulator/events.js'
import { connectionInputs, FAST_WAITS } from '../../helpers/e2e.js'
import { actionStep, jobOf, startScenario, type Scenario } from '../helpers/scenario.js'

const ROTATION = 'docs/workflows/rotate-service-account-key.yml'
const SECRET = 'AIC_STAGING_SERVICE_ACCOUNT_KEY'

describe('the monthly key rotation', () => {
  let scenario: Scenario
  let promotionAccount: { id: string; key: string }
  beforeEach(async () => {
    scenario = await startScenario(() => ({}))
    const { emulator } = scenario
    emulator.github.tokenKind = 'app'
    emulator.github.secrets.addEnvironment('staging')
    // The promotion account, made once by hand (create-service-account), its key in the staging environment's secret.
    const created = await scenario.e2e.run({
      inputs: {
        ...connectionInputs(emulator),
        ...FAST_WAITS,
        operation: 'create-service-account',
        'service-account-name': 'staging-promotions',
        'service-account-scopes': 'fr:idc:promotion:*',
        'store-in-github-secret': SECRET,
        'github-environment': 'staging',
        'github-token': emulator.github.token
      }
    })
    expect(created.main.exitCode).toBe(0)
    promotionAccount = { id: created.main.outputs['service-account-id']!, key: emulator.github.secrets.open(SECRET, 'staging')! }
    scenario.repository.environments.staging = {
      vars: {
        AIC_STAGING_KEY_ROTATOR_ID: emulator.serviceAccount.id,
        AIC_STAGING_SERVICE_ACCOUNT_ID: promotionAccount.id,
        SECRETS_WRITER_APP_ID: '12345'
      },
      secrets: {
        AIC_STAGING_KEY_ROTATOR_KEY: emulator.serviceAccount.privateJwk,
        [SECRET]: promotionAccount.key,
        SECRETS_WRITER_APP_KEY: 'app-private-key'
      },
      deploymentBranches: ['main']
    }
  })
  afterEach(() => scenario.close())

  describe('on schedule and workflow_dispatch', () => {
    test('the schedule rotates the promotion account’s key and stores the new one in the environment’s secret', async () => {
      const result = await scenario.run(ROTATION, scheduleEvent(scenario.repository, '17 5 1 * *'))
      const rotate = jobOf(result, 'rotate')
      expect(rotate).toMatchObject({
        result: 'success',
        environment: 'staging',
        concurrency: { group: 'tenant-pilot-staging-key-rotation' }
      })
      expect(Object.entries(rotate.permissions).filter(([, level]) => level !== 'none')).toEqual([['metadata', 'read']])
      expect(actionStep(rotate).with['github-token']).toBe(scenario.emulator.github.token)
      const stored = scenario.emulator.github.secrets.open(SECRET, 'staging')
      expect(stored).toBeDefined()
      expect(stored).not.toBe(promotionAccount.key)
      expect(scenario.emulator.upper.serviceAccounts.keysOf(promotionAccount.id)).toHaveLength(2) // keep-keys: 1
    })

    test('dispatched from another branch, the environment refuses it before any step', async () => {
      const result = await scenario.run(ROTATION, workflowDispatchEvent(scenario.repository, { branch: 'feature' }))
      expect(jobOf(result, 'rotate')).toMatchObject({ result: 'failure', steps: [] })
      expect(scenario.emulator.github.secrets.open(SECRET, 'staging')).toBe(promotionAccount.key)
    })
  })
})
