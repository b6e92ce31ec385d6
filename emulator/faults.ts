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
  /** Draws for `probability`; absent when every request in the window is affected. */
  draw: (() => number) | undefined
}

export class FaultSet {
  private rules: ActiveRule[] = []

  add(rule: FaultRule): void {
    const probability = rule.probability ?? 1
    if (!(probability >= 0 && probability <= 1)) throw new Error('fault rule: probability must be between 0 and 1')
    this.rules.push({ rule, seen: 0, draw: probability < 1 ? seededRandom(rule.seed ?? 1) : undefined })
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
      if (index < after || index >= after + times) continue
      if (active.draw && active.draw() >= active.rule.probability!) continue
      return active.rule
    }
    return undefined
  }
}

/** mulberry32: a small seeded generator of numbers in [0, 1); the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function matches(rule: FaultRule, tenant: ServerName, method: string, path: string): boolean {
  // GH-38: GitHub takes only the rules that name it; a rule naming no server is the tenants'.
  if (rule.tenant === undefined ? tenant === 'github' : rule.tenant !== tenant) return false
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false
  if (typeof rule.path === 'string') return rule.path === path
  rule.path.lastIndex = 0 // a /g or /y pattern would otherwise remember where it stopped
  return rule.path.test(path)
}

export const DEFAULT_DRIP_EVERY_MS = 100

/** What the request log says was done, e.g. "delay 200ms, status 503". */
export function describeFault(rule: FaultRule): string {
  const parts: string[] = []
  if (rule.delayMs) parts.push(`delay ${rule.delayMs}ms`)
  if (rule.drop) parts.push('drop')
  else if (rule.status !== undefined) parts.push(`status ${rule.status}`)
  else if (rule.handleThenDrop) parts.push('handleThenDrop')
  if (rule.expireTokens) parts.push('expireTokens')
  if (rule.echoRequest) parts.push(rule.echoRequest === true ? 'echoRequest' : `echoRequest ${JSON.stringify(rule.echoRequest)}`)
  if (rule.cutBodyAfter !== undefined) parts.push(`cutBodyAfter ${rule.cutBodyAfter}`)
  if (rule.dripBytes !== undefined) parts.push(`drip ${rule.dripBytes}B/${rule.dripEveryMs ?? DEFAULT_DRIP_EVERY_MS}ms`)
  if (rule.endlessBody) parts.push('endlessBody')
  if (rule.emptyAnswer) parts.push(`emptyAnswer ${rule.emptyAnswer}`)
  if (rule.tokenType !== undefined) parts.push(`tokenType ${rule.tokenType}`)
  return parts.length > 0 ? parts.join(', ') : 'none'
}
