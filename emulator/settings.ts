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
import { CONTENT_SECURITY_POLICY, COOKIE_DOMAIN, CUSTOM_DOMAIN, FEDERATION, SSO_COOKIE } from './scopes.js'
import { DEFAULT_SSO_COOKIE_NAME, type TenantSettingsState } from './settings-state.js'
import type { TenantState } from './state.js'

export function settingsRoutes(tenant: TenantState): Route[] {
  const state = tenant.settings
  return [
    ...CSP_POLICIES.flatMap((policy) => cspRoutes(state, policy)),
    {
      method: 'GET',
      path: '/environment/cookie-domains',
      scopes: COOKIE_DOMAIN,
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
        verify(state, requiredText(jsonObject(ctx.body), 'name'))
        return { status: 200 }
      })
    },
    {
      method: 'GET',
      path: '/environment/custom-domains/{realm}',
      scopes: CUSTOM_DOMAIN,
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
        for (const domain of wanted) if (!state.customDomains[which].includes(domain)) verify(state, domain)
        state.customDomains[which] = wanted
        return json(200, domainList(wanted))
      })
    },
    {
      method: 'GET',
      path: '/environment/federation/enforcement',
      scopes: FEDERATION,
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
      scopes: SSO_COOKIE,
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
    { method: 'GET', path, scopes: CONTENT_SECURITY_POLICY, handle: resourceV1(() => json(200, state.contentSecurityPolicy[policy])) },
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

/** Real wording not recorded; the rule (the CNAME must point at the tenant) is. */
function verify(state: TenantSettingsState, domain: string): void {
  if (!state.cnameRecords.has(domain.toLowerCase()))
    throw new ApiError(400, `Verification failed: no CNAME record for ${domain} pointing at this tenant`)
}
