import { markerLineData, renderMarkerLine, type MarkerScheme } from '../github/marker.js'
import type { PlanMarker, PlanOperation, PlanStatus } from './types.js'

const PLAN_STATUSES: readonly PlanStatus[] = ['planned', 'applied', 'refused', 'failed']

/** One plan comment per operation, tenant and file. */
export function planKey(operation: PlanOperation, tenantUrl: string, file: string): string {
  return `${operation} ${tenantUrl} ${file}`
}

export function renderPlanMarker(marker: PlanMarker): string {
  const { key, ...data } = marker
  return renderMarkerLine('plan', `key=${encodeURIComponent(key)}`, data)
}

/** The plan marker for `key` in a comment body, if the body has one. */
export function parsePlanMarker(body: string, key: string): PlanMarker | undefined {
  const data = markerLineData(body, 'plan', `key=${encodeURIComponent(key)}`)
  if (!data) return undefined
  const { status, fingerprint, items, author } = data
  if (typeof fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(fingerprint)) return undefined
  if (typeof status !== 'string' || !(PLAN_STATUSES as readonly string[]).includes(status)) return undefined
  return {
    key,
    status: status as PlanStatus,
    fingerprint,
    ...(isItems(items) ? { items } : {}),
    ...(typeof author === 'string' ? { author } : {})
  }
}

/** The plan comment's marker scheme, for the shared sticky-comment machinery. */
export function planMarkers(key: string, label: string): MarkerScheme<PlanMarker> {
  return { label, parse: (body) => parsePlanMarker(body, key) }
}

function isItems(value: unknown): value is [string, string, string][] {
  return (
    Array.isArray(value) &&
    value.every((item) => Array.isArray(item) && item.length === 3 && item.every((part) => typeof part === 'string'))
  )
}
