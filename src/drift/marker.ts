import { markerLineData, renderMarkerLine } from '../github/marker.js'
import type { OperationName } from '../operations/names.js'

/**
 * The hidden first line of a drift issue: which tenant and file it is for, and what the last run found.
 * It is only a claim (anyone can write it): the issue counts only when it is by the action's own login.
 */
export interface DriftMarker {
  tenant: string
  file: string
  operation: OperationName
  /** The last run found drift (the issue is open), or the tenant matched again (closed). */
  drift: boolean
  count: number
  /** The login the action posted as: a tie-break between bots only, as for the PR comment. */
  author?: string
}

const attributes = (tenant: string, file: string): string => `tenant=${encodeURI(tenant)} file=${encodeURIComponent(file)}`

export function renderDriftMarker(marker: DriftMarker): string {
  const { tenant, file, ...data } = marker
  return renderMarkerLine('drift', attributes(tenant, file), data)
}

/** The marker in an issue body, if it has one for this tenant and file. */
export function parseDriftMarker(body: string, tenant: string, file: string): DriftMarker | undefined {
  const data = markerLineData(body, 'drift', attributes(tenant, file))
  if (!data) return undefined
  return {
    tenant,
    file,
    operation: data.operation as OperationName,
    drift: data.drift === true,
    count: typeof data.count === 'number' ? data.count : 0,
    ...(typeof data.author === 'string' ? { author: data.author } : {})
  }
}
