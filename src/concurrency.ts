export type Settled<T, R> = { item: T; ok: true; value: R } | { item: T; ok: false; error: unknown }

/**
 * Runs `task` over `items` with at most `limit` in flight. Every item runs to
 * its end even when others fail, so one failure never hides another.
 */
export async function runBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<Settled<T, R>[]> {
  const results: Settled<T, R>[] = new Array(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      const item = items[index]!
      try {
        results[index] = { item, ok: true, value: await task(item) }
      } catch (error) {
        results[index] = { item, ok: false, error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}
