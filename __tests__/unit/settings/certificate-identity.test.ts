import { X509Certificate } from 'node:crypto'
import { describe, expect, test } from '@jest/globals'
import { selfSignedCertificate } from '../../../emulator/x509.js'
import {
  describeIdentity,
  dnsNames,
  identityOfTenantCertificate,
  identityOfX509,
  normaliseDn,
  sameIdentity
} from '../../../src/settings/certificate-identity.js'
import type { Certificate } from '../../../src/tenant/types.js'

describe('normaliseDn', () => {
  test('Node (one a line) and API (comma separated, reversed) forms of a DN are one subject', () => {
    expect(normaliseDn('C=US\nO=Acme\\, Inc\nCN=login.acme.example')).toBe(normaliseDn('CN=login.acme.example, O=Acme\\, Inc,C=US'))
    expect(normaliseDn('cn=x')).toBe('CN=x')
  })

  test('different values differ', () => {
    expect(normaliseDn('CN=a.example')).not.toBe(normaliseDn('CN=b.example'))
  })
})

test('dnsNames keeps DNS names only, lower case, sorted, unique', () => {
  expect(dnsNames('DNS:www.Acme.example, IP Address:10.0.0.1, DNS:acme.example, DNS:acme.example')).toEqual([
    'acme.example',
    'www.acme.example'
  ])
  expect(dnsNames(undefined)).toEqual([])
})

describe('a certificate and the tenant’s record of it', () => {
  const made = selfSignedCertificate({
    commonName: 'login.acme.example',
    subjectAlternativeNames: ['login.acme.example', 'id.acme.example'],
    organization: 'Acme'
  })
  const x509 = new X509Certificate(made.certificate)
  const record: Certificate = {
    id: 'cert-1',
    active: true,
    live: true,
    subject: 'CN=login.acme.example,O=Acme',
    issuer: 'CN=login.acme.example,O=Acme',
    subjectAlternativeNames: ['login.acme.example', 'id.acme.example'],
    validFromTime: new Date(x509.validFrom).toISOString().replace('.000', ''),
    expireTime: new Date(x509.validTo).toISOString().replace('.000', '')
  }

  test('match by subject, names and validity', () => {
    expect(sameIdentity(identityOfX509(x509), identityOfTenantCertificate(record))).toBe(true)
  })

  test.each([
    ['subject', { subject: 'CN=login.acme.example,O=Other' }],
    ['names', { subjectAlternativeNames: ['login.acme.example'] }],
    ['start', { validFromTime: '2020-01-01T00:00:00Z' }],
    ['expiry', { expireTime: '2099-01-01T00:00:00Z' }]
  ])('a different %s is another certificate', (_what, change) => {
    expect(sameIdentity(identityOfX509(x509), identityOfTenantCertificate({ ...record, ...change }))).toBe(false)
  })

  test('described by common name, other names and expiry', () => {
    expect(describeIdentity(identityOfX509(x509))).toMatch(/^CN=login\.acme\.example \+1 SAN, expires \d{4}-\d\d-\d\d$/)
  })
})
