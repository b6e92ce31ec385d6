import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { ApiClientState, ClientCredentials } from '../../emulator/index.js'
import { newApiClient } from '../../emulator/identity-state.js'
import { errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, requestsTo, startE2e, type E2eContext } from '../helpers/e2e.js'

const TOKEN = 'POST /v1.0/endpoint/default/token'
const SEARCH = `GET /v1.0/apiclients?search=${new URLSearchParams({ search: 'clientName = "crm-sync"' }).toString().slice('search='.length)}`
const CREATE = 'POST /v1.0/apiclients'

describe('operation: create-api-client', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ restartMs: 300 })
  })
  afterEach(() => e2e.close())

  const identity = () => e2e.emulator.identity
  const inputs = (admin: ClientCredentials = identity().adminClient): Record<string, string> => ({
    operation: 'create-api-client',
    'verify-tenant-url': identity().url,
    'verify-client-id': admin.clientId,
    'verify-client-secret': admin.clientSecret,
    'client-name': 'crm-sync',
    entitlements: 'readUserGroups, manageUserGroups',
    ...FAST_WAITS
  })
  /** The client the run made, if any (the admin clients have other names). */
  const created = (): ApiClientState | undefined => [...identity().state.apiClients.values()].find((c) => c.clientName === 'crm-sync')
  const seedClient = (): ApiClientState => {
    const client = newApiClient({ clientName: 'crm-sync', entitlements: ['readUserGroups'], enabled: true })
    identity().state.apiClients.set(client.id, client)
    return client
  }
  const adminSecret = () => [identity().adminClient.clientSecret]

  test('creates the client, reads it back, and outputs its id and masked secret', async () => {
    const run = await e2e.run({
      inputs: { ...inputs(), description: 'CRM nightly sync', entitlements: 'readUserGroups,\nmanageUserGroups\nreadUserGroups' },
      extraSecrets: adminSecret(),
      leakScan: { secretOutputs: ['client-secret'] }
    })
    expect(run.main.exitCode).toBe(0)
    const client = created()!
    expect(client).toMatchObject({ entitlements: ['readUserGroups', 'manageUserGroups'], enabled: true, description: 'CRM nightly sync' })
    expect(run.main.outputs['client-id']).toBe(client.clientId)
    expect(run.main.outputs['api-client-id']).toBe(client.id)
    expect(run.main.outputs['client-secret']).toBe(client.clientSecret)
    // Masked the moment it was read: the runner hides it everywhere after this line.
    expect(run.main.stdout).toContain(`::add-mask::${client.clientSecret}`)
    expect(run.main.stdout).toContain('::warning::entitlements: readUserGroups given more than once; each is sent once')
    expect(requestsTo(e2e.emulator, 'identity')).toEqual([TOKEN, SEARCH, CREATE, `GET /v1.0/apiclients/${client.id}`])
    expect([...requestsTo(e2e.emulator, 'lower'), ...requestsTo(e2e.emulator, 'upper')]).toEqual([])
    expect(run.main.summary).toContain('### API client created')
    expect(run.main.summary).toContain('| Name | crm-sync |')
    expect(run.main.summary).toContain(`| API client id | \`${client.id}\` |`)
    expect(run.main.summary).toContain('| Entitlements | `readUserGroups`, `manageUserGroups` |')
    expect(run.main.summary).toContain('in the masked output `client-secret`')
  })

  test('the leak scan catches the client secret in an output not declared secret', async () => {
    await expect(e2e.run({ inputs: inputs(), extraSecrets: adminSecret() })).rejects.toThrow(/main output client-secret contains a secret/)
  })

  test('follows a relative Location on the identity tenant', async () => {
    identity().setLocationStyle({ kind: 'relative' })
    const run = await e2e.run({ inputs: inputs(), extraSecrets: adminSecret(), leakScan: { secretOutputs: ['client-secret'] } })
    expect(run.main.exitCode).toBe(0)
    expect(requestsTo(e2e.emulator, 'identity').at(-1)).toBe(`GET /v1.0/apiclients/${created()!.id}`)
    expect(run.main.outputs['client-secret']).toBe(created()!.clientSecret)
  })

  test('follows an absolute Location on the identity tenant', async () => {
    identity().setLocationStyle({ kind: 'absolute' })
    const run = await e2e.run({ inputs: inputs(), extraSecrets: adminSecret(), leakScan: { secretOutputs: ['client-secret'] } })
    expect(run.main.exitCode).toBe(0)
    expect(requestsTo(e2e.emulator, 'identity').at(-1)).toBe(`GET /v1.0/apiclients/${created()!.id}`)
    expect(run.main.outputs['api-client-id']).toBe(created()!.id)
  })

  test('refuses a Location on another origin and sends nothing there', async () => {
    identity().setLocationStyle({ kind: 'other-origin', origin: e2e.emulator.lower.url })
    const run = await e2e.run({ inputs: inputs(), extraSecrets: adminSecret() })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Refused to follow the Location of the new API client "crm-sync": it points at ${e2e.emulator.lower.url}, not the identity tenant`
        )
      )
    ])
    expect(requestsTo(e2e.emulator, 'lower')).toEqual([])
    expect(requestsTo(e2e.emulator, 'identity')).toEqual([TOKEN, SEARCH, CREATE])
    expect(run.main.outputs['client-secret']).toBeUndefined()
  })

  test('refuses another host name for the same server (the origin differs)', async () => {
    const port = new URL(identity().url).port
    identity().setLocationStyle({ kind: 'other-origin', origin: `http://localhost:${port}` })
    const run = await e2e.run({ inputs: inputs(), extraSecrets: adminSecret() })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)[0]).toMatch(
      /^Refused to follow the Location .* it points at http:\/\/localhost:\d+, not the identity tenant/
    )
    expect(requestsTo(e2e.emulator, 'identity')).toEqual([TOKEN, SEARCH, CREATE])
  })

  test('an unknown entitlement fails before any request, with a suggestion', async () => {
    const run = await e2e.run({
      inputs: { ...inputs(), entitlements: 'readusergroups, manageUserGrups, launchRockets' },
      extraSecrets: adminSecret()
    })
    expect(run.main.exitCode).toBe(1)
    const [error] = errorLines(run.main)
    expect(error).toMatch(/^Invalid inputs \(3\):/)
    expect(error).toContain('entitlements: unknown entitlement "readusergroups"; did you mean readUserGroups?')
    expect(error).toContain('entitlements: unknown entitlement "manageUserGrups"; did you mean manageUserGroups?')
    expect(error).toContain('entitlements: unknown entitlement "launchRockets"; see the README for the entitlement names')
    expect(e2e.emulator.log).toEqual([])
  })

  test('an entitlement of an offering the tenant lacks fails before any request, naming the offering', async () => {
    const run = await e2e.run({
      inputs: { ...inputs(), offerings: 'CIV', entitlements: 'manageMFAMethods, authnAnyUser' },
      extraSecrets: adminSecret()
    })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      "Invalid input: entitlements: manageMFAMethods needs the CIC offering, which the tenant's offerings (CIV) do not include"
    ])
    expect(e2e.emulator.log).toEqual([])
  })

  test('an entitlement limited on the given offerings is created with a warning', async () => {
    const run = await e2e.run({
      inputs: { ...inputs(), offerings: 'civ', entitlements: 'readReports' },
      extraSecrets: adminSecret(),
      leakScan: { secretOutputs: ['client-secret'] }
    })
    expect(run.main.exitCode).toBe(0)
    expect(run.main.stdout).toContain('::warning::readReports: application usage reports can only be accessed by CIC.')
    expect(created()!.entitlements).toEqual(['readReports'])
  })

  test('an admin client without manageAPIClients gets a clear 403 and creates nothing', async () => {
    const reader = identity().createAdminClient(['readAPIClients'])
    const run = await e2e.run({ inputs: inputs(reader), extraSecrets: [reader.clientSecret] })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      expect.stringMatching(
        /^POST \/v1\.0\/apiclients failed with HTTP 403 \(code CSIAI0403E\): The client is not entitled .*\. The admin API client \(verify-client-id\) lacks the manageAPIClients entitlement; grant it/
      )
    ])
    expect(created()).toBeUndefined()
    expect(requestsTo(e2e.emulator, 'identity')).toEqual([TOKEN, SEARCH, CREATE])
  })

  test('an admin client with neither entitlement fails at the name lookup with the same advice', async () => {
    const stranger = identity().createAdminClient(['readUserGroups'])
    const run = await e2e.run({ inputs: inputs(stranger), extraSecrets: [stranger.clientSecret] })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)[0]).toMatch(/^GET \/v1\.0\/apiclients failed with HTTP 403 .*lacks the manageAPIClients entitlement/)
    expect(requestsTo(e2e.emulator, 'identity')).toEqual([TOKEN, SEARCH])
  })

  test('a secret the tenant does not show becomes an error naming the entitlements that show it', async () => {
    identity().state.secretsShown = false
    const run = await e2e.run({ inputs: inputs(), extraSecrets: adminSecret() })
    expect(run.main.exitCode).toBe(1)
    const client = created()!
    expect(errorLines(run.main)).toEqual([
      `The identity tenant created the API client "crm-sync" (id ${client.id}) but did not show its secret: only the manageAPIClients or readAPIClientsAndClientSecret entitlement shows it (readAPIClients does not). Grant one to the admin API client (verify-client-id), delete the new client, and run the step again`
    ])
    expect(run.main.outputs['client-id']).toBeUndefined()
    expect(run.main.outputs['client-secret']).toBeUndefined()
    expect(requestsTo(e2e.emulator, 'identity')).toEqual([TOKEN, SEARCH, CREATE, `GET /v1.0/apiclients/${client.id}`])
  })

  test('wrong admin credentials fail at the token endpoint with advice', async () => {
    const wrong = { ...identity().adminClient, clientSecret: 'not-the-admin-secret' }
    const run = await e2e.run({ inputs: inputs(wrong), extraSecrets: [...adminSecret(), wrong.clientSecret] })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)[0]).toMatch(
      /^POST \/v1\.0\/endpoint\/default\/token failed with HTTP 401 \(code invalid_client\).*Check verify-client-id and verify-client-secret/
    )
    expect(requestsTo(e2e.emulator, 'identity')).toEqual([TOKEN])
  })

  test('if-exists fail: an existing name fails without creating', async () => {
    const existing = seedClient()
    const run = await e2e.run({ inputs: inputs(), extraSecrets: adminSecret() })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      `An API client named "crm-sync" already exists (id ${existing.id}); set if-exists: skip to keep it, or choose another client-name`
    ])
    expect(requestsTo(e2e.emulator, 'identity')).toEqual([TOKEN, SEARCH])
  })

  test('if-exists skip: outputs the existing client id and no secret', async () => {
    const existing = seedClient()
    const run = await e2e.run({ inputs: { ...inputs(), 'if-exists': 'skip' }, extraSecrets: adminSecret() })
    expect(run.main.exitCode).toBe(0)
    expect(run.main.outputs['client-id']).toBe(existing.clientId)
    expect(run.main.outputs['api-client-id']).toBe(existing.id)
    expect(run.main.outputs['client-secret']).toBeUndefined()
    expect(run.main.summary).toContain('### API client already exists')
    expect(requestsTo(e2e.emulator, 'identity')).toEqual([TOKEN, SEARCH])
    expect(identity().state.apiClients.size).toBe(2)
  })

  test('a create whose answer is lost is looked up by name, not sent twice', async () => {
    e2e.emulator.fault({ tenant: 'identity', method: 'POST', path: '/v1.0/apiclients', handleThenDrop: true, times: 1 })
    const run = await e2e.run({ inputs: inputs(), extraSecrets: adminSecret(), leakScan: { secretOutputs: ['client-secret'] } })
    expect(run.main.exitCode).toBe(0)
    const client = created()!
    expect(requestsTo(e2e.emulator, 'identity')).toEqual([TOKEN, SEARCH, CREATE, SEARCH, `GET /v1.0/apiclients/${client.id}`])
    expect(identity().state.apiClients.size).toBe(2)
    expect(run.main.outputs['client-secret']).toBe(client.clientSecret)
  })

  describe('store-in-secret', () => {
    const storeInputs = (secretId: string) => ({ ...inputs(), ...connectionInputs(e2e.emulator, 'lower'), 'store-in-secret': secretId })

    test('stores the secret as a new ESV secret, restarts, and keeps it out of the outputs', async () => {
      const run = await e2e.run({ inputs: storeInputs('esv-crm-client-secret'), extraSecrets: adminSecret() })
      expect(run.main.exitCode).toBe(0)
      const client = created()!
      const secret = e2e.emulator.lower.state.secrets.get('esv-crm-client-secret')!
      expect(secret).toMatchObject({ encoding: 'generic', useInPlaceholders: true, activeVersion: 1, loadedVersion: 1, loaded: true })
      expect(Buffer.from(secret.versions[0]!.valueBase64!, 'base64').toString('utf8')).toBe(client.clientSecret)
      expect(e2e.emulator.lower.state.restart.completed).toBe(1)
      expect(run.main.outputs['client-secret']).toBeUndefined()
      expect(run.main.outputs['client-id']).toBe(client.clientId)
      expect(run.main.outputs['restart-status']).toBe('ready')
      const lower = requestsTo(e2e.emulator, 'lower')
      // The secret is looked at before the client is made, written once, then the tenant restarts once.
      expect(lower.slice(0, 2)).toEqual(['POST /am/oauth2/access_token', 'GET /environment/secrets/esv-crm-client-secret'])
      expect(lower.filter((r) => r === 'PUT /environment/secrets/esv-crm-client-secret')).toHaveLength(1)
      expect(lower.filter((r) => r === 'POST /environment/startup?_action=restart')).toHaveLength(1)
      const firstEsvRequest = e2e.emulator.log.findIndex((entry) => entry.path === '/environment/secrets/esv-crm-client-secret')
      const createRequest = e2e.emulator.log.findIndex((entry) => entry.method === 'POST' && entry.path === '/v1.0/apiclients')
      expect(firstEsvRequest).toBeLessThan(createRequest)
      expect(run.main.summary).toContain('stored in `esv-crm-client-secret` (version 1, new secret)')
      expect(requestsTo(e2e.emulator, 'upper')).toEqual([])
    })

    test('adds a version to an existing secret; output-secret true also outputs it; restart never', async () => {
      const run = await e2e.run({
        inputs: { ...storeInputs('esv-smtp-password'), 'output-secret': 'true', restart: 'never' },
        extraSecrets: adminSecret(),
        leakScan: { secretOutputs: ['client-secret'] }
      })
      expect(run.main.exitCode).toBe(0)
      const client = created()!
      const secret = e2e.emulator.lower.state.secrets.get('esv-smtp-password')!
      expect(secret.versions).toHaveLength(3)
      expect(Buffer.from(secret.versions[2]!.valueBase64!, 'base64').toString('utf8')).toBe(client.clientSecret)
      expect(secret.loaded).toBe(false)
      expect(e2e.emulator.lower.state.restart.completed).toBe(0)
      expect(run.main.outputs['client-secret']).toBe(client.clientSecret)
      expect(run.main.summary).toContain('not done (restart: never)')
      expect(requestsTo(e2e.emulator, 'lower')).not.toContain('POST /environment/startup?_action=restart')
    })

    test('refuses a secret whose encoding cannot hold a client secret, before creating the client', async () => {
      const run = await e2e.run({ inputs: storeInputs('esv-signing-key'), extraSecrets: adminSecret() })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)[0]).toMatch(
        /^store-in-secret: esv-signing-key exists with encoding pem; a client secret needs a generic secret/
      )
      expect(requestsTo(e2e.emulator, 'identity')).not.toContain(CREATE)
      expect(created()).toBeUndefined()
    })

    test('a failed write says the client exists and what to do', async () => {
      e2e.emulator.fault({ tenant: 'lower', method: 'PUT', path: '/environment/secrets/esv-crm-client-secret', status: 400 })
      const run = await e2e.run({ inputs: storeInputs('esv-crm-client-secret'), extraSecrets: adminSecret() })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)[0]).toMatch(
        /^The API client "crm-sync" \(id .*\) was created, but storing its secret in esv-crm-client-secret failed: PUT .* HTTP 400.*Delete the client in the identity tenant and run the step again/
      )
      expect(run.main.outputs['api-client-id']).toBe(created()!.id)
      expect(run.main.outputs['client-secret']).toBeUndefined()
    })
  })

  test('rejects bad inputs before sending a single request', async () => {
    const run = await e2e.run({
      inputs: {
        ...inputs(),
        'verify-tenant-url': 'http://verify.example.com',
        'client-name': '',
        'if-exists': 'replace',
        enabled: 'yes',
        offerings: 'CIX',
        'store-in-secret': 'ESV_Crm'
      },
      extraSecrets: adminSecret()
    })
    expect(run.main.exitCode).toBe(1)
    const [error] = errorLines(run.main)
    expect(error).toContain('verify-tenant-url: must use https')
    expect(error).toContain('client-name: required')
    expect(error).toContain('if-exists: "replace" is not one of fail, skip')
    expect(error).toContain('enabled: expected true or false')
    expect(error).toContain('offerings: "CIX" is not an offering')
    expect(error).toContain('store-in-secret: "ESV_Crm" is not an ESV secret id')
    // store-in-secret needs the Identity Cloud tenant's connection too.
    expect(error).toContain('tenant-url: required')
    expect(e2e.emulator.log).toEqual([])
  })

  test('a missing admin secret is reported without a request', async () => {
    const run = await e2e.run({ inputs: { ...inputs(), 'verify-client-secret': '' }, extraSecrets: adminSecret() })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual(["Invalid input: verify-client-secret: required (that admin client's secret)"])
    expect(e2e.emulator.log).toEqual([])
  })
})
