/**
 * Reading the emulator's request log: what kinds of request a run sent and
 * how long the requests took from the first to the last.
 */
import type { RequestLogEntry } from '../emulator/index.js'

export interface RequestCounts {
  total: number
  token: number
  /** GETs of the ESV lists (every page). */
  listPages: { variables: number; secrets: number }
  /** Other GETs (one ESV, restart status, promotion status). */
  otherReads: number
  /** PUT, DELETE and POST other than the token and secret-version creates. */
  writes: number
  /** `POST /environment/secrets/{id}/versions?_action=create`: a write the tenant may de-duplicate. */
  versionCreates: number
  /** Answered 429 (injected). */
  throttled: number
}

const TOKEN_PATH = '/am/oauth2/access_token'
const VERSIONS = /^\/environment\/secrets\/[^/]+\/versions$/

export function countRequests(log: readonly RequestLogEntry[]): RequestCounts {
  const counts: RequestCounts = {
    total: log.length,
    token: 0,
    listPages: { variables: 0, secrets: 0 },
    otherReads: 0,
    writes: 0,
    versionCreates: 0,
    throttled: 0
  }
  for (const entry of log) {
    if (entry.status === 429) counts.throttled++
    if (entry.path === TOKEN_PATH) counts.token++
    else if (entry.method === 'GET' && entry.path === '/environment/variables') counts.listPages.variables++
    else if (entry.method === 'GET' && entry.path === '/environment/secrets') counts.listPages.secrets++
    else if (entry.method === 'GET') counts.otherReads++
    else if (entry.method === 'POST' && VERSIONS.test(entry.path)) counts.versionCreates++
    else counts.writes++
  }
  return counts
}

export function describeCounts(counts: RequestCounts): string {
  const parts = [
    `${counts.total} requests`,
    `${counts.token} token`,
    `${counts.listPages.variables + counts.listPages.secrets} list pages`,
    `${counts.writes} writes`
  ]
  if (counts.versionCreates > 0) parts.push(`${counts.versionCreates} secret version creates`)
  if (counts.otherReads > 0) parts.push(`${counts.otherReads} other reads`)
  if (counts.throttled > 0) parts.push(`${counts.throttled} answered 429 and retried`)
  return parts.join(', ')
}

/** From the first request's arrival to the last one's answer (arrival plus the emulator's latency). */
export function requestSpanMs(log: readonly RequestLogEntry[], latencyMs: number): number {
  if (log.length === 0) return 0
  const first = Math.min(...log.map((entry) => entry.at))
  const last = Math.max(...log.map((entry) => entry.at))
  return last + latencyMs - first
}
