/**
 * Request validation for ESV endpoints, following the OpenAPI schemas. Each
 * check throws ApiError(400) with a message that names the field.
 */
import { DESCRIPTION_MAX_LENGTH, ESV_ID_PATTERN, SECRET_VERSION_ID_PATTERN } from '../src/tenant/types.js'
import { ApiError } from './respond.js'

export type JsonObject = Record<string, unknown>

/** `valueBase64` pattern of the OpenAPI request schemas. */
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

export function jsonObject(body: string): JsonObject {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new ApiError(400, 'Invalid JSON in request body')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError(400, 'Request body must be a JSON object')
  }
  return parsed as JsonObject
}

export function esvId(id: string | undefined, kind: 'variable' | 'secret'): string {
  if (id === undefined || !ESV_ID_PATTERN.test(id)) {
    throw new ApiError(400, `Invalid ${kind} id "${id ?? ''}": must match ${ESV_ID_PATTERN.source}`)
  }
  return id
}

export function secretVersionId(id: string | undefined): string {
  if (id === undefined || !SECRET_VERSION_ID_PATTERN.test(id)) {
    throw new ApiError(400, `Invalid version id "${id ?? ''}": must be "latest" or a number`)
  }
  return id
}

export function requiredAction(query: URLSearchParams, expected: string): void {
  const action = query.get('_action')
  if (action !== expected) throw new ApiError(400, `Unsupported action: ${action ?? '(none)'}; only ${expected}`)
}

export function base64Value(body: JsonObject): string {
  const value = body['valueBase64']
  if (value === undefined || value === null) throw new ApiError(400, 'valueBase64 is required')
  if (typeof value !== 'string' || !BASE64_PATTERN.test(value)) {
    throw new ApiError(400, 'valueBase64 must be a base64 encoded string')
  }
  return value
}

export function optionalDescription(body: JsonObject): string | undefined {
  const value = body['description']
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new ApiError(400, 'description must be a string')
  if (value.length > DESCRIPTION_MAX_LENGTH) {
    throw new ApiError(400, `description must be at most ${DESCRIPTION_MAX_LENGTH} characters`)
  }
  return value
}

export function requiredDescription(body: JsonObject): string {
  const value = optionalDescription(body)
  if (value === undefined) throw new ApiError(400, 'description is required')
  return value
}

/** Undefined when absent or empty: real tenants treat "" as not given. */
export function optionalEnum<T extends string>(body: JsonObject, key: string, allowed: readonly T[]): T | undefined {
  const value = body[key]
  if (value === undefined || value === null || value === '') return undefined
  const found = allowed.find((candidate) => candidate === value)
  if (found === undefined) throw new ApiError(400, `${key} must be one of: ${allowed.join(', ')}`)
  return found
}

export function requiredEnum<T extends string>(body: JsonObject, key: string, allowed: readonly T[]): T {
  const value = optionalEnum(body, key, allowed)
  if (value === undefined) throw new ApiError(400, `${key} is required`)
  return value
}

export function requiredBoolean(body: JsonObject, key: string): boolean {
  const value = body[key]
  if (typeof value !== 'boolean') throw new ApiError(400, `${key} is required and must be a boolean`)
  return value
}
