import { describe, expect, test } from '@jest/globals'
import { jobPermissions, RESTRICTED_DEFAULT } from '../../../tools/workflow-simulator/permissions.js'

describe('GITHUB_TOKEN permissions', () => {
  test('a job’s permissions replace the workflow’s; unnamed scopes are none, metadata read', () => {
    const job = jobPermissions({}, { contents: 'read', statuses: 'write' })
    expect(job).toMatchObject({ contents: 'read', statuses: 'write', 'pull-requests': 'none', metadata: 'read' })
    expect(jobPermissions({}, undefined)).toMatchObject({ contents: 'none', metadata: 'read' })
    expect(jobPermissions(undefined, undefined)).toEqual(RESTRICTED_DEFAULT)
    expect(jobPermissions('write-all', undefined)).toMatchObject({ contents: 'write', statuses: 'write' })
  })

  test('a called workflow can only reduce its caller job’s', () => {
    const caller = jobPermissions({}, { contents: 'read', 'pull-requests': 'write' })
    const called = jobPermissions(undefined, { contents: 'write', 'pull-requests': 'write', statuses: 'write' }, caller)
    expect(called).toMatchObject({ contents: 'read', 'pull-requests': 'write', statuses: 'none' })
    expect(jobPermissions(undefined, undefined, caller)).toEqual(caller)
  })
})
