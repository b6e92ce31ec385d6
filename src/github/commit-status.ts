import type { CommitStatus, CommitStatusRequest } from './types.js'

/**
 * The check a dry run or a plan leaves on the PR's head commit. GitHub stamps each status with its own
 * time and its creator, and nobody can edit or delete one afterwards (docs.github.com, "REST API
 * endpoints for commit statuses"): that makes it the record an approval is timed against, where the
 * comment (editable by anyone with write access) is not.
 */

/** GitHub answers 422 to a longer description (known from its error message; the docs state no limit). */
export const MAX_STATUS_DESCRIPTION = 140

/** What a status records: a dry run or plan published for review, or an approved plan being applied, then applied. */
export type StatusKind = 'Dry run' | 'Plan' | 'Applying' | 'Applied'

/** Kinds that record an apply (once-only), not a publication. */
export const APPLY_KINDS: readonly StatusKind[] = ['Applying', 'Applied']

const FINGERPRINT = /\bsha256:([0-9a-f]{64})\b/
const KINDS: readonly StatusKind[] = ['Dry run', 'Plan', 'Applying', 'Applied']

/** `tenant-pilot/dry-run-promote (staging.example.com)`; a plan's names its file too (one check per plan comment). */
export function statusContext(operation: string, tenantUrl: string, file?: string): string {
  const host = hostOf(tenantUrl)
  return `tenant-pilot/${operation} (${file ? `${host}: ${file}` : host})`
}

/**
 * `Dry run: 5 changes, 1 deletion sha256:<64 hex>`: the kind first, the counts a reviewer reads,
 * then the whole fingerprint, so a status names exactly which dry run or plan it is for.
 */
export function statusDescription(kind: StatusKind, fingerprint: string | undefined, summary = ''): string {
  const tail = fingerprint ? ` sha256:${fingerprint}` : ''
  const room = MAX_STATUS_DESCRIPTION - tail.length - kind.length - 2
  const said = summary ? `: ${summary.length > room ? `${summary.slice(0, room - 1)}…` : summary}` : ''
  return `${kind}${said}${tail}`
}

export function statusRequest(
  kind: StatusKind,
  context: string,
  fingerprint: string | undefined,
  outcome: { state: CommitStatusRequest['state']; summary: string; url?: string }
): CommitStatusRequest {
  return {
    state: outcome.state,
    context,
    description: statusDescription(kind, fingerprint, outcome.summary),
    ...(outcome.url ? { target_url: outcome.url } : {})
  }
}

/** What a status of this context says, if it is one of the action's: its kind and fingerprint. */
export function readStatus(status: CommitStatus): { kind: StatusKind; fingerprint: string } | undefined {
  const text = status.description ?? ''
  const kind = KINDS.find((k) => text === k || text.startsWith(`${k}:`) || text.startsWith(`${k} `))
  const fingerprint = FINGERPRINT.exec(text)?.[1]
  return kind && fingerprint ? { kind, fingerprint } : undefined
}

/** GitHub compares contexts without regard to case. */
export function sameContext(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
