/**
 * Drift on schedule (docs/workflows/drift-nightly.yml, shown in docs/drift.md): one matrix leg per file, each
 * in its own concurrency group, reading production with the read-only account; drift opens one issue per file
 * and fails its leg (fail-on-drift) without stopping the other (fail-fast: false).
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { scheduleEvent, workflowDispatchEvent } from '../../../tools/workflow-simulator/events.js'
import type { SimulationResult } from '../../../tools/workflow-simulator/types.js'
import { account, startScenario, type Scenario } from '../helpers/scenario.js'

const DRIFT = 'docs/workflows/drift-nightly.yml'
/** What the seeded tenant holds: no drift (a secret's value is never read by a drift run). */
const ESVS =
  'variables:\n  esv-api-base-url:\n    value: https://api.example.com\nsecrets:\n  esv-smtp-password:\n    value-from-env: SMTP_PASSWORD\n'
/** A cookie domain the seeded tenant does not have: drift from the first night on. */
const SETTINGS = 'cookie-domains: [acme.example]\n'

describe('the nightly drift check', () => {
  let scenario: Scenario
  beforeEach(async () => {
    scenario = await startScenario((emulator) => ({
      files: { 'tenant-config/esvs/prod.yaml': ESVS, 'tenant-config/settings/prod.yaml': SETTINGS },
      environments: { 'prod-read-only': account(emulator, 'AIC_PROD_READ_SERVICE_ACCOUNT_ID', 'AIC_PROD_READ_SERVICE_ACCOUNT_KEY') }
    }))
  })
  afterEach(() => scenario.close())

  const leg = (result: SimulationResult, operation: string) => result.jobs.find((job) => job.matrix.operation === operation)!
  const issues = () => scenario.emulator.github.issues().filter((issue) => issue.state === 'open')

  describe('on schedule and workflow_dispatch', () => {
    test('ESVs as the file says: that leg is green; the settings leg finds drift, fails alone and opens its issue; each leg has its own group, reads only', async () => {
      const result = await scenario.run(DRIFT, scheduleEvent(scenario.repository, '17 3 * * *'))
      expect(result.jobs.map((job) => job.concurrency?.group).sort()).toEqual([
        'tenant-pilot-prod-drift-set-esvs',
        'tenant-pilot-prod-drift-set-tenant-settings'
      ])
      expect(leg(result, 'set-esvs').result).toBe('success')
      expect(leg(result, 'set-esvs').permissions).toMatchObject({ contents: 'read', issues: 'write', 'pull-requests': 'none' })
      expect(leg(result, 'set-esvs').steps[1]!.outputs).toMatchObject({ drift: 'false', 'drift-count': '0' })
      expect(leg(result, 'set-tenant-settings').result).toBe('failure')
      expect(issues().map((issue) => issue.title)).toEqual([
        expect.stringMatching(/no longer matches tenant-config\/settings\/prod\.yaml$/)
      ])
      expect(scenario.emulator.log.filter((entry) => entry.method !== 'GET' && !entry.path.startsWith('/am/'))).toEqual([])
    })

    test('a variable changed by hand: the ESV leg fails too and opens its own issue (one per file)', async () => {
      scenario.emulator.upper.state.variables.get('esv-api-base-url')!.valueBase64 =
        Buffer.from('https://changed.example').toString('base64')
      const result = await scenario.run(DRIFT, workflowDispatchEvent(scenario.repository))
      expect(leg(result, 'set-esvs').result).toBe('failure')
      expect(leg(result, 'set-esvs').steps[1]!.outputs).toMatchObject({ drift: 'true', 'drift-count': '1' })
      expect(leg(result, 'set-tenant-settings').steps).toHaveLength(2)
      expect(
        issues()
          .map((issue) => issue.title.replace(/^Drift: \S+ /, ''))
          .sort()
      ).toEqual(['no longer matches tenant-config/esvs/prod.yaml', 'no longer matches tenant-config/settings/prod.yaml'])
    })
  })
})
