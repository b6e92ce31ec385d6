/**
 * A minimal DER writer for the emulator and the tests: self-signed and
 * CA-signed X.509 certificates and PKCS#10 certificate signing requests,
 * made with node:crypto keys. Node can read certificates (X509Certificate)
 * but not write them, and the project takes no dependency for this.
 */
import { createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'

// ---- DER ---------------------------------------------------------------------

function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content])
  const bytes: number[] = []
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256)
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content])
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items))
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items))
const explicit = (n: number, content: Buffer): Buffer => tlv(0xa0 + n, content)
const NULL = Buffer.from([0x05, 0x00])

function integer(value: Buffer | number): Buffer {
  let bytes = typeof value === 'number' ? Buffer.from([value]) : value
  while (bytes.length > 1 && bytes[0] === 0 && (bytes[1]! & 0x80) === 0) bytes = bytes.subarray(1)
  if ((bytes[0]! & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes])
  return tlv(0x02, bytes)
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number)
  const bytes = [first! * 40 + second!]
  for (const arc of rest) {
    const chunk = [arc & 0x7f]
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift(0x80 | (n & 0x7f))
    bytes.push(...chunk)
  }
  return tlv(0x06, Buffer.from(bytes))
}

const utf8 = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'))
const printable = (text: string): Buffer => tlv(0x13, Buffer.from(text, 'ascii'))
const ia5 = (text: string): Buffer => tlv(0x16, Buffer.from(text, 'ascii'))
const bitString = (bytes: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]))
const octetString = (bytes: Buffer): Buffer => tlv(0x04, bytes)

/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 requires. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14)
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`, 'ascii')) : tlv(0x18, Buffer.from(`${iso}Z`, 'ascii'))
}

// ---- Names -------------------------------------------------------------------

/** Subject attributes by their usual short names, in the order they are written. */
export type SubjectAttribute = [name: keyof typeof ATTRIBUTE_OIDS, value: string]

const ATTRIBUTE_OIDS = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  street: '2.5.4.9',
  postalCode: '2.5.4.17',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  serialNumber: '2.5.4.5',
  businessCategory: '2.5.4.15',
  emailAddress: '1.2.840.113549.1.9.1',
  jurisdictionC: '1.3.6.1.4.1.311.60.2.1.3',
  jurisdictionST: '1.3.6.1.4.1.311.60.2.1.2',
  jurisdictionL: '1.3.6.1.4.1.311.60.2.1.1'
} as const

function name(attributes: readonly SubjectAttribute[]): Buffer {
  return sequence(
    ...attributes.map(([type, value]) => {
      const encoded = type === 'C' || type === 'jurisdictionC' ? printable(value) : type === 'emailAddress' ? ia5(value) : utf8(value)
      return set(sequence(oid(ATTRIBUTE_OIDS[type]), encoded))
    })
  )
}

/** "CN=login.acme.example,O=Acme,C=US": most specific first, as Go and most APIs print a DN. */
export function distinguishedName(attributes: readonly SubjectAttribute[]): string {
  return [...attributes]
    .reverse()
    .map(([type, value]) => `${type === 'emailAddress' ? 'EMAILADDRESS' : type}=${value.replace(/([,+"\\<>;=])/g, '\\$1')}`)
    .join(',')
}

function subjectAltNames(names: readonly string[]): Buffer {
  // dNSName is [2] IMPLICIT IA5String.
  return sequence(oid('2.5.29.17'), octetString(sequence(...names.map((n) => tlv(0x82, Buffer.from(n, 'ascii'))))))
}

// ---- Keys and signatures -----------------------------------------------------

export type KeyAlgorithm = 'rsa' | 'ecdsa'

/** RSA-2048 or ECDSA P-256, the two key types the tenant makes for CSRs. */
export function generateKeys(algorithm: KeyAlgorithm = 'rsa'): { privateKey: KeyObject; publicKey: KeyObject } {
  return algorithm === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' })
}

function signatureAlgorithm(key: KeyObject): Buffer {
  return key.asymmetricKeyType === 'ec' ? sequence(oid('1.2.840.10045.4.3.2')) : sequence(oid('1.2.840.113549.1.1.11'), NULL)
}

function signed(toBeSigned: Buffer, signingKey: KeyObject): Buffer {
  return sequence(toBeSigned, signatureAlgorithm(signingKey), bitString(sign('sha256', toBeSigned, signingKey)))
}

function spki(publicKey: KeyObject): Buffer {
  return publicKey.export({ type: 'spki', format: 'der' })
}

export function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

export function privateKeyPem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString()
}

// ---- Certificates and CSRs ---------------------------------------------------

export interface CertificateSpec {
  subject: readonly SubjectAttribute[]
  subjectAlternativeNames?: readonly string[]
  notBefore: Date
  notAfter: Date
  /** The certified key. */
  publicKey: KeyObject
  /** Default: self-signed with the subject's own key (then give it here). */
  issuer?: { subject: readonly SubjectAttribute[]; privateKey: KeyObject }
  /** With issuer absent: the subject's private key, to self-sign. */
  privateKey?: KeyObject
}

/** An X.509 v3 certificate in PEM. */
export function buildCertificate(spec: CertificateSpec): string {
  const signingKey = spec.issuer?.privateKey ?? spec.privateKey
  if (!signingKey) throw new Error('buildCertificate: give privateKey (self-signed) or issuer')
  const extensions = spec.subjectAlternativeNames?.length ? [subjectAltNames(spec.subjectAlternativeNames)] : []
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
    signatureAlgorithm(signingKey),
    name(spec.issuer?.subject ?? spec.subject),
    sequence(time(spec.notBefore), time(spec.notAfter)),
    name(spec.subject),
    spki(spec.publicKey),
    ...(extensions.length > 0 ? [explicit(3, sequence(...extensions))] : [])
  )
  return pem('CERTIFICATE', signed(tbs, signingKey))
}

/** A self-signed certificate and its key, valid from yesterday for `days`, for tests. */
export function selfSignedCertificate(options: {
  commonName: string
  subjectAlternativeNames?: string[]
  days?: number
  algorithm?: KeyAlgorithm
  organization?: string
}): { certificate: string; privateKey: string; keys: { privateKey: KeyObject; publicKey: KeyObject } } {
  const keys = generateKeys(options.algorithm)
  const now = Date.now()
  const subject: SubjectAttribute[] = [
    ...(options.organization ? [['O', options.organization] as SubjectAttribute] : []),
    ['CN', options.commonName]
  ]
  const certificate = buildCertificate({
    subject,
    subjectAlternativeNames: options.subjectAlternativeNames ?? [options.commonName],
    notBefore: new Date(Math.floor(now / 1000) * 1000 - 86_400_000),
    notAfter: new Date(Math.floor(now / 1000) * 1000 + (options.days ?? 90) * 86_400_000),
    publicKey: keys.publicKey,
    privateKey: keys.privateKey
  })
  return { certificate, privateKey: privateKeyPem(keys.privateKey), keys }
}

/** A PKCS#10 certificate signing request in PEM, asking for the subject alternative names as an extension. */
export function buildCsr(spec: {
  subject: readonly SubjectAttribute[]
  subjectAlternativeNames: readonly string[]
  privateKey: KeyObject
}): string {
  const extensionRequest = spec.subjectAlternativeNames.length
    ? [sequence(oid('1.2.840.113549.1.9.14'), set(sequence(subjectAltNames(spec.subjectAlternativeNames))))]
    : []
  const info = sequence(integer(0), name(spec.subject), spki(createPublicKey(spec.privateKey)), tlv(0xa0, Buffer.concat(extensionRequest)))
  return pem('CERTIFICATE REQUEST', signed(info, spec.privateKey))
}
