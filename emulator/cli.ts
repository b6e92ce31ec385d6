/**
 * `npm run emulator` (or `npx tsx emulator/cli.ts`): starts a lower and an
 * upper tenant, writes the service account's private key where the action
 * can read it, prints how to point the action at them, and stays up until
 * Ctrl-C. Options: --restart-ms N, --latency-ms N, --write-env PATH (writes
 * EMULATOR_* variables in the GITHUB_ENV format, for a workflow that runs the
 * action with `uses: ./` against the emulator, and the GitHub server's
 * GITHUB_API_URL and a token, so the promotion operations can comment on its PRs;
 * and the INPUT_* variables of a ready restart, so the same file is the `.env` of
 * `npx @github/local-action . src/main.ts .env`), --merge-sha NUMBER:SHA
 * (when that PR is merged, through the API, SHA is its merge commit, so promote on a push finds it; the
 * env file's EMULATOR_GITHUB_REVIEWER_TOKEN is alice's, who has write access and may review and merge).
 */
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { inputVariable } from '../tools/local-runner.js'
import { startEmulator } from './index.js'
import type { Emulator } from './index.js'

/** Inside the repo's gitignored `.emulator/`, wherever the CLI is started from. */
const KEY_FILE = fileURLToPath(new URL('../.emulator/service-account.json', import.meta.url))

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number >= 0, got "${value}"`)
  return n
}

async function writeKeyFile(emulator: Emulator): Promise<void> {
  await mkdir(fileURLToPath(new URL('../.emulator/', import.meta.url)), { recursive: true })
  await writeFile(KEY_FILE, `${emulator.serviceAccount.privateJwk}\n`, { mode: 0o600 })
  await chmod(KEY_FILE, 0o600) // writeFile's mode applies only when it creates the file
}

/**
 * The inputs of a ready `npx @github/local-action . src/main.ts .env`: a restart of the lower tenant, the emulator's
 * GitHub as github-api-url with its token (action.yml's defaults `${{ github.api_url }}` and `${{ github.token }}`
 * are expressions, which local-action would hand over as text), and the GitHub variables a promotion reads.
 */
function localActionInputs(emulator: Emulator): string[] {
  return [
    `GITHUB_API_URL=${emulator.github.url}`,
    'GITHUB_REPOSITORY=acme/iam-config',
    `${inputVariable('operation')}=restart`,
    `${inputVariable('tenant-url')}=${emulator.lower.url}`,
    `${inputVariable('service-account-id')}=${emulator.serviceAccount.id}`,
    `${inputVariable('service-account-key')}=${emulator.serviceAccount.privateJwk}`,
    `${inputVariable('github-api-url')}=${emulator.github.url}`,
    `${inputVariable('github-token')}=${emulator.github.token}`,
    `${inputVariable('poll-interval')}=0.5`
  ]
}

/** Last, so a workflow polling for a non-empty file reads it whole. */
async function writeEnvFile(emulator: Emulator, path: string): Promise<void> {
  const lines = [
    `EMULATOR_LOWER_URL=${emulator.lower.url}`,
    `EMULATOR_UPPER_URL=${emulator.upper.url}`,
    `EMULATOR_SERVICE_ACCOUNT_ID=${emulator.serviceAccount.id}`,
    `EMULATOR_SERVICE_ACCOUNT_KEY=${emulator.serviceAccount.privateJwk}`,
    `EMULATOR_IDENTITY_URL=${emulator.identity.url}`,
    `EMULATOR_IDENTITY_ADMIN_CLIENT_ID=${emulator.identity.adminClient.clientId}`,
    `EMULATOR_IDENTITY_ADMIN_CLIENT_SECRET=${emulator.identity.adminClient.clientSecret}`,
    `EMULATOR_GITHUB_URL=${emulator.github.url}`,
    `EMULATOR_GITHUB_TOKEN=${emulator.github.token}`,
    `EMULATOR_GITHUB_REVIEWER_TOKEN=${emulator.github.tokenFor(REVIEWER)}`,
    // What @github/local-action reads (INPUT_* as the runner names them): a ready restart of the lower tenant.
    // It applies action.yml's defaults literally, so the inputs whose default is an expression are given here.
    ...localActionInputs(emulator)
  ]
  await writeFile(`${path}.partial`, `${lines.join('\n')}\n`, { mode: 0o600 })
  await rename(`${path}.partial`, path)
}

function usage(emulator: Emulator, keyPath: string): string {
  return [
    'Tenant emulator running.',
    `  lower tenant:        ${emulator.lower.url}`,
    `  upper tenant:        ${emulator.upper.url}`,
    `  service account id:  ${emulator.serviceAccount.id}`,
    `  private key (JWK):   ${keyPath}  (new key each start)`,
    `  identity tenant:     ${emulator.identity.url}  (create-api-client; admin client id ${emulator.identity.adminClient.clientId},`,
    `                       secret in --write-env's EMULATOR_IDENTITY_ADMIN_CLIENT_SECRET)`,
    `  GitHub API:          ${emulator.github.url}  (GITHUB_API_URL: pull requests, their comments, merge commits)`,
    `  GitHub token:        ${emulator.github.token}  (github-token; the emulator's own, valid nowhere else)`,
    '',
    'Run the action against it as the runner would (tenant-url: the lower tenant for ESV work,',
    'the upper one for promotions):',
    `  env 'INPUT_OPERATION=restart' \\`,
    `      'INPUT_TENANT-URL=${emulator.lower.url}' \\`,
    `      'INPUT_SERVICE-ACCOUNT-ID=${emulator.serviceAccount.id}' \\`,
    `      "INPUT_SERVICE-ACCOUNT-KEY=$(cat ${keyPath})" \\`,
    '      node dist/index.js',
    '',
    'A promotion with its PR comment on the emulated GitHub (pull request 7; read the comment with',
    `curl -H "Authorization: Bearer ${emulator.github.token}" ${emulator.github.url}/repos/acme/iam-config/issues/7/comments):`,
    `  GITHUB_API_URL=${emulator.github.url} GITHUB_REPOSITORY=acme/iam-config GITHUB_EVENT_NAME=pull_request \\`,
    `  GITHUB_EVENT_PATH=<a file holding {"pull_request":{"number":7}}> 'INPUT_OPERATION=dry-run-promote' \\`,
    `  'INPUT_GITHUB-TOKEN=${emulator.github.token}' 'INPUT_TENANT-URL=${emulator.upper.url}' … node dist/index.js`,
    '',
    'Ctrl-C to stop.'
  ].join('\n')
}

/** `--merge-sha 7:<sha>`: merging PR 7 (PUT …/pulls/7/merge) makes <sha> its merge commit, as the push to main after it. */
function mergeSha(value: string): [number, string] {
  const match = /^(\d+):([0-9a-f]{40})$/.exec(value)
  if (!match?.[1] || !match[2]) throw new Error(`--merge-sha must be NUMBER:SHA (e.g. 7:$GITHUB_SHA), got "${value}"`)
  return [Number(match[1]), match[2]]
}

/** Who reviews and merges when CI (or a person) plays the pull request's reviewer: write access, not the author. */
const REVIEWER = 'alice'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'restart-ms': { type: 'string' },
      'latency-ms': { type: 'string' },
      'write-env': { type: 'string' },
      'merge-sha': { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    console.log('Usage: npm run emulator -- [--restart-ms N] [--latency-ms N] [--write-env PATH] [--merge-sha NUMBER:SHA]')
    return
  }
  const restartMs = numberOption(values['restart-ms'], 'restart-ms')
  const latencyMs = numberOption(values['latency-ms'], 'latency-ms')
  const emulator = await startEmulator({
    ...(restartMs !== undefined ? { restartMs } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {})
  })
  await writeKeyFile(emulator)
  if (values['merge-sha']) {
    const [number, sha] = mergeSha(values['merge-sha'])
    emulator.github.pulls.mergeShas.set(number, sha)
  }
  if (values['write-env']) await writeEnvFile(emulator, values['write-env'])
  console.log(usage(emulator, relative(process.cwd(), KEY_FILE) || KEY_FILE))

  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      }
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
