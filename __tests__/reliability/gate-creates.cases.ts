import type { GateCase } from './gate-cases.js'

/** Creates that are not idempotent (issue 13 §5): a lost answer is looked for, never sent twice blindly. */
export const GATE_CASES_CREATES: GateCase[] = [
  {
    id: 'late-api-client',
    section: '13.5',
    fault: 'POST /v1.0/apiclients answered after request-timeout and applied after the settle window',
    before: 'looked once, found nothing and sent the POST again: two API clients, two live secrets',
    after: 'looks over the settle window, sends nothing more, fails "outcome unknown"; the next run finds the client by name'
  },
  {
    id: 'late-certificate',
    section: '13.5',
    fault: 'POST /environment/certificates answered after request-timeout and applied after the settle window',
    before: 'looked once, found nothing and uploaded again: two copies of the certificate',
    after: 'looks over the settle window, uploads nothing more, fails "outcome unknown"; the next run plans it unchanged'
  },
  {
    id: 'late-csr',
    section: '13.5',
    fault: 'POST /environment/csrs answered after request-timeout and applied after the settle window',
    before: 'looked once, found nothing and sent the POST again: two CSRs, two key pairs',
    after: 'looks over the settle window, sends nothing more, fails "outcome unknown"; the next run hands out that open CSR'
  },
  {
    id: 'restart-409-on-resend',
    section: '13.5',
    fault: 'POST /environment/startup?_action=restart acted on, answer lost; the resend answers 409 "Restart already in progress"',
    before: 'the step failed with HTTP 409 while its own restart ran',
    after: 'the 409 counts as the restart running; the step waits for ready and succeeds'
  }
]
