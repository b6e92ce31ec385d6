import type { OperationName } from '../operations/names.js'
import { domainProblem } from '../settings/domains.js'
import { CSR_ALGORITHMS, type CreateCsrRequest } from '../tenant/types.js'
import { INPUT_WAITS } from '../waits.js'
import { clip, type Parser } from './parser.js'
import type { CompleteCsrInputs, TenantSettingsInputs } from './types.js'

/** CSR subject inputs and the request field each fills, with the most characters X.520 allows. */
const SUBJECT_INPUTS: readonly { input: string; field: keyof CreateCsrRequest; max: number }[] = [
  { input: 'csr-organization', field: 'organization', max: 64 },
  { input: 'csr-organizational-unit', field: 'organizationalUnit', max: 64 },
  { input: 'csr-state', field: 'state', max: 128 },
  { input: 'csr-city', field: 'city', max: 128 },
  { input: 'csr-street-address', field: 'streetAddress', max: 128 },
  { input: 'csr-postal-code', field: 'postalCode', max: 40 },
  { input: 'csr-business-category', field: 'businessCategory', max: 128 },
  { input: 'csr-serial-number', field: 'serialNumber', max: 64 },
  { input: 'csr-jurisdiction-state', field: 'jurisdictionState', max: 128 },
  { input: 'csr-jurisdiction-city', field: 'jurisdictionCity', max: 128 }
]
const COUNTRY = /^[A-Z]{2}$/
const CSR_ID = /^[A-Za-z0-9_.-]{1,128}$/

/** prune and dry-run are shared with set-esvs and parsed once there. */
export function parseTenantSettingsInputs(
  p: Parser,
  operation: OperationName | undefined,
  shared: { prune: boolean; dryRun: boolean }
): TenantSettingsInputs {
  return {
    settings:
      operation === 'set-tenant-settings'
        ? {
            file: p.required('settings-file', 'the YAML or JSON file declaring the tenant settings') ?? '',
            ...shared,
            domainVerifyTimeoutMs: p.wait(INPUT_WAITS.domainVerifyTimeout)
          }
        : undefined,
    createCsr: operation === 'create-csr' ? parseCsrRequest(p) : undefined,
    completeCsr: operation === 'complete-csr' ? parseCompleteCsr(p) : undefined
  }
}

function parseCsrRequest(p: Parser): CreateCsrRequest {
  const request: CreateCsrRequest = { algorithm: p.oneOf('csr-algorithm', CSR_ALGORITHMS) ?? 'rsa' }
  const commonName = p.raw('csr-common-name')
  if (commonName) {
    const problem = hostnameProblem(commonName)
    if (problem) p.problem('csr-common-name', problem)
    else request.commonName = commonName.toLowerCase()
  }
  const names = p
    .raw('csr-subject-alternative-names')
    .split(/[\s,]+/)
    .filter(Boolean)
  for (const name of names) {
    const problem = hostnameProblem(name)
    if (problem) p.problem('csr-subject-alternative-names', problem)
  }
  // Certificate authorities read names only from the SANs: the common name goes there too.
  const sans = [...new Set([...(request.commonName ? [request.commonName] : []), ...names.map((n) => n.toLowerCase())])]
  // A name given but refused is that one problem, not also "no name given".
  if (sans.length === 0 && !commonName && names.length === 0)
    p.problem('csr-common-name', 'give csr-common-name and/or csr-subject-alternative-names: the domains the certificate will secure')
  request.subjectAlternativeNames = sans

  for (const input of ['csr-country', 'csr-jurisdiction-country'] as const) {
    const value = p.raw(input)
    if (!value) continue
    if (COUNTRY.test(value)) request[input === 'csr-country' ? 'country' : 'jurisdictionCountry'] = value
    else p.problem(input, `expected a two-letter ISO 3166 country code in capitals, e.g. US, got "${clip(value)}"`)
  }
  const email = p.raw('csr-email')
  if (email) {
    if (/^\S+@\S+$/.test(email) && email.length <= 128) request.email = email
    else p.problem('csr-email', `expected an email address, got "${clip(email)}"`)
  }
  for (const { input, field, max } of SUBJECT_INPUTS) {
    const value = p.raw(input)
    if (!value) continue
    if (value.length > max || /[\r\n]/.test(value)) p.problem(input, `expected one line of at most ${max} characters`)
    else (request as Record<string, unknown>)[field] = value
  }
  return request
}

/** A DNS name a certificate may secure: a domain, or a wildcard over one. */
function hostnameProblem(name: string): string | undefined {
  const domain = name.startsWith('*.') ? name.slice(2) : name
  const problem = domainProblem(domain, 'custom domain')
  return problem ? problem.replace('custom domain', 'certificate name') : undefined
}

function parseCompleteCsr(p: Parser): CompleteCsrInputs | undefined {
  const csrId = p.required('csr-id', 'the id create-csr gave, output csr-id')
  if (csrId && !CSR_ID.test(csrId)) p.problem('csr-id', `"${clip(csrId)}" is not a CSR id`)
  const certificateFile = p.required('certificate-file', 'the signed certificate, PEM, relative to the workspace')
  if (!csrId || !CSR_ID.test(csrId) || !certificateFile) return undefined
  return { csrId, certificateFile }
}
