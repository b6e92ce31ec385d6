import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from '@jest/globals'
import { parse } from 'yaml'
import { markdownWorkflows, securityProblems, structureProblems, workflowSources, type WorkflowSource } from '../../scripts/workflows.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const read = (file: string) => readFileSync(`${ROOT}/${file}`, 'utf8')
const SOURCES = workflowSources(ROOT)
/** A promotion example: it runs the action's promotion operations. The project's own CI is none: it holds only the emulator's throwaway credentials. */
const PROMOTION_EXAMPLES = SOURCES.filter(
  (source) => !source.name.startsWith('.github/') && /operation: (dry-run-promote|promote)\b/.test(source.text)
)
/** The `with:` keys of every step that uses tenant-pilot. */
const tenantPilotInputs = (text: string): string[] => {
  const jobs = (parse(text) as { jobs?: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }> }).jobs ?? {}
  return Object.values(jobs).flatMap((job) =>
    (job.steps ?? []).filter((step) => /tenant-pilot@|^\.\/?$/.test(step.uses ?? '')).flatMap((step) => Object.keys(step.with ?? {}))
  )
}
const source = (text: string): WorkflowSource => ({ name: 'bad.yml', path: 'bad.yml', text, lineOffset: 0 })

describe('every workflow of the project (files, and the workflow blocks of README.md and docs/*.md)', () => {
  test('all of them are found, the promotion examples among them', () => {
    const names = SOURCES.map((s) => s.name)
    expect(names).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', 'docs/workflows/promotion.yml', 'docs/workflows/promotion-request.yml'])
    )
    expect(names.some((name) => name.startsWith('README.md:'))).toBe(true)
    expect(PROMOTION_EXAMPLES.map((s) => s.name)).toEqual(
      expect.arrayContaining(['docs/workflows/promotion.yml', 'docs/workflows/promotion-simple.yml'])
    )
  })

  test.each(SOURCES.map((s) => [s.name, s] as const))('%s is a well-formed workflow', (_name, workflow) => {
    expect(structureProblems(workflow)).toEqual([])
  })

  test.each(PROMOTION_EXAMPLES.map((s) => [s.name, s] as const))('%s keeps the promises of SECURITY.md', (_name, workflow) => {
    expect(securityProblems(workflow)).toEqual([])
  })

  test.each(SOURCES.filter((s) => !s.name.startsWith('.github/')).map((s) => [s.name, s] as const))(
    '%s sets permissions, uses actions/checkout@v6 and names concurrency groups tenant-pilot-…',
    (_name, workflow) => {
      const parsed = parse(workflow.text) as {
        permissions?: unknown
        concurrency?: unknown
        jobs: Record<string, { permissions?: unknown; concurrency?: unknown }>
      }
      const jobs = Object.values(parsed.jobs)
      expect(parsed.permissions !== undefined || jobs.every((job) => job.permissions !== undefined)).toBe(true)
      expect([...workflow.text.matchAll(/uses: actions\/checkout@(\S+)/g)].map((m) => m[1])).not.toContainEqual(
        expect.not.stringMatching(/^v6$/)
      )
      const groups = [parsed.concurrency, ...jobs.map((job) => job.concurrency)]
        .filter((c) => c !== undefined)
        .map((c) => (typeof c === 'string' ? c : String((c as { group?: unknown }).group)))
      expect(groups.filter((group) => !group.startsWith('tenant-pilot-'))).toEqual([])
    }
  )

  test('every input an example gives tenant-pilot is one of action.yml', () => {
    const declared = new Set(Object.keys((parse(read('action.yml')) as { inputs: Record<string, unknown> }).inputs))
    const unknown = SOURCES.flatMap((workflow) => tenantPilotInputs(workflow.text).map((name) => `${workflow.name}: ${name}`)).filter(
      (entry) => !declared.has(entry.split(': ')[1]!)
    )
    expect(unknown).toEqual([])
  })

  test('docs/drift.md shows the nightly drift workflow as it is in docs/workflows: a schedule, contents: read and issues: write only', () => {
    const nightly = read('docs/workflows/drift-nightly.yml')
    expect(read('docs/drift.md')).toContain(nightly)
    expect(SOURCES.map((s) => s.name)).toContain('docs/workflows/drift-nightly.yml')
    const doc = parse(nightly) as {
      on: { schedule?: { cron: string }[] }
      permissions: unknown
      jobs: Record<string, { permissions: unknown }>
    }
    expect(doc.on.schedule?.[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/)
    expect(doc.permissions).toEqual({})
    expect(Object.values(doc.jobs).map((job) => job.permissions)).toEqual([{ contents: 'read', issues: 'write' }])
    expect(tenantPilotInputs(nightly)).toEqual(expect.arrayContaining(['detect-drift', 'drift-issue', 'fail-on-drift']))
  })

  test('the README shows the recommended workflow as it is in docs/workflows, and docs/promotions.md shows all three', () => {
    const readme = read('README.md')
    const promotions = read('docs/promotions.md')
    expect(readme).toContain(read('docs/workflows/promotion.yml'))
    for (const file of ['promotion.yml', 'promotion-request.yml', 'promotion-simple.yml']) {
      expect(promotions).toContain(read(`docs/workflows/${file}`))
    }
  })

  test('docs/secret-versions.md and docs/promotions.md show their workflows as they are in docs/workflows', () => {
    expect(read('docs/secret-versions.md')).toContain(read('docs/workflows/esv-sync-keep-versions.yml'))
    expect(read('docs/promotions.md')).toContain(read('docs/workflows/promotion-skip-if-unchanged.yml'))
  })
  test('docs/plans.md shows the plan-on-PR workflow as it is in docs/workflows: least permissions, the apply behind an environment', () => {
    const workflow = read('docs/workflows/esv-plan.yml')
    expect(read('docs/plans.md')).toContain(workflow)
    const jobs = parse(workflow) as {
      permissions: unknown
      jobs: Record<string, { permissions: Record<string, string>; environment?: string }>
    }
    expect(jobs.permissions).toEqual({})
    expect(jobs.jobs.plan!.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', statuses: 'write' })
    expect(jobs.jobs.apply!.environment).toBe('staging')
    expect(tenantPilotInputs(workflow)).toContain('dry-run')
  })
  test('docs/service-accounts.md shows the scheduled rotation as it is in docs/workflows, monthly and with no GITHUB_TOKEN permission', () => {
    const rotation = read('docs/workflows/rotate-service-account-key.yml')
    expect(read('docs/service-accounts.md')).toContain(rotation)
    const workflow = parse(rotation) as {
      on: { schedule: { cron: string }[] }
      permissions: object
      jobs: Record<string, { permissions: object }>
    }
    expect(workflow.on.schedule.map((entry) => entry.cron.split(' ').slice(2).join(' '))).toEqual(['1 * *'])
    expect(workflow.permissions).toEqual({})
    expect(Object.values(workflow.jobs).map((job) => job.permissions)).toEqual([{}])
    expect(tenantPilotInputs(rotation)).toEqual(expect.arrayContaining(['store-in-github-secret', 'github-environment', 'github-token']))
  })

  test('the rotating account (fr:idm:*) is not the rotated one, and neither it nor its environment is reachable at pull-request time', () => {
    type Job = { environment?: string; if?: string; steps?: { uses?: string; with?: Record<string, string> }[] }
    type Workflow = { on: Record<string, unknown>; jobs: Record<string, Job> }
    const rotation = parse(read('docs/workflows/rotate-service-account-key.yml')) as Workflow
    const [job] = Object.values(rotation.jobs)
    const step = job!.steps!.find((s) => s.with?.operation === 'rotate-service-account-key')!.with!
    expect(step['target-service-account-id']).toBeDefined()
    expect(step['service-account-id']).not.toBe(step['target-service-account-id'])
    expect(step['github-environment']).toBe(job!.environment)
    // PR-time jobs: those a pull request's events can start (every example's job, where the workflow listens to one).
    const prEvents = ['pull_request', 'pull_request_target', 'workflow_run', 'issue_comment']
    const prTimeJobs = SOURCES.filter((s) => s.name.startsWith('docs/workflows/'))
      .map((s) => parse(s.text) as Workflow)
      .filter((workflow) => prEvents.some((event) => event in workflow.on))
      .flatMap((workflow) => Object.values(workflow.jobs))
      .filter((prJob) => !/github\.event_name == 'push'$/.test(prJob.if?.trim() ?? ''))
    expect(prTimeJobs.length).toBeGreaterThan(0)
    const rotatorKey = step['service-account-key']!
    expect(prTimeJobs.map((prJob) => prJob.environment)).not.toContain(job!.environment)
    expect(prTimeJobs.filter((prJob) => JSON.stringify(prJob).includes(rotatorKey))).toEqual([])
  })
})

describe('the adoption workflow (docs/adoption.md)', () => {
  const EXPORT = read('docs/workflows/export-esvs.yml')
  type Step = { uses?: string; with?: Record<string, unknown> }
  type Job = { environment?: string; permissions?: Record<string, string>; concurrency?: { group?: string }; steps: Step[] }
  const workflow = parse(EXPORT) as { on: Record<string, unknown>; permissions?: object; jobs: Record<string, Job> }

  test('docs/adoption.md shows it as it is in docs/workflows', () => {
    expect(read('docs/adoption.md')).toContain(EXPORT)
  })

  test('it exports both files with a read-only account in its own environment, uploads them and opens a pull request', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch'])
    expect(workflow.permissions).toEqual({})
    const job = workflow.jobs.export!
    expect(job.environment).toBe('production-export')
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' })
    expect(job.concurrency?.group).toMatch(/^tenant-pilot-[a-z0-9-]+$/)
    const operations = job.steps.filter((step) => step.uses?.startsWith('tenant-pilot/')).map((step) => step.with?.operation)
    expect(operations).toEqual(['export-esvs', 'export-tenant-settings'])
    const paths = job.steps.filter((step) => step.uses?.startsWith('tenant-pilot/')).map((step) => step.with?.['output-file'])
    const pullRequest = job.steps.find((step) => step.uses?.startsWith('peter-evans/create-pull-request@'))
    expect(String(pullRequest?.with?.['add-paths']).trim().split('\n')).toEqual(paths)
    expect(job.steps.some((step) => step.uses?.startsWith('actions/upload-artifact@'))).toBe(true)
  })
})

describe('the checks can fail', () => {
  const GOOD = read('docs/workflows/promotion.yml')

  test('the good example passes, so each failure below is the change that makes it', () => {
    expect(securityProblems(source(GOOD))).toEqual([])
  })

  test('a job with tenant secrets and no environment', () => {
    expect(securityProblems(source(GOOD.replace('    environment: staging-dry-run\n', '')))).toEqual([
      'bad.yml: job dry-run reads secrets without an environment'
    ])
  })

  test('a privileged job that checks out the pull request head', () => {
    const checkout =
      '    steps:\n      - uses: actions/checkout@v6\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n'
    const bad = GOOD.replace(
      '    steps:\n      - uses: tenant-pilot/tenant-pilot@v0\n        with:\n          operation: dry-run-promote',
      `${checkout}      - uses: tenant-pilot/tenant-pilot@v0\n        with:\n          operation: dry-run-promote`
    )
    expect(bad).not.toBe(GOOD)
    expect(securityProblems(source(bad))).toEqual(["bad.yml: job dry-run reads secrets and checks out the pull request's code"])
  })

  test('a promote that may be cancelled, and a job with secrets and no job-level concurrency', () => {
    const cancellable = GOOD.replace(
      '      group: tenant-pilot-staging-promote\n      cancel-in-progress: false',
      '      group: tenant-pilot-staging-promote\n      cancel-in-progress: true'
    )
    expect(securityProblems(source(cancellable))).toEqual([
      'bad.yml: job promote promotes with cancel-in-progress other than false: a promotion must never be cancelled'
    ])
    const noGroup = GOOD.replace(/ {4}concurrency: # promotions[^\n]*\n {6}group: [^\n]*\n {6}cancel-in-progress: false\n/, '')
    expect(securityProblems(source(noGroup))).toEqual(['bad.yml: job promote reads secrets without a job-level concurrency group'])
    const shared = GOOD.replace('group: tenant-pilot-staging-promote', 'group: aic-promotion-staging')
    expect(securityProblems(source(shared))).toEqual([
      'bad.yml: job promote\'s concurrency group "aic-promotion-staging" is not tenant-pilot-<upper tenant>-promote or -dry-run-pr-<PR>'
    ])
  })

  test('a PR-triggered job without a fork guard, a trigger without paths, no permissions, an old major', () => {
    const bad = [
      'on:',
      '  pull_request:',
      '    branches: [main]',
      'jobs:',
      '  dry-run:',
      '    runs-on: ubuntu-latest',
      '    environment: staging-dry-run',
      '    concurrency:',
      '      group: tenant-pilot-staging-dry-run-pr-${{ github.event.pull_request.number }}',
      '      cancel-in-progress: false',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: tenant-pilot/tenant-pilot@v0',
      '        with:',
      '          operation: dry-run-promote',
      '          service-account-key: ${{ secrets.AIC_KEY }}',
      ''
    ].join('\n')
    expect(securityProblems(source(bad))).toEqual([
      'bad.yml: no explicit permissions (set them on the workflow or on every job)',
      'bad.yml: the pull_request trigger has no paths (or label) filter, so any change locks two environments',
      'bad.yml: job dry-run uses actions/checkout@v4; the current major is v6',
      'bad.yml: job dry-run can run on a pull request event without a fork guard (head repository == github.repository)'
    ])
  })

  test('the structure check refuses a job without runs-on and a step with both uses and run', () => {
    const bad = 'on: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@v6\n        run: echo\n'
    expect(structureProblems(source(bad))).toEqual(['bad.yml job a: no runs-on', 'bad.yml job a step 1: needs exactly one of uses and run'])
    expect(structureProblems(source('on: push\n'))).toEqual(['bad.yml: no jobs:'])
  })

  test('only yaml blocks with on: and jobs: count as workflows, each named by its line', () => {
    const markdown = 'x\n\n```yaml\nname: a\non: push\njobs:\n  a:\n    runs-on: x\n```\n\n```yaml\nkey: value\n```\n'
    expect(markdownWorkflows(markdown, 'docs/x.md').map((s) => [s.name, s.lineOffset])).toEqual([['docs/x.md:4', 3]])
  })
})
