/**
 * The fault matrix as data: every operation (a row, named by the request the
 * faults hit) against every transport and auth fault (a column), with the
 * outcome each cell must have. The reliability tests run every cell through
 * dist/index.js and assert it; `npm run docs:reliability` renders the same
 * data into docs/reliability.md, and a unit test keeps that file current.
 */
import type { FaultRule, ServerName } from '../../emulator/index.js'

/** The request of a row that the column's fault hits. */
export interface Target {
  tenant: ServerName
  method: string
  path: string | RegExp
  /** Let this many matching requests through first (e.g. the check before the write). */
  after?: number
}

/** How the hit request behaves: one inside a bounded wait tolerates a few failures; a create is never made twice. */
export type TargetKind = 'write' | 'create' | 'read' | 'wait'

export interface RowSpec {
  id: string
  operation: string
  /** The request the faults hit, as the table shows it. */
  request: string
  kind: TargetKind
}

export const ROWS = [
  { id: 'restart', operation: 'restart', request: 'POST /environment/startup?_action=restart', kind: 'write' },
  { id: 'restart-poll', operation: 'restart', request: 'GET /environment/startup (the polls)', kind: 'wait' },
  { id: 'set-esvs', operation: 'set-esvs', request: 'PUT /environment/variables/{id}', kind: 'write' },
  { id: 'set-esvs-secret', operation: 'set-esvs', request: 'PUT /environment/secrets/{id} (a new secret)', kind: 'create' },
  { id: 'rotate-secret', operation: 'rotate-secret', request: 'POST /environment/secrets/{id}/versions?_action=create', kind: 'create' },
  { id: 'dry-run-promote', operation: 'dry-run-promote', request: 'POST /environment/promotion/lock', kind: 'create' },
  { id: 'promote', operation: 'promote', request: 'POST /environment/promotion/promote (the real run)', kind: 'create' },
  { id: 'promote-poll', operation: 'promote', request: 'GET /environment/promotion/promote (the polls)', kind: 'wait' },
  { id: 'rollback', operation: 'rollback', request: 'POST /environment/promotion/rollback', kind: 'create' },
  { id: 'promotion-report', operation: 'promotion-report', request: 'GET /environment/promotion/report/provisional', kind: 'read' },
  { id: 'unlock', operation: 'unlock', request: 'DELETE /environment/promotion/lock/{promotionId}', kind: 'wait' },
  { id: 'create-api-client', operation: 'create-api-client', request: 'POST /v1.0/apiclients', kind: 'create' },
  { id: 'set-tenant-settings', operation: 'set-tenant-settings', request: 'PUT /environment/{setting}', kind: 'write' },
  { id: 'create-csr', operation: 'create-csr', request: 'POST /environment/csrs', kind: 'create' },
  { id: 'complete-csr', operation: 'complete-csr', request: 'PATCH /environment/csrs/{id}', kind: 'write' },
  { id: 'export-esvs', operation: 'export-esvs', request: 'GET /environment/variables', kind: 'read' },
  { id: 'export-tenant-settings', operation: 'export-tenant-settings', request: 'GET /environment/cookie-domains', kind: 'read' },
  {
    id: 'create-service-account',
    operation: 'create-service-account',
    request: 'POST /openidm/managed/svcacct?_action=create',
    kind: 'create'
  },
  {
    id: 'rotate-service-account-key',
    operation: 'rotate-service-account-key',
    request: 'PATCH /openidm/managed/svcacct/{id} (the new key added)',
    kind: 'write'
  },
  {
    id: 'drift-issue',
    operation: 'set-esvs',
    request: 'POST /repos/{owner}/{repo}/issues (detect-drift: the drift issue)',
    kind: 'create'
  },
  {
    id: 'plan-apply',
    operation: 'set-esvs',
    request: "POST /repos/{owner}/{repo}/statuses/{sha} (an approved plan's apply, recorded before its first write)",
    kind: 'write'
  }
] as const satisfies readonly RowSpec[]

export type RowId = (typeof ROWS)[number]['id']

export interface FaultSpec {
  id: string
  label: string
  /** Inputs the fault needs, e.g. a short request-timeout for a slow answer. */
  inputs?: Record<string, string>
  /** The emulator rules for this fault at this target (`tokenPath`: the target server's token endpoint). */
  rules(target: Target, tokenPath: string): FaultRule[]
}

const at = (target: Target): Pick<FaultRule, 'tenant' | 'method' | 'path' | 'after'> => ({
  tenant: target.tenant,
  method: target.method,
  path: target.path,
  after: target.after ?? 0
})

/** Seconds every cell waits before its first retry: fast, with the policy's doubling and jitter intact. */
export const CELL_RETRY_DELAY = '0.01'

/**
 * Seconds every cell looks for a request whose answer was lost (settle-window): the emulator applies a request
 * at once or not at all (the slow fault sets a window of its own). The production window (three request-timeouts,
 * at least 10 s) is proven by __tests__/reliability/production-waits.slow.test.ts.
 */
export const CELL_SETTLE_WINDOW = '1'

export const FAULTS = [
  {
    id: 'retry-after-seconds',
    label: '429, Retry-After: 1',
    rules: (target) => [{ ...at(target), status: 429, retryAfter: '1', times: 1 }]
  },
  {
    id: 'retry-after-date',
    label: '429, Retry-After: HTTP-date',
    // Made when the rule is added: the date is a second or so ahead, as a real gateway writes it.
    rules: (target) => [{ ...at(target), status: 429, retryAfter: new Date(Date.now() + 1000).toUTCString(), times: 1 }]
  },
  { id: 'rate-limited', label: '429 ×2, no Retry-After', rules: (target) => [{ ...at(target), status: 429, times: 2 }] },
  { id: 'server-error', label: '500 ×1', rules: (target) => [{ ...at(target), status: 500, times: 1 }] },
  {
    id: 'bad-gateway',
    label: '502 ×1 (an HTML page)',
    rules: (target) => [{ ...at(target), status: 502, body: '<html><body>502 Bad Gateway</body></html>', times: 1 }]
  },
  { id: 'unavailable', label: '503 ×3', rules: (target) => [{ ...at(target), status: 503, times: 3 }] },
  { id: 'retries-exhausted', label: '504 past the retry budget', rules: (target) => [{ ...at(target), status: 504 }] },
  { id: 'reset', label: 'connection reset', rules: (target) => [{ ...at(target), drop: true, times: 1 }] },
  {
    id: 'answer-lost',
    label: 'reset after the tenant acted',
    rules: (target) => [{ ...at(target), handleThenDrop: true, times: 1 }]
  },
  {
    id: 'slow',
    label: 'slower than request-timeout (the tenant acts late)',
    // The tenant acts 2 s after the step gave up waiting: within the settle window (a create is found by its
    // look), and after a step that sent the request again has finished with it (a write's retry wins).
    inputs: { 'request-timeout': '1', 'settle-window': '4' },
    rules: (target) => [{ ...at(target), delayMs: 3000, times: 1 }]
  },
  {
    id: 'not-json',
    label: '200 with a body that is not JSON',
    rules: (target) => [{ ...at(target), status: 200, body: '<html>Sign in to continue</html>', times: 1 }]
  },
  { id: 'token-expired', label: 'token expires at this request', rules: (target) => [{ ...at(target), expireTokens: true, times: 1 }] },
  {
    id: 'token-busy',
    label: 'token endpoint 503 ×2',
    rules: (target, tokenPath) => [{ tenant: target.tenant, method: 'POST', path: tokenPath, status: 503, times: 2 }]
  },
  {
    id: 'token-down',
    label: 'token endpoint 500',
    rules: (target, tokenPath) => [{ tenant: target.tenant, method: 'POST', path: tokenPath, status: 500 }]
  }
] as const satisfies readonly FaultSpec[]

export type FaultId = (typeof FAULTS)[number]['id']

/** Rows whose create is never sent twice (a second API client, CSR or service account would be a duplicate). */
const NEVER_RESENT_ROWS: ReadonlySet<string> = new Set(['create-api-client', 'create-csr', 'create-service-account'])
/** Rows whose faults hit GitHub, not a tenant: its token is given to the step (no endpoint issues it), and it rate-limits its own way. */
const GITHUB_ROWS: ReadonlySet<string> = new Set(['drift-issue', 'plan-apply'])
/** Faults after which the tenant did not act and the client cannot know it: the look over the settle window finds nothing. */
const UNANSWERED_FAULTS: ReadonlySet<FaultId> = new Set(['bad-gateway', 'unavailable', 'retries-exhausted', 'reset', 'not-json'])

/** What a cell must end with: success, or exit 1 with one line matching `error`. */
export type Expectation =
  | { ok: true }
  | {
      ok: false
      error: RegExp
      cause: string
      /**
       * The error names a lock the step could not prove its own (the answer to its lock request was lost and
       * a lock appeared), which it leaves held: `unlock` with that promotion id comes before the rerun.
       */
      leavesNamedLock?: true
    }

const fails = (error: RegExp, cause: string): Expectation => ({ ok: false, error, cause })

const UNRECEIVED_LOCK: Expectation = {
  ok: false,
  error:
    /^The lock request got no answer, and now promotion \S+ holds the lock .*release it with the unlock operation and promotion-id: \S+$/,
  cause: 'the lock that appeared named and left alone; unlock with that id, then rerun',
  leavesNamedLock: true
}

/**
 * The outcome of one cell. Transient faults are survived everywhere; a fault
 * that outlasts the retries, or that retrying cannot fix, fails the step with
 * one line naming the request and the status.
 */
export function expectation(row: RowSpec, fault: FaultId): Expectation {
  const onGitHub = GITHUB_ROWS.has(row.id) ? githubExpectation(fault) : undefined
  if (onGitHub) return onGitHub
  // A create that must not be doubled is never sent twice: when no answer came and the settle window finds nothing, the step stops.
  if (NEVER_RESENT_ROWS.has(row.id) && UNANSWERED_FAULTS.has(fault))
    return fails(/outcome unknown .*The next run looks for it first/, 'outcome unknown named; not sent twice; the rerun looks first')
  switch (fault) {
    case 'answer-lost':
    case 'slow':
      // The lock request took effect but its answer never came: a lock whose id the step did not receive is never adopted.
      return row.id === 'dry-run-promote' ? UNRECEIVED_LOCK : { ok: true }
    case 'server-error':
      // A 500 is no transient answer for a single request; a wait takes it as one of its tolerated failures.
      return row.kind === 'wait' ? { ok: true } : fails(/failed with HTTP 500/, 'HTTP 500 named')
    case 'retries-exhausted':
      return fails(/HTTP 504/, 'HTTP 504 named')
    case 'token-down':
      return fails(/token failed with HTTP 500/, 'token endpoint named')
    default:
      return { ok: true }
  }
}

/** Where GitHub answers a fault otherwise than a tenant; undefined where it answers alike. */
function githubExpectation(fault: FaultId): Expectation | undefined {
  switch (fault) {
    case 'retry-after-date':
    case 'rate-limited':
      // GitHub's retry-after is seconds; a 429 without it is a secondary limit, at least a minute: past the cells' github-rate-limit-timeout.
      return fails(/github-rate-limit-timeout/, 'GitHub’s minute named, with the input to raise')
    case 'token-expired':
      return fails(/HTTP 401/, 'the lapsed GitHub token named (it is given to the step, not refreshed)')
    case 'token-busy':
    case 'token-down':
      // No endpoint issues the GitHub token: the fault never fires, and the cell is a clean run.
      return { ok: true }
    default:
      return undefined
  }
}

/** Faults beyond the transport: each a single case of one operation. */
export interface SpecialCase {
  id: string
  row: RowId
  label: string
  expected: Expectation
}

export const SPECIAL_CASES = [
  {
    id: 'restart-stuck',
    row: 'restart',
    label: 'restart stuck in `restarting` past restart-timeout',
    expected: fails(/^Timed out after .* waiting for the restart/, 'timeout named, with the input to raise')
  },
  {
    id: 'restart-refused',
    row: 'restart',
    label: 'restart refused to start (HTTP 400)',
    expected: fails(/POST \/environment\/startup failed with HTTP 400/, 'the refusal named')
  },
  {
    id: 'esv-restart-stuck',
    row: 'set-esvs',
    label: 'restart after the writes stuck past restart-timeout',
    expected: fails(/^Timed out after .* waiting for the restart/, 'timeout named; a rerun restarts for the pending ESVs')
  },
  {
    id: 'rotation-restart-refused',
    row: 'rotate-secret',
    label: 'restart after the new version refused (HTTP 400)',
    expected: fails(/HTTP 400/, 'refusal named; a rerun resumes without a second version')
  },
  {
    id: 'rotation-restart-stuck',
    row: 'rotate-secret',
    label: 'restart after the new version stuck past restart-timeout',
    expected: fails(/Timed out after .* waiting for the restart/, 'timeout named; a rerun resumes without a second version')
  },
  {
    id: 'promotion-error',
    row: 'promote',
    label: 'promotion ends in `ERROR` with `blockingError`',
    expected: fails(/^The promotion ended in ERROR: /, 'the tenant’s message named; unlocked')
  },
  {
    id: 'dry-run-error',
    row: 'dry-run-promote',
    label: 'dry run ends in `ERROR` with `blockingError`',
    expected: fails(/^The dry run ended in ERROR: /, 'the tenant’s message named; unlocked')
  },
  {
    id: 'rollback-error',
    row: 'rollback',
    label: 'rollback ends in `ERROR` with `blockingError`',
    expected: fails(/^The rollback ended in ERROR: /, 'the tenant’s message named; unlocked')
  },
  {
    id: 'lock-stuck',
    row: 'dry-run-promote',
    label: 'lock stuck in `locking` past promotion-timeout',
    expected: fails(/^Timed out after .* waiting for the lock/, 'timeout named; the post step unlocks')
  },
  {
    id: 'lock-conflict',
    row: 'dry-run-promote',
    label: '409 on lock',
    expected: fails(/POST \/environment\/promotion\/lock failed with HTTP 409/, 'the conflict named; nothing held')
  },
  {
    id: 'promote-conflict',
    row: 'promote',
    label: '409 on promote',
    expected: fails(/POST \/environment\/promotion\/promote failed with HTTP 409/, 'the conflict named; unlocked')
  },
  {
    id: 'unlock-conflict',
    row: 'dry-run-promote',
    label: '409 on unlock, three times',
    expected: { ok: true }
  },
  {
    id: 'unlock-conflict-persistent',
    row: 'unlock',
    label: '409 on unlock past promotion-timeout',
    expected: fails(/409|Timed out/, 'the conflict named; the lock is left to its owner')
  }
] as const satisfies readonly SpecialCase[]

/** Stages of the long operations at which the runner's cancellation (SIGINT, then SIGTERM) may land. */
export interface InterruptCase {
  id: string
  row: RowId
  stage: string
  /** The log line after which the step is killed. */
  when: RegExp
}

export const INTERRUPT_SIGNALS = ['SIGTERM', 'SIGINT'] as const

export const INTERRUPT_CASES = [
  { id: 'restart-waiting', row: 'restart', stage: 'waiting for the restart', when: /Waiting for the restart: restarting/ },
  { id: 'esv-writing', row: 'set-esvs', stage: 'writing ESVs', when: /Plan for / },
  { id: 'esv-restarting', row: 'set-esvs', stage: 'waiting for the restart', when: /Waiting for the restart: restarting/ },
  { id: 'rotation-created', row: 'rotate-secret', stage: 'after the new version, before the restart', when: /Created version \d+/ },
  { id: 'rotation-restarting', row: 'rotate-secret', stage: 'waiting for the restart', when: /Waiting for the restart: restarting/ },
  { id: 'dry-run-locking', row: 'dry-run-promote', stage: 'locking', when: /Waiting for the lock: locking/ },
  { id: 'dry-run-running', row: 'dry-run-promote', stage: 'dry run running', when: /Waiting for the dry run: RUNNING/ },
  { id: 'dry-run-unlocking', row: 'dry-run-promote', stage: 'unlocking', when: /Waiting for the unlock: unlocking/ },
  { id: 'promote-dry-run', row: 'promote', stage: 'its dry run running', when: /Waiting for the dry run: RUNNING/ },
  { id: 'promote-running', row: 'promote', stage: 'promotion running', when: /Waiting for the promotion: RUNNING/ },
  { id: 'rollback-running', row: 'rollback', stage: 'rollback running', when: /Waiting for the rollback: RUNNING/ }
] as const satisfies readonly InterruptCase[]

const mark = (expected: Expectation): string => (expected.ok ? '✅' : expected.leavesNamedLock ? '❌¹' : '❌')

/** The matrix as Markdown: operation × fault, then the operation-specific faults and the interrupts. */
export function renderMatrix(): string {
  const header = ['operation', 'request hit', ...FAULTS.map((fault) => fault.label)]
  const rows = ROWS.map((row) => [`\`${row.operation}\``, `\`${row.request}\``, ...FAULTS.map((f) => mark(expectation(row, f.id)))])
  const specials = SPECIAL_CASES.map((c) => {
    const row = ROWS.find((r) => r.id === c.row)!
    return [`\`${row.operation}\``, c.label, c.expected.ok ? '✅ success after retries' : `❌ exit 1: ${c.expected.cause}`]
  })
  const interrupts = INTERRUPT_CASES.map((c) => {
    const row = ROWS.find((r) => r.id === c.row)!
    return [`\`${row.operation}\``, c.stage, INTERRUPT_SIGNALS.join(', '), interruptGuarantee(row.operation)]
  })
  return [
    table(header, rows),
    '',
    '✅ the step succeeds after retries, with the intended end state and no write made twice. ' +
      '❌ the step exits 1 with one line naming the request and the status; nothing is left locked, and running the ' +
      'step again without the fault reaches the intended end state.',
    '',
    '¹ The lock request took effect but its answer never came: the step never received the promotion id of the lock ' +
      'that appeared, so it does not take it as its own; it fails naming that id and leaves the lock alone. `unlock` ' +
      'with that `promotion-id` releases it; then running the step again reaches the intended end state.',
    '',
    '### Operation-specific faults',
    '',
    table(['operation', 'fault', 'outcome'], specials),
    '',
    '### Cancellation',
    '',
    'The step is killed at each stage, then the `post:` step runs with its saved state, as the runner does after a cancelled job.',
    '',
    table(['operation', 'killed while', 'signals', 'afterwards'], interrupts)
  ].join('\n')
}

export function interruptGuarantee(operation: string): string {
  switch (operation) {
    case 'restart':
      return 'the tenant finishes its restart; a rerun waits for it'
    case 'set-esvs':
      return 'a rerun applies what is left and restarts once'
    case 'rotate-secret':
      return 'a rerun resumes: no second version'
    default:
      return 'the post step releases the lock'
  }
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
