import type { JsonHttpClient } from '../http/client.js'
import { GITHUB_HEADERS } from './client.js'

/** `GET …/secrets/public-key` (docs.github.com/en/rest/actions/secrets): the key a secret is sealed with. */
interface SecretsPublicKey {
  key_id: string
  /** Base64 of a Curve25519 public key. */
  key: string
}

/** GITHUB_TOKEN can never hold `secrets`; a 403 means the token given lacks that permission. */
const WRITE_HINT =
  'The token cannot write Actions secrets: give github-token a GitHub App installation token or a fine-grained token with Secrets: read and write (GITHUB_TOKEN cannot be granted secrets).'

/**
 * One Actions secret of the repository, or of one of its environments: sealed with libsodium's sealed box
 * under the public key GitHub gives for that scope, then created or updated (201 / 204).
 */
export class GitHubSecret {
  private readonly base: string

  constructor(
    private readonly http: JsonHttpClient,
    owner: string,
    repo: string,
    readonly name: string,
    readonly environment: string | undefined
  ) {
    const repoPath = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`
    this.base =
      environment === undefined ? `${repoPath}/actions/secrets` : `${repoPath}/environments/${encodeURIComponent(environment)}/secrets`
  }

  /** Where the secret is, for log lines: `NAME` or `NAME (environment production)`. */
  describe(): string {
    return this.environment === undefined
      ? `the repository secret ${this.name}`
      : `the secret ${this.name} of the environment ${this.environment}`
  }

  /** Reads the sealing key: proves the token and the scope (repository, environment) before anything is written. */
  async publicKey(): Promise<SecretsPublicKey> {
    const { body } = await this.http.request<SecretsPublicKey>({
      method: 'GET',
      path: `${this.base}/public-key`,
      headers: GITHUB_HEADERS,
      hint: (status) =>
        status === 404
          ? `GitHub does not know ${this.environment === undefined ? 'the repository' : `the environment ${this.environment}`}, or the token may not see its secrets.`
          : status === 403
            ? WRITE_HINT
            : undefined
    })
    return body
  }

  /** Seals and stores the value; a PUT of the same sealed body is safe to repeat. */
  async store(value: string): Promise<'created' | 'updated'> {
    const key = await this.publicKey()
    const encrypted = await seal(value, key.key)
    const { status } = await this.http.request<unknown>({
      method: 'PUT',
      path: `${this.base}/${encodeURIComponent(this.name)}`,
      headers: GITHUB_HEADERS,
      json: { encrypted_value: encrypted, key_id: key.key_id },
      carriesSecret: true,
      allowEmptyBody: true,
      hint: (code) => (code === 403 ? WRITE_HINT : undefined)
    })
    return status === 201 ? 'created' : 'updated'
  }
}

/** libsodium's sealed box (crypto_box_seal) under a base64 public key, as GitHub's docs describe; loaded only here. */
export async function seal(value: string, publicKeyBase64: string): Promise<string> {
  const { default: sodium } = await import('libsodium-wrappers')
  await sodium.ready
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL)
  return sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(value), key), sodium.base64_variants.ORIGINAL)
}
