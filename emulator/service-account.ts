/**
 * The emulated service account: a fresh RSA key pair per emulator run (never
 * a key checked into the repo), under the seed's fixed account id. Each tenant
 * holds the account with this public key in its jwks (svcacct.ts), which is
 * what the token endpoint verifies assertions against.
 */
import { exportJWK, generateKeyPair } from 'jose'
import type { ServiceAccount } from './types.js'

export interface ServiceAccountKeys {
  account: ServiceAccount
}

export async function createServiceAccount(id: string): Promise<ServiceAccountKeys> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true })
  // Real tenants hand out the private key as a JWK that users paste into a secret.
  const privateJwk = { ...(await exportJWK(privateKey)), alg: 'RS256' }
  const publicJwk = { ...(await exportJWK(publicKey)), alg: 'RS256' }
  return { account: { id, privateJwk: JSON.stringify(privateJwk), publicJwk } }
}
