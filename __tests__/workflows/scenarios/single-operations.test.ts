/**
 * The one-operation examples: restart on dispatch (docs/restart.md), rotate-secret on schedule and dispatch
 * (docs/rotation.md), create-api-client on dispatch (docs/api-clients.md). Each runs as the docs show it, with
 * its credentials where the docs keep them, against the emulator.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { scheduleEvent, workflowDispatchEvent } from '../../../tools/workflow-simulator/events.js'
import { account, actionStep, jobOf, startScenario, type Scenario } from '../helpers/scenario.js'

describe('single operations', () => {
  let scenario: Scenario
  beforeEach(async () => {
    scenario = await startScenario((emulator) => {
      const credentials = account(emulator, 'AIC_SERVICE_ACCOUNT_ID', 'AIC_SERVICE_ACCOUNT_KEY')
      const admin = emulator.identity.adminClient
      return {
        ...credentials,
        environments: {
          dev: {
            ...credentials,
            vars: { ...credentials.vars, VERIFY_ADMIN_CLIENT_ID: admin.clientId },
            secrets: { ...credentials.secrets, VERIFY_ADMIN_CLIENT_SECRET: admin.clientSecret }
          }
        }
      }
    })
  })
  afterEach(() => scenario.close())

  describe('docs/restart.md: on workflow_dispatch', () => {
    test('restarts the tenant and waits until it is ready', async () => {
      const result = await scenario.run('docs/restart.md#restart tenant', workflowDispatchEvent(scenario.repository))
      const job = jobOf(result, 'restart')
      expect(job.result).toBe('success')
      expect(actionStep(job).outputs['restart-status']).toBe('ready')
      expect(Object.entries(job.permissions).filter(([, level]) => level !== 'none')).toEqual([['metadata', 'read']])
    })
  })

  describe('docs/rotation.md: on schedule and workflow_dispatch', () => {
    test('rotates the HMAC key each month, keeping two versions; a dispatch rotates it again', async () => {
      const secrets = scenario.emulator.upper.state.secrets
      const seeded = structuredClone(secrets.get('esv-hmac-key')!)
      secrets.set('esv-webhook-hmac-key', { ...seeded, _id: 'esv-webhook-hmac-key' })
      const before = secrets.get('esv-webhook-hmac-key')!.versions.length
      const monthly = await scenario.run('docs/rotation.md#rotate webhook HMAC key', scheduleEvent(scenario.repository, '17 3 1 * *'))
      expect(jobOf(monthly, 'rotate').result).toBe('success')
      const dispatched = await scenario.run('docs/rotation.md#rotate webhook HMAC key', workflowDispatchEvent(scenario.repository))
      expect(jobOf(dispatched, 'rotate').result).toBe('success')
      const versions = secrets.get('esv-webhook-hmac-key')!.versions
      expect(versions.length).toBeGreaterThan(before)
      expect(versions.filter((version) => version.status === 'ENABLED')).toHaveLength(2)
    })
  })

  describe('docs/api-clients.md: on workflow_dispatch', () => {
    test('creates the API client and stores its secret in the tenant; the next step echoes its ids', async () => {
      const result = await scenario.run(
        "docs/api-clients.md#provision the CRM integration's API client",
        workflowDispatchEvent(scenario.repository)
      )
      const job = jobOf(result, 'provision')
      expect(job).toMatchObject({ result: 'success', environment: 'dev' })
      const created = actionStep(job).outputs
      expect(job.steps[1]).toMatchObject({ ranBy: 'bash', outcome: 'success' })
      expect(job.steps[1]!.record).toMatchObject({ stdout: `Created client ${created['client-id']} (${created['api-client-id']})\n` })
      expect(scenario.emulator.lower.state.secrets.has('esv-crm-client-secret')).toBe(true)
    })
  })
})
