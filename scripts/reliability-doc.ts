/**
 * Writes docs/reliability.md from the fault matrix in __tests__/reliability/matrix.ts:
 * the same data the reliability tests assert cell by cell. `npm run docs` runs it;
 * a unit test fails when the file is out of date.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { GATE_AREAS } from '../__tests__/reliability/gate-all.js'
import { renderGateCases } from '../__tests__/reliability/gate-cases.js'
import { renderMatrix } from '../__tests__/reliability/matrix.js'

export const RELIABILITY_DOC = fileURLToPath(new URL('../docs/reliability.md', import.meta.url))

export function renderReliabilityDoc(): string {
  return [
    '# Reliability',
    '',
    '<!-- Generated from __tests__/reliability/matrix.ts and gate-*.cases.ts by `npm run docs`; do not edit by hand. -->',
    '',
    'Every cell below is a test in `__tests__/reliability/` (`npm run test:reliability`, part of `npm test`): it',
    'runs the built `dist/index.js` the way the GitHub runner does against the tenant emulator with the fault',
    'injected, and asserts',
    '',
    '- the outcome shown: success, or exit 1 with one line that names the request and the cause;',
    '- that no create (a secret, a version, a lock, a run, an API client, a CSR) reached the tenant more often',
    '  than in a run without the fault, counted in the emulator’s request log;',
    '- that nothing is left locked once the `post:` step has run;',
    '- the intended end state of the tenant, after running the step again without the fault where the cell fails;',
    '- that no secret leaked into the logs, outputs, summary, PR comments or the servers’ logs.',
    '',
    'Each cell’s fault hits the named request only; retries use `retry-delay: 0.05`, and the slow answers',
    '`request-timeout: 1`. The test output prints the same matrix as observed.',
    '',
    '## Transport and authentication faults',
    '',
    renderMatrix(),
    '',
    '## The gate under faults',
    '',
    'Each case below is a test in `__tests__/reliability/gate-<area>.test.ts`, titled `[gate:<case>]`: the exact',
    'fault through `dist/index.js`, with what the action did before and what it does now.',
    '',
    ...GATE_AREAS.flatMap(({ title, cases }) => [`### ${title}`, '', renderGateCases(cases), '']),
    '## What the guarantees rest on',
    '',
    '- One HTTP layer (`src/http/client.ts`) retries 429, 502, 503, 504 and network errors with exponential',
    '  back-off and full jitter, honouring `Retry-After` (seconds or HTTP-date), 6 attempts within 2 minutes,',
    '  and refreshes the token once on a 401.',
    '- A request that is not idempotent is never repeated blindly: when its outcome is unknown (no answer, a',
    '  gateway status, a body that is not JSON) `sendOnce` looks at what it left behind (the versions, the lock',
    '  state, the run’s progress, the clients by name) repeatedly over a settle window (3 × request-timeout, at',
    '  least 10 s), since the tenant may apply it late. Still absent, it is sent again only where a duplicate is',
    '  harmless; an API client, a certificate or a CSR is never sent twice: the step fails with “outcome unknown”',
    '  and the next run looks first (by client name, certificate identity, open CSR with the same subject).',
    '- Every wait goes through one poller with a timeout input, which tolerates 3 consecutive transient failures.',
    '- A promotion operation saves the lock it holds; a `finally` and the `post:` step release it.',
    '- A rotation that stopped after making its version is resumed by the next run (`resume: true`).',
    '',
    '## Limits',
    '',
    '- A tenant that acts on a create after the settle window makes the step fail with “outcome unknown” (for',
    '  creates that must not be doubled) or, where a duplicate is harmless, may end with one; raise',
    '  `request-timeout` for slow tenants.',
    '- A rotation whose restart finished after the step timed out is not resumed by the next run: with the new',
    '  version loaded, the next run rotates again (the older versions are retired then).',
    '- The two `POST /repos/…` rows hit the emulated GitHub (ledger GH-38), not a tenant. GitHub answers some faults',
    '  its own way: its `retry-after` is seconds and a 429 without it is a secondary limit of at least a minute, waited',
    '  out within `github-rate-limit-timeout` (2 s in these cells, so they fail naming it); its token is given to the',
    '  step, not refreshed, so a lapsed one is a 401; and no endpoint issues it, so the two token-endpoint columns',
    '  cannot fire there: those cells are clean runs.',
    ''
  ].join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(RELIABILITY_DOC, renderReliabilityDoc())
  console.log(`wrote ${RELIABILITY_DOC}`)
}
