/**
 * ESV list protocol: `Accept-API-Version: resource=1.0` (or none) answers the
 * whole list in the paged envelope; `resource=2.0` pages it and honours
 * `_onlyPending`.
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { PagedList } from '../src/tenant/types.js'
import { ApiError, json } from './respond.js'
import type { ApiResponse } from './respond.js'
import { esvBehaviour } from './esv-behaviour.js'
import type { Handler, RequestContext } from './router.js'
import type { TenantState } from './state.js'

export type ResourceVersion = 1 | 2

const DEFAULT_PAGE_SIZE = 25
const MAX_PAGE_SIZE = 100

/** `strict`: a version other than 1 or 2 is refused with 400; otherwise it is answered as 1. */
export function resourceVersion(headers: IncomingHttpHeaders, strict = true): ResourceVersion {
  const header = headers['accept-api-version']
  if (typeof header !== 'string' || header.trim() === '') return 1
  const resource = header
    .split(',')
    .map((part) => part.trim().split('='))
    .find(([key]) => key?.trim() === 'resource')?.[1]
    ?.trim()
  if (resource === undefined || /^1(\.0)?$/.test(resource)) return 1
  if (/^2(\.0)?$/.test(resource)) return 2
  if (!strict) return 1
  throw new ApiError(400, `Unsupported Accept-API-Version resource version: ${resource}`)
}

/**
 * Wraps an ESV handler: the requested version is checked before any work is
 * done. The OpenAPI file documents a `Content-API-Version` on every answer, but
 * recorded real ESV answers have none: `withHeader` says whether to send it.
 */
export function versioned(
  handle: (ctx: RequestContext, version: ResourceVersion) => ApiResponse,
  withHeader: () => boolean = () => true,
  strict: () => boolean = () => true
): Handler {
  return (ctx) => {
    const version = resourceVersion(ctx.headers, strict())
    const response = handle(ctx, version)
    if (!withHeader()) return response
    return { ...response, headers: { 'Content-API-Version': `resource=${version}.0`, ...response.headers } }
  }
}

/** `versioned` for the ESV endpoints: the header as the tenant's ESV behaviour says. */
export function esvVersioned(state: TenantState, handle: (ctx: RequestContext, version: ResourceVersion) => ApiResponse): Handler {
  return versioned(
    handle,
    () => esvBehaviour(state).contentApiVersionHeader,
    () => esvBehaviour(state).strictParameters
  )
}

export interface PageRequest {
  offset: number
  size: number
  onlyPending: boolean
}

/**
 * Reads `_pageSize`, `_pagedResultsCookie` (wins over `_pagedResultsOffset`) and `_onlyPending`.
 * `strict`: a value outside the documented range is refused with 400; otherwise it is clamped or ignored.
 */
export function pageRequest(query: URLSearchParams, strict = true): PageRequest {
  const cookie = query.get('_pagedResultsCookie')
  const offset = cookie ? offsetFromCookie(cookie) : integerParam(query, '_pagedResultsOffset', 0, 0, Number.MAX_SAFE_INTEGER, strict)
  return {
    offset,
    size: integerParam(query, '_pageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, strict),
    onlyPending: booleanParam(query, '_onlyPending', strict)
  }
}

export function pendingOnly(query: URLSearchParams, version: ResourceVersion, strict = true): boolean {
  // `_onlyPending` is documented as resource=2.0 only: v1 ignores it.
  return version === 2 && booleanParam(query, '_onlyPending', strict)
}

function integerParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number, strict: boolean): number {
  const raw = query.get(name)
  if (raw === null || raw === '') return fallback
  const value = Number(raw)
  if (/^-?\d+$/.test(raw) && !strict) return Math.min(max, Math.max(min, value))
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    if (!strict) return fallback
    throw new ApiError(400, `Invalid ${name}: must be an integer from ${min} to ${max}`)
  }
  return value
}

function booleanParam(query: URLSearchParams, name: string, strict: boolean): boolean {
  const raw = query.get(name)
  if (raw === null || raw === '' || raw === 'false') return false
  if (raw === 'true') return true
  if (!strict) return false
  throw new ApiError(400, `Invalid ${name}: must be true or false`)
}

/** The cookie is opaque to clients; here it just carries the next offset. */
function cookieFor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url')
}

function offsetFromCookie(cookie: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8'))
    if (typeof parsed === 'object' && parsed !== null && 'offset' in parsed) {
      const { offset } = parsed
      if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset
    }
  } catch {
    // fall through to the error below
  }
  throw new ApiError(400, 'Invalid _pagedResultsCookie')
}

export function wholeList<T>(items: T[]): PagedList<T> {
  return {
    result: items,
    resultCount: items.length,
    pagedResultsCookie: null,
    totalPagedResultsPolicy: 'NONE',
    totalPagedResults: -1,
    remainingPagedResults: -1
  }
}

export function pageOf<T>(items: T[], page: PageRequest): PagedList<T> {
  const result = items.slice(page.offset, page.offset + page.size)
  const next = page.offset + result.length
  const remaining = Math.max(0, items.length - next)
  return {
    result,
    resultCount: result.length,
    pagedResultsCookie: remaining > 0 ? cookieFor(next) : null,
    totalPagedResultsPolicy: 'EXACT',
    totalPagedResults: items.length,
    remainingPagedResults: remaining
  }
}

export interface ListViews<T, V1, V2> {
  isPending: (item: T) => boolean
  v1: (item: T) => V1
  v2: (item: T) => V2
}

/** A list endpoint answer: items sorted by id for stable pages, in the requested protocol. */
export function esvList<T extends { _id: string }, V1, V2>(
  items: Iterable<T>,
  version: ResourceVersion,
  query: URLSearchParams,
  views: ListViews<T, V1, V2>,
  strict = true,
  v1PageSize?: number
): ApiResponse {
  const sorted = [...items].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
  if (version === 1) {
    if (v1PageSize === undefined || sorted.length <= v1PageSize) return json(200, wholeList(sorted.map(views.v1)))
    // Paged at the tenant's size whatever _pageSize says: v1 documents no _pageSize of its own (ESV-33).
    return json(200, pageOf(sorted.map(views.v1), { ...pageRequest(query, false), size: v1PageSize, onlyPending: false }))
  }
  const page = pageRequest(query, strict)
  const selected = page.onlyPending ? sorted.filter(views.isPending) : sorted
  return json(200, pageOf(selected.map(views.v2), page))
}
