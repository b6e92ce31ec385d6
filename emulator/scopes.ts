/** Scopes the OpenAPI `security` lists per ESV and startup operation: any one grants access. */
export const ESV_READ = ['fr:idc:esv:*', 'fr:idc:esv:read'] as const
export const ESV_UPDATE = ['fr:idc:esv:*', 'fr:idc:esv:update'] as const
export const ESV_RESTART = ['fr:idc:esv:*', 'fr:idc:esv:restart'] as const
