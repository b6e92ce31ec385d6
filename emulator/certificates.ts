/**
 * Certificates and certificate signing requests: `/environment/certificates`
 * and `/environment/csrs`. An upload is parsed like a real tenant does: the
 * PEM must be a certificate that has not expired, and the private key must
 * be its key. A CSR's key is made here and never leaves; completing the CSR
 * installs the signed certificate with it.
 */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto'
import type { Certificate, CertificateSigningRequest } from '../src/tenant/types.js'
import { CSR_ALGORITHMS } from '../src/tenant/types.js'
import { jsonObject, type JsonObject } from './esv-validate.js'
import { ApiError, json, type ApiResponse } from './respond.js'
import type { Handler, RequestContext, Route } from './router.js'
import { CERTIFICATE_READ, CERTIFICATE_WRITE } from './scopes.js'
import { nextSettingsId, type CertificateState, type CsrState, type TenantSettingsState } from './settings-state.js'
import { isoSeconds, type TenantState } from './state.js'
import { buildCsr, generateKeys, type SubjectAttribute } from './x509.js'

/** Every settings answer carries `Content-API-Version: resource=1.0`, as the OpenAPI file documents. */
export function resourceV1(handle: (ctx: RequestContext) => ApiResponse): Handler {
  return (ctx) => {
    const response = handle(ctx)
    return { ...response, headers: { 'Content-API-Version': 'resource=1.0', ...response.headers } }
  }
}

/** How long the tenant takes to take a certificate off its load balancers, as recorded on a real tenant. */
export interface CertificateTiming {
  /** An activated (or uploaded active) certificate becomes `live: true` only after this long (real: about a minute). */
  onlineMs: number
  /** A deactivated certificate stays `live: true` this long (real: about a minute). */
  offlineMs: number
  /** After it went offline, DELETE still answers 500 with an empty body this long (real: about 20 s). */
  deleteLagMs: number
}

export const DEFAULT_CERTIFICATE_TIMING: CertificateTiming = { onlineMs: 3000, offlineMs: 3000, deleteLagMs: 1000 }

/** An answer with a status and no body at all: how a real tenant answers a missing certificate or CSR. */
class EmptyAnswer extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status} with an empty body`)
  }
}

function emptyOnError(handle: (ctx: RequestContext) => ApiResponse): (ctx: RequestContext) => ApiResponse {
  return (ctx) => {
    try {
      return handle(ctx)
    } catch (error) {
      if (error instanceof EmptyAnswer) return { status: error.status }
      throw error
    }
  }
}

export function certificateRoutes(tenant: TenantState, timing: CertificateTiming = DEFAULT_CERTIFICATE_TIMING): Route[] {
  const state = tenant.settings
  const settle = (now: number): void => settleCertificates(state, now)
  const v1 = (handle: (ctx: RequestContext) => ApiResponse): Handler =>
    resourceV1(
      emptyOnError((ctx) => {
        settle(ctx.now)
        return handle(ctx)
      })
    )
  const ONE = '/environment/certificates/{id}'
  const CSR = '/environment/csrs/{id}'
  return [
    {
      method: 'GET',
      path: '/environment/certificates',
      scopes: CERTIFICATE_READ,
      handle: v1(() => json(200, [...state.certificates.values()].map(toCertificate)))
    },
    { method: 'POST', path: '/environment/certificates', scopes: CERTIFICATE_WRITE, handle: v1((ctx) => upload(state, ctx, timing)) },
    { method: 'GET', path: ONE, scopes: CERTIFICATE_READ, handle: v1((ctx) => json(200, toCertificate(existing(state, ctx)))) },
    { method: 'PATCH', path: ONE, scopes: CERTIFICATE_WRITE, handle: v1((ctx) => setActive(state, ctx, timing)) },
    { method: 'DELETE', path: ONE, scopes: CERTIFICATE_WRITE, handle: v1((ctx) => remove(state, ctx)) },
    {
      method: 'GET',
      path: '/environment/csrs',
      scopes: CERTIFICATE_READ,
      handle: v1(() => json(200, [...state.csrs.values()].map(toCsr)))
    },
    { method: 'POST', path: '/environment/csrs', scopes: CERTIFICATE_WRITE, handle: v1((ctx) => createCsr(state, ctx)) },
    { method: 'GET', path: CSR, scopes: CERTIFICATE_READ, handle: v1((ctx) => json(200, toCsr(existingCsr(state, ctx)))) },
    { method: 'PATCH', path: CSR, scopes: CERTIFICATE_WRITE, handle: v1((ctx) => completeCsr(state, ctx)) },
    {
      method: 'DELETE',
      path: CSR,
      scopes: CERTIFICATE_WRITE,
      // Real tenants answer 200 with an empty body, also for a CSR that does not exist.
      handle: v1((ctx) => {
        state.csrs.delete(ctx.params['id'] ?? '')
        return { status: 200 }
      })
    }
  ]
}

/** SET-12: as real tenants answer: no `certificate` member at all, and `null` for a certificate without DNS names. */
export function toCertificate(c: CertificateState): Certificate {
  return {
    id: c.id,
    active: c.active,
    live: c.live,
    subject: c.subject,
    issuer: c.issuer,
    subjectAlternativeNames: c.subjectAlternativeNames.length > 0 ? [...c.subjectAlternativeNames] : null,
    validFromTime: c.validFromTime,
    expireTime: c.expireTime
  }
}

function toCsr(c: CsrState): CertificateSigningRequest {
  const { privateKey: _key, ...visible } = c
  return { ...visible, subjectAlternativeNames: [...c.subjectAlternativeNames] }
}

function existing(state: TenantSettingsState, ctx: RequestContext): CertificateState {
  const certificate = state.certificates.get(ctx.params['id'] ?? '')
  if (!certificate) throw new EmptyAnswer(404)
  return certificate
}

function existingCsr(state: TenantSettingsState, ctx: RequestContext): CsrState {
  const csr = state.csrs.get(ctx.params['id'] ?? '')
  if (!csr) throw new EmptyAnswer(404)
  return csr
}

function upload(state: TenantSettingsState, ctx: RequestContext, timing: CertificateTiming): ApiResponse {
  const body = jsonObject(ctx.body)
  const pem = requiredText(body, 'certificate')
  const privateKeyPem = requiredText(body, 'privateKey')
  const active = optionalBoolean(body, 'active') ?? false
  const x509 = parseCertificate(pem, ctx.now)
  let matches: boolean
  try {
    matches = x509.checkPrivateKey(createPrivateKey(privateKeyPem))
  } catch {
    throw new ApiError(400, 'Invalid private key')
  }
  if (!matches) throw new ApiError(400, 'The private key does not match the certificate')
  const certificate = certificateState(state, x509, pem, privateKeyPem, false)
  if (active) goLive(certificate, ctx.now, timing)
  settleCertificates(state, ctx.now)
  return json(200, toCertificate(certificate))
}

function certificateState(
  state: TenantSettingsState,
  x509: X509Certificate,
  pem: string,
  privateKeyPem: string,
  active: boolean
): CertificateState {
  const certificate: CertificateState = {
    id: nextSettingsId(state, 'cert'),
    active,
    live: active,
    subject: goStyleDn(x509.subject),
    issuer: goStyleDn(x509.issuer),
    subjectAlternativeNames: (x509.subjectAltName ?? '')
      .split(/,\s*/)
      .filter((entry) => entry.startsWith('DNS:'))
      .map((entry) => entry.slice(4)),
    validFromTime: isoSeconds(Date.parse(x509.validFrom)),
    expireTime: isoSeconds(Date.parse(x509.validTo)),
    pem,
    privateKeyPem
  }
  state.certificates.set(certificate.id, certificate)
  return certificate
}

function parseCertificate(pem: string, now: number): X509Certificate {
  let x509: X509Certificate
  try {
    x509 = new X509Certificate(pem)
  } catch {
    throw new ApiError(400, 'Invalid certificate: expected a PEM encoded X.509 certificate')
  }
  if (Date.parse(x509.validTo) <= now) throw new ApiError(400, 'The certificate has expired')
  return x509
}

/** Node writes one attribute a line, least specific first; Go (the tenant's API) writes "CN=…,O=…,C=…". */
function goStyleDn(nodeDn: string): string {
  return nodeDn.split('\n').filter(Boolean).reverse().join(',')
}

function setActive(state: TenantSettingsState, ctx: RequestContext, timing: CertificateTiming): ApiResponse {
  const certificate = existing(state, ctx)
  const active = optionalBoolean(jsonObject(ctx.body), 'active')
  if (active === undefined) throw new ApiError(400, 'active is required')
  if (active) {
    if (!certificate.active) goLive(certificate, ctx.now, timing)
  } else if (certificate.active) {
    // Deactivated, it stays live until the load balancers drop it; a PATCH repeated meanwhile does not restart the clock.
    certificate.active = false
    certificate.onlineAt = undefined
    certificate.offlineAt = ctx.now + timing.offlineMs
    certificate.deletableAt = certificate.offlineAt + timing.deleteLagMs
  }
  settleCertificates(state, ctx.now)
  return json(200, toCertificate(certificate))
}

/** Activated: it reaches the load balancers after `onlineMs` (one still going offline stays live). */
function goLive(certificate: CertificateState, now: number, timing: CertificateTiming): void {
  certificate.active = true
  certificate.onlineAt = certificate.live ? undefined : now + timing.onlineMs
  certificate.offlineAt = undefined
  certificate.deletableAt = undefined
}

/** Certificates whose time is up: activated ones are live, deactivated ones no longer. */
function settleCertificates(state: TenantSettingsState, now: number): void {
  for (const certificate of state.certificates.values()) {
    const { active, live, onlineAt, offlineAt } = certificate
    if (active && !live && onlineAt !== undefined && now >= onlineAt) certificate.live = true
    if (!active && live && offlineAt !== undefined && now >= offlineAt) certificate.live = false
  }
}

function remove(state: TenantSettingsState, ctx: RequestContext): ApiResponse {
  const certificate = state.certificates.get(ctx.params['id'] ?? '')
  // A real tenant answers 200 with an empty body for a certificate that does not exist.
  if (!certificate) return { status: 200 }
  if (certificate.active)
    throw new ApiError(
      400,
      'Cannot delete an active certificate, de-activate the certificate first and allow it to be removed from the loadbalancer.'
    )
  // Still being taken off the load balancers: a real tenant answers 500 with an empty body.
  if (certificate.deletableAt !== undefined && ctx.now < certificate.deletableAt) throw new EmptyAnswer(500)
  state.certificates.delete(certificate.id)
  return { status: 200 }
}

/**
 * SET-13: the subject fields a real tenant puts in a CSR, in its order (the recorded CSR's subject and its
 * PKCS#10 alike): `postalCode` is accepted and left out.
 */
const CSR_TEXT_FIELDS: readonly [field: string, attribute: SubjectAttribute[0]][] = [
  ['country', 'C'],
  ['state', 'ST'],
  ['city', 'L'],
  ['streetAddress', 'street'],
  ['organization', 'O'],
  ['organizationalUnit', 'OU'],
  ['commonName', 'CN'],
  ['serialNumber', 'serialNumber'],
  ['email', 'emailAddress'],
  ['businessCategory', 'businessCategory'],
  ['jurisdictionCountry', 'jurisdictionC'],
  ['jurisdictionCity', 'jurisdictionL'],
  ['jurisdictionState', 'jurisdictionST']
]

/** Fields a real tenant takes and leaves out of the CSR (SET-13): checked as text, then dropped. */
const CSR_DROPPED_FIELDS: readonly string[] = ['postalCode']

/** SET-13: the CSR's `algorithm` is its signature algorithm as Go names it (`SHA256-RSA` recorded). */
const CSR_SIGNATURE_NAMES: Record<'rsa' | 'ecdsa', string> = { rsa: 'SHA256-RSA', ecdsa: 'ECDSA-SHA256' }

function createCsr(state: TenantSettingsState, ctx: RequestContext): ApiResponse {
  const body = jsonObject(ctx.body)
  const algorithm = body['algorithm'] ?? 'rsa'
  if (typeof algorithm !== 'string' || !(CSR_ALGORITHMS as readonly string[]).includes(algorithm))
    throw new ApiError(400, `algorithm must be one of ${CSR_ALGORITHMS.join(', ')}`)
  for (const field of ['country', 'jurisdictionCountry']) {
    const value = body[field]
    if (value !== undefined && (typeof value !== 'string' || !/^[A-Z]{2}$/.test(value)))
      throw new ApiError(400, `${field} must be a two-letter ISO-3166 country code`)
  }
  if (body['email'] !== undefined && (typeof body['email'] !== 'string' || !/^\S+@\S+$/.test(body['email'])))
    throw new ApiError(400, 'email must be an email address')
  for (const field of CSR_DROPPED_FIELDS)
    if (body[field] !== undefined && typeof body[field] !== 'string') throw new ApiError(400, `${field} must be a string`)
  const subject: SubjectAttribute[] = []
  for (const [field, attribute] of CSR_TEXT_FIELDS) {
    const value = body[field]
    if (value === undefined) continue
    if (typeof value !== 'string') throw new ApiError(400, `${field} must be a string`)
    if (value !== '') subject.push([attribute, value])
  }
  const sans = body['subjectAlternativeNames'] ?? []
  if (!Array.isArray(sans) || !sans.every((name) => typeof name === 'string'))
    throw new ApiError(400, 'subjectAlternativeNames must be an array of strings')
  const keys = generateKeys(algorithm as 'rsa' | 'ecdsa')
  const csr: CsrState = {
    id: nextSettingsId(state, 'csr'),
    algorithm: CSR_SIGNATURE_NAMES[algorithm as 'rsa' | 'ecdsa'],
    createdDate: isoSeconds(ctx.now),
    request: buildCsr({ subject, subjectAlternativeNames: sans as string[], privateKey: keys.privateKey }),
    subject: csrSubject(subject),
    subjectAlternativeNames: [...(sans as string[])],
    privateKey: keys.privateKey
  }
  state.csrs.set(csr.id, csr)
  return json(200, toCsr(csr))
}

/** How a real tenant writes a CSR's subject: OpenSSL's one-line form, `C=US/ST=Texas/…/CN=…`. */
const CSR_SUBJECT_NAMES: Partial<Record<SubjectAttribute[0], string>> = {
  street: 'streetAddress',
  serialNumber: 'SERIALNUMBER',
  jurisdictionC: 'jurisdictionCountryName',
  jurisdictionST: 'jurisdictionStateOrProvinceName',
  jurisdictionL: 'jurisdictionLocalityName'
}

function csrSubject(subject: readonly SubjectAttribute[]): string {
  return subject.map(([type, value]) => `${CSR_SUBJECT_NAMES[type] ?? type}=${value}`).join('/')
}

function completeCsr(state: TenantSettingsState, ctx: RequestContext): ApiResponse {
  const csr = existingCsr(state, ctx)
  const body = jsonObject(ctx.body)
  const unexpected = Object.keys(body).filter((key) => key !== 'certificate')
  if (unexpected.length > 0)
    throw new ApiError(400, `Only the certificate field can be set on an upload request, not ${unexpected.join(', ')}`)
  if (csr.certificateID) throw new ApiError(400, `The CSR was already completed with certificate ${csr.certificateID}`)
  const pem = requiredText(body, 'certificate')
  const x509 = parseCertificate(pem, ctx.now)
  const csrKey = createPublicKey(csr.privateKey).export({ type: 'spki', format: 'der' })
  if (!x509.publicKey.export({ type: 'spki', format: 'der' }).equals(csrKey))
    throw new ApiError(400, 'The certificate does not match the certificate signing request')
  const privateKeyPem = csr.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  csr.certificateID = certificateState(state, x509, pem, privateKeyPem, false).id
  return json(200, toCsr(csr))
}

export function requiredText(body: JsonObject, field: string): string {
  const value = body[field]
  if (typeof value !== 'string' || value === '') throw new ApiError(400, `${field} is required`)
  return value
}

export function optionalBoolean(body: JsonObject, field: string): boolean | undefined {
  const value = body[field]
  if (value === undefined) return undefined
  if (typeof value !== 'boolean') throw new ApiError(400, `${field} must be a boolean`)
  return value
}
