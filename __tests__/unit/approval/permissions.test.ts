import { describe, expect, test } from '@jest/globals'
import { atLeast, roleOf } from '../../../src/approval/permissions.js'

const answer = (permission: string, role_name: string, permissions?: Record<string, boolean>) => ({
  permission,
  role_name,
  user: { login: 'u', type: 'User', ...(permissions ? { permissions } : {}) }
})

describe('roleOf', () => {
  test('a base role is its role_name, so maintain and triage are not lost in permission', () => {
    expect(roleOf(answer('write', 'maintain'))).toBe('maintain')
    expect(roleOf(answer('read', 'triage'))).toBe('triage')
    expect(roleOf(answer('admin', 'admin'))).toBe('admin')
  })

  test('a custom role is its highest flag, else its base permission', () => {
    expect(roleOf(answer('write', 'release-manager', { admin: false, maintain: true, push: true }))).toBe('maintain')
    expect(roleOf(answer('write', 'deployer', { admin: false, push: true }))).toBe('write')
    expect(roleOf(answer('write', 'deployer'))).toBe('write')
    expect(roleOf(answer('read', 'auditor'))).toBe('read')
  })

  test('no answer (404) or an unknown permission is none', () => {
    expect(roleOf(undefined)).toBe('none')
    expect(roleOf(answer('something', 'else'))).toBe('none')
  })

  test('atLeast orders the roles', () => {
    expect(atLeast('maintain', 'write')).toBe(true)
    expect(atLeast('write', 'maintain')).toBe(false)
    expect(atLeast('triage', 'write')).toBe(false)
    expect(atLeast('admin', 'admin')).toBe(true)
  })
})
