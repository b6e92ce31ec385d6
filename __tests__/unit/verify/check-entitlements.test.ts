import { describe, expect, test } from '@jest/globals'
import { checkEntitlements } from '../../../src/verify/check-entitlements.js'
import { closestName, editDistance } from '../../../src/verify/suggest.js'

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['readCerts', 'readCert', 1],
    ['readCerts', 'raedCerts', 2]
  ])('%s -> %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance)
    expect(editDistance(b, a)).toBe(distance)
  })
})

describe('closestName', () => {
  const known = ['readCerts', 'manageCerts', 'readUserGroups', 'manageUserGroups']
  test('the same name in another case wins', () => expect(closestName('READCERTS', known)).toBe('readCerts'))
  test('a typo finds the nearest name', () => expect(closestName('manageUserGrups', known)).toBe('manageUserGroups'))
  test('a different word finds nothing', () => expect(closestName('launchRockets', known)).toBeUndefined())
})

describe('checkEntitlements', () => {
  test('known names pass in order, each once, with one warning for duplicates', () => {
    expect(checkEntitlements(['readCerts', 'manageCerts', 'readCerts', 'manageCerts'], undefined)).toEqual({
      entitlements: ['readCerts', 'manageCerts'],
      problems: [],
      warnings: ['entitlements: readCerts, manageCerts given more than once; each is sent once']
    })
  })

  test('unknown names are problems with a suggestion when one is close', () => {
    expect(checkEntitlements(['ReadCerts', 'fooBarBaz'], undefined).problems).toEqual([
      'unknown entitlement "ReadCerts"; did you mean readCerts?',
      'unknown entitlement "fooBarBaz"; see the README for the entitlement names (they are case-sensitive)'
    ])
  })

  test('offerings are checked only when given; any one listed offering is enough', () => {
    expect(checkEntitlements(['manageMFAMethods'], undefined).problems).toEqual([])
    expect(checkEntitlements(['managePwdVault'], ['CIV']).problems).toEqual([])
    expect(checkEntitlements(['managePwdVault', 'manageAccessRequest'], ['CIA']).problems).toEqual([
      "managePwdVault needs the CIC or CIV offering, which the tenant's offerings (CIA) do not include",
      "manageAccessRequest needs the CIG offering, which the tenant's offerings (CIA) do not include"
    ])
  })

  test('an exception limited to another offering is a warning, not a problem', () => {
    const check = checkEntitlements(['manageReports'], ['CIV'])
    expect(check.problems).toEqual([])
    expect(check.warnings).toEqual([
      "manageReports: application usage reports can only be exported by CIC. The tenant's offerings (CIV) do not include CIC."
    ])
    expect(checkEntitlements(['manageReports'], ['CIC']).warnings).toEqual([])
  })
})
