import type { X509Certificate } from 'node:crypto'
import type { Certificate } from '../tenant/types.js'

/**
 * What makes two certificates the same for this action: subject, DNS subject
 * alternative names and validity. Ids are the tenant's and differ per tenant,
 * so a file matches certificates by what they certify.
 */
export interface CertificateIdentity {
  /** Attribute=value pairs, sorted, so "CN=a,O=b" and "O=b\nCN=a" are one subject. */
  subject: string
  /** Lower case, sorted, unique. */
  subjectAlternativeNames: string[]
  /** Epoch seconds. */
  validFrom: number
  validTo: number
}

/** One text that is equal exactly when the identities are. */
export function identityKey(identity: CertificateIdentity): string {
  return JSON.stringify([identity.subject, identity.subjectAlternativeNames, identity.validFrom, identity.validTo])
}

export function sameIdentity(a: CertificateIdentity, b: CertificateIdentity): boolean {
  return identityKey(a) === identityKey(b)
}

export function identityOfX509(certificate: X509Certificate): CertificateIdentity {
  return {
    subject: normaliseDn(certificate.subject),
    subjectAlternativeNames: dnsNames(certificate.subjectAltName),
    validFrom: epochSeconds(certificate.validFrom),
    validTo: epochSeconds(certificate.validTo)
  }
}

export function identityOfTenantCertificate(certificate: Certificate): CertificateIdentity {
  return {
    subject: normaliseDn(certificate.subject ?? ''),
    subjectAlternativeNames: normaliseNames(certificate.subjectAlternativeNames ?? []),
    validFrom: epochSeconds(certificate.validFromTime ?? ''),
    validTo: epochSeconds(certificate.expireTime ?? '')
  }
}

/** "CN=login.acme.example (+1 SAN), expires 2026-01-01", for plans and summaries. */
export function describeIdentity(identity: CertificateIdentity): string {
  const cn = /(?:^|,)CN=([^,]*)/.exec(identity.subject)?.[1]
  const name = cn ? `CN=${cn}` : identity.subject || '(no subject)'
  const others = identity.subjectAlternativeNames.filter((san) => san !== cn?.toLowerCase())
  const sans = others.length > 0 ? ` +${others.length} SAN${others.length === 1 ? '' : 's'}` : ''
  const expiry = Number.isFinite(identity.validTo) ? `, expires ${new Date(identity.validTo * 1000).toISOString().slice(0, 10)}` : ''
  return `${name}${sans}${expiry}`
}

/**
 * Splits a distinguished name written one attribute a line (Node) or comma
 * separated (RFC 4514, most APIs), honouring backslash escapes, into sorted
 * `TYPE=value` pairs.
 */
export function normaliseDn(dn: string): string {
  const parts: string[] = []
  let current = ''
  for (let i = 0; i < dn.length; i++) {
    const char = dn[i]!
    if (char === '\\' && i + 1 < dn.length) {
      current += char + dn[++i]!
    } else if (char === ',' || char === '\n' || char === '+') {
      parts.push(current)
      current = ''
    } else {
      current += char
    }
  }
  parts.push(current)
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const equals = part.indexOf('=')
      return equals < 0 ? part : `${part.slice(0, equals).trim().toUpperCase()}=${part.slice(equals + 1).trim()}`
    })
    .sort()
    .join(',')
}

/** The DNS names of Node's `subjectAltName` ("DNS:a.example, IP Address:10.0.0.1"). */
export function dnsNames(subjectAltName: string | undefined): string[] {
  if (!subjectAltName) return []
  const names = subjectAltName
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4))
  return normaliseNames(names)
}

export function normaliseNames(names: readonly string[]): string[] {
  return [...new Set(names.map((name) => name.trim().toLowerCase()))].sort()
}

function epochSeconds(time: string): number {
  return Math.floor(Date.parse(time) / 1000)
}
