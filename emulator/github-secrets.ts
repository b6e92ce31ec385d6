/**
 * GitHub Actions secrets, repository and environment: the public key a secret is sealed with, and the
 * create-or-update of a sealed secret. The emulator keeps each sealed value and the private key, so a test
 * can open what the action stored (`open`) and check it is what it should be. Ledger: evidence/github.md.
 */
import { randomBytes } from 'node:crypto'
import sodium from 'libsodium-wrappers'
import type { ApiResponse } from './respond.js'
import type { RequestContext, Route } from './router.js'

/** GitHub's rule for secret names: letters, digits, underscores; not starting with a digit or GITHUB_. */
const SECRET_NAME = /^(?!GITHUB_)(?![0-9])[A-Za-z0-9_]{1,200}$/i

interface SealingKey {
  keyId: string
  publicKey: Uint8Array
  privateKey: Uint8Array
}

export interface StoredGitHubSecret {
  name: string
  /** The sealed value as sent (base64), and the key id it names. */
  encryptedValue: string
  keyId: string
  createdAt: string
  updatedAt: string
}

export interface GitHubSecretsEmulator {
  /** The sealed secret as stored, by name; `environment` for an environment secret. */
  stored(name: string, environment?: string): StoredGitHubSecret | undefined
  /** Opens the stored sealed value with the emulator's private key (as GitHub's runner does). */
  open(name: string, environment?: string): string | undefined
  /** Every stored secret opened, for leak scans. */
  values(): string[]
  /** GH-22: environments that exist; a secret of another environment is 404. Default: `production`. */
  addEnvironment(name: string): void
  /** GH-23: the token may read the public key but not write secrets (403), as one without `secrets: write`. */
  forbidSecretWrites(): void
  /** GH-24: the public-key reads answer after this long (0: at once), so a test can stop a step in the middle. */
  delayPublicKey(ms: number): void
}

export class GitHubSecretsStore implements GitHubSecretsEmulator {
  private readonly keys = new Map<string, SealingKey>()
  private readonly secrets = new Map<string, StoredGitHubSecret>()
  private readonly environments = new Set<string>(['production'])
  private writesForbidden = false
  private publicKeyDelayMs = 0

  /** libsodium loads its WebAssembly once; the server calls this before it listens. */
  static async ready(): Promise<void> {
    await sodium.ready
  }

  stored(name: string, environment?: string): StoredGitHubSecret | undefined {
    return this.secrets.get(scopeKey(environment, name.toUpperCase()))
  }

  open(name: string, environment?: string): string | undefined {
    const secret = this.stored(name, environment)
    const key = this.keys.get(scopeKey(environment))
    if (!secret || !key) return undefined
    return sodium.crypto_box_seal_open(
      sodium.from_base64(secret.encryptedValue, sodium.base64_variants.ORIGINAL),
      key.publicKey,
      key.privateKey,
      'text'
    )
  }

  values(): string[] {
    return [...this.secrets.keys()].flatMap((id) => {
      const [scope = '', name = ''] = id.split('/')
      const value = this.open(name, scope === 'repo' ? undefined : scope.slice('env:'.length))
      return value === undefined ? [] : [value]
    })
  }

  delayPublicKey(ms: number): void {
    this.publicKeyDelayMs = ms
  }

  addEnvironment(name: string): void {
    this.environments.add(name)
  }

  forbidSecretWrites(): void {
    this.writesForbidden = true
  }

  routes(): Route[] {
    const route = (method: string, path: string, handle: (ctx: RequestContext) => ApiResponse | Promise<ApiResponse>): Route => ({
      method,
      path,
      scopes: null,
      handle
    })
    return [
      route('GET', '/repos/{owner}/{repo}/actions/secrets/public-key', () => this.publicKey(undefined)),
      route('PUT', '/repos/{owner}/{repo}/actions/secrets/{name}', (ctx) => this.put(ctx, undefined)),
      route('GET', '/repos/{owner}/{repo}/environments/{environment}/secrets/public-key', (ctx) => this.publicKey(ctx.params.environment)),
      route('PUT', '/repos/{owner}/{repo}/environments/{environment}/secrets/{name}', (ctx) => this.put(ctx, ctx.params.environment))
    ]
  }

  /** GH-19: `{key_id, key}`, the key a base64 Curve25519 public key, one per repository and per environment. */
  private async publicKey(environment: string | undefined): Promise<ApiResponse> {
    if (this.publicKeyDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.publicKeyDelayMs).unref())
    if (environment !== undefined && !this.environments.has(environment)) return { status: 404, body: { message: 'Not Found' } }
    const key = this.keyFor(environment)
    return { status: 200, body: { key_id: key.keyId, key: sodium.to_base64(key.publicKey, sodium.base64_variants.ORIGINAL) } }
  }

  /** GH-20/15: 201 when created, 204 when updated; a body that is not a sealed value under the current key is 422. */
  private put(ctx: RequestContext, environment: string | undefined): ApiResponse {
    if (environment !== undefined && !this.environments.has(environment)) return { status: 404, body: { message: 'Not Found' } }
    if (this.writesForbidden) return { status: 403, body: { message: 'Resource not accessible by integration' } }
    const name = ctx.params.name ?? ''
    if (!SECRET_NAME.test(name)) return { status: 422, body: { message: 'Validation Failed' } }
    let body: { encrypted_value?: unknown; key_id?: unknown }
    try {
      body = JSON.parse(ctx.body) as typeof body
    } catch {
      return { status: 400, body: { message: 'Problems parsing JSON' } }
    }
    const key = this.keyFor(environment)
    if (typeof body.encrypted_value !== 'string' || body.key_id !== key.keyId || !this.opens(body.encrypted_value, key))
      return { status: 422, body: { message: 'Validation Failed' } }
    const id = scopeKey(environment, name.toUpperCase())
    const now = new Date(ctx.now).toISOString()
    const existing = this.secrets.get(id)
    this.secrets.set(id, {
      name: name.toUpperCase(),
      encryptedValue: body.encrypted_value,
      keyId: key.keyId,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now
    })
    return existing ? { status: 204 } : { status: 201, body: {} }
  }

  private opens(encryptedValue: string, key: SealingKey): boolean {
    try {
      sodium.crypto_box_seal_open(sodium.from_base64(encryptedValue, sodium.base64_variants.ORIGINAL), key.publicKey, key.privateKey)
      return true
    } catch {
      return false
    }
  }

  private keyFor(environment: string | undefined): SealingKey {
    const id = scopeKey(environment)
    let key = this.keys.get(id)
    if (!key) {
      const pair = sodium.crypto_box_keypair()
      key = { keyId: String(randomBytes(8).readBigUInt64BE() % 10n ** 19n), publicKey: pair.publicKey, privateKey: pair.privateKey }
      this.keys.set(id, key)
    }
    return key
  }
}

function scopeKey(environment: string | undefined, name = ''): string {
  return `${environment === undefined ? 'repo' : `env:${environment}`}/${name}`
}
