/**
 * The emulated service account: a fresh RSA key pair per emulator run (never
 * a key checked into the repo), under the seed's fixed account id. Each tenant
 * holds the account with this public key in its jwks (svcacct.ts), which is
 * what the token endpoint verifies assertions against. A caller that starts
 * many emulators may make the pair once (`serviceAccountKey`): generating it is
 * most of the time a start takes.
 */
import { exportJWK, generateKeyPair } from 'jose'
import type { ServiceAccount, ServiceAccountKeyPair } from './types.js'

export interface ServiceAccountKeys {
  account: ServiceAccount
}

/** A fresh RSA key pair for the emulated service account, as JWKs. */
export async function generateServiceAccountKey(): Promise<ServiceAccountKeyPair> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true })
  // Real tenants hand out the private key as a JWK that users paste into a secret.
  const privateJwk = { ...(await exportJWK(privateKey)), alg: 'RS256' }
  const publicJwk = { ...(await exportJWK(publicKey)), alg: 'RS256' }
  return { privateJwk: JSON.stringify(privateJwk), publicJwk }
}

export async function createServiceAccount(id: string, key?: ServiceAccountKeyPair): Promise<ServiceAccountKeys> {
  const { privateJwk, publicJwk } = key ?? (await generateServiceAccountKey())
  return { account: { id, privateJwk, publicJwk } }
}
