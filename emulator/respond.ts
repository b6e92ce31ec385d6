/**
 * What a handler answers, kept apart from Node's ServerResponse so the server
 * can decide afterwards whether to send it at all (fault `handleThenDrop`).
 */
import { STATUS_CODES } from 'node:http'
import type { ApiErrorBody } from '../src/tenant/types.js'

export interface ApiResponse {
  status: number
  headers?: Record<string, string>
  /** Serialised as JSON. */
  body?: unknown
  /** Sent as is instead of `body` (text/plain). */
  raw?: string
}

export function json<T>(status: number, body: T, headers?: Record<string, string>): ApiResponse {
  return headers ? { status, body, headers } : { status, body }
}

/** The `{code, message}` error body of every tenant-environment endpoint. */
export function apiError(code: number, message: string, headers?: Record<string, string>): ApiResponse {
  const body: ApiErrorBody = { code, message }
  return json(code, body, headers)
}

/** SVC-12: IDM's error body, `{code, reason, message}`: `reason` the status's HTTP reason phrase (IdmConfigOps recordings). */
export function idmError(code: number, message: string, headers?: Record<string, string>): ApiResponse {
  return json(code, { code, reason: STATUS_CODES[code] ?? 'Error', message }, headers)
}

/**
 * Thrown by validators deep inside a handler; the server turns it into the
 * `{code, message}` answer, so handlers read as straight-line code.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}
