import type { JsonHttpClient } from '../http/client.js'
import { API_V1 } from './api-versions.js'
import type { CName, ContentSecurityPolicy, CspPolicy, CustomDomainRealm, DomainList, FederationEnforcement, SsoCookie } from './types.js'

/**
 * The tenant's environment settings: content security policies, cookie and
 * custom domains, federation enforcement and the SSO cookie. Each is read and
 * replaced whole with GET and PUT, so every write may be repeated.
 */
export class TenantSettingsClient {
  constructor(private readonly http: JsonHttpClient) {}

  getContentSecurityPolicy(policy: CspPolicy): Promise<ContentSecurityPolicy> {
    return this.get(`/environment/content-security-policy/${policy}`)
  }

  putContentSecurityPolicy(policy: CspPolicy, body: ContentSecurityPolicy): Promise<ContentSecurityPolicy> {
    return this.put(`/environment/content-security-policy/${policy}`, body)
  }

  getCookieDomains(): Promise<DomainList> {
    return this.get('/environment/cookie-domains')
  }

  putCookieDomains(body: DomainList): Promise<DomainList> {
    return this.put('/environment/cookie-domains', body)
  }

  getCustomDomains(realm: CustomDomainRealm): Promise<DomainList> {
    return this.get(`/environment/custom-domains/${realm}`)
  }

  putCustomDomains(realm: CustomDomainRealm, body: DomainList): Promise<DomainList> {
    return this.put(`/environment/custom-domains/${realm}`, body)
  }

  /** Checks that the domain's CNAME record points at the tenant; a 400 means it does not (yet). */
  async verifyCustomDomain(domain: string): Promise<void> {
    const body: CName = { name: domain }
    await this.http.request({
      method: 'POST',
      path: '/environment/custom-domains',
      query: { _action: 'verify' },
      headers: API_V1,
      json: body,
      // A DNS lookup changes nothing: asking twice is harmless.
      idempotent: true,
      allowEmptyBody: true
    })
  }

  getFederationEnforcement(): Promise<FederationEnforcement> {
    return this.get('/environment/federation/enforcement')
  }

  putFederationEnforcement(body: FederationEnforcement): Promise<FederationEnforcement> {
    return this.put('/environment/federation/enforcement', body)
  }

  getSsoCookie(): Promise<SsoCookie> {
    return this.get('/environment/sso-cookie')
  }

  putSsoCookie(body: SsoCookie): Promise<SsoCookie> {
    return this.put('/environment/sso-cookie', body)
  }

  private async get<T>(path: string): Promise<T> {
    return (await this.http.request<T>({ method: 'GET', path, headers: API_V1 })).body
  }

  private async put<T>(path: string, body: T): Promise<T> {
    return (await this.http.request<T>({ method: 'PUT', path, headers: API_V1, json: body })).body
  }
}
