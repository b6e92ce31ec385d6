import { afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import type { JWK } from 'jose'
import { generateServiceAccountKey, startEmulator, type Emulator, type ServiceAccountKeyPair } from '../../../emulator/index.js'
import { ApiError, OutcomeUnknownError } from '../../../src/errors.js'
import { connectTenant } from '../../../src/tenant/connect.js'
import { EsvClient, latestVersionNumber } from '../../../src/tenant/esv.js'

const SECRET = 'esv-smtp-password'
const VERSIONS = `/environment/secrets/${SECRET}/versions`
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

/** request-timeout 5 s: the settle window after an unknown outcome is three of them, looked at every tenth. */
const SETTLE_WINDOW_MS = 15_000
const LOOK_INTERVAL_MS = 1_500

describe('EsvClient against the emulator', () => {
  let emulator: Emulator
  let esv: EsvClient
  /** The HTTP layer's waits, in order: its clock is injected, so the settle window passes without real waiting. */
  let waited: number[]
  /** Made once: generating the service account's RSA pair is most of an emulator's start. */
  let key: ServiceAccountKeyPair
  beforeAll(async () => {
    key = await generateServiceAccountKey()
  })
  beforeEach(async () => {
    emulator = await startEmulator({ serviceAccountKey: key })
    waited = []
    const client = connectTenant(
      {
        url: emulator.upper.url,
        auth: {
          kind: 'service-account',
          serviceAccountId: emulator.serviceAccount.id,
          privateJwk: JSON.parse(emulator.serviceAccount.privateJwk) as JWK
        },
        scopes: ['fr:idc:esv:read', 'fr:idc:esv:update']
      },
      {
        operation: 'rotate-secret',
        http: { requestTimeoutMs: 5000, retryBaseDelayMs: 1 },
        sleep: async (ms) => {
          waited.push(ms)
        }
      }
    )
    esv = new EsvClient(client)
  })
  afterEach(() => emulator.close())

  const versionNumbers = () => emulator.upper.state.secrets.get(SECRET)!.versions.map((v) => v.version)
  const creates = () => emulator.log.filter((entry) => entry.method === 'POST' && entry.path === VERSIONS)
  const lists = () => emulator.log.filter((entry) => entry.method === 'GET' && entry.path === VERSIONS)
  /** The looks' waits within one whole settle window: ten pauses of a tenth each. */
  const wholeWindow = Array<number>(SETTLE_WINDOW_MS / LOOK_INTERVAL_MS).fill(LOOK_INTERVAL_MS)
  const lookWaits = () => waited.filter((ms) => ms === LOOK_INTERVAL_MS)

  describe('createVersion', () => {
    test('a new value makes a version', async () => {
      const result = await esv.createVersion(SECRET, b64('a-brand-new-value'))
      expect(result).toMatchObject({ created: true, version: { version: '3', status: 'ENABLED' } })
      expect(versionNumbers()).toEqual([1, 2, 3])
    })

    test('the latest value again is de-duplicated: the latest version comes back, created false', async () => {
      const result = await esv.createVersion(SECRET, b64('smtp-password-v2'))
      expect(result).toMatchObject({ created: false, version: { version: '2' } })
      expect(versionNumbers()).toEqual([1, 2])
    })

    test('a known latest version spares the first list', async () => {
      const known = latestVersionNumber(await esv.listVersions(SECRET))
      await esv.createVersion(SECRET, b64('another-new-value'), known)
      expect(lists()).toHaveLength(1)
    })

    test('made, answer lost: it lists, finds the new version, and does not send again', async () => {
      emulator.fault({ method: 'POST', path: VERSIONS, handleThenDrop: true, times: 1 })
      const result = await esv.createVersion(SECRET, b64('made-but-unanswered'))
      expect(result).toMatchObject({ created: true, version: { version: '3' } })
      expect(creates()).toHaveLength(1)
      expect(lists()).toHaveLength(2)
      expect(waited).toEqual([])
      expect(versionNumbers()).toEqual([1, 2, 3])
    })

    test.each([
      ['a connection reset', { drop: true }],
      ['a gateway 502', { status: 502 }],
      ['a gateway 504', { status: 504 }]
    ])('not made, %s: it lists, finds nothing, and sends once more', async (_what, fault) => {
      emulator.fault({ method: 'POST', path: VERSIONS, times: 1, ...fault })
      const result = await esv.createVersion(SECRET, b64('second-time-lucky'))
      expect(result).toMatchObject({ created: true, version: { version: '3' } })
      expect(creates()).toHaveLength(2)
      expect(versionNumbers()).toEqual([1, 2, 3])
      expect(lookWaits()).toEqual(wholeWindow)
    })

    test('a second unknown outcome is looked at too; a made version is found, never a second one', async () => {
      emulator.fault({ method: 'POST', path: VERSIONS, drop: true, times: 1 })
      emulator.fault({ method: 'POST', path: VERSIONS, handleThenDrop: true, times: 1 })
      const result = await esv.createVersion(SECRET, b64('made-on-the-second-try'))
      expect(result).toMatchObject({ created: true, version: { version: '3' } })
      expect(creates()).toHaveLength(2)
      expect(versionNumbers()).toEqual([1, 2, 3])
      expect(lookWaits()).toEqual(wholeWindow)
    })

    test('gives up after the retry policy’s six sends that each made nothing, with the unknown outcome', async () => {
      emulator.fault({ method: 'POST', path: VERSIONS, drop: true })
      await expect(esv.createVersion(SECRET, b64('never-arrives'))).rejects.toBeInstanceOf(OutcomeUnknownError)
      expect(creates()).toHaveLength(6)
      // The one before; after the first send, looks every 1.5 s over the 15 s settle window (request-timeout 5 s × 3); one look after each later send.
      expect(lists()).toHaveLength(1 + 11 + 5)
      expect(versionNumbers()).toEqual([1, 2])
      expect(lookWaits()).toEqual(wholeWindow)
    })

    test('a plain error is not an unknown outcome: no look, no second send', async () => {
      emulator.fault({ method: 'POST', path: VERSIONS, status: 400, times: 1 })
      await expect(esv.createVersion(SECRET, b64('rejected-value'))).rejects.toBeInstanceOf(ApiError)
      expect(creates()).toHaveLength(1)
      expect(lists()).toHaveLength(1)
    })
  })

  describe('createSecret', () => {
    test('made, answer lost: it finds the secret instead of sending again', async () => {
      emulator.fault({ method: 'PUT', path: '/environment/secrets/esv-fresh', handleThenDrop: true, times: 1 })
      const secret = await esv.createSecret('esv-fresh', { encoding: 'generic', useInPlaceholders: true, valueBase64: b64('fresh-value') })
      expect(secret).toMatchObject({ _id: 'esv-fresh', activeVersion: '1' })
      expect(emulator.log.filter((entry) => entry.method === 'PUT')).toHaveLength(1)
    })
  })

  describe('versions', () => {
    test('disable and delete; the latest refuses both', async () => {
      await esv.setVersionStatus(SECRET, '1', 'DISABLED')
      await expect(esv.setVersionStatus(SECRET, '2', 'DISABLED')).rejects.toMatchObject({ status: 400 })
      await esv.deleteVersion(SECRET, '1')
      await expect(esv.deleteVersion(SECRET, '2')).rejects.toMatchObject({ status: 403 })
      expect((await esv.listVersions(SECRET)).map((v) => [v.version, v.status]).sort()).toEqual([
        ['1', 'DESTROYED'],
        ['2', 'ENABLED']
      ])
    })

    test('a DELETE resent after a lost answer finds the version destroyed and succeeds, though the tenant refuses the second', async () => {
      await esv.createVersion(SECRET, b64('a-third-value'))
      emulator.fault({ method: 'DELETE', path: `${VERSIONS}/1`, handleThenDrop: true, times: 1 })
      await esv.deleteVersion(SECRET, '1')
      const deletes = emulator.log.filter((entry) => entry.method === 'DELETE' && entry.path === `${VERSIONS}/1`)
      expect(deletes.map((entry) => entry.status)).toEqual([200, 400])
      expect(emulator.upper.state.secrets.get(SECRET)!.versions.find((v) => v.version === 1)?.status).toBe('DESTROYED')
    })

    test('a refusal of a version that is not destroyed stays an error', async () => {
      emulator.fault({ method: 'DELETE', path: `${VERSIONS}/1`, status: 400, times: 1 })
      await expect(esv.deleteVersion(SECRET, '1')).rejects.toMatchObject({ status: 400 })
    })
  })

  describe('setDescription', () => {
    test('the empty 200 a real tenant answers is success, for variables and secrets', async () => {
      await esv.setVariableDescription('esv-api-base-url', 'the orders API')
      await esv.setSecretDescription(SECRET, 'the SMTP relay')
      expect(emulator.upper.state.variables.get('esv-api-base-url')?.description).toBe('the orders API')
      expect(emulator.upper.state.secrets.get(SECRET)?.description).toBe('the SMTP relay')
    })
  })
})
