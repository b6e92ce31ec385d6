/**
 * What a rotation does to an account's key set, decided from what is durable: the tenant's `jwks` (its
 * keys in the order they were added) and the key the destination holds now, which the step is given
 * as an input (`${{ secrets.NAME }}` is read when the job starts) and proves by authenticating with it.
 *
 * Why that is enough for a rerun in a new job (step state from a killed job is gone): a rotation adds
 * its key at the end of the set and only then stores it. So every key after the stored one was added
 * by a rotation that never stored it (killed, or failed before storing): its private half is lost, and
 * removing it is the rollback. Keys before the stored one are earlier generations. The stored key is
 * never removed by this plan, and an old key goes only once a new one is stored and proven.
 */
export interface KeySetEntry {
  /** The thumbprint of the key's public members (not its `kid` member, which another tool may set differently). */
  thumbprint: string
  /** The key as the tenant holds it, written back unchanged. */
  jwk: Record<string, unknown>
}

export interface RotationStart {
  /** The stored key and the generations before it, oldest first: what stays while the new key is proven. */
  retained: KeySetEntry[]
  /** Keys added after the stored one by a rotation that never stored them: removed with the new key's add. */
  orphans: KeySetEntry[]
}

/** Undefined when the stored key is not in the set at all (then nothing is touched). */
export function planRotationStart(keys: readonly KeySetEntry[], storedThumbprint: string): RotationStart | undefined {
  const index = keys.findIndex((key) => key.thumbprint === storedThumbprint)
  if (index < 0) return undefined
  return { retained: keys.slice(0, index + 1), orphans: keys.slice(index + 1) }
}

/**
 * Once the new key is stored and proven: it stays, with the last `keepKeys` of the retained keys (the
 * stored key first among them, as a job already running signs with it); the older ones go.
 */
export function planRetirement(
  retained: readonly KeySetEntry[],
  added: KeySetEntry,
  keepKeys: number
): { keep: KeySetEntry[]; remove: KeySetEntry[] } {
  const kept = keepKeys > 0 ? retained.slice(-keepKeys) : []
  return { keep: [...kept, added], remove: retained.slice(0, retained.length - kept.length) }
}

/** The `jwks` member's text: a JSON key set, keys in order. */
export function keySetText(keys: readonly KeySetEntry[]): string {
  return JSON.stringify({ keys: keys.map((key) => key.jwk) })
}
