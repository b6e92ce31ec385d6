/**
 * Adoption (docs/workflows/export-esvs.yml, shown in docs/adoption.md): export both files with the read-only
 * account, keep them with the run (the upload-artifact stub checks each path exists) and open a pull request
 * with them (the create-pull-request stub records the files it would commit).
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { scheduleEvent, workflowDispatchEvent } from '../../../tools/workflow-simulator/events.js'
import type { SimulationResult } from '../../../tools/workflow-simulator/types.js'
import { account, jobOf, startScenario, type Scenario } from '../helpers/scenario.js'

const EXPORT = 'docs/workflows/export-esvs.yml'

describe('the export into a pull request', () => {
  let scenario: Scenario
  beforeEach(async () => {
    scenario = await startScenario((emulator) => ({
      environments: {
        'production-export': account(emulator, 'AIC_PROD_EXPORT_SERVICE_ACCOUNT_ID', 'AIC_PROD_EXPORT_SERVICE_ACCOUNT_KEY')
      }
    }))
  })
  afterEach(() => scenario.close())

  function expectExported(result: SimulationResult) {
    const job = jobOf(result, 'export')
    expect(job.steps.map((step) => [step.uses.replace(/@.*/, ''), step.ranBy, step.outcome])).toEqual([
      ['actions/checkout', 'stub', 'success'],
      ['tenant-pilot/tenant-pilot', 'action', 'success'],
      ['tenant-pilot/tenant-pilot', 'action', 'success'],
      ['actions/upload-artifact', 'stub', 'success'],
      ['peter-evans/create-pull-request', 'stub', 'success']
    ])
    const [, , , upload, pullRequest] = job.steps
    expect(upload!.record).toMatchObject({
      paths: [expect.stringMatching(/tenant-config\/esvs\/prod\.yaml$/), expect.stringMatching(/tenant-config\/settings\/prod\.yaml$/)],
      missing: []
    })
    const files = (pullRequest!.record as { files: Record<string, string | null> }).files
    expect(files['tenant-config/esvs/prod.yaml']).toContain('esv-api-base-url')
    expect(files['tenant-config/settings/prod.yaml']).toEqual(expect.any(String))
    expect(scenario.emulator.log.filter((entry) => entry.method !== 'GET' && !entry.path.startsWith('/am/'))).toEqual([])
    expect(job.result).toBe('success')
  }

  describe('on workflow_dispatch and schedule', () => {
    test('a dispatch exports both files, uploads them and opens the pull request, writing nothing to the tenant', async () => {
      expectExported(await scenario.run(EXPORT, workflowDispatchEvent(scenario.repository)))
    })

    test('the weekly schedule does the same', async () => {
      expectExported(await scenario.run(EXPORT, scheduleEvent(scenario.repository, '17 5 * * 1')))
    })
  })
})
