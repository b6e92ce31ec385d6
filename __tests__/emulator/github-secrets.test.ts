/** GitHub Actions secrets in the emulator (emulator/github-secrets.ts) against emulator/evidence/github.md. */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import sodium from 'libsodium-wrappers'
import { startEmulator, type Emulator } from '../../emulator/index.js'

let emulator: Emulator

beforeEach(async () => {
  emulator = await startEmulator()
  await sodium.ready
})
afterEach(() => emulator.close())

const REPO = '/repos/acme/iam-config'

async function gh<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${emulator.github.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${emulator.github.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T }
}

function sealFor(value: string, key: string): string {
  return sodium.to_base64(
    sodium.crypto_box_seal(value, sodium.from_base64(key, sodium.base64_variants.ORIGINAL)),
    sodium.base64_variants.ORIGINAL
  )
}

describe('GitHub Actions secrets', () => {
  test('[GH-19] a public key per repository and per environment', async () => {
    const repo = await gh<{ key_id: string; key: string }>('GET', `${REPO}/actions/secrets/public-key`)
    expect(repo.status).toBe(200)
    expect(repo.body.key_id).toMatch(/^\d+$/)
    expect(sodium.from_base64(repo.body.key, sodium.base64_variants.ORIGINAL)).toHaveLength(32)
    const env = await gh<{ key_id: string; key: string }>('GET', `${REPO}/environments/production/secrets/public-key`)
    expect(env.body.key).not.toBe(repo.body.key)
    expect((await gh('GET', `${REPO}/actions/secrets/public-key`)).body).toEqual(repo.body)
  })

  test('[GH-20] a sealed value is created (201), then updated (204); the emulator opens it', async () => {
    const { body: key } = await gh<{ key_id: string; key: string }>('GET', `${REPO}/actions/secrets/public-key`)
    const put = (value: string) =>
      gh('PUT', `${REPO}/actions/secrets/SA_KEY`, { encrypted_value: sealFor(value, key.key), key_id: key.key_id })
    expect((await put('first')).status).toBe(201)
    expect((await put('second')).status).toBe(204)
    expect(emulator.github.secrets.open('SA_KEY')).toBe('second')
    expect(emulator.github.secrets.values()).toEqual(['second'])
    const { body: envKey } = await gh<{ key_id: string; key: string }>('GET', `${REPO}/environments/production/secrets/public-key`)
    const envPut = await gh('PUT', `${REPO}/environments/production/secrets/SA_KEY`, {
      encrypted_value: sealFor('env', envKey.key),
      key_id: envKey.key_id
    })
    expect(envPut.status).toBe(201)
    expect(emulator.github.secrets.open('SA_KEY', 'production')).toBe('env')
    expect(emulator.github.requestBodies.filter((entry) => entry.method === 'PUT')).toHaveLength(3)
  })

  test('[GH-21] a value not sealed under the current key, another key_id, or a forbidden name is 422', async () => {
    const { body: key } = await gh<{ key_id: string; key: string }>('GET', `${REPO}/actions/secrets/public-key`)
    const other = sodium.to_base64(sodium.crypto_box_keypair().publicKey, sodium.base64_variants.ORIGINAL)
    expect((await gh('PUT', `${REPO}/actions/secrets/SA_KEY`, { encrypted_value: sealFor('x', other), key_id: key.key_id })).status).toBe(
      422
    )
    expect((await gh('PUT', `${REPO}/actions/secrets/SA_KEY`, { encrypted_value: sealFor('x', key.key), key_id: '1' })).status).toBe(422)
    for (const name of ['GITHUB_KEY', '1KEY', 'A-B']) {
      expect(
        (await gh('PUT', `${REPO}/actions/secrets/${name}`, { encrypted_value: sealFor('x', key.key), key_id: key.key_id })).status
      ).toBe(422)
    }
    expect(emulator.github.secrets.stored('SA_KEY')).toBeUndefined()
  })

  test('[GH-22] an environment that does not exist is 404 until it is added', async () => {
    expect((await gh('GET', `${REPO}/environments/staging/secrets/public-key`)).status).toBe(404)
    emulator.github.secrets.addEnvironment('staging')
    expect((await gh('GET', `${REPO}/environments/staging/secrets/public-key`)).status).toBe(200)
  })

  test('[GH-23] a token without secrets: write reads the key but gets 403 on the PUT', async () => {
    emulator.github.secrets.forbidSecretWrites()
    const { body: key } = await gh<{ key_id: string; key: string }>('GET', `${REPO}/actions/secrets/public-key`)
    const put = await gh('PUT', `${REPO}/actions/secrets/SA_KEY`, { encrypted_value: sealFor('x', key.key), key_id: key.key_id })
    expect(put).toEqual({ status: 403, body: { message: 'Resource not accessible by integration' } })
  })

  test('[GH-24] delayPublicKey holds the public-key answer back', async () => {
    emulator.github.secrets.delayPublicKey(300)
    const started = Date.now()
    expect((await gh('GET', `${REPO}/actions/secrets/public-key`)).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })
})
