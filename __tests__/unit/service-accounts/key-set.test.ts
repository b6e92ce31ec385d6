import { describe, expect, test } from '@jest/globals'
import { keySetText, planRetirement, planRotationStart, type KeySetEntry } from '../../../src/service-accounts/key-set.js'

const key = (thumbprint: string): KeySetEntry => ({ thumbprint, jwk: { kty: 'RSA', kid: thumbprint, e: 'AQAB', n: `n-${thumbprint}` } })
const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(key) as [KeySetEntry, KeySetEntry, KeySetEntry, KeySetEntry]
const ids = (entries: readonly KeySetEntry[]): string[] => entries.map((entry) => entry.thumbprint)

describe('planRotationStart: what the tenant and the stored key say', () => {
  test('the stored key last: nothing to roll back', () => {
    const start = planRotationStart([a, b], 'b')!
    expect({ retained: ids(start.retained), orphans: ids(start.orphans) }).toEqual({ retained: ['a', 'b'], orphans: [] })
  })

  test('keys after the stored one were never stored: orphans of an interrupted rotation', () => {
    const start = planRotationStart([a, b, c, d], 'b')!
    expect({ retained: ids(start.retained), orphans: ids(start.orphans) }).toEqual({ retained: ['a', 'b'], orphans: ['c', 'd'] })
  })

  test('a stored key the account does not hold: no plan, nothing touched', () => {
    expect(planRotationStart([a, b], 'z')).toBeUndefined()
  })
})

describe('planRetirement: once the new key is stored and proven', () => {
  test('keep-keys 1 keeps the stored key next to the new one, the older go', () => {
    const plan = planRetirement([a, b], c, 1)
    expect({ keep: ids(plan.keep), remove: ids(plan.remove) }).toEqual({ keep: ['b', 'c'], remove: ['a'] })
  })

  test('keep-keys 0 keeps only the new key; more than there are keeps them all', () => {
    expect(ids(planRetirement([a, b], c, 0).keep)).toEqual(['c'])
    expect(ids(planRetirement([a, b], c, 0).remove)).toEqual(['a', 'b'])
    expect(planRetirement([a], c, 5)).toEqual({ keep: [a, c], remove: [] })
  })

  test('the key set text keeps the keys as the tenant holds them, in order', () => {
    expect(JSON.parse(keySetText([b, a]))).toEqual({ keys: [b.jwk, a.jwk] })
  })
})
