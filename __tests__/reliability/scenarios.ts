/**
 * One scenario per row of the fault matrix: how to set the tenant up, how to
 * run the operation, which request the faults hit, and the end state a
 * successful run must leave. Shared by the fault, special-case and
 * interrupt tests.
 */
import { createPublicKey } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { expect } from '@jest/globals'
import type { Emulator, MergePush, RequestLogEntry, ServerName, StartOptions } from '../../emulator/index.js'
import { buildCertificate, selfSignedCertificate } from '../../emulator/x509.js'
import { cleanup, runAction, type ActionRun, type RunOptions } from '../../tools/local-runner.js'
import { call, tokenFor } from '../emulator/client.js'
import { connectionInputs, FAST_WAITS, UNREVIEWED_APPLY } from '../helpers/e2e.js'
import { approveAndMerge, ON_PULL_REQUEST, onPush, PR } from '../helpers/promotion.js'
import { CELL_RETRY_DELAY, CELL_SETTLE_WINDOW, type RowId, type Target } from './matrix.js'

export interface ScenarioRun extends Omit<RunOptions, 'inputs'> {
  inputs: Record<string, string>
  extraSecrets?: string[]
  secretOutputs?: string[]
}

export interface Scenario {
  start?: StartOptions
  /** Tenant state before the run; may call the emulator (its requests are cleared from the log afterwards). */
  setup?(emulator: Emulator): Promise<void> | void
  run(emulator: Emulator): ScenarioRun
  target: Target
  /** A promotion operation: the post step runs after main, and nothing may stay locked. */
  locks?: boolean
  /** Requests that create something: under a fault, a run makes no more of them than a clean run does. */
  creates?: (entry: RequestLogEntry) => boolean
  /** The end state of a successful run (the last of the cell's runs). */
  verify(emulator: Emulator, run: ActionRun): void
}

const base = (emulator: Emulator): Record<string, string> => ({
  ...connectionInputs(emulator),
  ...FAST_WAITS,
  'retry-delay': CELL_RETRY_DELAY,
  'settle-window': CELL_SETTLE_WINDOW,
  // A request the emulator holds fails after 3 s, not the default minute.
  'request-timeout': '3'
})

/** The token endpoint a fault on this server's token requests hits. */
export function tokenPath(server: ServerName): string {
  return server === 'identity' ? '/v1.0/endpoint/default/token' : '/am/oauth2/access_token'
}

/** A request the server acted on with success, whether or not its client saw the answer (not an injected answer). */
export function handled(entry: RequestLogEntry): boolean {
  return entry.status >= 200 && entry.status < 400 && !(entry.fault?.includes('status') ?? false)
}

const decode = (base64: string | null | undefined): string => Buffer.from(base64 ?? '', 'base64').toString('utf8')

// ---- set-esvs ---------------------------------------------------------------------------------------

const NEW_SECRET = 'reliability-new-secret-value-7Qx'
const SERVICE_ACCOUNT_NAME = 'reliability-ci-reader'
const ESV_FILE = `
variables:
  esv-api-base-url:
    value: https://api.changed.example
  esv-reliability-url:
    value: https://reliability.example
  esv-reliability-flags:
    type: object
    value: { retries: 3 }
secrets:
  esv-reliability-secret:
    value-from-env: NEW_SECRET
`

function verifyEsvs(emulator: Emulator): void {
  const { variables, secrets } = emulator.upper.state
  expect(decode(variables.get('esv-api-base-url')?.valueBase64)).toBe('https://api.changed.example')
  expect(decode(variables.get('esv-reliability-url')?.valueBase64)).toBe('https://reliability.example')
  expect(JSON.parse(decode(variables.get('esv-reliability-flags')?.valueBase64))).toEqual({ retries: 3 })
  const secret = secrets.get('esv-reliability-secret')
  expect(secret?.versions.map((v) => decode(v.valueBase64))).toEqual([NEW_SECRET])
  for (const id of ['esv-api-base-url', 'esv-reliability-url', 'esv-reliability-flags']) expect(variables.get(id)?.loaded).toBe(true)
  expect(secret?.loadedVersion).toBe(secret?.activeVersion)
}

const setEsvsScenario: Omit<Scenario, 'target'> = {
  start: { restartMs: 150 },
  run: (emulator) => ({
    inputs: { operation: 'set-esvs', 'esv-file': 'esvs/prod.yaml', ...base(emulator), ...UNREVIEWED_APPLY },
    files: { 'esvs/prod.yaml': ESV_FILE },
    env: { NEW_SECRET },
    extraSecrets: [NEW_SECRET]
  }),
  creates: (entry) => entry.method === 'PUT' && entry.path.startsWith('/environment/secrets/'),
  verify: verifyEsvs
}

const restartScenario: Omit<Scenario, 'target'> = {
  start: { restartMs: 150 },
  run: (emulator) => ({ inputs: { operation: 'restart', ...base(emulator) } }),
  verify: (emulator, run) => {
    expect(run.main.outputs['restart-status']).toBe('ready')
    expect(emulator.upper.state.restart.completed).toBeGreaterThanOrEqual(1)
  }
}

// ---- rotate-secret ----------------------------------------------------------------------------------

const ROTATED = 'esv-smtp-password'
/** Versions of the seed's secret before the rotation. */
const ROTATED_VERSIONS = 2

function verifyRotation(emulator: Emulator): void {
  const secret = emulator.upper.state.secrets.get(ROTATED)!
  expect(secret.versions.map((v) => v.version)).toEqual([1, 2, 3])
  expect(secret.activeVersion).toBe(ROTATED_VERSIONS + 1)
  expect(secret.loadedVersion).toBe(ROTATED_VERSIONS + 1)
  expect(secret.versions.find((v) => v.version === 1)?.status).toBe('DISABLED')
}

// ---- promotions -------------------------------------------------------------------------------------

const promotionInputs = (emulator: Emulator, operation: string, extra: Record<string, string> = {}): Record<string, string> => ({
  operation,
  ...base(emulator),
  comment: 'false',
  ...extra
})

const promotionStart: StartOptions = { promotionLockMs: 60, promotionRunMs: 200 }

const configNames = (emulator: Emulator, tenant: 'lower' | 'upper'): string[] =>
  [...emulator.promotion.config(tenant).values()].map((entry) => entry.name).sort()

const lockFree = (emulator: Emulator): void => expect(emulator.promotion.lockState().result).toBe('unlocked')

const realRuns = (emulator: Emulator, type: 'promotion' | 'rollback') =>
  emulator.promotion.runs.filter((run) => !run.dryRun && run.type === type && run.status === 'READY')

/** promote without a PR: its dry run, then exactly one real promotion of the lower config. */
const promoteScenario: Omit<Scenario, 'target'> = {
  start: promotionStart,
  locks: true,
  run: (emulator) => ({ inputs: promotionInputs(emulator, 'promote', { 'require-approval': 'false' }) }),
  creates: (entry) => entry.method === 'POST' && entry.path === '/environment/promotion/promote',
  verify: (emulator) => {
    expect(realRuns(emulator, 'promotion')).toHaveLength(1)
    expect(configNames(emulator, 'upper')).toEqual(configNames(emulator, 'lower'))
    lockFree(emulator)
  }
}

// ---- API clients and certificates ------------------------------------------------------------------

const CLIENT_NAME = 'crm-sync'

/** Made once per test file: key generation is the slow part. */
let certificateAuthority: ReturnType<typeof selfSignedCertificate> | undefined
const ca = () => (certificateAuthority ??= selfSignedCertificate({ commonName: 'Reliability CA', algorithm: 'ecdsa' }))

// ---- GitHub writes: the drift issue, an approved plan's apply ----------------------------------------

/** GitHub's own rate limits (a minute without a time) are waited out within this: a cell never waits a minute. */
const GITHUB_WAITS = { 'github-rate-limit-timeout': '2' }

const esvFileRun = (emulator: Emulator, inputs: Record<string, string>): ScenarioRun => ({
  inputs: {
    operation: 'set-esvs',
    'esv-file': 'esvs/prod.yaml',
    'github-token': emulator.github.token,
    ...GITHUB_WAITS,
    ...base(emulator),
    ...inputs
  },
  files: { 'esvs/prod.yaml': ESV_FILE },
  env: { NEW_SECRET },
  extraSecrets: [NEW_SECRET]
})

/** The merge each plan-apply scenario's plan was approved and merged by (its push is the apply's event). */
const approvedPlanPushes = new WeakMap<Emulator, MergePush>()

/** The plan on the pull request, reviewed after it, and merged: what an apply on the push is held to. */
async function approvePlan(emulator: Emulator): Promise<void> {
  const { extraSecrets: _secrets, ...plan } = esvFileRun(emulator, { 'dry-run': 'true' })
  const planned = await runAction({ ...plan, ...ON_PULL_REQUEST, env: { ...plan.env, GITHUB_API_URL: emulator.github.url } })
  try {
    expect(planned.main.exitCode).toBe(0)
  } finally {
    cleanup(planned)
  }
  approvedPlanPushes.set(emulator, approveAndMerge(emulator))
}

const SETTINGS_FILE = `
cookie-domains: [acme.example, id.acme.example]
federation-enforcement: all
sso-cookie: { name: acmeSession }
`

export const SCENARIOS: Record<RowId, Scenario> = {
  restart: { ...restartScenario, target: { tenant: 'upper', method: 'POST', path: '/environment/startup' } },
  // The first GET is the check before the restart; the faults hit the polls after it.
  'restart-poll': { ...restartScenario, target: { tenant: 'upper', method: 'GET', path: '/environment/startup', after: 1 } },
  'set-esvs': { ...setEsvsScenario, target: { tenant: 'upper', method: 'PUT', path: /^\/environment\/variables\// } },
  'set-esvs-secret': {
    ...setEsvsScenario,
    target: { tenant: 'upper', method: 'PUT', path: '/environment/secrets/esv-reliability-secret' }
  },
  'rotate-secret': {
    start: { restartMs: 150 },
    run: (emulator) => ({ inputs: { operation: 'rotate-secret', 'secret-id': ROTATED, ...base(emulator) } }),
    target: { tenant: 'upper', method: 'POST', path: `/environment/secrets/${ROTATED}/versions` },
    creates: (entry) => entry.method === 'POST' && entry.path === `/environment/secrets/${ROTATED}/versions`,
    verify: verifyRotation
  },
  'dry-run-promote': {
    start: promotionStart,
    locks: true,
    run: (emulator) => ({ inputs: promotionInputs(emulator, 'dry-run-promote') }),
    target: { tenant: 'upper', method: 'POST', path: '/environment/promotion/lock' },
    creates: (entry) => entry.method === 'POST' && entry.path === '/environment/promotion/lock',
    verify: (emulator, run) => {
      expect(run.main.outputs['report-fingerprint']).toMatch(/^sha256:[0-9a-f]{64}$/)
      expect(run.main.outputs['has-changes']).toBe('true')
      expect(emulator.promotion.runs.filter((r) => !r.dryRun)).toEqual([])
      lockFree(emulator)
    }
  },
  promote: {
    ...promoteScenario,
    // The first POST starts the dry run; the faults hit the real promotion.
    target: { tenant: 'upper', method: 'POST', path: '/environment/promotion/promote', after: 1 }
  },
  'promote-poll': {
    ...promoteScenario,
    // Runs that are over when first checked make the checks countable however slow the machine: the read before
    // the dry run, its one check, the read before the real run; the faults hit the polls of the real promotion.
    start: { ...promotionStart, promotionRunMs: 0 },
    target: { tenant: 'upper', method: 'GET', path: '/environment/promotion/promote', after: 3 }
  },
  rollback: {
    start: promotionStart,
    locks: true,
    setup: (emulator) => emulator.promotion.promoteNow(),
    run: (emulator) => ({ inputs: promotionInputs(emulator, 'rollback') }),
    target: { tenant: 'upper', method: 'POST', path: '/environment/promotion/rollback' },
    creates: (entry) => entry.method === 'POST' && entry.path === '/environment/promotion/rollback',
    verify: (emulator) => {
      expect(realRuns(emulator, 'rollback')).toHaveLength(1)
      expect(configNames(emulator, 'upper')).not.toEqual(configNames(emulator, 'lower'))
      lockFree(emulator)
    }
  },
  'promotion-report': {
    start: promotionStart,
    run: (emulator) => ({ inputs: promotionInputs(emulator, 'promotion-report') }),
    target: { tenant: 'upper', method: 'GET', path: '/environment/promotion/report/provisional' },
    verify: (emulator, run) => {
      expect(run.main.outputs['has-changes']).toBe('true')
      expect(run.main.outputs['report-fingerprint']).toMatch(/^sha256:/)
      lockFree(emulator)
    }
  },
  unlock: {
    start: promotionStart,
    setup: (emulator) => emulator.promotion.holdLock('left-behind-by-a-cancelled-job'),
    run: (emulator) => ({ inputs: promotionInputs(emulator, 'unlock', { 'promotion-id': 'left-behind-by-a-cancelled-job' }) }),
    target: { tenant: 'upper', method: 'DELETE', path: '/environment/promotion/lock/left-behind-by-a-cancelled-job' },
    verify: (emulator, run) => {
      expect(run.main.outputs['promotion-id']).toBe('left-behind-by-a-cancelled-job')
      lockFree(emulator)
    }
  },
  'create-api-client': {
    run: (emulator) => {
      const admin = emulator.identity.adminClient
      return {
        inputs: {
          operation: 'create-api-client',
          'verify-tenant-url': emulator.identity.url,
          'verify-client-id': admin.clientId,
          'verify-client-secret': admin.clientSecret,
          'client-name': CLIENT_NAME,
          entitlements: 'readUserGroups, manageUserGroups',
          ...FAST_WAITS,
          'retry-delay': CELL_RETRY_DELAY,
          'settle-window': CELL_SETTLE_WINDOW,
          'request-timeout': '3'
        },
        extraSecrets: [admin.clientSecret],
        secretOutputs: ['client-secret']
      }
    },
    target: { tenant: 'identity', method: 'POST', path: '/v1.0/apiclients' },
    creates: (entry) => entry.method === 'POST' && entry.path === '/v1.0/apiclients',
    verify: (emulator, run) => {
      const made = [...emulator.identity.state.apiClients.values()].filter((client) => client.clientName === CLIENT_NAME)
      expect(made).toHaveLength(1)
      expect(run.main.outputs['client-id']).toBe(made[0]!.clientId)
      expect(run.main.outputs['client-secret']).toBe(made[0]!.clientSecret)
    }
  },
  'set-tenant-settings': {
    run: (emulator) => ({
      inputs: { operation: 'set-tenant-settings', 'settings-file': 'tenant/settings.yaml', ...base(emulator), ...UNREVIEWED_APPLY },
      files: { 'tenant/settings.yaml': SETTINGS_FILE }
    }),
    target: { tenant: 'upper', method: 'PUT', path: /^\/environment\// },
    verify: (emulator) => {
      const settings = emulator.upper.state.settings
      expect(settings.cookieDomains).toEqual(['acme.example', 'id.acme.example'])
      expect(settings.federationEnforcement).toBe('all')
      expect(settings.ssoCookieName).toBe('acmeSession')
    }
  },
  'create-csr': {
    run: (emulator) => ({
      inputs: { operation: 'create-csr', 'csr-algorithm': 'ecdsa', 'csr-common-name': 'login.acme.example', ...base(emulator) }
    }),
    target: { tenant: 'upper', method: 'POST', path: '/environment/csrs' },
    creates: (entry) => entry.method === 'POST' && entry.path === '/environment/csrs',
    verify: (emulator, run) => {
      const csrs = [...emulator.upper.state.settings.csrs.values()]
      expect(csrs).toHaveLength(1)
      expect(run.main.outputs['csr-id']).toBe(csrs[0]!.id)
      expect(run.main.outputs.csr).toBe(csrs[0]!.request)
    }
  },
  'complete-csr': {
    setup: async (emulator) => {
      const token = await tokenFor(emulator, 'upper', ['fr:idc:certificate:*'])
      const made = await call<{ id: string }>(emulator, 'upper', 'POST', '/environment/csrs', {
        token,
        body: { algorithm: 'ecdsa', commonName: 'login.acme.example', subjectAlternativeNames: ['login.acme.example'] }
      })
      expect(made.status).toBe(200)
    },
    run: (emulator) => {
      const [csr] = [...emulator.upper.state.settings.csrs.values()]
      const now = Date.now()
      const signed = buildCertificate({
        subject: [['CN', 'login.acme.example']],
        subjectAlternativeNames: csr!.subjectAlternativeNames,
        notBefore: new Date(now - 60_000),
        notAfter: new Date(now + 90 * 86_400_000),
        publicKey: createPublicKey(csr!.privateKey),
        issuer: { subject: [['CN', 'Reliability CA']], privateKey: ca().keys.privateKey }
      })
      return {
        inputs: { operation: 'complete-csr', 'csr-id': csr!.id, 'certificate-file': 'certs/login.pem', ...base(emulator) },
        files: { 'certs/login.pem': signed + ca().certificate }
      }
    },
    target: { tenant: 'upper', method: 'PATCH', path: /^\/environment\/csrs\// },
    verify: (emulator, run) => {
      const certificates = [...emulator.upper.state.settings.certificates.values()]
      expect(certificates).toHaveLength(1)
      expect(run.main.outputs['certificate-id']).toBe(certificates[0]!.id)
    }
  },
  'export-esvs': {
    run: (emulator) => ({ inputs: { operation: 'export-esvs', 'output-file': 'exports/esvs.yaml', ...base(emulator) } }),
    target: { tenant: 'upper', method: 'GET', path: '/environment/variables' },
    verify: (emulator, run) => {
      const file = run.main.outputs.file ?? ''
      expect(existsSync(file)).toBe(true)
      const text = readFileSync(file, 'utf8')
      for (const id of emulator.upper.state.variables.keys()) expect(text).toContain(`${id}:`)
    }
  },
  'export-tenant-settings': {
    run: (emulator) => ({ inputs: { operation: 'export-tenant-settings', 'output-file': 'exports/settings.yaml', ...base(emulator) } }),
    target: { tenant: 'upper', method: 'GET', path: '/environment/cookie-domains' },
    verify: (emulator, run) => {
      const text = readFileSync(run.main.outputs.file ?? '', 'utf8')
      expect(text).toContain('cookie-domains:')
      for (const domain of emulator.upper.state.settings.cookieDomains) expect(text).toContain(domain)
    }
  },
  'create-service-account': {
    run: (emulator) => ({
      inputs: {
        operation: 'create-service-account',
        'service-account-name': SERVICE_ACCOUNT_NAME,
        'service-account-scopes': 'fr:idc:esv:read',
        'store-in-file': 'ci-reader.json',
        ...base(emulator)
      }
    }),
    target: { tenant: 'upper', method: 'POST', path: '/openidm/managed/svcacct' },
    creates: (entry) => entry.method === 'POST' && entry.path === '/openidm/managed/svcacct',
    verify: (emulator, run) => {
      const made = emulator.upper.serviceAccounts.all().filter((account) => account.name === SERVICE_ACCOUNT_NAME)
      expect(made).toHaveLength(1)
      expect(run.main.outputs['service-account-id']).toBe(made[0]!._id)
    }
  },
  'drift-issue': {
    start: { restartMs: 150 },
    // The seed tenant lacks the file's new ESVs: drift, and an issue to open.
    run: (emulator) => ({ ...esvFileRun(emulator, { 'detect-drift': 'true', 'drift-issue': 'true' }), eventName: 'schedule' }),
    target: { tenant: 'github', method: 'POST', path: '/repos/acme/iam-config/issues' },
    verify: (emulator, run) => {
      const issues = emulator.github.issues()
      expect(issues).toHaveLength(1)
      expect(issues[0]).toMatchObject({ state: 'open', user: { login: 'github-actions[bot]' }, labels: [{ name: 'tenant-pilot-drift' }] })
      expect(run.main.outputs).toMatchObject({ drift: 'true', 'drift-issue-url': issues[0]!.html_url })
    }
  },
  'plan-apply': {
    start: { restartMs: 150 },
    setup: approvePlan,
    run: (emulator) => ({ ...esvFileRun(emulator, {}), ...onPush(approvedPlanPushes.get(emulator)!) }),
    // The first status the apply sets is its claim: the approval is used once, recorded before the first write.
    target: { tenant: 'github', method: 'POST', path: /^\/repos\/acme\/iam-config\/statuses\// },
    verify: (emulator) => {
      verifyEsvs(emulator)
      const head = emulator.github.pulls.get(PR)!.head.sha
      const applied = emulator.github.pulls.statuses(head).filter((status) => /^Applied/.test(status.description ?? ''))
      expect(applied.map((status) => status.state)).toEqual(['success'])
      const comment = emulator.github.comments(PR).find((c) => c.user.login === 'github-actions[bot]')
      expect(comment?.body).toMatch(/^<!-- tenant-pilot:plan key=\S+ \{"status":"applied"/)
    }
  },
  'rotate-service-account-key': {
    run: (emulator) => ({
      inputs: { operation: 'rotate-service-account-key', 'store-in-file': 'ci-key.json', ...base(emulator) }
    }),
    target: { tenant: 'upper', method: 'PATCH', path: /^\/openidm\/managed\/svcacct\// },
    verify: (emulator, run) => {
      // The action's own key rotated with keep-keys 1: the key it signed in with, then the new one, proven and stored.
      const kids = emulator.upper.serviceAccounts.keysOf(emulator.serviceAccount.id).map((key) => key.kid)
      expect(kids).toHaveLength(2)
      expect(run.main.outputs['key-id']).toBe(kids[1])
    }
  }
}
