/**
 * Fault injection: rules that make chosen requests slow, fail, vanish, or
 * succeed without the client learning it. Rules are checked in the order
 * they were added; every matching rule counts the request until one fires,
 * and the first that fires is the only one applied.
 */
import type { FaultRule, ServerName } from './types.js'

interface ActiveRule {
  rule: FaultRule
  /** Matching requests seen so far. */
  seen: number
}

export class FaultSet {
  private rules: ActiveRule[] = []

  add(rule: FaultRule): void {
    this.rules.push({ rule, seen: 0 })
  }

  clear(): void {
    this.rules = []
  }

  /** The rule to apply to this request, if any; counts it against every matching rule up to that one. */
  take(tenant: ServerName, method: string, path: string): FaultRule | undefined {
    for (const active of this.rules) {
      if (!matches(active.rule, tenant, method, path)) continue
      const index = active.seen
      active.seen += 1
      const after = active.rule.after ?? 0
      const times = active.rule.times ?? Number.POSITIVE_INFINITY
      if (index >= after && index < after + times) return active.rule
    }
    return undefined
  }
}

function matches(rule: FaultRule, tenant: ServerName, method: string, path: string): boolean {
  if (rule.tenant !== undefined && rule.tenant !== tenant) return false
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false
  if (typeof rule.path === 'string') return rule.path === path
  rule.path.lastIndex = 0 // a /g or /y pattern would otherwise remember where it stopped
  return rule.path.test(path)
}

/** What the request log says was done, e.g. "delay 200ms, status 503". */
export function describeFault(rule: FaultRule): string {
  const parts: string[] = []
  if (rule.delayMs) parts.push(`delay ${rule.delayMs}ms`)
  if (rule.drop) parts.push('drop')
  else if (rule.status !== undefined) parts.push(`status ${rule.status}`)
  else if (rule.handleThenDrop) parts.push('handleThenDrop')
  return parts.length > 0 ? parts.join(', ') : 'none'
}
