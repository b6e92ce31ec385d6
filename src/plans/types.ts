/**
 * The plan of a set-esvs or set-tenant-settings run as reviewers see it and
 * the apply holds itself to. A leaf: the adapters (esvs.ts, settings.ts), the
 * canonical form, the renderer and the comment all import from here.
 */

export type PlanOperation = 'set-esvs' | 'set-tenant-settings'

/** A JSON value in canonical form (objects' keys are sorted when serialised). */
export type CanonicalValue = string | number | boolean | null | CanonicalValue[] | { [key: string]: CanonicalValue }

/**
 * One change of the plan in canonical form: what will be written, never how
 * the tenant looks now, and never a secret value (a secret's value is named by
 * its source: the environment variable or file it is read from).
 */
export interface PlanEntry {
  /** Unique in the plan, e.g. `variable esv-orders-url`, `setting cookie-domains`. */
  key: string
  /** e.g. create, update, update-description, check-value, replace, delete, restart, upload. */
  action: string
  /** What the write carries: ids, kinds, types or encodings, hashes of variable values, settings' desired state. */
  content: { [key: string]: CanonicalValue }
}

/** One line of the plan's table. */
export interface PlanRow {
  /** What happens, in words: "create", "update value", "delete", "restart". */
  change: string
  /** variable, secret, setting, certificate, tenant. */
  kind: string
  name: string
  detail: string
  /** A variable's new value: shown only with show-values: true. */
  value?: string
}

export interface PlanItem {
  entry: PlanEntry
  row: PlanRow
  /** How the apply's results name this item (an ESV id, a setting, a certificate's name). */
  resultKey: string
}

export interface PlanModel {
  operation: PlanOperation
  /** The file as given (relative to the workspace). */
  file: string
  tenantUrl: string
  /** The changes, sorted by entry key. */
  items: PlanItem[]
  /** How many declared things are already as the file says. */
  unchanged: number
  /** Said under the table: kept (unmanaged) items, pending restarts, domains verified first. */
  notes: string[]
  /** sha256 (hex) of the canonical form. */
  fingerprint: string
}

/** planned: a dry run's plan; the others: what the apply on the merge did with it. */
export type PlanStatus = 'planned' | 'applied' | 'refused' | 'failed'

/** What a plan comment's marker records of the plan it shows: what reviewers approved. */
export interface PlanMarker {
  /** The plan comment's identity: operation, tenant and file. */
  key: string
  status: PlanStatus
  /** The approved plan's fingerprint (kept by the outcome updates). */
  fingerprint: string
  /** [entry key, action, digest] per change, to name what differs; absent on plans too large to carry them. */
  items?: [string, string, string][]
  /** The login the action posted as (a tie-break only; see CommentMarker.author). */
  author?: string
}
