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
