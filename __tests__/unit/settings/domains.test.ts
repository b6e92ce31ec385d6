import { expect, test } from '@jest/globals'
import { canonicalDomains, domainProblem, sameDomains } from '../../../src/settings/domains.js'

test.each(['acme.example', 'login.acme.example', 'a-1.b2.example', 'xn--bcher-kva.example'])('%s is a domain', (domain) => {
  expect(domainProblem(domain, 'custom domain')).toBeUndefined()
})

test.each([
  [
    'https://login.acme.example/x',
    'cookie domain',
    '"https://login.acme.example/x" is a URL; give the cookie domain alone, e.g. login.acme.example'
  ],
  ['.acme.example', 'cookie domain', '".acme.example": write the cookie domain without the leading dot'],
  ['*.acme.example', 'custom domain', '"*.acme.example": a custom domain cannot be a wildcard'],
  ['login.acme.example:443', 'custom domain', '"login.acme.example:443": a custom domain has no port or path'],
  ['localhost', 'custom domain', expect.stringMatching(/^"localhost" is not a domain name/)],
  ['-bad.example', 'custom domain', expect.stringMatching(/is not a domain name/)],
  ['under_score.example', 'custom domain', expect.stringMatching(/is not a domain name/)]
] as const)('%s (%s): %s', (domain, kind, problem) => {
  expect(domainProblem(domain, kind)).toEqual(problem)
})

test('domain lists compare without case, order or duplicates', () => {
  expect(canonicalDomains(['B.example', 'a.example', 'b.example'])).toEqual(['a.example', 'b.example'])
  expect(sameDomains(['a.example', 'B.example'], ['b.example', 'a.example'])).toBe(true)
  expect(sameDomains(['a.example'], ['a.example', 'b.example'])).toBe(false)
  expect(sameDomains([], [])).toBe(true)
})
