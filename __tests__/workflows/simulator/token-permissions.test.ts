import { describe, expect, test } from '@jest/globals'
import { jobPermissions } from '../../../tools/workflow-simulator/permissions.js'
import { ConcurrentSteps, deniedBecause, RefusedRequest } from '../../../tools/workflow-simulator/token-permissions.js'

const dryRun = jobPermissions({}, { contents: 'read', 'pull-requests': 'write', statuses: 'write' })
const readOnly = jobPermissions({}, { contents: 'read' })

describe('what GITHUB_TOKEN may do with its job’s permissions', () => {
  test('each endpoint needs the permission its page names; either of two alternatives will do', () => {
    expect(deniedBecause('POST', '/repos/acme/iam-config/statuses/abc', dryRun)).toBeUndefined()
    expect(deniedBecause('POST', '/repos/acme/iam-config/statuses/abc', readOnly)).toMatch(/needs statuses: write/)
    expect(deniedBecause('GET', '/repos/acme/iam-config/pulls/7', readOnly)).toBeUndefined() // contents: read will do
    expect(deniedBecause('POST', '/repos/acme/iam-config/issues/7/comments', readOnly)).toMatch(
      /needs issues: write or pull-requests: write/
    )
    expect(deniedBecause('GET', '/repos/acme/iam-config/collaborators/alice/permission', readOnly)).toBeUndefined()
    expect(deniedBecause('PUT', '/repos/acme/iam-config/environments/staging/secrets/KEY', jobPermissions('write-all', undefined))).toMatch(
      /GITHUB_TOKEN can never do this/
    )
  })

  test('while steps run, GitHub serves what the most permissive of them may do; another token lifts it; an unknown endpoint is refused', () => {
    const told: Array<((method: string, path: string) => boolean) | undefined> = []
    const steps = new ConcurrentSteps((allows) => told.push(allows))
    const a = steps.enter(readOnly)
    expect(told.at(-1)!('POST', '/repos/acme/iam-config/statuses/abc')).toBe(false)
    const b = steps.enter(dryRun)
    expect(told.at(-1)!('POST', '/repos/acme/iam-config/statuses/abc')).toBe(true)
    expect(steps.leave(b)).toEqual([])
    expect(steps.leave(a)).toEqual([expect.stringMatching(/^POST \/repos\/acme\/iam-config\/statuses\/abc needs statuses: write/)])
    expect(told.at(-1)).toBeUndefined()
    const app = steps.enter(undefined)
    expect(told.at(-1)).toBeUndefined()
    steps.leave(app)
    const unknown = steps.enter(readOnly)
    expect(told.at(-1)!('DELETE', '/repos/acme/iam-config')).toBe(true)
    expect(() => steps.leave(unknown)).toThrow(RefusedRequest)
  })
})
