/** `Accept-API-Version` values; real tenants accept resource=1.0 on every ESV, startup and promotion call. */
export const API_V1 = { 'accept-api-version': 'protocol=1.0,resource=1.0' } as const
/** Needed for paged ESV lists (`_pageSize`, `_pagedResultsCookie`). */
export const API_V2 = { 'accept-api-version': 'protocol=1.0,resource=2.0' } as const
