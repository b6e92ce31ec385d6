/**
 * A tenant's route table: OpenAPI-style paths (`/environment/variables/{variableId}`)
 * with the scopes the OpenAPI `security` lists for each operation.
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { ApiResponse } from './respond.js'
import type { AccessToken } from './tokens.js'

export interface RequestContext {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
  params: Record<string, string>
  /** The verified bearer token; null on routes that need none. */
  token: AccessToken | null
  now: number
}

/** Who a write is recorded as (`lastChangedBy`): the service account behind the token. */
export function actorOf(ctx: RequestContext): string {
  return ctx.token?.subject ?? 'anonymous'
}

export type Handler = (ctx: RequestContext) => ApiResponse | Promise<ApiResponse>

export interface Route {
  method: string
  path: string
  /** Any one of these grants access; null: no bearer token needed (the token endpoint). */
  scopes: readonly string[] | null
  handle: Handler
  /** The error body of this route's API (IDM's `{code, reason, message}`); default the server's. */
  errorResponse?: ErrorResponse
}

/** Builds an error answer in one API's shape. */
export type ErrorResponse = (status: number, message: string, headers?: Record<string, string>) => ApiResponse

export type RouteMatch =
  { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'methodNotAllowed'; allowed: string[] } | { kind: 'notFound' }

interface CompiledRoute {
  route: Route
  pattern: RegExp
  keys: string[]
}

export class Router {
  private readonly compiled: CompiledRoute[]

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map(compile)
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = []
    for (const { route, pattern, keys } of this.compiled) {
      const found = pattern.exec(path)
      if (!found) continue
      const params = decodeParams(keys, found.slice(1))
      if (!params) continue
      if (route.method === method) return { kind: 'found', route, params }
      allowed.push(route.method)
    }
    return allowed.length > 0 ? { kind: 'methodNotAllowed', allowed } : { kind: 'notFound' }
  }
}

const ESCAPE = /[.*+?^$()|[\]\\]/g

function compile(route: Route): CompiledRoute {
  const keys: string[] = []
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment)
      if (!param?.[1]) return segment.replace(ESCAPE, '\\$&')
      keys.push(param[1])
      return '([^/]+)'
    })
    .join('/')
  return { route, pattern: new RegExp(`^${source}$`), keys }
}

/** Undefined for a malformed escape: such a path matches nothing, as on a real server. */
function decodeParams(keys: string[], values: (string | undefined)[]): Record<string, string> | undefined {
  const params: Record<string, string> = {}
  try {
    keys.forEach((key, i) => {
      params[key] = decodeURIComponent(values[i] ?? '')
    })
  } catch {
    return undefined
  }
  return params
}
