/**
 * Runs one cell of the fault matrix through dist/index.js and asserts what the
 * matrix promises: the expected outcome in one clear line, no create made more
 * often than a clean run makes it, nothing left locked, no secret leaked, and
 * the intended end state (after a rerun without the fault, when the cell fails).
 */
import { expect } from '@jest/globals'
import type { FaultRule, RequestLogEntry } from '../../emulator/index.js'
import { errorLines, type ActionRun, type StepRun } from '../../tools/local-runner.js'
import { startE2e, type E2eContext } from '../helpers/e2e.js'
import type { Expectation, RowId } from './matrix.js'
import { handled, SCENARIOS, type Scenario } from './scenarios.js'

export interface CellOptions {
  row: RowId
  expected: Expectation
  /** The fault: emulator rules, and changes to the tenant (a stuck restart, a lock that never settles). */
  rules?: FaultRule[]
  arrange?: (e2e: E2eContext) => void
  /** Inputs of the faulty run only, e.g. a short timeout. */
  inputs?: Record<string, string>
  /** Between main and the post step of the faulty run, as the runner's time passes (e.g. a stuck lock settles). */
  beforePost?: (e2e: E2eContext) => void
  /** Lets the tenant recover between the faulty run and the rerun (e.g. a stuck restart ends). */
  recover?: (e2e: E2eContext) => void
  /** Further checks of the faulty run, with the tenant as it left it (e.g. how long a wait took, by its log). */
  inspect?: (run: ActionRun, e2e: E2eContext) => void
}

export type CellOutcome = 'success' | 'failure'

/** How many creates a clean run of each scenario makes: the ceiling for a run under faults (cells running side by side share it). */
const cleanCreates = new Map<RowId, Promise<number>>()

export function cleanRunCreates(row: RowId): Promise<number> {
  let known = cleanCreates.get(row)
  if (!known) {
    known = countCleanRunCreates(row)
    cleanCreates.set(row, known)
  }
  return known
}

async function countCleanRunCreates(row: RowId): Promise<number> {
  const scenario = SCENARIOS[row]
  const e2e = await startScenario(scenario)
  try {
    const run = await runScenario(e2e, scenario)
    expect(run.main.exitCode).toBe(0)
    scenario.verify(e2e.emulator, run)
    return countCreates(scenario, e2e.emulator.log)
  } finally {
    await e2e.close()
  }
}

export async function runCell(options: CellOptions): Promise<CellOutcome> {
  const scenario = SCENARIOS[options.row]
  const ceiling = await cleanRunCreates(options.row)
  const e2e = await startScenario(scenario)
  try {
    for (const rule of options.rules ?? []) e2e.emulator.fault(rule)
    options.arrange?.(e2e)
    const first = await runScenario(e2e, scenario, options.inputs, { beforePost: () => options.beforePost?.(e2e) })
    const outcome: CellOutcome = first.main.exitCode === 0 ? 'success' : 'failure'
    expectOutcome(first.main, options.expected)
    options.inspect?.(first, e2e)
    expect(countCreates(scenario, e2e.emulator.log)).toBeLessThanOrEqual(ceiling)
    const namedLock = !options.expected.ok && options.expected.leavesNamedLock ? unreceivedLockId(first.main) : undefined
    if (scenario.locks) {
      expectCleanPost(first)
      if (namedLock) expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId: namedLock })
      else expectNothingLocked(e2e)
    }

    let last = first
    if (!options.expected.ok) {
      // Loses nothing: the same step run again on a healthy tenant reaches the intended end state.
      e2e.emulator.clearFaults()
      options.recover?.(e2e)
      if (namedLock) await releaseNamedLock(e2e, scenario, namedLock)
      last = await runScenario(e2e, scenario)
      expectOutcome(last.main, { ok: true })
    }
    scenario.verify(e2e.emulator, last)
    return outcome
  } finally {
    await e2e.close()
  }
}

/** The promotion id the error names as the lock the step could not prove its own. */
function unreceivedLockId(step: StepRun): string {
  const id = /promotion-id: (\S+)$/.exec(errorLines(step)[0] ?? '')?.[1]
  expect(id).toBeDefined()
  return id!
}

/** What the error tells the user to do: `unlock` with the named promotion id, through dist like any step. */
async function releaseNamedLock(e2e: E2eContext, scenario: Scenario, promotionId: string): Promise<void> {
  const { inputs } = scenario.run(e2e.emulator)
  const unlocked = await e2e.run({ inputs: { ...inputs, operation: 'unlock', 'promotion-id': promotionId } })
  expectOutcome(unlocked.main, { ok: true })
  expectNothingLocked(e2e)
}

/** A fresh emulator with the scenario's tenant set up, its set-up requests cleared from the log. */
export async function startScenario(scenario: Scenario): Promise<E2eContext> {
  const e2e = await startE2e(scenario.start)
  try {
    await scenario.setup?.(e2e.emulator)
  } catch (error) {
    await e2e.close()
    throw error
  }
  e2e.emulator.log.length = 0
  return e2e
}

export function runScenario(
  e2e: E2eContext,
  scenario: Scenario,
  inputs: Record<string, string> = {},
  extra: Partial<Parameters<E2eContext['run']>[0]> = {}
): Promise<ActionRun> {
  const { extraSecrets, secretOutputs, ...options } = scenario.run(e2e.emulator)
  return e2e.run({
    ...options,
    inputs: { ...options.inputs, ...inputs },
    extraSecrets,
    leakScan: { secretOutputs },
    post: scenario.locks === true,
    ...extra
  })
}

function countCreates(scenario: Scenario, log: RequestLogEntry[]): number {
  return scenario.creates ? log.filter((entry) => scenario.creates!(entry) && handled(entry)).length : 0
}

/** Success without an error line, or exit 1 with exactly one line that names the cause. */
export function expectOutcome(step: StepRun, expected: Expectation): void {
  const errors = errorLines(step)
  if (expected.ok) {
    expect({ exitCode: step.exitCode, errors }).toEqual({ exitCode: 0, errors: [] })
    return
  }
  expect({ exitCode: step.exitCode, errors: errors.length }).toEqual({ exitCode: 1, errors: 1 })
  expect(errors[0]).toMatch(expected.error)
  // One line, or one headline over a list of the items that failed, one line each.
  const [, ...items] = errors[0]!.split('\n')
  for (const item of items) expect(item).toMatch(/^ {2}- \S/)
}

/** The post step ran and neither failed nor reported an error. */
export function expectCleanPost(run: ActionRun): void {
  expect(run.post?.exitCode).toBe(0)
  expect(run.post ? errorLines(run.post) : []).toEqual([])
}

/** No lock is held (or being taken) on the tenant pair. */
export function expectNothingLocked(e2e: E2eContext): void {
  expect(e2e.emulator.promotion.lockState().result).not.toMatch(/^(locked|locking)$/)
}
