/**
 * No documented workflow lacks a scenario: every workflow of README.md, docs/*.md, docs/workflows and
 * .github/workflows (scripts/workflows.ts) is run by the scenario file named here, which names it by its key
 * (helpers/documented.ts) and has a describe or test title "on <event>" for each event the workflow declares.
 * A workflow added to the docs without one fails here.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { parse } from 'yaml'
import { documentedWorkflows, ROOT } from './helpers/documented.js'

/** Scenario files, under __tests__/workflows/scenarios, by the key of the workflow they run. */
const SCENARIOS: Readonly<Record<string, string>> = {
  'docs/workflows/promotion.yml': 'promotion.test.ts',
  'docs/workflows/promotion-request.yml': 'promotion.test.ts',
  '.github/workflows/promotion-gate.yml': 'promotion-gate.test.ts',
  'docs/promotions.md#tenant-pilot promotion': 'promotion-gate.test.ts',
  'docs/fleet.md#tenant-pilot fleet promotion': 'fleet.test.ts',
  'docs/workflows/promotion-simple.yml': 'promotion-simple.test.ts',
  'docs/workflows/promotion-skip-if-unchanged.yml': 'promotion-simple.test.ts',
  'docs/workflows/esv-plan.yml': 'plans.test.ts',
  'docs/workflows/drift-nightly.yml': 'drift.test.ts',
  'docs/workflows/rotate-service-account-key.yml': 'rotation.test.ts',
  'docs/workflows/export-esvs.yml': 'export.test.ts',
  'docs/workflows/esv-sync-keep-versions.yml': 'keep-versions.test.ts',
  'docs/esvs.md#sync ESVs': 'sync.test.ts',
  'docs/tenant-settings.md#tenant settings': 'sync.test.ts',
  'docs/restart.md#restart tenant': 'single-operations.test.ts',
  'docs/rotation.md#rotate webhook HMAC key': 'single-operations.test.ts',
  "docs/api-clients.md#provision the CRM integration's API client": 'single-operations.test.ts'
}

/** The project's own CI, not examples: GitHub runs them on every push and tag, and ci.yml's pr-gate job runs the action. */
const NOT_EXAMPLES: Readonly<Record<string, string>> = {
  '.github/workflows/ci.yml': 'the project’s CI (bash .ci/run, the emulator started in the background)',
  '.github/workflows/release.yml': 'the release of a tag (gh release, git push of the major tag)'
}

function eventsOf(text: string): string[] {
  const on = (parse(text) as { on: unknown }).on
  if (typeof on === 'string') return [on]
  if (Array.isArray(on)) return on.map(String)
  return Object.keys(on as object)
}

/** What is missing for a workflow: no scenario file, a file that does not name it, or an event without a title. */
function scenarioProblems(
  key: string,
  text: string,
  scenarios: Readonly<Record<string, string>>,
  read: (file: string) => string
): string[] {
  if (key in NOT_EXAMPLES) return []
  const file = scenarios[key]
  if (file === undefined) return [`${key}: no scenario (add one under __tests__/workflows/scenarios and list it in coverage.test.ts)`]
  const scenario = read(file)
  const problems: string[] = []
  if (!scenario.includes(`'${key}'`) && !scenario.includes(`"${key}"`)) problems.push(`${key}: ${file} does not name it`)
  const titles = [...scenario.matchAll(/(?:describe|test)(?:\.each\([^)]*\))?\(\s*(['"`])(.*?)\1/g)].map((match) => match[2]!)
  for (const event of eventsOf(text)) {
    if (!titles.some((title) => new RegExp(`\\bon\\b[^:]*\\b${event}\\b`).test(title)))
      problems.push(`${key}: ${file} has no "on ${event}" title`)
  }
  return problems
}

const readScenario = (file: string) => readFileSync(join(ROOT, '__tests__/workflows/scenarios', file), 'utf8')

describe('every documented workflow is a scenario test', () => {
  const workflows = documentedWorkflows()

  test('the documented workflows are found, the ones that are not examples named with their reason', () => {
    expect(workflows.length).toBeGreaterThan(20)
    expect(workflows.map((w) => w.key)).toEqual(expect.arrayContaining(Object.keys(NOT_EXAMPLES)))
  })

  test.each(workflows.map((workflow) => [workflow.source.name, workflow] as const))(
    '%s has a scenario for each event it declares',
    (_name, workflow) => {
      expect(scenarioProblems(workflow.key, workflow.source.text, SCENARIOS, readScenario)).toEqual([])
    }
  )

  test('every listed scenario is of a workflow the docs still have', () => {
    const keys = new Set(workflows.map((w) => w.key))
    expect(Object.keys(SCENARIOS).filter((key) => !keys.has(key))).toEqual([])
  })
})

describe('the coverage check can fail', () => {
  const text = 'name: new\non:\n  push:\n  schedule:\n    - cron: "0 0 * * *"\njobs: {}\n'
  test('a workflow added to the docs without a scenario', () => {
    expect(scenarioProblems('docs/new.md#new', text, SCENARIOS, readScenario)).toEqual([
      'docs/new.md#new: no scenario (add one under __tests__/workflows/scenarios and list it in coverage.test.ts)'
    ])
  })
  test('a scenario that does not name the workflow, or misses one of its events', () => {
    const scenario = "describe('on push', () => { test('runs', () => {}) })"
    expect(scenarioProblems('docs/new.md#new', text, { 'docs/new.md#new': 'x.test.ts' }, () => scenario)).toEqual([
      'docs/new.md#new: x.test.ts does not name it',
      'docs/new.md#new: x.test.ts has no "on schedule" title'
    ])
  })
})
