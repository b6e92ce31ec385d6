import { createHash } from 'node:crypto'
import { displayFingerprint } from '../report/fingerprint.js'
import type { CanonicalValue, PlanEntry, PlanItem, PlanMarker, PlanModel, PlanOperation } from './types.js'

/** Bumped if the canonical form ever changes, so an old plan never matches a new one by accident. */
export const PLAN_CANONICAL_VERSION = 1

/** At most this many changes are carried in the marker (each ~80 characters) to name differences; the comment limit is 65,536. */
export const MAX_MARKED_ITEMS = 300

/** JSON with every object's keys sorted: one text for one value, whatever order it was built in. */
export function canonicalJson(value: CanonicalValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    // A member set to undefined is absent, as JSON.stringify has it.
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** `sha256:<hex>` of a variable's new value: the plan commits to the value without showing it. */
export function valueHash(text: string): string {
  return displayFingerprint(sha256Hex(text))
}

function entryJson(entry: PlanEntry): string {
  return canonicalJson([entry.key, entry.action, entry.content])
}

/** Sorted by key, so the order a plan was built in never matters. */
export function sortItems(items: PlanItem[]): PlanItem[] {
  return [...items].sort((a, b) => (a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : 0))
}

/**
 * sha256 over the canonical form: version, operation, tenant, file and every
 * change (entries sorted by key). Equal exactly when the same writes would be
 * made to the same tenant from the same file.
 */
export function planFingerprint(operation: PlanOperation, tenantUrl: string, file: string, entries: PlanEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const head = canonicalJson({ version: PLAN_CANONICAL_VERSION, operation, tenant: tenantUrl, file })
  return sha256Hex(`${head}[${sorted.map(entryJson).join(',')}]`)
}

/** A short digest of one change, for the marker: enough to tell that it differs, not to read it. */
export function entryDigest(entry: PlanEntry): string {
  return sha256Hex(entryJson(entry)).slice(0, 16)
}

/** What the marker carries of each change, when the plan is small enough. */
export function markedItems(model: PlanModel): PlanMarker['items'] {
  if (model.items.length > MAX_MARKED_ITEMS) return undefined
  return model.items.map(({ entry }) => [entry.key, entry.action, entryDigest(entry)])
}

/**
 * What differs between the approved plan (as its marker records it) and the
 * plan now, one line each; empty when the marker records no changes to compare.
 */
export function planDifference(approved: PlanMarker['items'], now: PlanModel): string[] {
  if (!approved) return []
  const before = new Map(approved.map(([key, action, digest]) => [key, { action, digest }]))
  const lines: string[] = []
  for (const { entry } of now.items) {
    const was = before.get(entry.key)
    before.delete(entry.key)
    if (!was) lines.push(`+ ${entry.key}: ${entry.action} (not in the approved plan)`)
    else if (was.action !== entry.action) lines.push(`~ ${entry.key}: approved ${was.action}, now ${entry.action}`)
    else if (was.digest !== entryDigest(entry))
      lines.push(`~ ${entry.key}: ${entry.action} with other content than approved (value, type, encoding, source or description)`)
  }
  for (const [key, { action }] of before) lines.push(`- ${key}: ${action} was approved and is no longer planned`)
  return lines
}
