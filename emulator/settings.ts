/**
 * Environment settings: content security policies, cookie domains, custom
 * domains (with CNAME verification), federation enforcement and the SSO
 * cookie. Each is read and replaced whole; bodies are checked against the
 * OpenAPI schemas.
 */
import type { ContentSecurityPolicy, CspPolicy, CustomDomainRealm, DomainList } from '../src/tenant/types.js'
import { CSP_POLICIES, CUSTOM_DOMAIN_REALMS, FEDERATION_ENFORCEMENT_GROUPS, SSO_COOKIE_NAME_PATTERN } from '../src/tenant/types.js'
import { optionalBoolean, requiredText, resourceV1 } from './certificates.js'
import { jsonObject, requiredAction, type JsonObject } from './esv-validate.js'
import { ApiError, json } from './respond.js'
import type { RequestContext, Route } from './router.js'
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_READ,
  COOKIE_DOMAIN,
  COOKIE_DOMAIN_READ,
  CUSTOM_DOMAIN,
  CUSTOM_DOMAIN_READ,
  FEDERATION,
  FEDERATION_READ,
  SSO_COOKIE,
  SSO_COOKIE_READ
} from './scopes.js'
import { DEFAULT_SSO_COOKIE_NAME, type TenantSettingsState } from './settings-state.js'
import type { TenantState } from './state.js'

export function settingsRoutes(tenant: TenantState, dnsDelayMs = DEFAULT_DNS_DELAY_MS): Route[] {
  const state = tenant.settings
  const verify = (domain: string, now: number): void => verifyCname(state, domain, now, dnsDelayMs)
  return [
    ...CSP_POLICIES.flatMap((policy) => cspRoutes(state, policy)),
    {
      method: 'GET',
      path: '/environment/cookie-domains',
      scopes: COOKIE_DOMAIN_READ,
      handle: resourceV1(() => json(200, domainList(state.cookieDomains)))
    },
    {
      method: 'PUT',
      path: '/environment/cookie-domains',
      scopes: COOKIE_DOMAIN,
      handle: resourceV1((ctx) => {
        state.cookieDomains = domains(jsonObject(ctx.body))
        return json(200, domainList(state.cookieDomains))
      })
    },
    {
      method: 'POST',
      path: '/environment/custom-domains',
      scopes: CUSTOM_DOMAIN,
      handle: resourceV1((ctx) => {
        requiredAction(ctx.query, 'verify')
        verify(requiredText(jsonObject(ctx.body), 'name'), ctx.now)
        return { status: 200 }
      })
    },
    {
      method: 'GET',
      path: '/environment/custom-domains/{realm}',
      scopes: CUSTOM_DOMAIN_READ,
      handle: resourceV1((ctx) => json(200, domainList(state.customDomains[realm(ctx)])))
    },
    {
      method: 'PUT',
      path: '/environment/custom-domains/{realm}',
      scopes: CUSTOM_DOMAIN,
      handle: resourceV1((ctx) => {
        const which = realm(ctx)
        const wanted = domains(jsonObject(ctx.body))
        // A domain is served only once its CNAME points here.
        for (const domain of wanted) if (!state.customDomains[which].includes(domain)) verify(domain, ctx.now)
        state.customDomains[which] = wanted
        return json(200, domainList(wanted))
      })
    },
    {
      method: 'GET',
      path: '/environment/federation/enforcement',
      scopes: FEDERATION_READ,
      handle: resourceV1(() => json(200, { groups: state.federationEnforcement }))
    },
    {
      method: 'PUT',
      path: '/environment/federation/enforcement',
      scopes: FEDERATION,
      handle: resourceV1((ctx) => {
        const groups = jsonObject(ctx.body)['groups']
        const allowed = FEDERATION_ENFORCEMENT_GROUPS.find((value) => value === groups)
        if (!allowed) throw new ApiError(400, `groups must be one of ${FEDERATION_ENFORCEMENT_GROUPS.join(', ')}`)
        state.federationEnforcement = allowed
        return json(200, { groups: allowed })
      })
    },
    {
      method: 'GET',
      path: '/environment/sso-cookie',
      scopes: SSO_COOKIE_READ,
      handle: resourceV1(() => json(200, { name: state.ssoCookieName }))
    },
    {
      method: 'PUT',
      path: '/environment/sso-cookie',
      scopes: SSO_COOKIE,
      handle: resourceV1((ctx) => {
        const name = jsonObject(ctx.body)['name']
        if (typeof name !== 'string' || !SSO_COOKIE_NAME_PATTERN.test(name))
          throw new ApiError(400, `name must match ${SSO_COOKIE_NAME_PATTERN.source}`)
        state.ssoCookieName = name
        return json(200, { name })
      })
    },
    {
      method: 'POST',
      path: '/environment/sso-cookie',
      scopes: SSO_COOKIE,
      handle: resourceV1((ctx) => {
        requiredAction(ctx.query, 'reset')
        state.ssoCookieName = DEFAULT_SSO_COOKIE_NAME
        return json(200, { name: state.ssoCookieName })
      })
    }
  ]
}

function cspRoutes(state: TenantSettingsState, policy: CspPolicy): Route[] {
  const path = `/environment/content-security-policy/${policy}`
  return [
    { method: 'GET', path, scopes: CONTENT_SECURITY_POLICY_READ, handle: resourceV1(() => json(200, state.contentSecurityPolicy[policy])) },
    {
      method: 'PUT',
      path,
      scopes: CONTENT_SECURITY_POLICY,
      handle: resourceV1((ctx) => {
        state.contentSecurityPolicy[policy] = contentSecurityPolicy(jsonObject(ctx.body))
        return json(200, state.contentSecurityPolicy[policy])
      })
    }
  ]
}

function contentSecurityPolicy(body: JsonObject): ContentSecurityPolicy {
  const active = optionalBoolean(body, 'active') ?? false
  const raw = body['directives'] ?? {}
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ApiError(400, 'directives must be an object')
  const directives: Record<string, string[]> = {}
  for (const [name, values] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(values) || !values.every((value) => typeof value === 'string'))
      throw new ApiError(400, `directives.${name} must be an array of strings`)
    directives[name] = [...(values as string[])]
  }
  return { active, directives }
}

function domains(body: JsonObject): string[] {
  const raw = body['domains'] ?? []
  if (!Array.isArray(raw) || !raw.every((domain) => typeof domain === 'string' && domain !== ''))
    throw new ApiError(400, 'domains must be an array of strings')
  return [...(raw as string[])]
}

function domainList(domains: readonly string[]): DomainList {
  return { domains: [...domains] }
}

function realm(ctx: RequestContext): CustomDomainRealm {
  const found = CUSTOM_DOMAIN_REALMS.find((value) => value === ctx.params['realm'])
  if (!found) throw new ApiError(400, `realm must be one of ${CUSTOM_DOMAIN_REALMS.join(', ')}`)
  return found
}

/** How long a new CNAME record takes to be seen by the tenant, counted from the first verification. */
export const DEFAULT_DNS_DELAY_MS = 1000

/**
 * A domain verifies once its CNAME record points here and the tenant's DNS sees it: the first attempt
 * starts the propagation clock. The 400 wording is what Ping's Terraform provider waits on ("CNAME
 * validation failed"); the rest of the message is not recorded.
 */
function verifyCname(state: TenantSettingsState, domain: string, now: number, dnsDelayMs: number): void {
  const name = domain.toLowerCase()
  if (!state.cnameRecords.has(name)) throw new ApiError(400, `CNAME validation failed: no CNAME record for ${domain} points at this tenant`)
  const firstAsked = state.dnsFirstAskedAt.get(name) ?? now
  state.dnsFirstAskedAt.set(name, firstAsked)
  if (now < firstAsked + dnsDelayMs) throw new ApiError(400, `CNAME validation failed: the CNAME record for ${domain} is not visible yet`)
}
