import { redact } from './secrets.js'

/**
 * Errors the action raises on purpose. Each message is one line that says what
 * went wrong and what to do next; `main` prints it with `core.setFailed`.
 */
export class ActionError extends Error {
  override readonly name: string = 'ActionError'
  constructor(message: string) {
    super(redact(message))
  }
}

/** One or more inputs are invalid; raised before anything is sent. */
export class InputError extends ActionError {
  override readonly name = 'InputError'
  constructor(readonly problems: string[]) {
    // One line, whatever the count: the runner shows the first line of a failure as its title.
    const unique = [...new Set(problems.map((problem) => problem.replace(/\s*\r?\n\s*/g, ' ')))]
    super(unique.length === 1 ? `Invalid input: ${unique[0]}` : `Invalid inputs (${unique.length}): ${unique.join('; ')}`)
  }
}

export interface ApiErrorDetails {
  method: string
  path: string
  status: number
  code?: number | string
  apiMessage?: string
  transactionId?: string
  /** The service refused for its rate limit (after waiting as long as allowed), not for a permission. */
  rateLimited?: boolean
}

/**
 * A request the tenant (or GitHub) answered with an error, or never answered.
 * Carries the API's code and message, never the request's body or headers.
 */
export class ApiError extends ActionError {
  override readonly name = 'ApiError'
  constructor(
    readonly details: ApiErrorDetails,
    hint?: string
  ) {
    super(describeApiError(details, hint))
  }
  get status(): number {
    return this.details.status
  }
}

/**
 * The request may or may not have taken effect (a reset or a timeout after it
 * was sent). Callers of non-idempotent requests must look before they retry.
 */
export class OutcomeUnknownError extends ActionError {
  override readonly name = 'OutcomeUnknownError'
  constructor(
    readonly method: string,
    readonly path: string,
    cause: string,
    /** No answer came within request-timeout: the tenant may still be acting on the request. */
    readonly timedOut = false
  ) {
    super(`${method} ${path}: no answer (${cause}); the request may or may not have taken effect`)
  }
}

/** The service was unreachable or kept failing after every retry. */
export class UnavailableError extends ActionError {
  override readonly name = 'UnavailableError'
}

export class TimeoutError extends ActionError {
  override readonly name = 'TimeoutError'
}

function describeApiError(d: ApiErrorDetails, hint: string | undefined): string {
  const apiPart = d.apiMessage ? `: ${d.apiMessage}` : ''
  const code = d.code !== undefined && String(d.code) !== String(d.status) ? ` (code ${d.code})` : ''
  const tx = d.transactionId ? ` [transaction ${d.transactionId}]` : ''
  const next = hint ?? defaultHint(d.status)
  return `${d.method} ${d.path} failed with HTTP ${d.status}${code}${apiPart}${tx}${next ? `. ${next}` : ''}`
}

function defaultHint(status: number): string | undefined {
  switch (status) {
    case 401:
      return 'Check the service account id and key, or the access token.'
    case 403:
      return 'The credentials lack a permission or scope this operation needs; see the README section "Required scopes".'
    case 404:
      return undefined
    case 409:
      return 'The tenant is busy with a conflicting operation; retry when it has finished.'
    case 429:
      return 'The tenant kept rate-limiting after every retry; run the step again later.'
    default:
      return status >= 500 ? 'The tenant kept failing after every retry; check its status and run the step again.' : undefined
  }
}

/** A refusal for want of a permission (or a fork's read-only token): a 403 that is not a rate limit. */
export function isForbidden(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 403 && error.details.rateLimited !== true
}

export function errorMessage(error: unknown): string {
  if (error instanceof ActionError) return error.message
  if (error instanceof Error) return redact(`${error.name}: ${error.message}`)
  return redact(String(error))
}

/** Another promotion holds the lock: the action never touches someone else's lock. */
export class LockHeldError extends ActionError {
  override readonly name = 'LockHeldError'
}

/** A promotion, dry run or rollback ended in ERROR, or the action refused to promote. */
export class PromotionError extends ActionError {
  override readonly name = 'PromotionError'
}

/** The event that started the run may not start this operation (e.g. a PR comment by someone without write access). */
export class RefusedEventError extends ActionError {
  override readonly name = 'RefusedEventError'
}

/** What a merge would apply was not approved as the action requires (no review after it, used already, not merged). */
export class ApprovalError extends ActionError {
  override readonly name = 'ApprovalError'
}
