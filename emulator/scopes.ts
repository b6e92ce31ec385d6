/** Scopes the OpenAPI `security` lists per ESV and startup operation: any one grants access. */
export const ESV_READ = ['fr:idc:esv:*', 'fr:idc:esv:read'] as const
export const ESV_UPDATE = ['fr:idc:esv:*', 'fr:idc:esv:update'] as const
export const ESV_RESTART = ['fr:idc:esv:*', 'fr:idc:esv:restart'] as const
export const CERTIFICATE_READ = ['fr:idc:certificate:*', 'fr:idc:certificate:read'] as const
export const CERTIFICATE_WRITE = ['fr:idc:certificate:*'] as const
export const CONTENT_SECURITY_POLICY = ['fr:idc:content-security-policy:*'] as const
export const COOKIE_DOMAIN = ['fr:idc:cookie-domain:*'] as const
export const CUSTOM_DOMAIN = ['fr:idc:custom-domain:*'] as const
export const FEDERATION = ['fr:idc:federation:*'] as const
export const SSO_COOKIE = ['fr:idc:sso-cookie:*'] as const
/**
 * The OpenAPI file lists only the full scope on these reads, but each area has a read scope (frodo-lib
 * `src/shared/Constants.ts`) and a read-only account must be able to plan: reads accept either.
 */
export const CONTENT_SECURITY_POLICY_READ = [...CONTENT_SECURITY_POLICY, 'fr:idc:content-security-policy:read'] as const
export const COOKIE_DOMAIN_READ = [...COOKIE_DOMAIN, 'fr:idc:cookie-domain:read'] as const
export const CUSTOM_DOMAIN_READ = [...CUSTOM_DOMAIN, 'fr:idc:custom-domain:read'] as const
export const FEDERATION_READ = [...FEDERATION, 'fr:idc:federation:read'] as const
export const SSO_COOKIE_READ = [...SSO_COOKIE, 'fr:idc:sso-cookie:read'] as const
