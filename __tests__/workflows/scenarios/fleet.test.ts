/**
 * A fleet (docs/fleet.md): the promotion gate for three tenant pairs listed in a file in git, one matrix leg per
 * pair, each with its own environments, credentials and concurrency groups, fail-fast off, max-parallel bounded.
 * Three emulators are the three pairs (each its own service account); the first one's GitHub is the repository's.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { startEmulator, type Emulator } from '../../../emulator/index.js'
import { pullRequestEvent, pushEvent, workflowRunEvent } from '../../../tools/workflow-simulator/events.js'
import type { Environment, SimulationResult } from '../../../tools/workflow-simulator/types.js'
import { approveAndMerge, PR } from '../../helpers/promotion.js'
import { account, actionStep, jobOf, logOf, SCENARIO_EMULATOR, startScenario, type Scenario } from '../helpers/scenario.js'

const FLEET = 'docs/fleet.md#tenant-pilot fleet promotion'
const REQUEST = 'docs/workflows/promotion-request.yml'
const NAMES = ['eu', 'us', 'apac'] as const
const url = (name: string) => `https://openam-acme-${name}.forgeblocks.com`
const CHANGED = ['tenant-config/journeys/Login.json']

describe('a fleet of three tenant pairs', () => {
  let scenario: Scenario
  let others: Emulator[]
  const pairs = (): Record<(typeof NAMES)[number], Emulator> => ({ eu: scenario.emulator, us: others[0]!, apac: others[1]! })

  beforeEach(async () => {
    others = [await startEmulator(SCENARIO_EMULATOR), await startEmulator(SCENARIO_EMULATOR)]
    const emulators = (first: Emulator) => [first, ...others]
    scenario = await startScenario(
      (first) => ({
        files: {
          'tenant-config/fleet.json': JSON.stringify(
            NAMES.map((name) => ({ name, url: url(name) })),
            null,
            2
          )
        },
        environments: Object.fromEntries(
          NAMES.flatMap((name, index): Array<[string, Environment]> => {
            const credentials = account(emulators(first)[index]!, 'AIC_SERVICE_ACCOUNT_ID', 'AIC_SERVICE_ACCOUNT_KEY')
            return [
              [`${name}-dry-run`, { ...credentials, deploymentBranches: ['main'] }],
              [name, { ...credentials, deploymentBranches: ['main'] }]
            ]
          })
        )
      }),
      { hosts: (first) => Object.fromEntries(NAMES.map((name, index) => [url(name), emulators(first)[index]!.upper.url])) }
    )
  })
  afterEach(async () => {
    await scenario.close()
    await Promise.all(others.map((emulator) => emulator.close()))
  })

  const legs = (result: SimulationResult, job: string) => result.jobs.filter((record) => record.id.startsWith(`${job} (`))
  const promoted = (name: (typeof NAMES)[number]) => pairs()[name].promotion.runs.filter((run) => !run.dryRun).length

  async function dryRuns() {
    const github = scenario.emulator.github
    await scenario.run(REQUEST, pullRequestEvent(scenario.repository, github.pulls.get(PR)!, { changedFiles: CHANGED }))
    const completed = workflowRunEvent(scenario.repository, {
      name: 'tenant-pilot promotion request',
      conclusion: 'success',
      pull: github.pulls.get(PR)!
    })
    return scenario.run(FLEET, completed)
  }

  describe('on workflow_run and push', () => {
    test('one dry run per pair from the file (its environment, its group), one review, one promote per pair', async () => {
      const onRun = await dryRuns()
      expect(jobOf(onRun, 'pairs')).toMatchObject({ result: 'success', secretNames: [] })
      expect(legs(onRun, 'dry-run').map((leg) => [leg.matrix.pair, leg.result, leg.environment, leg.concurrency?.group])).toEqual(
        NAMES.map((name) => [{ name, url: url(name) }, 'success', `${name}-dry-run`, `tenant-pilot-${name}-dry-run-pr-${PR}`])
      )
      expect(legs(onRun, 'dry-run').map((leg) => leg.strategy)).toEqual(NAMES.map(() => ({ failFast: false, maxParallel: 4 })))
      const comments = scenario.emulator.github.comments(PR).filter((comment) => comment.body.includes('tenant-pilot:promotion'))
      expect(comments).toHaveLength(3)

      const onPush = await scenario.run(
        FLEET,
        pushEvent(scenario.repository, approveAndMerge(scenario.emulator), { changedFiles: CHANGED })
      )
      expect(legs(onPush, 'promote').map((leg) => [leg.result, leg.environment, leg.concurrency?.group])).toEqual(
        NAMES.map((name) => ['success', name, `tenant-pilot-${name}-promote`])
      )
      expect(NAMES.map(promoted)).toEqual([1, 1, 1])
    })

    test('fail-fast off: a pair whose credential is wrong fails alone; the others promote', async () => {
      await dryRuns()
      scenario.repository.environments.us!.secrets = { AIC_SERVICE_ACCOUNT_KEY: pairs().eu.serviceAccount.privateJwk }
      const onPush = await scenario.run(
        FLEET,
        pushEvent(scenario.repository, approveAndMerge(scenario.emulator), { changedFiles: CHANGED })
      )
      expect(legs(onPush, 'promote').map((leg) => leg.result)).toEqual(['success', 'failure', 'success'])
      expect(logOf(actionStep(jobOf(onPush, 'promote ({"name":"us","url":"https://openam-acme-us.forgeblocks.com"})')))).toMatch(
        /::error::/
      )
      expect(NAMES.map(promoted)).toEqual([1, 0, 1])
    })
  })
})
