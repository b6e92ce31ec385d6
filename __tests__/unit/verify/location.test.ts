import { describe, expect, test } from '@jest/globals'
import { ActionError } from '../../../src/errors.js'
import { resolveClientLocation } from '../../../src/verify/location.js'

const TENANT = 'https://acme.verify.example'
const resolve = (location: string | undefined) => resolveClientLocation(location, TENANT, 'crm-sync')

describe('resolveClientLocation', () => {
  test('a relative or absolute location on the tenant gives its path', () => {
    expect(resolve('/v1.0/apiclients/abc')).toBe('/v1.0/apiclients/abc')
    expect(resolve('v1.0/apiclients/abc')).toBe('/v1.0/apiclients/abc')
    expect(resolve(`${TENANT}/v1.0/apiclients/abc?x=1`)).toBe('/v1.0/apiclients/abc?x=1')
    expect(resolve('https://ACME.verify.example:443/v1.0/apiclients/abc')).toBe('/v1.0/apiclients/abc')
  })

  test.each([
    ['another host', 'https://evil.example/v1.0/apiclients/abc', 'https://evil.example'],
    ['a protocol-relative URL', '//evil.example/v1.0/apiclients/abc', 'https://evil.example'],
    ['another port', 'https://acme.verify.example:8443/v1.0/apiclients/abc', 'https://acme.verify.example:8443'],
    ['plain http', 'http://acme.verify.example/v1.0/apiclients/abc', 'http://acme.verify.example'],
    ['a host that only starts like the tenant', 'https://acme.verify.example.evil.example/x', 'https://acme.verify.example.evil.example']
  ])('refuses %s', (_what, location, origin) => {
    expect(() => resolve(location)).toThrow(ActionError)
    expect(() => resolve(location)).toThrow(`it points at ${origin}, not the identity tenant ${TENANT}`)
  })

  test('a missing location is an error that says the client was created', () => {
    expect(() => resolve(undefined)).toThrow(/created the API client "crm-sync" but answered without a Location header/)
  })
})
