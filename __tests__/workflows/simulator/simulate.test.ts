/**
 * The simulator's job model on workflows of `run:` steps (bash, no emulator): needs, if:, matrix, outputs,
 * environments, secrets, reusable workflows, and what it refuses. Each behaviour has a test where it changes
 * the outcome, so a simulator that ignored it would fail here.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { pullRequestEvent, pushEvent, workflowDispatchEvent } from '../../../tools/workflow-simulator/events.js'
import { removeJobFolders, simulate } from '../../../tools/workflow-simulator/simulate.js'
import type { Repository, SimulationResult, WorkflowEvent } from '../../../tools/workflow-simulator/types.js'

const repository = (extra: Partial<Repository> = {}): Repository => ({
  fullName: 'acme/iam-config',
  defaultBranch: 'main',
  vars: { TENANT: 'staging' },
  secrets: { REPO_SECRET: 'r' },
  environments: { staging: { secrets: { ENV_SECRET: 'e' }, deploymentBranches: ['main'] } },
  files: {},
  ...extra
})
const github = { apiUrl: 'http://127.0.0.1:9', token: 'ghs_test' }
const dispatch = (repo: Repository = repository(), branch?: string) => workflowDispatchEvent(repo, { branch })
const results: SimulationResult[] = []
afterEach(() => results.splice(0).forEach(removeJobFolders))

async function run(text: string, event: WorkflowEvent = dispatch(), repo: Repository = repository()): Promise<SimulationResult> {
  const result = await simulate({ workflow: { name: 'test.yml', text }, event, repository: repo, github })
  results.push(result)
  return result
}
const job = (result: SimulationResult, id: string) => result.jobs.find((j) => j.id === id)!
const summary = (result: SimulationResult) => Object.fromEntries(result.jobs.map((j) => [j.id, j.result]))

describe('jobs: needs, if and outputs', () => {
  const WORKFLOW = `
on: workflow_dispatch
permissions: {}
jobs:
  first:
    runs-on: ubuntu-latest
    outputs:
      colour: \${{ steps.pick.outputs.colour }}
    steps:
      - id: pick
        run: echo "colour=blue" >> "$GITHUB_OUTPUT"
  second:
    needs: first
    if: needs.first.outputs.colour == 'blue'
    runs-on: ubuntu-latest
    steps:
      - run: test "$COLOUR" = blue
        env:
          COLOUR: \${{ needs.first.outputs.colour }}
  broken:
    runs-on: ubuntu-latest
    steps:
      - run: exit 3
      - id: after
        run: echo never
      - if: failure()
        run: echo "cleaning up"
  after-broken:
    needs: broken
    runs-on: ubuntu-latest
    steps:
      - run: echo never
  despite-broken:
    needs: broken
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: echo "ran anyway"
`
  test('outputs flow through needs; a failed job skips its dependants unless if: says always()', async () => {
    const result = await run(WORKFLOW)
    expect(summary(result)).toEqual({
      first: 'success',
      second: 'success',
      broken: 'failure',
      'after-broken': 'skipped',
      'despite-broken': 'success'
    })
    expect(job(result, 'broken').steps.map((s) => s.outcome)).toEqual(['failure', 'skipped', 'success'])
  })

  test('the if: decides: a false condition skips the job', async () => {
    const result = await run(WORKFLOW.replace("== 'blue'", "== 'red'"))
    expect(job(result, 'second').result).toBe('skipped')
  })

  test('continue-on-error keeps the job green and the next step running', async () => {
    const result = await run(WORKFLOW.replace('      - run: exit 3\n', '      - run: exit 3\n        continue-on-error: true\n'))
    expect(job(result, 'broken').result).toBe('success')
    expect(job(result, 'broken').steps.map((s) => [s.outcome, s.conclusion])).toEqual([
      ['failure', 'success'],
      ['success', 'success'],
      ['skipped', 'skipped']
    ])
  })
})

describe('matrix legs', () => {
  const MATRIX = (failFast: boolean) => `
on: workflow_dispatch
permissions: {}
jobs:
  leg:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: ${failFast}
      max-parallel: 1
      matrix:
        tenant: [a, b, c]
    concurrency:
      group: tenant-pilot-\${{ matrix.tenant }}
      cancel-in-progress: false
    steps:
      - run: test "\${{ matrix.tenant }}" != a
`
  test('one job per combination, each with its own concurrency group; without fail-fast the others run', async () => {
    const result = await run(MATRIX(false))
    expect(summary(result)).toEqual({ 'leg (a)': 'failure', 'leg (b)': 'success', 'leg (c)': 'success' })
    expect(result.jobs.map((j) => j.concurrency?.group)).toEqual(['tenant-pilot-a', 'tenant-pilot-b', 'tenant-pilot-c'])
    expect(job(result, 'leg (b)').strategy).toEqual({ failFast: false, maxParallel: 1 })
  })

  test('with fail-fast the legs not yet started are cancelled', async () => {
    const result = await run(MATRIX(true))
    expect(summary(result)).toEqual({ 'leg (a)': 'failure', 'leg (b)': 'skipped', 'leg (c)': 'skipped' })
  })
})

describe('environments and secrets', () => {
  const ENV_JOB = `
on: [workflow_dispatch, pull_request]
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: staging
    steps:
      - run: test "$SECRET" = e && test "$VAR" = staging
        env:
          SECRET: \${{ secrets.ENV_SECRET }}
          VAR: \${{ vars.TENANT }}
`
  test('a job in an environment reads its secrets; a branch the environment does not admit fails before any step', async () => {
    const onMain = await run(ENV_JOB)
    expect(job(onMain, 'deploy')).toMatchObject({ result: 'success', environment: 'staging', secretNames: ['ENV_SECRET', 'REPO_SECRET'] })
    const onBranch = await run(ENV_JOB, dispatch(repository(), 'feature'))
    expect(job(onBranch, 'deploy')).toMatchObject({
      result: 'failure',
      reason: 'Branch "feature" is not allowed to deploy to staging due to environment protection rules.',
      steps: []
    })
  })

  test('a fork’s pull request gets no secret', async () => {
    const repo = repository({ environments: { staging: { secrets: { ENV_SECRET: 'e' } } } })
    const pull = {
      number: 7,
      head: { ref: 'x', sha: 'c'.repeat(40), repo: { full_name: 'someone/iam-config' } },
      base: { ref: 'main', sha: 'd'.repeat(40) },
      user: { login: 'mallory' }
    }
    const result = await run(ENV_JOB, pullRequestEvent(repo, pull, { changedFiles: [] }), repo)
    expect(job(result, 'deploy')).toMatchObject({ result: 'failure', secretNames: [] })
    const own = await run(
      ENV_JOB,
      pullRequestEvent(repo, { ...pull, head: { ...pull.head, repo: { full_name: 'acme/iam-config' } } }, { changedFiles: [] }),
      repo
    )
    expect(job(own, 'deploy').result).toBe('success')
  })
})

describe('reusable workflows', () => {
  const CALLED = `
on:
  workflow_call:
    inputs:
      environment:
        type: string
        required: true
      dry:
        type: boolean
        default: true
    secrets:
      PASSED:
        required: false
permissions: {}
jobs:
  inner:
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    permissions:
      contents: write
      statuses: write
    steps:
      - run: test "$EVENT" = push && test "$DRY" = false && test "$ENV_SECRET" = e && test "$PASSED" = "$EXPECTED"
        env:
          EVENT: \${{ github.event_name }}
          DRY: \${{ inputs.dry }}
          ENV_SECRET: \${{ secrets.ENV_SECRET }}
          PASSED: \${{ secrets.PASSED }}
          EXPECTED: \${{ secrets.REPO_SECRET || 'r' }}
`
  const CALLER = (secrets: string) => `
on: push
permissions: {}
jobs:
  gate:
    uses: ./.github/workflows/called.yml
    permissions:
      contents: read
    with:
      environment: staging
      dry: false
    ${secrets}
`
  const repo = repository({ files: { '.github/workflows/called.yml': CALLED } })
  const event = pushEvent(
    repo,
    { ref: 'refs/heads/main', before: '0'.repeat(40), after: 'a'.repeat(40), commits: [] },
    { changedFiles: [] }
  )

  test('a called workflow gets typed inputs, its environment’s secrets, the caller’s github context and no more permission than its caller job', async () => {
    const result = await run(CALLER('secrets:\n      PASSED: ${{ secrets.REPO_SECRET }}'), event, repo)
    expect(job(result, 'gate/inner')).toMatchObject({ result: 'success', environment: 'staging', secretNames: ['ENV_SECRET', 'PASSED'] })
    expect(job(result, 'gate/inner').permissions).toMatchObject({ contents: 'read', statuses: 'none' })
  })

  test('secrets: inherit passes the caller’s secrets by their names', async () => {
    const result = await run(CALLER('secrets: inherit'), event, repo)
    expect(job(result, 'gate/inner').secretNames).toEqual(['ENV_SECRET', 'REPO_SECRET'])
    expect(job(result, 'gate/inner').result).toBe('failure') // PASSED was not passed: the step's test fails
  })

  test('a call GitHub would refuse (an input the called workflow does not declare) is refused', async () => {
    await expect(run(CALLER('secrets: inherit').replace('dry: false', 'dry: false\n      colour: red'), event, repo)).rejects.toThrow(
      /colour/
    )
  })
})

describe('what the simulator refuses', () => {
  test('a workflow GitHub’s schema rejects (secrets in a job if:)', async () => {
    await expect(
      run('on: push\njobs:\n  a:\n    if: secrets.X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n')
    ).rejects.toThrow(/Unrecognized named-value: 'secrets'/)
  })

  test('an action that is neither this one nor in the stub table', async () => {
    await expect(
      run('on: workflow_dispatch\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: someone/else@v1\n')
    ).rejects.toThrow(/not this action and not in the stub table/)
  })

  test('an input this action does not declare', async () => {
    const text =
      'on: workflow_dispatch\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: tenant-pilot/tenant-pilot@v0\n        with:\n          operation: restart\n          colour: red\n'
    await expect(run(text)).rejects.toThrow(/inputs colour are not declared in .\/action.yml/)
  })

  test('a dispatch without a required input', async () => {
    const text =
      'on:\n  workflow_dispatch:\n    inputs:\n      pr-number:\n        required: true\n        type: number\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'
    await expect(run(text)).rejects.toThrow(/input pr-number is required/)
  })
})

test('an event the workflow is not on starts nothing', async () => {
  const result = await run('on: schedule\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n')
  expect(result).toEqual({ triggered: false, reason: 'the workflow is not on workflow_dispatch', jobs: [] })
})
