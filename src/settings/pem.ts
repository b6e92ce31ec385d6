import { X509Certificate } from 'node:crypto'
import { readSmallFile } from '../files/source-file.js'
import { maskSecret } from '../secrets.js'

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/g

export type CertificateFile = { ok: true; pem: string; leaf: X509Certificate } | { ok: false; problem: string }

/**
 * Reads a PEM certificate file: the certificate first, then any chain. A
 * private key found in it is masked and refused (keys do not belong in git);
 * an expired certificate is refused.
 */
export function readCertificateFile(path: string, now: number): CertificateFile {
  let failure = 'unreadable'
  const text = readSmallFile(path, (message) => (failure = message))
  if (text === undefined) return { ok: false, problem: failure }
  const keys = text.match(PEM_PRIVATE_KEY) ?? []
  if (keys.length > 0) {
    keys.forEach(maskSecret)
    return { ok: false, problem: 'holds a private key; keep keys out of git and pass them with private-key-from-env' }
  }
  const blocks = text.match(PEM_CERTIFICATE) ?? []
  if (blocks.length === 0) return { ok: false, problem: 'no PEM certificate (-----BEGIN CERTIFICATE-----) in it' }
  const parsed: X509Certificate[] = []
  for (const [index, block] of blocks.entries()) {
    try {
      parsed.push(new X509Certificate(block))
    } catch {
      return { ok: false, problem: `certificate ${index + 1} is not a valid X.509 certificate` }
    }
  }
  const leaf = parsed[0]!
  if (Date.parse(leaf.validTo) <= now) return { ok: false, problem: `the certificate expired on ${leaf.validTo}; renew it` }
  return { ok: true, pem: blocks.join('\n') + '\n', leaf }
}
