import { describe, expect, test } from '@jest/globals'
import { expandStrategy } from '../../../tools/workflow-simulator/matrix.js'

describe('matrix expansion as GitHub documents it', () => {
  test('the documentation’s include example gives its documented combinations', () => {
    // https://docs.github.com/en/actions/how-tos/write-workflows/choose-what-workflows-do/run-job-variations#example-expanding-configurations
    const strategy = expandStrategy({
      matrix: {
        fruit: ['apple', 'pear'],
        animal: ['cat', 'dog'],
        include: [
          { color: 'green' },
          { color: 'pink', animal: 'cat' },
          { fruit: 'apple', shape: 'circle' },
          { fruit: 'banana' },
          { fruit: 'banana', animal: 'cat' }
        ]
      }
    })
    expect(strategy.combinations).toEqual([
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' }
    ])
  })

  test('exclude matches partially; include alone lists the legs; fail-fast defaults to true', () => {
    const excluded = expandStrategy({ matrix: { os: ['a', 'b'], node: [1, 2], exclude: [{ os: 'a' }] } })
    expect(excluded.combinations).toEqual([
      { os: 'b', node: 1 },
      { os: 'b', node: 2 }
    ])
    expect(excluded.failFast).toBe(true)
    const fleet = expandStrategy({ 'fail-fast': false, 'max-parallel': 2, matrix: { include: [{ tenant: 'x' }, { tenant: 'y' }] } })
    expect(fleet).toEqual({ combinations: [{ tenant: 'x' }, { tenant: 'y' }], failFast: false, maxParallel: 2 })
  })

  test('a matrix that is not a list after evaluation is refused', () => {
    expect(() => expandStrategy({ matrix: { env: 'dev' } })).toThrow(/must be a list/)
  })
})
