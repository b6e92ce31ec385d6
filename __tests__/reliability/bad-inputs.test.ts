/**
 * The bad-input catalogue: every input and the ESV and settings files, each
 * case through dist/index.js. Each must exit 1 with one failure line that
 * names the input, send no request to any tenant or to GitHub, and leak
 * nothing (not even the bad value, when it is a secret).
 */
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { selfSignedCertificate } from '../../emulator/x509.js'
import { annotations, errorLines } from '../../tools/local-runner.js'
import { connectionInputs, startE2e, type E2eContext } from '../helpers/e2e.js'

let e2e: E2eContext
beforeAll(async () => {
  e2e = await startE2e()
})
afterAll(() => e2e.close())
beforeEach(() => {
  e2e.emulator.log.length = 0
})

const GOOD_ESVS = 'variables:\n  esv-a:\n    value: x\n'
const GOOD_SETTINGS = 'cookie-domains: [acme.example]\n'
const SECRET_LITERAL = 'hunter2-literal-in-the-file'
const SECRET_ARGUMENT = 'a-secret-value-given-as-input-9x'

type Case = {
  /** What is wrong, as the test names it. */
  name: string
  operation: string
  inputs?: Record<string, string>
  files?: Record<string, string | Buffer>
  env?: Record<string, string>
  /** The event the run is for (default workflow_dispatch): promote refuses some, naming the event. */
  eventName?: string
  /** Its payload (default a pull request, #7). */
  event?: object
  /** The failure line must match this too (e.g. one problem, not two for the same one). */
  message?: RegExp
  /** The input (or, for a refused event, the event) the failure line must name. */
  input: string
  /** For a file: an annotation on it must match this. */
  annotation?: RegExp
  /** Values that must not appear anywhere the step wrote. */
  secrets?: string[]
}

/** Valid inputs of each operation; a case breaks one of them. */
function baseInputs(operation: string): Record<string, string> {
  const connection = connectionInputs(e2e.emulator)
  const lower = {
    'lower-tenant-url': e2e.emulator.lower.url,
    'lower-service-account-id': e2e.emulator.serviceAccount.id,
    'lower-service-account-key': e2e.emulator.serviceAccount.privateJwk
  }
  const admin = e2e.emulator.identity.adminClient
  switch (operation) {
    case 'set-esvs':
      return { ...connection, 'esv-file': 'esvs/prod.yaml' }
    case 'rotate-secret':
      return { ...connection, 'secret-id': 'esv-smtp-password' }
    case 'unlock':
      return { ...connection, 'promotion-id': 'left-behind' }
    case 'create-api-client':
      return {
        'verify-tenant-url': e2e.emulator.identity.url,
        'verify-client-id': admin.clientId,
        'verify-client-secret': admin.clientSecret,
        'client-name': 'crm-sync',
        entitlements: 'readUserGroups'
      }
    case 'set-tenant-settings':
      return { ...connection, 'settings-file': 'tenant/settings.yaml' }
    case 'promotion-report':
      return { ...connection, ...lower }
    case 'create-csr':
      return { ...connection, 'csr-common-name': 'login.acme.example' }
    case 'complete-csr':
      return { ...connection, 'csr-id': 'csr-000001', 'certificate-file': 'certs/login.pem' }
    case 'create-service-account':
      return {
        ...connection,
        'service-account-name': 'ci-deployer',
        'service-account-scopes': 'fr:idc:esv:read',
        'store-in-github-secret': 'SA_KEY',
        'github-environment': 'production'
      }
    case 'rotate-service-account-key':
      return { ...connection, 'store-in-github-secret': 'SA_KEY', 'github-environment': 'production' }
    default:
      return connection
  }
}

/** Bytes that are not UTF-8: a lone continuation byte, an overlong form, a byte never used. */
const NOT_UTF8 = Buffer.from([0x61, 0x80, 0x62, 0xc0, 0xaf, 0xff])
/** A valid certificate in a file outside the workspace (the tmp folder, beside the run's folder). */
const OUTSIDE_CERTIFICATE = join(tmpdir(), `tenant-pilot-outside-${process.pid}.pem`)
writeFileSync(OUTSIDE_CERTIFICATE, selfSignedCertificate({ commonName: 'outside.acme.example', algorithm: 'ecdsa' }).certificate)

const esvFile = (name: string, file: string, annotation: RegExp, extra: Partial<Case> = {}): Case => ({
  name: `esv-file: ${name}`,
  operation: 'set-esvs',
  files: { 'esvs/prod.yaml': file },
  input: 'esv-file',
  annotation,
  ...extra
})
const settingsFile = (name: string, file: string, annotation: RegExp): Case => ({
  name: `settings-file: ${name}`,
  operation: 'set-tenant-settings',
  files: { 'tenant/settings.yaml': file },
  input: 'settings-file',
  annotation
})

const CASES: Case[] = [
  // The operation and the connection.
  { name: 'unknown operation', operation: 'promote-everything', input: 'operation' },
  { name: 'operation missing', operation: '', input: 'operation' },
  {
    name: 'tenant-url over http',
    operation: 'restart',
    inputs: { 'tenant-url': 'http://openam-acme.forgeblocks.com' },
    input: 'tenant-url'
  },
  {
    name: 'tenant-url with a path',
    operation: 'restart',
    inputs: { 'tenant-url': 'https://openam-acme.forgeblocks.com/am' },
    input: 'tenant-url'
  },
  {
    name: 'tenant-url with a query',
    operation: 'restart',
    inputs: { 'tenant-url': 'https://openam-acme.forgeblocks.com?x=1' },
    input: 'tenant-url'
  },
  { name: 'tenant-url not a URL', operation: 'restart', inputs: { 'tenant-url': 'openam-acme' }, input: 'tenant-url' },
  { name: 'tenant-url ftp', operation: 'restart', inputs: { 'tenant-url': 'ftp://openam-acme.forgeblocks.com' }, input: 'tenant-url' },
  { name: 'tenant-url missing', operation: 'restart', inputs: { 'tenant-url': '' }, input: 'tenant-url' },
  {
    name: 'service-account-id not a UUID',
    operation: 'restart',
    inputs: { 'service-account-id': 'not a uuid' },
    input: 'service-account-id'
  },
  { name: 'service-account-key missing', operation: 'restart', inputs: { 'service-account-key': '' }, input: 'service-account-key' },
  { name: 'service-account-id missing', operation: 'restart', inputs: { 'service-account-id': '' }, input: 'service-account-id' },
  {
    name: 'service-account-key not JSON',
    operation: 'restart',
    inputs: { 'service-account-key': '{"kty":"RSA","d":"c2VjcmV0' },
    input: 'service-account-key',
    secrets: ['{"kty":"RSA","d":"c2VjcmV0']
  },
  {
    name: 'service-account-key a JSON array',
    operation: 'restart',
    inputs: { 'service-account-key': '[1,2]' },
    input: 'service-account-key'
  },
  {
    name: 'service-account-key an EC key',
    operation: 'restart',
    inputs: { 'service-account-key': '{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c"}' },
    input: 'service-account-key'
  },
  {
    name: 'service-account-key a public key',
    operation: 'restart',
    inputs: { 'service-account-key': '{"kty":"RSA","n":"abc","e":"AQAB"}' },
    input: 'service-account-key'
  },
  {
    name: 'service-account-key lacks primes',
    operation: 'restart',
    inputs: { 'service-account-key': '{"kty":"RSA","n":"abc","e":"AQAB","d":"def"}' },
    input: 'service-account-key'
  },
  {
    name: 'both access-token and a service account',
    operation: 'restart',
    inputs: { 'access-token': 'a-token-value-123456' },
    input: 'access-token',
    secrets: ['a-token-value-123456']
  },
  { name: 'scopes with an invalid scope', operation: 'restart', inputs: { scopes: 'fr:idc:esv:read "drop table"' }, input: 'scopes' },
  // Waiting and HTTP.
  { name: 'negative restart-timeout', operation: 'restart', inputs: { 'restart-timeout': '-1' }, input: 'restart-timeout' },
  { name: 'restart-timeout not a number', operation: 'restart', inputs: { 'restart-timeout': 'ten minutes' }, input: 'restart-timeout' },
  { name: 'zero poll-interval', operation: 'restart', inputs: { 'poll-interval': '0' }, input: 'poll-interval' },
  { name: 'negative promotion-timeout', operation: 'dry-run-promote', inputs: { 'promotion-timeout': '-5' }, input: 'promotion-timeout' },
  { name: 'request-timeout not a number', operation: 'restart', inputs: { 'request-timeout': 'soon' }, input: 'request-timeout' },
  { name: 'negative retry-delay', operation: 'restart', inputs: { 'retry-delay': '-0.5' }, input: 'retry-delay' },
  // GitHub.
  { name: 'comment not a boolean', operation: 'dry-run-promote', inputs: { comment: 'yes please' }, input: 'comment' },
  { name: 'pr-number not a number', operation: 'dry-run-promote', inputs: { 'pr-number': 'seven' }, input: 'pr-number' },
  { name: 'pr-number zero', operation: 'dry-run-promote', inputs: { 'pr-number': '0' }, input: 'pr-number' },
  {
    name: 'github-api-url over http to a remote host',
    operation: 'dry-run-promote',
    inputs: { 'github-api-url': 'http://api.github.com' },
    input: 'github-api-url'
  },
  { name: 'github-api-url not a URL', operation: 'promote', inputs: { 'github-api-url': 'api.github.com' }, input: 'github-api-url' },
  // set-esvs inputs.
  { name: 'esv-file missing', operation: 'set-esvs', inputs: { 'esv-file': '' }, input: 'esv-file' },
  {
    name: 'concurrency zero',
    operation: 'set-esvs',
    inputs: { concurrency: '0' },
    files: { 'esvs/prod.yaml': GOOD_ESVS },
    input: 'concurrency'
  },
  {
    name: 'concurrency huge',
    operation: 'set-esvs',
    inputs: { concurrency: '10000' },
    files: { 'esvs/prod.yaml': GOOD_ESVS },
    input: 'concurrency'
  },
  // Plans on the pull request (set-esvs, set-tenant-settings).
  {
    name: 'approved-plan not a sha256',
    operation: 'set-esvs',
    inputs: { 'approved-plan': 'sha256:abc' },
    files: { 'esvs/prod.yaml': GOOD_ESVS },
    input: 'approved-plan'
  },
  {
    name: 'approved-plan with dry-run: true',
    operation: 'set-tenant-settings',
    inputs: { 'approved-plan': 'a'.repeat(64), 'dry-run': 'true' },
    files: { 'tenant/settings.yaml': GOOD_SETTINGS },
    message: /only for the apply \(dry-run: false\)/,
    input: 'approved-plan'
  },
  {
    name: 'require-approval not a boolean on set-esvs',
    operation: 'set-esvs',
    inputs: { 'require-approval': 'sometimes' },
    files: { 'esvs/prod.yaml': GOOD_ESVS },
    input: 'require-approval'
  },
  {
    name: 'restart not an enum value',
    operation: 'set-esvs',
    inputs: { restart: 'sometimes' },
    files: { 'esvs/prod.yaml': GOOD_ESVS },
    input: 'restart'
  },
  {
    name: 'prune not a boolean',
    operation: 'set-esvs',
    inputs: { prune: 'maybe' },
    files: { 'esvs/prod.yaml': GOOD_ESVS },
    input: 'prune'
  },
  {
    name: 'dry-run not a boolean',
    operation: 'set-esvs',
    inputs: { 'dry-run': 'on' },
    files: { 'esvs/prod.yaml': GOOD_ESVS },
    input: 'dry-run'
  },
  // Drift detection (set-esvs, set-tenant-settings).
  { name: 'detect-drift not a boolean', operation: 'set-esvs', inputs: { 'detect-drift': 'nightly' }, input: 'detect-drift' },
  {
    name: 'fail-on-drift not a boolean',
    operation: 'set-esvs',
    inputs: { 'detect-drift': 'true', 'fail-on-drift': 'y' },
    input: 'fail-on-drift'
  },
  {
    name: 'fail-on-drift without detect-drift',
    operation: 'set-esvs',
    inputs: { 'fail-on-drift': 'true' },
    input: 'fail-on-drift',
    message: /set detect-drift: true too/
  },
  {
    name: 'drift-issue without detect-drift',
    operation: 'set-tenant-settings',
    inputs: { 'drift-issue': 'true' },
    input: 'drift-issue',
    message: /set detect-drift: true too/
  },
  {
    name: 'detect-drift on an operation that plans nothing',
    operation: 'restart',
    inputs: { 'detect-drift': 'true' },
    input: 'detect-drift',
    message: /only set-esvs and set-tenant-settings detect drift/
  },
  {
    name: 'drift-issue with an empty github-token',
    operation: 'set-esvs',
    inputs: { 'detect-drift': 'true', 'drift-issue': 'true', 'github-token': '' },
    input: 'drift-issue',
    message: /needs github-token/
  },
  {
    name: 'drift-issue outside a repository (no GITHUB_REPOSITORY)',
    operation: 'set-tenant-settings',
    inputs: { 'detect-drift': 'true', 'drift-issue': 'true' },
    env: { GITHUB_REPOSITORY: '' },
    input: 'drift-issue',
    message: /GITHUB_REPOSITORY is not set/
  },
  // The ESV file.
  esvFile('an invalid id', 'variables:\n  ESV-Upper:\n    value: x\n', /is not a valid ESV id/),
  esvFile('an id too long', `variables:\n  esv-${'a'.repeat(125)}:\n    value: x\n`, /is not a valid ESV id/),
  esvFile('a literal secret value', `secrets:\n  esv-a:\n    value: ${SECRET_LITERAL}\n`, /never hold a literal value/, {
    secrets: [SECRET_LITERAL]
  }),
  esvFile('an unset environment variable', 'secrets:\n  esv-a:\n    value-from-env: NOT_SET_ANYWHERE\n', /NOT_SET_ANYWHERE is not set/),
  esvFile('an empty environment variable', 'secrets:\n  esv-a:\n    value-from-env: EMPTY_VALUE\n', /EMPTY_VALUE is empty/, {
    env: { EMPTY_VALUE: '' }
  }),
  esvFile('bad base64 for base64hmac', 'secrets:\n  esv-a:\n    encoding: base64hmac\n    value-from-env: NOT_BASE64\n', /base64/, {
    env: { NOT_BASE64: 'not*base64*at*all' },
    secrets: ['not*base64*at*all']
  }),
  esvFile(
    'a base64aes key of 20 bytes',
    'secrets:\n  esv-a:\n    encoding: base64aes\n    value-from-env: AES_20\n',
    /16, 24 or 32 bytes/,
    {
      env: { AES_20: Buffer.alloc(20, 3).toString('base64') }
    }
  ),
  esvFile('a pem that is not PEM', 'secrets:\n  esv-a:\n    encoding: pem\n    value-from-env: NOT_PEM\n', /PEM/, {
    env: { NOT_PEM: 'just-some-text' }
  }),
  esvFile('an unknown encoding', 'secrets:\n  esv-a:\n    encoding: rot13\n    value-from-env: NOT_PEM\n', /rot13/, {
    env: { NOT_PEM: 'x-value' }
  }),
  esvFile('an unknown expressionType', 'variables:\n  esv-a:\n    type: yaml\n    value: x\n', /type "yaml" is not one of/),
  esvFile('an int given words', 'variables:\n  esv-a:\n    type: int\n    value: twelve\n', /expected a whole number/),
  esvFile('an array given a string', 'variables:\n  esv-a:\n    type: array\n    value: not-json\n', /expected a JSON array/),
  esvFile('a description too long', `variables:\n  esv-a:\n    value: x\n    description: ${'d'.repeat(1001)}\n`, /limit is 1000/),
  esvFile('a duplicate key', 'variables:\n  esv-a:\n    value: x\n  esv-a:\n    value: y\n', /Map keys must be unique/),
  esvFile('an id in both sections', 'variables:\n  esv-a:\n    value: x\nsecrets:\n  esv-a:\n    value-from-env: HOME\n', /declared twice/),
  esvFile('an unknown setting', 'variables:\n  esv-a:\n    value: x\n    vaule: y\n', /unknown setting "vaule"/),
  esvFile('an unknown section', 'varaibles:\n  esv-a:\n    value: x\n', /unknown section "varaibles"/),
  esvFile('no value', 'variables:\n  esv-a:\n    description: nothing\n', /no value/),
  esvFile('broken YAML', 'variables:\n  esv-a: [unclosed\n', /./),
  esvFile(
    'a value-file outside the file tree that is missing',
    'secrets:\n  esv-a:\n    value-file: ../keys/missing.pem\n',
    /file not found/
  ),
  esvFile('a value-file outside the workspace', 'secrets:\n  esv-a:\n    value-file: /etc/hostname\n', /outside the workspace/),
  esvFile(
    'a value-file climbing out of the workspace',
    'secrets:\n  esv-a:\n    value-file: ../../../../../../etc/passwd\n',
    /outside the workspace/
  ),
  esvFile(
    'a YAML alias bomb',
    'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nvariables: {}\n',
    /YAML aliases/
  ),
  esvFile('a file over 1 MiB', `variables:\n  esv-a:\n    value: ${'x'.repeat(1024 * 1024)}\n`, /the limit is 1048576/),
  {
    name: 'esv-file: a missing file',
    operation: 'set-esvs',
    inputs: { 'esv-file': 'esvs/none.yaml' },
    input: 'esv-file',
    annotation: /file not found/
  },
  {
    name: 'esv-file: a wrong extension',
    operation: 'set-esvs',
    inputs: { 'esv-file': 'esvs/prod.txt' },
    files: { 'esvs/prod.txt': GOOD_ESVS },
    input: 'esv-file',
    annotation: /unsupported file type/
  },
  // rotate-secret.
  { name: 'secret-id not an ESV id', operation: 'rotate-secret', inputs: { 'secret-id': 'SMTP_PASSWORD' }, input: 'secret-id' },
  { name: 'secret-id missing', operation: 'rotate-secret', inputs: { 'secret-id': '' }, input: 'secret-id' },
  { name: 'retire not an enum value', operation: 'rotate-secret', inputs: { retire: 'shred' }, input: 'retire' },
  { name: 'keep-versions zero', operation: 'rotate-secret', inputs: { 'keep-versions': '0' }, input: 'keep-versions' },
  {
    name: 'keep-versions zero on set-esvs',
    operation: 'set-esvs',
    inputs: { 'keep-versions': '0' },
    files: { 'esvs/prod.yaml': GOOD_ESVS },
    input: 'keep-versions',
    message: /expected a whole number from 1 to 1000/
  },
  {
    name: 'keep-versions not a number on set-esvs',
    operation: 'set-esvs',
    inputs: { 'keep-versions': 'all' },
    files: { 'esvs/prod.yaml': GOOD_ESVS },
    input: 'keep-versions'
  },
  {
    name: 'keep-versions on an operation that retires no version',
    operation: 'restart',
    inputs: { 'keep-versions': '2' },
    input: 'keep-versions',
    message: /only set-esvs and rotate-secret retire secret versions/
  },
  {
    name: 'value-length with a given value',
    operation: 'rotate-secret',
    inputs: { 'secret-value': SECRET_ARGUMENT, 'value-length': '40' },
    input: 'value-length',
    secrets: [SECRET_ARGUMENT]
  },
  {
    name: 'encoding not an enum value',
    operation: 'rotate-secret',
    inputs: { encoding: 'rot13', 'create-if-missing': 'true' },
    input: 'encoding'
  },
  {
    name: 'pem without a value',
    operation: 'rotate-secret',
    inputs: { encoding: 'pem', 'create-if-missing': 'true' },
    input: 'secret-value'
  },
  // Promotions.
  {
    name: 'approved-fingerprint not a sha256',
    operation: 'promote',
    inputs: { 'approved-fingerprint': 'abc' },
    input: 'approved-fingerprint'
  },
  { name: 'require-approval not a boolean', operation: 'promote', inputs: { 'require-approval': 'maybe' }, input: 'require-approval' },
  { name: 'unlock without promotion-id or force', operation: 'unlock', inputs: { 'promotion-id': '' }, input: 'promotion-id' },
  { name: 'lock-timeout negative', operation: 'dry-run-promote', inputs: { 'lock-timeout': '-5' }, input: 'lock-timeout' },
  { name: 'lock-timeout not a number', operation: 'promote', inputs: { 'lock-timeout': 'soon' }, input: 'lock-timeout' },
  {
    name: 'hold-lock on promote (only dry-run-promote holds a lock)',
    operation: 'promote',
    inputs: { 'hold-lock': 'true' },
    input: 'hold-lock',
    message: /only dry-run-promote holds the lock/
  },
  { name: 'hold-lock not a boolean', operation: 'dry-run-promote', inputs: { 'hold-lock': 'yes' }, input: 'hold-lock' },
  {
    name: 'hold-lock-timeout without hold-lock',
    operation: 'dry-run-promote',
    inputs: { 'hold-lock-timeout': '60' },
    input: 'hold-lock-timeout'
  },
  {
    name: 'hold-lock-timeout zero',
    operation: 'dry-run-promote',
    inputs: { 'hold-lock': 'true', 'hold-lock-timeout': '0' },
    input: 'hold-lock-timeout'
  },
  { name: 'fail-on-blockers on promote', operation: 'promote', inputs: { 'fail-on-blockers': 'true' }, input: 'fail-on-blockers' },
  {
    name: 'fail-on-blockers not a boolean',
    operation: 'dry-run-promote',
    inputs: { 'fail-on-blockers': 'red' },
    input: 'fail-on-blockers'
  },
  { name: 'promotion-id on dry-run-promote', operation: 'dry-run-promote', inputs: { 'promotion-id': 'p-1' }, input: 'promotion-id' },
  {
    name: 'report-id not an id',
    operation: 'promotion-report',
    inputs: { 'lower-tenant-url': '', 'lower-service-account-id': '', 'lower-service-account-key': '', 'report-id': '../../etc/passwd' },
    input: 'report-id'
  },
  {
    name: 'report-id on promote without approved-fingerprint',
    operation: 'promote',
    inputs: { 'report-id': 'da0c66a4-9f37-4f9a-9988-0786ad301b17' },
    input: 'report-id'
  },
  {
    name: 'report-id last on promote',
    operation: 'promote',
    inputs: { 'approved-fingerprint': 'a'.repeat(64), 'report-id': 'last' },
    input: 'report-id'
  },
  {
    name: 'approved-fingerprint without report-id (break-glass needs the stored dry run)',
    operation: 'promote',
    inputs: { 'approved-fingerprint': 'a'.repeat(64) },
    input: 'report-id',
    message: /required with approved-fingerprint \(break-glass\)/
  },
  { name: 'required-approvals zero', operation: 'promote', inputs: { 'required-approvals': '0' }, input: 'required-approvals' },
  { name: 'required-approvals not a number', operation: 'set-esvs', inputs: { 'required-approvals': 'two' }, input: 'required-approvals' },
  { name: 'command-permission read', operation: 'dry-run-promote', inputs: { 'command-permission': 'read' }, input: 'command-permission' },
  {
    name: 'github-rate-limit-timeout negative',
    operation: 'dry-run-promote',
    inputs: { 'github-rate-limit-timeout': '-1' },
    input: 'github-rate-limit-timeout'
  },
  // promote never runs on a PR's own events, nor on workflow_run: refused naming the event.
  { name: 'promote on pull_request', operation: 'promote', eventName: 'pull_request', input: 'pull_request' },
  { name: 'promote on pull_request_target', operation: 'promote', eventName: 'pull_request_target', input: 'pull_request_target' },
  { name: 'promote on workflow_run', operation: 'promote', eventName: 'workflow_run', input: 'workflow_run' },
  { name: 'promote on issue_comment', operation: 'promote', eventName: 'issue_comment', input: 'issue_comment' },
  // A PR comment starts a promotion operation only from an allowed commenter, and only on a PR.
  {
    name: 'dry-run-promote from a comment by a user without write access',
    operation: 'dry-run-promote',
    eventName: 'issue_comment',
    event: { issue: { number: 7, pull_request: {} }, comment: { author_association: 'CONTRIBUTOR', user: { login: 'mallory' } } },
    message: /^dry-run-promote refused: @mallory commented as CONTRIBUTOR;/,
    input: 'allowed-associations'
  },
  {
    name: 'dry-run-promote from a comment on a plain issue',
    operation: 'dry-run-promote',
    eventName: 'issue_comment',
    event: { issue: { number: 12 }, comment: { author_association: 'OWNER', user: { login: 'alice' } } },
    input: 'issue_comment'
  },
  {
    name: 'allowed-associations with an unknown value',
    operation: 'dry-run-promote',
    inputs: { 'allowed-associations': 'WRITER' },
    input: 'allowed-associations'
  },
  // The lower tenant of promotion-report, with its own credentials.
  {
    name: 'lower-tenant-url over http',
    operation: 'promotion-report',
    inputs: { 'lower-tenant-url': 'http://openam-acme-dev.forgeblocks.com' },
    input: 'lower-tenant-url'
  },
  {
    name: 'lower-tenant-url is tenant-url',
    operation: 'promotion-report',
    inputs: {
      'tenant-url': 'https://openam-acme-staging.forgeblocks.com',
      'lower-tenant-url': 'https://openam-acme-staging.forgeblocks.com'
    },
    input: 'lower-tenant-url'
  },
  {
    name: 'lower credentials without lower-tenant-url',
    operation: 'promotion-report',
    inputs: { 'lower-tenant-url': '' },
    input: 'lower-service-account-id'
  },
  {
    name: 'lower-tenant-url on another operation',
    operation: 'dry-run-promote',
    inputs: { 'lower-tenant-url': 'https://openam-acme-dev.forgeblocks.com' },
    input: 'lower-tenant-url'
  },
  {
    name: 'lower-tenant-url on dry-run-promote without skip-if-unchanged',
    operation: 'dry-run-promote',
    inputs: { 'lower-tenant-url': 'https://openam-acme-dev.forgeblocks.com', 'skip-if-unchanged': 'false' },
    input: 'lower-tenant-url',
    message: /dry-run-promote or promote with skip-if-unchanged: true/
  },
  { name: 'skip-if-unchanged not a boolean', operation: 'promote', inputs: { 'skip-if-unchanged': 'yes' }, input: 'skip-if-unchanged' },
  {
    name: 'skip-if-unchanged on rollback',
    operation: 'rollback',
    inputs: { 'skip-if-unchanged': 'true' },
    input: 'skip-if-unchanged',
    message: /only for dry-run-promote and promote/
  },
  {
    name: 'skip-if-unchanged with promote-empty',
    operation: 'promote',
    inputs: { 'skip-if-unchanged': 'true', 'promote-empty': 'true' },
    input: 'skip-if-unchanged',
    message: /contradicts promote-empty/
  },
  {
    name: 'lower-tenant-url with report-id',
    operation: 'promotion-report',
    inputs: { 'report-id': 'last' },
    input: 'lower-tenant-url'
  },
  {
    name: 'lower-service-account-key not JSON',
    operation: 'promotion-report',
    inputs: { 'lower-service-account-key': '{"kty":"RSA","d":"bG93ZXItc2VjcmV0' },
    input: 'lower-service-account-key',
    secrets: ['{"kty":"RSA","d":"bG93ZXItc2VjcmV0']
  },
  {
    name: 'lower-service-account-key missing',
    operation: 'promotion-report',
    inputs: { 'lower-service-account-key': '' },
    input: 'lower-service-account-key'
  },
  {
    name: 'lower-access-token with the lower service account',
    operation: 'promotion-report',
    inputs: { 'lower-access-token': 'lat.Q9f8e7d6c5b4a3f2e1d0c9b8a7f6e' },
    input: 'lower-access-token',
    secrets: ['lat.Q9f8e7d6c5b4a3f2e1d0c9b8a7f6e']
  },
  // create-api-client.
  { name: 'unknown entitlement', operation: 'create-api-client', inputs: { entitlements: 'readUserGroup' }, input: 'entitlements' },
  { name: 'entitlements missing', operation: 'create-api-client', inputs: { entitlements: '' }, input: 'entitlements' },
  { name: 'unknown offering', operation: 'create-api-client', inputs: { offerings: 'CIX' }, input: 'offerings' },
  {
    name: 'verify-tenant-url over http',
    operation: 'create-api-client',
    inputs: { 'verify-tenant-url': 'http://acme.verify.ibm.com' },
    input: 'verify-tenant-url'
  },
  { name: 'client-name with a newline', operation: 'create-api-client', inputs: { 'client-name': 'crm\nsync' }, input: 'client-name' },
  { name: 'if-exists not an enum value', operation: 'create-api-client', inputs: { 'if-exists': 'overwrite' }, input: 'if-exists' },
  {
    name: 'store-in-secret not an ESV id',
    operation: 'create-api-client',
    inputs: { 'store-in-secret': 'CRM_SECRET' },
    input: 'store-in-secret'
  },
  // Tenant settings and CSRs.
  settingsFile('an sso-cookie name with a dash', 'sso-cookie: { name: acme-session }\n', /sso-cookie/),
  settingsFile('an unknown federation-enforcement', 'federation-enforcement: everyone\n', /federation-enforcement/),
  settingsFile(
    'a literal private key',
    'certificates:\n  - certificate-file: certs/x.pem\n    private-key: "-----BEGIN PRIVATE KEY-----"\n    active: true\n',
    /./
  ),
  settingsFile(
    'a certificate named both by file and by subject',
    'certificates:\n  - certificate-file: certs/x.pem\n    subject: CN=x.acme.example\n    valid-from: "2026-01-01T00:00:00Z"\n    valid-to: "2027-01-01T00:00:00Z"\n',
    /not both/
  ),
  settingsFile(
    'a held certificate whose validity is no date',
    'certificates:\n  - subject: CN=x.acme.example\n    valid-from: yesterday\n    valid-to: "2027-01-01T00:00:00Z"\n',
    /valid-from: expected a date and time/
  ),
  settingsFile('an unknown custom-domain realm', 'custom-domains:\n  charlie: [login.acme.example]\n', /charlie/),
  settingsFile('a file that declares nothing', '{}\n', /./),
  settingsFile(
    'a certificate-file outside the workspace',
    'certificates:\n  - certificate-file: /etc/ssl/certs/ca-certificates.crt\n    private-key-from-env: LOGIN_KEY\n    active: true\n',
    /outside the workspace/
  ),
  { name: 'csr-country not a code', operation: 'create-csr', inputs: { 'csr-country': 'USA' }, input: 'csr-country' },
  { name: 'csr-email not an address', operation: 'create-csr', inputs: { 'csr-email': 'pki at acme' }, input: 'csr-email' },
  { name: 'csr-algorithm not an enum value', operation: 'create-csr', inputs: { 'csr-algorithm': 'dsa' }, input: 'csr-algorithm' },
  { name: 'csr without any name', operation: 'create-csr', inputs: { 'csr-common-name': '' }, input: 'csr-common-name' },
  { name: 'csr-id not a CSR id', operation: 'complete-csr', inputs: { 'csr-id': 'csr 1; rm -rf' }, input: 'csr-id' },
  // Issue 13 §7: bytes in, same bytes out; one problem, one line.
  esvFile(
    'a variable value-file that is not UTF-8',
    'variables:\n  esv-a:\n    value-file: a.txt\n',
    /value-file a\.txt is not UTF-8 text/,
    {
      files: { 'esvs/prod.yaml': 'variables:\n  esv-a:\n    value-file: a.txt\n', 'esvs/a.txt': NOT_UTF8 }
    }
  ),
  esvFile(
    'a generic secret value-file that is not UTF-8',
    'secrets:\n  esv-a:\n    value-file: key.bin\n',
    /is not UTF-8 text.*a generic or pem secret holds text/,
    { files: { 'esvs/prod.yaml': 'secrets:\n  esv-a:\n    value-file: key.bin\n', 'esvs/key.bin': NOT_UTF8 } }
  ),
  esvFile(
    'a value-from-env with bytes that are not UTF-8',
    'variables:\n  esv-a:\n    value-from-env: MANGLED\n',
    /MANGLED holds bytes that are not UTF-8/,
    {
      env: { MANGLED: 'caf\uFFFD' }
    }
  ),
  {
    name: 'esv-file: the file itself is not UTF-8',
    operation: 'set-esvs',
    files: { 'esvs/prod.yaml': Buffer.concat([Buffer.from('variables:\n  esv-a:\n    value: '), NOT_UTF8, Buffer.from('\n')]) },
    input: 'esv-file',
    annotation: /is not UTF-8 text/
  },
  {
    name: 'an input with bytes that are not UTF-8',
    operation: 'create-api-client',
    inputs: { 'client-name': 'crm\uFFFDsync' },
    input: 'client-name',
    message: /client-name: holds bytes that are not UTF-8 text/
  },
  {
    name: 'complete-csr: a certificate-file outside the workspace',
    operation: 'complete-csr',
    inputs: { 'certificate-file': OUTSIDE_CERTIFICATE },
    input: 'certificate-file',
    message: /is outside the workspace/
  },
  {
    name: 'create-csr: a URL as the common name is one problem',
    operation: 'create-csr',
    inputs: { 'csr-common-name': 'https://login.acme.example' },
    input: 'csr-common-name',
    message: /^Invalid input: csr-common-name: "https:\/\/login\.acme\.example" is a URL/
  },
  {
    name: 'export-esvs: output-file of another format',
    operation: 'export-esvs',
    inputs: { 'output-file': 'esvs/prod.txt' },
    input: 'output-file',
    message: /must end in \.yaml, \.yml, \.json/
  },
  {
    name: 'export-esvs: output-file outside the workspace',
    operation: 'export-esvs',
    inputs: { 'output-file': '../../outside/esvs.yaml' },
    input: 'output-file',
    message: /is outside the workspace/
  },
  {
    name: 'export-esvs: output-file an absolute path outside the workspace',
    operation: 'export-esvs',
    inputs: { 'output-file': join(tmpdir(), 'tenant-pilot-export-outside.yaml') },
    input: 'output-file',
    message: /is outside the workspace/
  },
  {
    name: 'export-esvs: output-file a folder',
    operation: 'export-esvs',
    inputs: { 'output-file': 'exports.yaml' },
    files: { 'exports.yaml/keep': '' },
    input: 'output-file',
    message: /is a folder/
  },
  {
    name: 'export-tenant-settings: output-file of another format',
    operation: 'export-tenant-settings',
    inputs: { 'output-file': 'tenant/settings.toml' },
    input: 'output-file',
    message: /must end in/
  },
  {
    name: 'create-service-account: no service-account-name',
    operation: 'create-service-account',
    inputs: { 'service-account-name': '' },
    input: 'service-account-name'
  },
  {
    name: 'create-service-account: a name on two lines',
    operation: 'create-service-account',
    inputs: { 'service-account-name': 'ci\ndeployer' },
    input: 'service-account-name'
  },
  {
    name: 'create-service-account: no scopes',
    operation: 'create-service-account',
    inputs: { 'service-account-scopes': '' },
    input: 'service-account-scopes'
  },
  {
    name: 'create-service-account: a scope that is no scope',
    operation: 'create-service-account',
    inputs: { 'service-account-scopes': 'fr:idc:esv:read;rm' },
    input: 'service-account-scopes'
  },
  {
    name: 'create-service-account: a status in the wrong case',
    operation: 'create-service-account',
    inputs: { 'service-account-status': 'active' },
    input: 'service-account-status'
  },
  {
    name: 'create-service-account: update-existing not a boolean',
    operation: 'create-service-account',
    inputs: { 'update-existing': 'yes' },
    input: 'update-existing'
  },
  {
    name: 'create-service-account: no destination for the private key',
    operation: 'create-service-account',
    inputs: { 'store-in-github-secret': '', 'github-environment': '' },
    input: 'store-in-github-secret'
  },
  {
    name: 'create-service-account: two destinations',
    operation: 'create-service-account',
    inputs: { 'store-in-file': 'sa.json' },
    input: 'store-in-file'
  },
  {
    name: 'create-service-account: a secret name GitHub refuses',
    operation: 'create-service-account',
    inputs: { 'store-in-github-secret': 'GITHUB_SA_KEY' },
    input: 'store-in-github-secret'
  },
  {
    name: 'create-service-account: github-environment without a secret',
    operation: 'create-service-account',
    inputs: { 'store-in-github-secret': '', 'store-in-file': 'sa.json', 'github-environment': 'production' },
    input: 'github-environment'
  },
  {
    name: 'create-service-account: a file outside RUNNER_TEMP',
    operation: 'create-service-account',
    inputs: { 'store-in-github-secret': '', 'github-environment': '', 'store-in-file': '../sa.json' },
    input: 'store-in-file'
  },
  {
    name: 'create-service-account: a GitHub secret of no environment, not chosen by name (a repository secret any branch reads)',
    operation: 'create-service-account',
    inputs: { 'github-environment': '' },
    input: 'github-environment',
    message: /required with store-in-github-secret.*to choose one anyway, set github-secret-scope: repository/
  },
  {
    name: 'rotate-service-account-key: github-secret-scope repository with github-environment',
    operation: 'rotate-service-account-key',
    inputs: { 'github-secret-scope': 'repository' },
    input: 'github-environment',
    message: /a repository secret belongs to no environment/
  },
  {
    name: 'rotate-service-account-key: github-secret-scope neither environment nor repository',
    operation: 'rotate-service-account-key',
    inputs: { 'github-secret-scope': 'organization' },
    input: 'github-secret-scope'
  },
  {
    name: 'create-service-account: github-secret-scope repository without a secret',
    operation: 'create-service-account',
    inputs: { 'store-in-github-secret': '', 'github-environment': '', 'store-in-file': 'sa.json', 'github-secret-scope': 'repository' },
    input: 'github-secret-scope'
  },
  {
    name: 'create-service-account: a GitHub secret without github-token',
    operation: 'create-service-account',
    inputs: { 'github-token': '' },
    input: 'github-token'
  },
  {
    name: 'create-service-account: store-in-esv that is no ESV id',
    operation: 'create-service-account',
    inputs: {
      'store-in-github-secret': '',
      'github-environment': '',
      'store-in-esv': 'SA_KEY',
      'key-tenant-url': 'https://openam-acme-other.forgeblocks.com',
      'key-tenant-access-token': 'at-123456'
    },
    input: 'store-in-esv'
  },
  {
    name: 'create-service-account: store-in-esv without key-tenant-url',
    operation: 'create-service-account',
    inputs: {
      'store-in-github-secret': '',
      'github-environment': '',
      'store-in-esv': 'esv-sa-key',
      'key-tenant-access-token': 'at-123456'
    },
    input: 'key-tenant-url'
  },
  {
    name: 'create-service-account: store-in-esv without the key tenant’s credentials',
    operation: 'create-service-account',
    inputs: {
      'store-in-github-secret': '',
      'github-environment': '',
      'store-in-esv': 'esv-sa-key',
      'key-tenant-url': 'https://openam-acme-other.forgeblocks.com'
    },
    input: 'key-tenant-service-account-id'
  },
  {
    name: 'rotate-service-account-key: store-in-esv',
    operation: 'rotate-service-account-key',
    inputs: { 'store-in-esv': 'esv-sa-key' },
    input: 'store-in-esv'
  },
  {
    name: 'rotate-service-account-key: keep-keys out of range',
    operation: 'rotate-service-account-key',
    inputs: { 'keep-keys': '11' },
    input: 'keep-keys'
  },
  {
    name: 'rotate-service-account-key: key-proof-timeout 0',
    operation: 'rotate-service-account-key',
    inputs: { 'key-proof-timeout': '0' },
    input: 'key-proof-timeout'
  },
  {
    name: 'rotate-service-account-key: a target id that is no id',
    operation: 'rotate-service-account-key',
    inputs: { 'target-service-account-id': 'not an id' },
    input: 'target-service-account-id'
  },
  {
    name: 'rotate-service-account-key: another account without its current key',
    operation: 'rotate-service-account-key',
    inputs: { 'target-service-account-id': 'another-account' },
    input: 'target-service-account-key'
  },
  {
    name: 'rotate-service-account-key: a target key that is not JSON',
    operation: 'rotate-service-account-key',
    inputs: { 'target-service-account-id': 'another-account', 'target-service-account-key': 'not json, and secret' },
    input: 'target-service-account-key',
    secrets: ['not json, and secret']
  },
  {
    name: 'rotate-service-account-key: a target key for the action’s own account',
    operation: 'rotate-service-account-key',
    inputs: { 'target-service-account-key': '{"kty":"RSA"}' },
    input: 'target-service-account-key'
  },
  {
    name: 'two problems are one line',
    operation: 'create-csr',
    inputs: { 'csr-common-name': 'https://login.acme.example', 'csr-country': 'USA' },
    input: 'csr-common-name',
    message: /^Invalid inputs \(2\): csr-common-name: .*; csr-country: /
  }
]

describe('the bad-input catalogue: exit 1, one line naming the input, zero requests', () => {
  test('has at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60)
  })

  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const run = await e2e.run({
      inputs: {
        operation: c.operation,
        ...baseInputs(c.operation),
        // store-in-secret writes to the Identity Cloud tenant: its connection comes along.
        ...(c.inputs?.['store-in-secret'] ? connectionInputs(e2e.emulator) : {}),
        'github-token': e2e.emulator.github.token,
        ...c.inputs
      },
      files: { 'esvs/prod.yaml': GOOD_ESVS, 'tenant/settings.yaml': GOOD_SETTINGS, ...c.files },
      env: c.env,
      ...(c.eventName ? { eventName: c.eventName, event: c.event ?? { pull_request: { number: 7 } } } : {}),
      extraSecrets: c.secrets
    })
    expect(run.main.exitCode).toBe(1)
    // The failure line is the one error without a file; a file's problems are annotations on the file.
    const lines = errorLines({
      ...run.main,
      stdout: run.main.stdout
        .split('\n')
        .filter((l) => l.startsWith('::error::'))
        .join('\n')
    })
    const fileAnnotations = annotations(run.main).filter((a) => a.file !== undefined)
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toContain('\n')
    if (c.message) expect(lines[0]).toMatch(c.message)
    expect(lines[0]).toMatch(new RegExp(`(^|[\\s(:])${c.input.replace(/-/g, '\\-')}[: ]`))
    if (c.annotation) expect(fileAnnotations.map((a) => a.message)).toEqual(expect.arrayContaining([expect.stringMatching(c.annotation)]))
    expect(e2e.emulator.log).toEqual([])
    expect(e2e.emulator.github.log).toEqual([])
  })
})
