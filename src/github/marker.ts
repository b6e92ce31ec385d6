import type { OperationName } from '../operations/names.js'
import type { PromotionStatus } from '../report/types.js'

/** What a comment records of the dry run reviewers approved. */
export interface DryRunApproval {
  fingerprint: string
  /** The stored dry-run report on the upper tenant: promote reads it back, so a hand-made marker names nothing. */
  reportId: string
  /** sha256 of the report's change table as rendered (changeTableHash); absent in comments from before it existed. */
  table?: string
}

/**
 * A lock a hold-lock dry run kept (strict mode): promote reuses it, and any promotion run on the PR
 * releases it once `deadline` (hold-lock-timeout after `takenAt`) has passed. Times are ISO 8601.
 */
export interface HeldLock {
  promotionId: string
  takenAt: string
  deadline: string
}

/**
 * The hidden first line of the sticky comment: which upper tenant it is for,
 * and what it showed. `dryRun` is the last dry run posted on the PR: what
 * reviewers approved, and what `promote` holds the lower environment to. It
 * is only a claim: promote checks it against the tenant's stored report.
 */
export interface CommentMarker {
  tenant: string
  operation: OperationName
  status: PromotionStatus
  fingerprint?: string
  reportId?: string
  dryRun?: DryRunApproval
  /**
   * The login the action posted as when it wrote this marker. Only a tie-break between
   * bots' comments when GitHub cannot say who the token is: anyone can write it, so it proves nothing alone.
   */
  author?: string
  /** The lock a hold-lock dry run keeps held, while it is held. */
  heldLock?: HeldLock
}

/**
 * A hidden marker line, `<!-- tenant-pilot:<kind> <attributes> {json} -->`, the one form every kind
 * (promotion comment, plan comment, drift issue) writes. The JSON is escaped so that no value can end
 * the HTML comment early; attribute values are URI-encoded by the caller, so they hold no space.
 */
export function renderMarkerLine(kind: string, attributes: string, data: object): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e')
  return `<!-- tenant-pilot:${kind} ${attributes} ${json} -->`
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The JSON object of the `kind` marker whose attributes are exactly `attributes`, read from the body's first
 * line only: the action writes its marker there, and anything below it may quote a tenant's values (a
 * marker copied into a CSP value must never make an item another file's or tenant's).
 */
export function markerLineData(body: string, kind: string, attributes: string): Record<string, unknown> | undefined {
  const firstLine = body.split('\n', 1)[0]!.replace(/\r$/, '')
  const pattern = new RegExp(`^<!-- tenant-pilot:${escapeRegExp(kind)} ${escapeRegExp(attributes)} (\\{.*\\}) -->$`)
  const match = pattern.exec(firstLine)
  return match ? parseJsonObject(match[1] ?? '') : undefined
}

/**
 * How one kind of sticky comment finds its hidden marker in a body: the promotion comment
 * by its tenant, a plan comment by its file and tenant. `label` names the comment in messages.
 */
export interface MarkerScheme<M extends { author?: string }> {
  label: string
  parse(body: string): M | undefined
}

/** The promotion comment for an upper tenant. */
export function promotionMarkers(tenant: string): MarkerScheme<CommentMarker> {
  return { label: tenant, parse: (body) => parseMarker(body, tenant) }
}

export function renderMarker(marker: CommentMarker): string {
  const { tenant, ...data } = marker
  return renderMarkerLine('promotion', `tenant=${encodeURI(tenant)}`, data)
}

/** The marker in a comment body, if the body has one for this tenant. */
export function parseMarker(body: string, tenant: string): CommentMarker | undefined {
  const data = markerLineData(body, 'promotion', `tenant=${encodeURI(tenant)}`)
  if (!data) return undefined
  return {
    tenant,
    operation: data.operation as OperationName,
    status: data.status as PromotionStatus,
    fingerprint: stringOrUndefined(data.fingerprint),
    reportId: stringOrUndefined(data.reportId),
    dryRun: dryRunOf(data.dryRun),
    author: stringOrUndefined(data.author),
    heldLock: heldLockOf(data.heldLock)
  }
}

function dryRunOf(value: unknown): CommentMarker['dryRun'] {
  if (typeof value !== 'object' || value === null) return undefined
  const { fingerprint, reportId, table } = value as Record<string, unknown>
  if (typeof fingerprint !== 'string' || typeof reportId !== 'string') return undefined
  return typeof table === 'string' ? { fingerprint, reportId, table } : { fingerprint, reportId }
}

function heldLockOf(value: unknown): HeldLock | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { promotionId, takenAt, deadline } = value as Record<string, unknown>
  if (typeof promotionId !== 'string' || typeof takenAt !== 'string' || typeof deadline !== 'string') return undefined
  if (!Number.isFinite(Date.parse(deadline))) return undefined
  return { promotionId, takenAt, deadline }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** A marker's JSON data, or undefined when it is not one object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
