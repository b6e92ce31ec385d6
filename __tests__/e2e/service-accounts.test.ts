/**
 * create-service-account and rotate-service-account-key through dist/index.js against the emulator:
 * what the tenant holds (svcacct, its jwks), what GitHub holds (the sealed secret, opened with the
 * emulator's private key), which keys the token endpoint accepts afterwards, and the leak scan over
 * outputs, logs, the summary and every GitHub request body.
 */
import { readFileSync, statSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { calculateJwkThumbprint, importJWK, type CryptoKey, type JWK } from 'jose'
import type { ServiceAccountRecord } from '../../emulator/index.js'
import { errorLines, type ActionRun } from '../../tools/local-runner.js'
import { call, requestToken, signAssertion, tokenFor } from '../emulator/client.js'
import { connectionInputs, FAST_WAITS, requestsTo, startE2e, type E2eContext } from '../helpers/e2e.js'

const SECRET = 'SA_KEY'
/** The environment whose secret holds the keys: the default destination is an environment secret. */
const ENVIRONMENT = 'key-rotation'

describe('service accounts', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e()
    e2e.emulator.upper.serviceAccounts.keyAcceptDelayMs = 300
    e2e.emulator.github.secrets.addEnvironment(ENVIRONMENT)
  })
  afterEach(() => e2e.close())

  const upper = () => e2e.emulator.upper
  const ownId = () => e2e.emulator.serviceAccount.id
  const github = () => ({ 'github-token': e2e.emulator.github.token })
  const createInputs = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...connectionInputs(e2e.emulator),
    ...github(),
    ...FAST_WAITS,
    operation: 'create-service-account',
    'service-account-name': 'ci-deployer',
    'service-account-description': 'Deploys ESVs from CI',
    'service-account-scopes': 'fr:idc:esv:read, fr:idc:esv:update',
    'store-in-github-secret': SECRET,
    'github-environment': ENVIRONMENT,
    ...extra
  })
  /** The action rotating its own key, authenticating with `key` (what `${{ secrets.SA_KEY }}` holds). */
  const rotateInputs = (key = e2e.emulator.serviceAccount.privateJwk, extra: Record<string, string> = {}): Record<string, string> => ({
    ...connectionInputs(e2e.emulator),
    'service-account-key': key,
    ...github(),
    ...FAST_WAITS,
    operation: 'rotate-service-account-key',
    'store-in-github-secret': SECRET,
    'github-environment': ENVIRONMENT,
    ...extra
  })
  /** What the secret holds, as the runner hands it to a step (`${{ secrets.SA_KEY }}`). */
  const storedText = (name = SECRET, environment: string | null = ENVIRONMENT): string =>
    e2e.emulator.github.secrets.open(name, environment ?? undefined) ?? 'null'
  const stored = (name = SECRET, environment: string | null = ENVIRONMENT): JWK => JSON.parse(storedText(name, environment)) as JWK
  /** The kid of the key the secret holds: its thumbprint (the private JWK itself carries no kid). */
  const storedKid = (name = SECRET, environment: string | null = ENVIRONMENT): Promise<string> => thumbprint(stored(name, environment))
  const kidsOf = (id: string): string[] =>
    upper()
      .serviceAccounts.keysOf(id)
      .map((key) => String(key.kid))
  const thumbprint = (jwk: JWK | string): Promise<string> =>
    calculateJwkThumbprint(typeof jwk === 'string' ? (JSON.parse(jwk) as JWK) : jwk)
  /** Whether the tenant issues a token for the account signed with this private key, now. */
  const accepted = async (jwk: JWK | string, accountId = ownId()): Promise<boolean> => {
    // A key added just now is trusted only after keyAcceptDelayMs (SVC-11); a removed one is refused at once.
    await new Promise((resolve) => setTimeout(resolve, upper().serviceAccounts.keyAcceptDelayMs + 50))
    const key = await importJWK(typeof jwk === 'string' ? (JSON.parse(jwk) as JWK) : jwk, 'RS256')
    const assertion = await signAssertion(e2e.emulator, 'upper', { key: key as CryptoKey, iss: accountId, sub: accountId })
    const scope = upper().serviceAccounts.get(accountId)?.scopes[0] ?? 'fr:idm:*'
    return (await requestToken(e2e.emulator, 'upper', { assertion, scope })).status === 200
  }
  const created = (): ServiceAccountRecord | undefined =>
    upper()
      .serviceAccounts.all()
      .find((account) => account.name === 'ci-deployer')

  describe('create-service-account', () => {
    test('creates the account with only the public key; the private JWK is sealed into the secret; a rerun changes nothing', async () => {
      const run = await e2e.run({ inputs: createInputs() })
      expect(run.main.exitCode).toBe(0)
      const account = created()!
      expect(account).toMatchObject({
        description: 'Deploys ESVs from CI',
        accountStatus: 'Active',
        scopes: ['fr:idc:esv:read', 'fr:idc:esv:update']
      })
      const jwk = stored()
      expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', d: expect.any(String) })
      expect(Buffer.from(String(jwk.n), 'base64url').length * 8).toBeGreaterThanOrEqual(2048)
      expect(await thumbprint(jwk)).toBe(run.main.outputs['key-id'])
      const keys = upper().serviceAccounts.keysOf(account._id)
      expect(keys).toEqual([{ kty: 'RSA', kid: run.main.outputs['key-id'], alg: 'RS256', e: jwk.e, n: jwk.n }])
      expect(run.main.outputs['service-account-id']).toBe(account._id)
      expect(await accepted(jwk, account._id)).toBe(true)
      // After the create the name is looked up again (issue 24: a run started at the same time may have made one too).
      const requests = requestsTo(e2e.emulator, 'upper').filter((line) => !line.startsWith('POST /am/'))
      expect(requests.slice(0, 3)).toEqual([
        'GET /environment/scopes/service-accounts',
        expect.stringMatching(/^GET \/openidm\/managed\/svcacct\?_queryFilter=name/),
        'POST /openidm/managed/svcacct?_action=create'
      ])
      expect(requests.length).toBeGreaterThan(3)
      expect(requests.slice(3).every((line) => /^GET \/openidm\/managed\/svcacct\?_queryFilter=name/.test(line))).toBe(true)
      expect(e2e.emulator.github.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
        `GET /repos/acme/iam-config/environments/${ENVIRONMENT}/secrets/public-key 200`,
        `GET /repos/acme/iam-config/environments/${ENVIRONMENT}/secrets/public-key 200`,
        `PUT /repos/acme/iam-config/environments/${ENVIRONMENT}/secrets/${SECRET} 201`
      ])
      expect(run.main.summary).toContain('### Service account created')
      // What went to GitHub is the sealed box, which the leak scan of e2e.run has just searched for the key in every form.
      const put = e2e.emulator.github.requestBodies.find((entry) => entry.method === 'PUT')!
      expect(JSON.parse(put.body)).toEqual({ encrypted_value: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/), key_id: expect.any(String) })
      expect(put.body).not.toContain(String(jwk.d).slice(0, 16))

      const again = await e2e.run({ inputs: createInputs() })
      expect(again.main.exitCode).toBe(0)
      expect(again.main.stdout).toContain('A service account named "ci-deployer" exists')
      expect(again.main.stdout).toContain('left unchanged (it already has the scopes and description asked for)')
      expect(again.main.outputs['service-account-id']).toBe(account._id)
      expect(again.main.outputs['key-id']).toBeUndefined()
      expect(
        upper()
          .serviceAccounts.all()
          .filter((a) => a.name === 'ci-deployer')
      ).toHaveLength(1)
      expect(created()!._rev).toBe(account._rev)
      expect(stored()).toEqual(jwk)
    })

    test('update-existing brings scopes and description to the inputs with one PATCH, and makes no key', async () => {
      expect((await e2e.run({ inputs: createInputs() })).main.exitCode).toBe(0)
      const before = created()!
      const run = await e2e.run({
        inputs: createInputs({
          'update-existing': 'true',
          'service-account-scopes': 'fr:idc:esv:read',
          'service-account-description': 'Reads ESVs'
        })
      })
      expect(run.main.exitCode).toBe(0)
      expect(created()).toMatchObject({ _id: before._id, scopes: ['fr:idc:esv:read'], description: 'Reads ESVs', jwks: before.jwks })
      expect(created()!._rev).not.toBe(before._rev)
      expect(requestsTo(e2e.emulator, 'upper').filter((line) => line.startsWith('PATCH'))).toEqual([
        `PATCH /openidm/managed/svcacct/${before._id}`
      ])
    })

    test('a scope the tenant does not offer fails before any write, naming the nearest', async () => {
      const run = await e2e.run({ inputs: createInputs({ 'service-account-scopes': 'fr:idc:esv:raed' }) })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)).toEqual([
        'Invalid input: service-account-scopes: the tenant does not offer fr:idc:esv:raed; did you mean fr:idc:esv:read?'
      ])
      expect(created()).toBeUndefined()
      expect(e2e.emulator.github.log).toEqual([])
    })

    test('a repository secret only when chosen by name, with a warning; and a 0600 file in RUNNER_TEMP', async () => {
      const run = await e2e.run({ inputs: createInputs({ 'github-environment': '', 'github-secret-scope': 'repository' }) })
      expect(run.main.exitCode).toBe(0)
      expect(await storedKid(SECRET, null)).toBe(run.main.outputs['key-id'])
      expect(e2e.emulator.github.secrets.stored(SECRET, ENVIRONMENT)).toBeUndefined()
      expect(run.main.stdout).toContain(
        '::warning::The new private key goes to the repository secret SA_KEY (github-secret-scope: repository): every workflow on every branch can read it.'
      )
      expect(e2e.emulator.github.log.map((entry) => `${entry.method} ${entry.path}`)).toContain(
        `PUT /repos/acme/iam-config/actions/secrets/${SECRET}`
      )

      const file = await e2e.run({
        inputs: createInputs({
          'service-account-name': 'ci-file',
          'store-in-github-secret': '',
          'github-environment': '',
          'store-in-file': 'sa-key.json'
        })
      })
      expect(file.main.exitCode).toBe(0)
      const path = file.main.outputs['key-file']!
      expect(path).toBe(`${file.workDir}/runner-temp/sa-key.json`)
      expect(statSync(path).mode & 0o777).toBe(0o600)
      const jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK
      expect(await thumbprint(jwk)).toBe(file.main.outputs['key-id'])
      expect(await accepted(jwk, file.main.outputs['service-account-id'])).toBe(true)
    })

    test('an ESV secret of another tenant (key-tenant-url): a generic secret holding the JWK, pending there until its restart', async () => {
      const run = await e2e.run({
        inputs: createInputs({
          'store-in-github-secret': '',
          'github-environment': '',
          'store-in-esv': 'esv-ci-deployer-key',
          'key-tenant-url': e2e.emulator.lower.url,
          'key-tenant-service-account-id': e2e.emulator.serviceAccount.id,
          'key-tenant-service-account-key': e2e.emulator.serviceAccount.privateJwk
        })
      })
      expect(run.main.exitCode).toBe(0)
      const secret = e2e.emulator.lower.state.secrets.get('esv-ci-deployer-key')!
      expect(secret).toMatchObject({ encoding: 'generic', activeVersion: 1, loadedVersion: null })
      const jwk = JSON.parse(Buffer.from(secret.versions[0]!.valueBase64!, 'base64').toString('utf8')) as JWK
      expect(await thumbprint(jwk)).toBe(run.main.outputs['key-id'])
      expect(await accepted(jwk, run.main.outputs['service-account-id'])).toBe(true)
      expect(
        e2e.emulator.log
          .filter((entry) => entry.tenant === 'lower' && entry.path !== '/am/oauth2/access_token')
          .every((entry) => entry.scopes.join(' ') === 'fr:idc:esv:read fr:idc:esv:update')
      ).toBe(true)
      expect(run.main.summary).toContain("it takes effect there after that tenant's next restart")
      expect(e2e.emulator.github.log).toEqual([])
    })

    test('a secrets-write 403 deletes the new account again and fails clearly', async () => {
      e2e.emulator.github.secrets.forbidSecretWrites()
      const run = await e2e.run({ inputs: createInputs() })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)[0]).toMatch(
        /^Storing the private key in the secret SA_KEY of the environment key-rotation failed \(PUT .* HTTP 403.*GITHUB_TOKEN cannot be granted secrets.*\); the new account was deleted again/
      )
      expect(created()).toBeUndefined()
    })
  })

  test('issue 24: scopes of the real catalogue the emulator did not know (Governance, mTLS, Proxy Connect) are granted; a typo names the nearest', async () => {
    const run = await e2e.run({ inputs: createInputs({ 'service-account-scopes': 'fr:iga:*, fr:idc:mtls:*, fr:idc:proxy-connect:write' }) })
    expect(run.main.exitCode).toBe(0)
    expect(created()!.scopes).toEqual(['fr:iga:*', 'fr:idc:mtls:*', 'fr:idc:proxy-connect:write'])
    const typo = await e2e.run({
      inputs: createInputs({ 'service-account-name': 'other', 'service-account-scopes': 'fr:idc:proxy-conect:read' })
    })
    expect(typo.main.exitCode).toBe(1)
    expect(errorLines(typo.main)[0]).toContain('did you mean fr:idc:proxy-connect:read?')
  })

  describe('issue 24: two accounts from one name', () => {
    const named = () =>
      upper()
        .serviceAccounts.all()
        .filter((account) => account.name === 'ci-deployer')

    test('two runs started together with one name: one account stays, the run that made the other deletes it and reuses the one that stays', async () => {
      // Both creates answer late, so each run looks (and finds nothing) before either create lands.
      e2e.emulator.fault({ tenant: 'upper', method: 'POST', path: '/openidm/managed/svcacct', delayMs: 1_500, times: 2 })
      const runs = await Promise.all([e2e.run({ inputs: createInputs() }), e2e.run({ inputs: createInputs() })])
      expect(runs.map((run) => ({ exitCode: run.main.exitCode, errors: errorLines(run.main) }))).toEqual([
        { exitCode: 0, errors: [] },
        { exitCode: 0, errors: [] }
      ])
      const creates = requestsTo(e2e.emulator, 'upper').filter((line) => line === 'POST /openidm/managed/svcacct?_action=create')
      expect(creates).toHaveLength(2)
      expect(named()).toHaveLength(1)
      const [kept] = named()
      expect(runs.map((run) => run.main.outputs['service-account-id'])).toEqual([kept!._id, kept!._id])
      const [maker, reuser] = runs[0]!.main.outputs['key-id'] ? [runs[0]!, runs[1]!] : [runs[1]!, runs[0]!]
      expect(reuser.main.outputs['key-id']).toBeUndefined()
      expect(reuser.main.stdout).toMatch(
        new RegExp(
          `Another run created a service account named "ci-deployer" at the same time \\(id ${kept!._id}\\); it stays, so this run deleted its own`
        )
      )
      const deletes = requestsTo(e2e.emulator, 'upper').filter((line) => line.startsWith('DELETE /openidm/managed/svcacct/'))
      expect(deletes).toHaveLength(1)
      expect(deletes[0]).not.toContain(kept!._id)
      expect(kidsOf(kept!._id)).toEqual([maker.main.outputs['key-id']])
      expect(await storedKid()).toBe(maker.main.outputs['key-id'])
      expect(await accepted(stored(), kept!._id)).toBe(true)
    }, 60_000)

    test('accounts of one name made before (by hand): every run picks the same one, says so, and deletes none', async () => {
      const token = await tokenFor(e2e.emulator, 'upper', ['fr:idm:*'])
      const jwks = JSON.stringify({ keys: [{ ...e2e.emulator.serviceAccount.publicJwk, kid: 'by-hand', alg: 'RS256' }] })
      for (const description of ['first', 'second', 'third']) {
        const made = await call(e2e.emulator, 'upper', 'POST', '/openidm/managed/svcacct?_action=create', {
          token,
          body: { name: 'ci-deployer', description, accountStatus: 'Active', scopes: ['fr:idc:esv:read'], jwks }
        })
        expect(made.status).toBe(201)
      }
      const picked = named()
        .map((account) => account._id)
        .sort()[0]
      e2e.emulator.log.length = 0
      const runs = [await e2e.run({ inputs: createInputs() }), await e2e.run({ inputs: createInputs() })]
      for (const run of runs) {
        expect(run.main.exitCode).toBe(0)
        expect(run.main.outputs['service-account-id']).toBe(picked)
        expect(run.main.stdout).toContain(`::warning::3 service accounts are named "ci-deployer"`)
        expect(run.main.outputs['key-id']).toBeUndefined()
      }
      expect(named()).toHaveLength(3)
      expect(requestsTo(e2e.emulator, 'upper').filter((line) => !line.startsWith('GET ') && !line.startsWith('POST /am/'))).toEqual([])
    })
  })

  describe('rotate-service-account-key', () => {
    test('rotates the action’s own key: the old key is refused once retired, the new one works, the secret holds it', async () => {
      const original = e2e.emulator.serviceAccount.privateJwk
      const originalKid = await thumbprint(original)
      const first = await e2e.run({ inputs: rotateInputs() })
      expect(first.main.exitCode).toBe(0)
      const one = storedText()
      const oneKid = await storedKid()
      expect(first.main.outputs).toMatchObject({
        'service-account-id': ownId(),
        'key-id': oneKid,
        'previous-key-id': originalKid,
        'removed-key-ids': '[]'
      })
      // keep-keys 1: the old key stays for one cycle, so a job already running keeps working.
      expect(kidsOf(ownId())).toEqual([originalKid, oneKid])
      expect(await accepted(original)).toBe(true)
      expect(await accepted(one)).toBe(true)

      // The next scheduled run signs in with what the secret holds now.
      const second = await e2e.run({ inputs: rotateInputs(one) })
      expect(second.main.exitCode).toBe(0)
      const two = storedText()
      const twoKid = await storedKid()
      expect(second.main.outputs).toMatchObject({
        'key-id': twoKid,
        'previous-key-id': oneKid,
        'removed-key-ids': JSON.stringify([originalKid])
      })
      expect(kidsOf(ownId())).toEqual([oneKid, twoKid])
      expect(await accepted(original)).toBe(false)
      expect(await accepted(one)).toBe(true)
      expect(await accepted(two)).toBe(true)
      expect(second.main.summary).toContain('### Service account key rotated')
    })

    test('keep-keys 0 removes the previous key at once; another account is rotated with its current key given', async () => {
      const createRun = await e2e.run({ inputs: createInputs({ 'store-in-github-secret': 'DEPLOYER_KEY' }) })
      const id = createRun.main.outputs['service-account-id']!
      const current = storedText('DEPLOYER_KEY')
      const run = await e2e.run({
        inputs: rotateInputs(undefined, {
          'target-service-account-id': id,
          'target-service-account-key': current,
          'store-in-github-secret': 'DEPLOYER_KEY',
          'keep-keys': '0'
        })
      })
      expect(errorLines(run.main)).toEqual([])
      expect(run.main.exitCode).toBe(0)
      const next = storedText('DEPLOYER_KEY')
      expect(kidsOf(id)).toEqual([await storedKid('DEPLOYER_KEY')])
      expect(await accepted(current, id)).toBe(false)
      expect(await accepted(next, id)).toBe(true)
      // The action's own key was not touched.
      expect(kidsOf(ownId())).toHaveLength(1)
    })

    test('a secrets-write 403 leaves the old key in place, removes the new one again and fails clearly', async () => {
      e2e.emulator.github.secrets.forbidSecretWrites()
      const before = upper().serviceAccounts.get(ownId())!.jwks
      const run = await e2e.run({ inputs: rotateInputs() })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)[0]).toMatch(
        /^The new key \S+ was not put in use: storing it in the secret SA_KEY of the environment key-rotation failed: PUT \S+ failed with HTTP 403.*It was removed again; the account keeps \S+ and the stored key is unchanged/
      )
      expect(upper().serviceAccounts.get(ownId())!.jwks).toBe(before)
      expect(await accepted(e2e.emulator.serviceAccount.privateJwk)).toBe(true)
      expect(e2e.emulator.github.secrets.stored(SECRET, ENVIRONMENT)).toBeUndefined()
    })

    test('a new key the tenant never accepts within key-proof-timeout is removed again; the secret is not written', async () => {
      upper().serviceAccounts.keyAcceptDelayMs = 60_000
      const before = upper().serviceAccounts.get(ownId())!.jwks
      const run = await e2e.run({ inputs: rotateInputs(undefined, { 'key-proof-timeout': '1' }) })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)[0]).toMatch(
        /^The new key \S+ was not put in use: the tenant did not accept it within key-proof-timeout .* It was removed again/
      )
      expect(upper().serviceAccounts.get(ownId())!.jwks).toBe(before)
      expect(e2e.emulator.github.log.filter((entry) => entry.method === 'PUT')).toEqual([])
    })

    test('a current key that is not one of the account’s keys stops the run before any change', async () => {
      const createRun = await e2e.run({ inputs: createInputs({ 'store-in-github-secret': 'DEPLOYER_KEY' }) })
      const id = createRun.main.outputs['service-account-id']!
      const before = upper().serviceAccounts.get(id)!
      const run = await e2e.run({
        inputs: rotateInputs(undefined, {
          'target-service-account-id': id,
          // The action's own key: a key, but not one of this account's.
          'target-service-account-key': e2e.emulator.serviceAccount.privateJwk,
          'store-in-github-secret': 'DEPLOYER_KEY'
        })
      })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)[0]).toMatch(
        /^target-service-account-key \(key \S+\) is not one of the keys of the service account .* Nothing was changed/
      )
      expect(upper().serviceAccounts.get(id)).toEqual(before)
    })

    test('a concurrent change (_rev moved on) is refused with 412, not overwritten, and nothing is removed', async () => {
      upper().serviceAccounts.changeBeforeNextPatch()
      const before = kidsOf(ownId())
      const run = await e2e.run({ inputs: rotateInputs() })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)[0]).toMatch(
        /was changed by someone else while the action worked on it \(HTTP 412 on If-Match\); nothing of that change was overwritten/
      )
      expect(kidsOf(ownId())).toEqual(before)
      expect(e2e.emulator.github.secrets.stored(SECRET, ENVIRONMENT)).toBeUndefined()
      expect(e2e.emulator.github.log.filter((entry) => entry.method === 'PUT')).toEqual([])
    })
  })

  describe('a rotation killed (SIGKILL) at each stage, then a rerun in a new job', () => {
    /** The kill lands on the stage's first log line: its request is slowed down this long, time enough for the kill. */
    const SLOWED_MS = 1500
    /** Where the kill lands, and what slows that stage down so the kill lands inside it. */
    const STAGES = [
      {
        stage: 'after the new public key was added, while it is proven',
        left: 'orphan',
        when: /Added the new public key/,
        slow: (c: E2eContext) => (c.emulator.upper.serviceAccounts.keyAcceptDelayMs = 2000)
      },
      {
        stage: 'after the proof, before the secret is stored',
        left: 'orphan',
        when: /The tenant accepted the new key/,
        slow: (c: E2eContext) => c.emulator.github.secrets.delayPublicKey(SLOWED_MS)
      },
      {
        stage: 'after the secret was stored, before the old key is removed',
        left: 'stored',
        when: /Stored the new private key/,
        slow: (c: E2eContext) =>
          c.emulator.fault({
            tenant: 'upper',
            method: 'PATCH',
            path: /^\/openidm\/managed\/svcacct\//,
            after: 1,
            delayMs: SLOWED_MS,
            times: 1
          })
      }
    ] as const

    test.each(STAGES)(
      'killed $stage: the rerun finishes or rolls back, and a key whose private half is stored always works',
      async ({ when, slow, left }) => {
        // One completed rotation first, so there is an old key to keep or remove.
        expect((await e2e.run({ inputs: rotateInputs() })).main.exitCode).toBe(0)
        const before = storedText()
        slow(e2e)
        const killed: ActionRun = await e2e.run({ inputs: rotateInputs(storedText()), interrupt: { signal: 'SIGKILL', when } })
        expect(killed.main.signal).toBe('SIGKILL')
        // Whatever the kill left: the secret holds a key the tenant accepts.
        e2e.emulator.clearFaults()
        upper().serviceAccounts.keyAcceptDelayMs = 300
        e2e.emulator.github.secrets.delayPublicKey(0)
        // What the killed step had in flight lands (it was slowed down by SLOWED_MS).
        await new Promise((resolve) => setTimeout(resolve, SLOWED_MS + 500))
        const held = storedText()
        expect(await accepted(held)).toBe(true)
        // The kill landed inside the stage: a key added and never stored, or the new key stored (old removal pending or landed late).
        if (left === 'orphan') {
          expect(held).toBe(before)
          expect(kidsOf(ownId())).toHaveLength(3)
        } else expect(held).not.toBe(before)

        // The rerun is a new job: it knows only what the secret holds at its start and what the tenant holds.
        const rerun = await e2e.run({ inputs: rotateInputs(held) })
        expect(rerun.main.exitCode).toBe(0)
        if (left === 'orphan') {
          expect(rerun.main.stdout).toMatch(
            /an earlier rotation added it and never stored it, so no one holds its private half; removing it/
          )
          // The orphan (rolled back with the add) and the oldest key (beyond keep-keys).
          expect(JSON.parse(rerun.main.outputs['removed-key-ids']!)).toHaveLength(2)
        }
        const after = storedText()
        expect(kidsOf(ownId())).toEqual([await thumbprint(held), await thumbprint(after)])
        expect(await accepted(after)).toBe(true)
        expect(await accepted(held)).toBe(true)
      },
      60_000
    )
  })

  test('bad inputs fail before any request', async () => {
    for (const [inputs, message] of [
      [
        createInputs({ 'store-in-github-secret': '' }),
        'store-in-github-secret: required for create-service-account (or store-in-file, or store-in-esv)'
      ],
      [createInputs({ 'store-in-file': 'k.json' }), 'store-in-file: give one of store-in-github-secret, store-in-file, not 2'],
      // No environment named: the default is an environment secret, so the action asks rather than fall back to a repository secret.
      [
        rotateInputs(undefined, { 'github-environment': '' }),
        'github-environment: required with store-in-github-secret: the environment whose secret holds the key'
      ],
      [createInputs({ 'store-in-github-secret': 'GITHUB_KEY' }), 'store-in-github-secret: "GITHUB_KEY" is not a GitHub secret name'],
      [createInputs({ 'service-account-scopes': '' }), 'service-account-scopes: required'],
      [rotateInputs(undefined, { 'keep-keys': '11' }), 'keep-keys: expected a whole number from 0 to 10'],
      [
        createInputs({
          'store-in-github-secret': '',
          'store-in-esv': 'esv-k',
          'key-tenant-url': e2e.emulator.upper.url,
          'key-tenant-access-token': 'at-1234'
        }),
        'key-tenant-url: is tenant-url itself'
      ],
      [rotateInputs(undefined, { 'store-in-esv': 'esv-k' }), 'store-in-esv: applies to create-service-account only'],
      [
        rotateInputs(undefined, { 'target-service-account-id': 'another-account' }),
        'target-service-account-key: required to rotate another account'
      ]
    ] as const) {
      const run = await e2e.run({ inputs })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)[0]).toContain(message)
    }
    expect(e2e.emulator.log).toEqual([])
    expect(e2e.emulator.github.log).toEqual([])
  })
})
