/**
 * The named cases of "the gate holds under faults": each is a test in
 * __tests__/reliability/gate-*.test.ts through dist/index.js with its exact
 * fault, and docs/reliability.md lists them with the before and after.
 */
export interface GateCase {
  /** Stable id, used in the test's title: `[gate:lost-dry-run-start] …`. */
  id: string
  /** The section, e.g. "13.1". */
  section: string
  /** The fault, as injected. */
  fault: string
  /** What the action did before the fix, in one line. */
  before: string
  /** What it does now, in one line. */
  after: string
}

const cell = (text: string): string => text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')

/** The cases as docs/reliability.md lists them, in the order given. */
export function renderGateCases(cases: readonly GateCase[]): string {
  return [
    '| case | § | fault | before | now |',
    '| --- | --- | --- | --- | --- |',
    ...cases.map((c) => `| \`${c.id}\` | ${c.section} | ${cell(c.fault)} | ${cell(c.before)} | ${cell(c.after)} |`)
  ].join('\n')
}
