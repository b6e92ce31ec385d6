/**
 * set-esvs on every push with keep-versions (docs/workflows/esv-sync-keep-versions.yml, shown in
 * docs/secret-versions.md). It applies without a reviewed plan, and says so with `require-approval: 'false'`;
 * the same workflow without that line is refused on push, which is the rule it follows (docs/plans.md).
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { pushEvent } from '../../../tools/workflow-simulator/events.js'
import { approveAndMerge } from '../../helpers/promotion.js'
import { documentedWorkflow } from '../helpers/documented.js'
import { account, actionStep, jobOf, logOf, startScenario, type Scenario } from '../helpers/scenario.js'

const KEY = 'docs/workflows/esv-sync-keep-versions.yml'
const FILE = 'esvs/prod.yaml'
const ESVS = 'secrets:\n  esv-smtp-password:\n    value-from-env: SMTP_PASSWORD\n  esv-webhook-token:\n    value-from-env: SIGNING_KEY\n'

describe('set-esvs with keep-versions on every push', () => {
  let scenario: Scenario
  beforeEach(async () => {
    scenario = await startScenario((emulator) => {
      const credentials = account(emulator, 'AIC_PROD_SERVICE_ACCOUNT_ID', 'AIC_PROD_SERVICE_ACCOUNT_KEY')
      return {
        files: { [FILE]: ESVS },
        environments: {
          production: {
            vars: credentials.vars,
            secrets: { ...credentials.secrets, SMTP_PASSWORD: 'smtp-value-2', SIGNING_KEY: 'signing-value-2' },
            deploymentBranches: ['main']
          }
        }
      }
    })
  })
  afterEach(() => scenario.close())

  const push = () => pushEvent(scenario.repository, approveAndMerge(scenario.emulator), { changedFiles: [FILE] })
  /** The versions the tenant still holds a value of (keep-versions disables, then destroys, older ones). */
  const versions = (id: string) => scenario.emulator.upper.state.secrets.get(id)?.versions.filter((v) => v.valueBase64 !== null).length ?? 0

  describe('on push', () => {
    test('each push applies the file and keeps two versions of each secret', async () => {
      const result = await scenario.run(KEY, push())
      const job = jobOf(result, 'set-esvs')
      expect(job).toMatchObject({ result: 'success', environment: 'production', concurrency: { group: 'tenant-pilot-production' } })
      expect(actionStep(job).with).toMatchObject({ 'keep-versions': '2', 'require-approval': 'false' })
      expect(versions('esv-smtp-password')).toBeGreaterThan(0)
      expect(versions('esv-smtp-password')).toBeLessThanOrEqual(2)
      expect(versions('esv-webhook-token')).toBeGreaterThan(0)
    })

    test('without require-approval: false the same push is refused and writes nothing (the rule the example follows)', async () => {
      const documented = documentedWorkflow(KEY)
      const text = documented.text.replace(/\n {10}require-approval: 'false'[^\n]*/, '')
      expect(text).not.toBe(documented.text)
      const result = await scenario.runText('keep-versions without require-approval', text, push())
      const job = jobOf(result, 'set-esvs')
      expect(job.result).toBe('failure')
      expect(logOf(actionStep(job))).toMatch(/No approved plan .*nothing was written/)
      expect(versions('esv-webhook-token')).toBe(0)
    })
  })
})
