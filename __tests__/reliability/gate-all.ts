/**
 * Every named case of "the gate holds under faults", area by area, for docs/reliability.md. Each area's
 * tests (gate-<area>.test.ts) run its cases through dist/index.js; a unit test checks every case has one.
 */
import { GATE_CASES_APPROVAL } from './gate-approval.cases.js'
import type { GateCase } from './gate-cases.js'
import { GATE_CASES_CREATES } from './gate-creates.cases.js'
import { GATE_CASES_PROMOTION } from './gate-promotion.cases.js'
import { GATE_CASES_TRANSPORT } from './gate-transport.cases.js'

export const GATE_AREAS: readonly { area: string; title: string; cases: readonly GateCase[] }[] = [
  { area: 'promotion', title: 'Runs and locks (13.1, 13.3)', cases: GATE_CASES_PROMOTION },
  { area: 'approval', title: 'Approvals (13.2)', cases: GATE_CASES_APPROVAL },
  { area: 'transport', title: 'Echoed secrets, answers that never finish, bytes (13.4, 13.6, 13.7)', cases: GATE_CASES_TRANSPORT },
  { area: 'creates', title: 'Creates that are not idempotent (13.5)', cases: GATE_CASES_CREATES }
]
