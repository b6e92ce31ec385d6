import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose'
import { ActionError } from '../errors.js'
import { maskJwk, maskSecret } from '../secrets.js'

/** RS256 with 2048-bit keys at least (the tenant's token endpoint signs and checks RS256). */
export const KEY_BITS = 2048

/** One public key of an account's `jwks`, as the tenant holds it. */
export interface PublicKey {
  kty: string
  kid: string
  alg: string
  e: string
  n: string
}

export interface GeneratedKey {
  /** The RFC 7638 SHA-256 thumbprint: the key's `kid`, and how the action tells keys apart. */
  kid: string
  publicJwk: PublicKey
  /** The private JWK as JSON text, masked before anything else sees it. */
  privateJwkText: string
  privateJwk: JWK
}

/**
 * A fresh key pair made here, never anywhere else: the private half is masked at once (every member,
 * the whole JSON and each of its encoded forms) and from then on travels only to its one destination.
 */
export async function generateServiceAccountKey(): Promise<GeneratedKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: KEY_BITS, extractable: true })
  const exported = await exportJWK(publicKey)
  const kid = await calculateJwkThumbprint(exported)
  // No kid in the private JWK: everything in its text is masked, and the kid is public (outputs, the summary).
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), alg: 'RS256' }
  const privateJwkText = JSON.stringify(privateJwk)
  maskJwk(privateJwk as Record<string, unknown>)
  maskSecret(privateJwkText)
  return { kid, publicJwk: publicKeyOf(exported, kid), privateJwkText, privateJwk }
}

/** The thumbprint of a key's public members; a private JWK gives its public key's. */
export async function thumbprintOf(jwk: JWK): Promise<string> {
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string')
    throw new ActionError('A key of the service account is not an RSA key (kty, n, e); check its jwks in the admin console')
  return calculateJwkThumbprint({ kty: 'RSA', e: jwk.e, n: jwk.n })
}

function publicKeyOf(jwk: JWK, kid: string): PublicKey {
  return { kty: 'RSA', kid, alg: 'RS256', e: String(jwk.e), n: String(jwk.n) }
}
