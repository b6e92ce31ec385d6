import { describe, expect, test } from '@jest/globals'
import { closest, describePolicy, directiveProblems, samePolicy } from '../../../src/settings/csp.js'

describe('directiveProblems', () => {
  test.each([
    ['default-src', ["'self'"]],
    [
      'script-src',
      ["'self'", 'https://cdn.acme.example', "'nonce-abc123=='", "'sha256-AbCd+/=='", "'strict-dynamic'", 'data:', '*.acme.example:443']
    ],
    ['img-src', ['*', 'https:', 'blob:']],
    ['frame-ancestors', ["'self'", 'https://portal.acme.example']],
    ['upgrade-insecure-requests', []],
    ['sandbox', ['allow-forms', 'allow-scripts']],
    ['report-uri', ['https://csp.acme.example/report', '/csp-report']],
    ['report-to', ['csp-endpoint']],
    ['require-trusted-types-for', ["'script'"]],
    ['connect-src', ['wss://events.acme.example/path/']]
  ])('%s %j is valid', (name, values) => {
    expect(directiveProblems(name, values)).toEqual([])
  })

  test.each([
    ['scirpt-src', ["'self'"], 'unknown directive "scirpt-src"; did you mean "script-src"?'],
    ['x-frame', [], 'unknown directive "x-frame"'],
    [
      'script-src',
      ['self'],
      `script-src: "self": keywords, nonces and hashes keep their single quotes: write "'self'" (in YAML, "'self'" in double quotes)`
    ],
    [
      'script-src',
      ['"unsafe-inline"'],
      `script-src: ""unsafe-inline"": keywords, nonces and hashes keep their single quotes: write "'unsafe-inline'" (in YAML, "'unsafe-inline'" in double quotes)`
    ],
    [
      'script-src',
      ["'unsafe-everything'"],
      `script-src: "'unsafe-everything'": not a CSP source (a host, a scheme like https:, a quoted keyword, nonce or hash)`
    ],
    ['img-src', ['a.example; b.example'], 'img-src: "a.example; b.example": one source per list item (no spaces, commas or semicolons)'],
    ['default-src', ["'none'", "'self'"], `default-src: "'none'" must be the only source`],
    [
      'frame-ancestors',
      ["'unsafe-inline'"],
      `frame-ancestors: "'unsafe-inline'": frame-ancestors allows only hosts, schemes, 'self' and 'none'`
    ],
    ['upgrade-insecure-requests', ['https:'], 'upgrade-insecure-requests takes no values; use an empty list []'],
    ['sandbox', ['allow-everything'], expect.stringMatching(/^sandbox: "allow-everything": not a sandbox flag/)],
    ['report-to', ['a', 'b'], 'report-to takes exactly one reporting group name']
  ])('%s %j: %s', (name, values, problem) => {
    expect(directiveProblems(name, values)).toContainEqual(problem)
  })
})

describe('samePolicy', () => {
  test('sources and directives compare in any order, without duplicates', () => {
    expect(
      samePolicy(
        { active: true, directives: { 'img-src': ['https:', "'self'"], 'default-src': ["'self'"] } },
        { active: true, directives: { 'default-src': ["'self'"], 'img-src': ["'self'", 'https:', 'https:'] } }
      )
    ).toBe(true)
  })

  test('active, a source or a directive more differ', () => {
    const base = { active: true, directives: { 'img-src': ["'self'"] } }
    expect(samePolicy(base, { ...base, active: false })).toBe(false)
    expect(samePolicy(base, { active: true, directives: { 'img-src': ["'self'", 'https:'] } })).toBe(false)
    expect(samePolicy(base, { active: true, directives: { 'img-src': ["'self'"], 'font-src': ["'self'"] } })).toBe(false)
    expect(samePolicy(base, { active: true, directives: {} })).toBe(false)
  })
})

test('describePolicy and closest', () => {
  expect(describePolicy({ active: false, directives: {} })).toBe('inactive, no directives')
  expect(describePolicy({ active: true, directives: { 'default-src': ["'self'"], 'img-src': ['https:', 'data:'] } })).toBe(
    "active: default-src 'self'; img-src https: data:"
  )
  expect(closest('font-scr', ['font-src', 'form-action'])).toBe('font-src')
  expect(closest('completely-different', ['font-src'])).toBeUndefined()
})
