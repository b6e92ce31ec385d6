import type { Emulator, ServerName, StartOptions, TenantName } from '../../emulator/index.js'
import { generateServiceAccountKey, startEmulator, type ServiceAccountKeyPair } from '../../emulator/index.js'
import { cleanup, runAction, type ActionRun, type RunOptions } from '../../tools/local-runner.js'
import { expectNoSecretLeaks, type LeakScanOptions } from './leaks.js'

/**
 * An apply that writes the plan computed now, with no reviewed plan: what a workflow says with
 * require-approval: 'false' (the default refuses). For tests of what an apply writes, not of its approval.
 */
export const UNREVIEWED_APPLY = { 'require-approval': 'false' } as const

/** Fast waits so the e2e suite runs in seconds against the emulator. */
export const FAST_WAITS = { 'poll-interval': '0.05', 'restart-timeout': '20', 'promotion-timeout': '20' }

export function connectionInputs(emulator: Emulator, tenant: TenantName = 'upper'): Record<string, string> {
  return {
    'tenant-url': emulator[tenant].url,
    'service-account-id': emulator.serviceAccount.id,
    'service-account-key': emulator.serviceAccount.privateJwk
  }
}

/**
 * Every secret the emulator knows of: the private key whole and in parts, every token issued, every API
 * client secret, certificate and CSR keys, every ESV secret value.
 */
export function emulatorSecrets(emulator: Emulator): string[] {
  const jwk = JSON.parse(emulator.serviceAccount.privateJwk) as Record<string, string>
  const privateParts = ['d', 'p', 'q', 'dp', 'dq', 'qi'].map((member) => jwk[member]!).filter(Boolean)
  const clientSecrets = [...emulator.identity.state.apiClients.values()].map((client) => client.clientSecret)
  return [
    emulator.serviceAccount.privateJwk,
    ...privateParts,
    ...emulator.issuedTokens(),
    ...clientSecrets,
    ...certificateKeys(emulator),
    ...esvSecretValues(emulator),
    ...githubSecretValues(emulator)
  ]
}

/** Every GitHub Actions secret the action stored (opened), and each private member of one that is a JWK. */
function githubSecretValues(emulator: Emulator): string[] {
  return emulator.github.secrets.values().flatMap((value) => {
    let parts: string[] = []
    try {
      const jwk = JSON.parse(value) as Record<string, unknown>
      parts = ['d', 'p', 'q', 'dp', 'dq', 'qi'].flatMap((member) => (typeof jwk[member] === 'string' ? [jwk[member]] : []))
    } catch {
      // not JSON: the value alone
    }
    return [value, ...parts]
  })
}

/** Every value of every ESV secret version the tenants hold, generated ones included (read at scan time). */
function esvSecretValues(emulator: Emulator): string[] {
  return [emulator.lower, emulator.upper].flatMap(({ state }) =>
    [...state.secrets.values()].flatMap((secret) =>
      secret.versions.flatMap((version) => (version.valueBase64 ? [Buffer.from(version.valueBase64, 'base64').toString('utf8')] : []))
    )
  )
}

/** Private keys of certificates and CSRs the tenants hold (the scan looks for each line of a PEM too). */
function certificateKeys(emulator: Emulator): string[] {
  return [emulator.lower, emulator.upper].flatMap(({ state }) => [
    ...[...state.settings.certificates.values()].map((certificate) => certificate.privateKeyPem),
    ...[...state.settings.csrs.values()].map((csr) => csr.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())
  ])
}

export interface E2eContext {
  emulator: Emulator
  /**
   * Runs the action against the emulator (GitHub included) and checks it leaked nothing, with every secret
   * known at the end of the run, into the step's texts, the PR comments and the servers' logs.
   */
  run(options: RunOptions & { extraSecrets?: string[]; leakScan?: LeakScanOptions }): Promise<ActionRun>
  close(): Promise<void>
}

/**
 * One service-account key pair per test file (per process), made on first use: every emulator of the file
 * signs in with it, and none is ever written down. Making a 2048-bit pair is most of an emulator's start.
 */
let fileKey: Promise<ServiceAccountKeyPair> | undefined

export async function startE2e(options: StartOptions = {}): Promise<E2eContext> {
  const emulator = await startEmulator({ restartMs: 300, serviceAccountKey: await (fileKey ??= generateServiceAccountKey()), ...options })
  const runs: ActionRun[] = []
  return {
    emulator,
    async run({ extraSecrets = [], leakScan = {}, ...runOptions }) {
      // GitHub is the emulator's too, so no test can reach the real API.
      const run = await runAction({ ...runOptions, env: { GITHUB_API_URL: emulator.github.url, ...runOptions.env } })
      runs.push(run)
      expectNoSecretLeaks(run, [...emulatorSecrets(emulator), emulator.github.token, ...extraSecrets], {
        ...leakScan,
        extraTexts: {
          'emulator log': JSON.stringify(emulator.log),
          'PR comments': JSON.stringify(emulator.github.allComments()),
          'GitHub issues': JSON.stringify(emulator.github.issues()),
          'GitHub log': JSON.stringify(emulator.github.log),
          'GitHub request bodies': JSON.stringify(emulator.github.requestBodies),
          ...leakScan.extraTexts
        }
      })
      return run
    },
    async close() {
      runs.forEach(cleanup)
      await emulator.close()
    }
  }
}

/** Requests the emulator saw for one tenant, as "METHOD /path?query" lines, token endpoint included. */
export function requestsTo(emulator: Emulator, tenant: ServerName): string[] {
  return emulator.log
    .filter((entry) => entry.tenant === tenant)
    .map((entry) => `${entry.method} ${entry.path}${entry.query ? `?${entry.query.replace(/^\?/, '')}` : ''}`)
}
