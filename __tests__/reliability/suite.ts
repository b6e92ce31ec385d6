/**
 * Declares the fault-matrix tests of some rows, one test per cell, and prints
 * the rows' part of the matrix (as observed) when the file's tests are done.
 */
import { afterAll, describe, test } from '@jest/globals'
import { runCell, type CellOutcome } from './cell.js'
import { expectation, FAULTS, ROWS, type RowId } from './matrix.js'
import { SCENARIOS, tokenPath } from './scenarios.js'

/**
 * A cell takes seconds (retry delays, restarts, the rerun), nearly all of it waiting on the emulator's timers
 * and the step's: each has its own emulator, so a file runs several side by side (jest's maxConcurrency).
 */
const CELL_TIMEOUT_MS = 90_000

export function describeFaultMatrix(rowIds: RowId[]): void {
  const observed = new Map<string, CellOutcome>()
  const rows = ROWS.filter((row) => rowIds.includes(row.id))

  describe.each(rows.map((row) => [`${row.operation} · ${row.request}`, row] as const))('%s', (_name, row) => {
    const scenario = SCENARIOS[row.id]
    test.concurrent.each(FAULTS.map((fault) => [fault.label, fault] as const))(
      '× %s',
      async (_label, fault) => {
        const outcome = await runCell({
          row: row.id,
          expected: expectation(row, fault.id),
          rules: fault.rules(scenario.target, tokenPath(scenario.target.tenant)),
          inputs: 'inputs' in fault ? fault.inputs : undefined
        })
        observed.set(`${row.id}/${fault.id}`, outcome)
      },
      CELL_TIMEOUT_MS
    )
  })

  afterAll(() => {
    const header = `| operation · request | ${FAULTS.map((f) => f.label).join(' | ')} |`
    const lines = rows.map((row) => {
      const cells = FAULTS.map((fault) => {
        const outcome = observed.get(`${row.id}/${fault.id}`)
        return outcome === undefined ? '…' : outcome === 'success' ? '✅' : '❌'
      })
      return `| ${row.operation} · ${row.request} | ${cells.join(' | ')} |`
    })
    process.stdout.write(
      `\nFault matrix (observed; ✅ succeeded after retries, ❌ failed cleanly, … did not finish):\n${[header, ...lines].join('\n')}\n`
    )
  })
}
