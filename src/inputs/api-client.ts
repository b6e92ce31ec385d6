import type { OperationName } from '../operations/names.js'
import { maskSecret } from '../secrets.js'
import { ESV_ID_PATTERN } from '../tenant/types.js'
import { checkEntitlements } from '../verify/check-entitlements.js'
import { OFFERINGS, type Offering } from '../verify/entitlements.js'
import { clip, tenantUrlProblem, type Parser } from './parser.js'
import type { ApiClientInputs } from './types.js'

const CLIENT_ID_PATTERN = /^[A-Za-z0-9._~-]{1,256}$/
const MAX_CLIENT_NAME_LENGTH = 255

export function parseApiClientInputs(p: Parser, operation: OperationName | undefined): ApiClientInputs {
  if (operation !== 'create-api-client') return undefined
  const verifyTenantUrl = parseVerifyTenantUrl(p)
  const adminClientId = p.required('verify-client-id', "an admin API client's id, holding manageAPIClients")
  if (adminClientId && !CLIENT_ID_PATTERN.test(adminClientId))
    p.problem('verify-client-id', 'expected an API client id, got an invalid value')
  const adminClientSecret = p.required('verify-client-secret', "that admin client's secret")
  maskSecret(adminClientSecret)
  const clientName = parseClientName(p)
  const offerings = parseOfferings(p)
  const checked = parseEntitlements(p, offerings)
  const description = p.raw('description') || undefined
  const enabled = p.boolean('enabled', true)
  const ifExists = p.oneOf('if-exists', ['fail', 'skip'] as const) ?? 'fail'
  const storeInSecret = parseStoreInSecret(p)
  const outputSecret = p.boolean('output-secret', false)
  if (!verifyTenantUrl || !adminClientId || !adminClientSecret || !clientName || !checked) return undefined
  return {
    verifyTenantUrl,
    adminClientId,
    adminClientSecret,
    clientName,
    entitlements: checked.entitlements,
    description,
    enabled,
    ifExists,
    storeInSecret,
    outputSecret,
    warnings: checked.warnings
  }
}

/** The same rule as tenant-url: https, or http to a loopback address (the emulator); an origin only. */
function parseVerifyTenantUrl(p: Parser): string | undefined {
  const value = p.raw('verify-tenant-url')
  if (!value) {
    p.problem('verify-tenant-url', 'required, e.g. https://acme.verify.ibm.com')
    return undefined
  }
  const problem = tenantUrlProblem(value)
  if (problem) {
    p.problem('verify-tenant-url', problem)
    return undefined
  }
  return new URL(value).origin
}

function parseClientName(p: Parser): string | undefined {
  const name = p.required('client-name', 'the name of the API client to create')
  if (!name) return undefined
  if (name.length > MAX_CLIENT_NAME_LENGTH) p.problem('client-name', `at most ${MAX_CLIENT_NAME_LENGTH} characters, got ${name.length}`)
  else if (/[\p{Cc}]/u.test(name)) p.problem('client-name', 'must be one line without control characters')
  else return name
  return undefined
}

function parseOfferings(p: Parser): Offering[] | undefined {
  const value = p.raw('offerings')
  if (!value) return undefined
  const offerings: Offering[] = []
  for (const item of value.split(/[\s,]+/).filter(Boolean)) {
    const offering = OFFERINGS.find((o) => o === item.toUpperCase())
    if (!offering) p.problem('offerings', `"${clip(item)}" is not an offering; expected some of ${OFFERINGS.join(', ')}`)
    else if (!offerings.includes(offering)) offerings.push(offering)
  }
  return offerings
}

function parseEntitlements(p: Parser, offerings: Offering[] | undefined): { entitlements: string[]; warnings: string[] } | undefined {
  const value = p.raw('entitlements')
  if (!value) {
    p.problem('entitlements', 'required: the entitlements the client needs, comma- or newline-separated, e.g. readUserGroups')
    return undefined
  }
  const names = value
    .split(/[,\n\r]+/)
    .map((name) => name.trim())
    .filter(Boolean)
  const check = checkEntitlements(names, offerings)
  for (const problem of check.problems) p.problem('entitlements', problem)
  if (check.problems.length > 0) return undefined
  if (check.entitlements.length === 0) {
    p.problem('entitlements', 'required: at least one entitlement')
    return undefined
  }
  return check
}

function parseStoreInSecret(p: Parser): string | undefined {
  const id = p.raw('store-in-secret')
  if (!id) return undefined
  if (ESV_ID_PATTERN.test(id)) return id
  p.problem(
    'store-in-secret',
    `"${clip(id)}" is not an ESV secret id; expected esv- then lower-case letters, digits, _ or - (e.g. esv-crm-client-secret)`
  )
  return undefined
}
