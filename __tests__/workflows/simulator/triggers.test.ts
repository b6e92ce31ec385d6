import { describe, expect, test } from '@jest/globals'
import { decideTrigger, matchesFilter, RefusedFilter } from '../../../tools/workflow-simulator/triggers.js'
import type { WorkflowEvent } from '../../../tools/workflow-simulator/types.js'

const push = (ref: string, changedFiles?: string[]): WorkflowEvent => ({
  name: 'push',
  payload: { ref },
  ref,
  sha: 'a'.repeat(40),
  actor: 'octocat',
  changedFiles
})
const pullRequest = (action: string, base = 'main'): WorkflowEvent => ({
  name: 'pull_request',
  payload: { action, pull_request: { base: { ref: base } } },
  ref: 'refs/pull/7/merge',
  sha: 'b'.repeat(40),
  actor: 'octocat',
  changedFiles: ['tenant-config/a.json']
})

describe('whether an event starts a workflow', () => {
  test('filter patterns: * stops at /, ** does not, a later !pattern excludes', () => {
    expect(matchesFilter('tenant-config/esvs/prod.yaml', ['tenant-config/**'])).toBe(true)
    expect(matchesFilter('tenant-config/esvs/prod.yaml', ['tenant-config/*'])).toBe(false)
    expect(matchesFilter('release/v1', ['release/*', '!release/v1'])).toBe(false)
    expect(() => matchesFilter('main', ['mai?'])).toThrow(RefusedFilter)
  })

  test('push: branches and paths filters', () => {
    const events = { push: { branches: ['main'], paths: ['esvs/**'] } }
    expect(decideTrigger(events, push('refs/heads/main', ['esvs/prod.yaml'])).triggered).toBe(true)
    expect(decideTrigger(events, push('refs/heads/main', ['README.md']))).toEqual({
      triggered: false,
      reason: 'no changed file matches paths'
    })
    expect(decideTrigger(events, push('refs/heads/dev', ['esvs/prod.yaml'])).reason).toBe('branch dev is not in branches')
    expect(decideTrigger(events, push('refs/tags/v1', ['esvs/prod.yaml'])).reason).toBe('tag v1: the workflow filters branches only')
    expect(() => decideTrigger(events, push('refs/heads/main'))).toThrow(/must say which files changed/)
  })

  test('pull_request: default activity types, base branch filter', () => {
    const events = { pull_request: { branches: ['main'] } }
    expect(decideTrigger(events, pullRequest('opened')).triggered).toBe(true)
    expect(decideTrigger(events, pullRequest('closed')).reason).toBe('activity closed is not in types opened, synchronize, reopened')
    expect(decideTrigger(events, pullRequest('opened', 'develop')).triggered).toBe(false)
  })

  test('an event the workflow is not on does not start it', () => {
    expect(decideTrigger({ schedule: [] }, push('refs/heads/main'))).toEqual({ triggered: false, reason: 'the workflow is not on push' })
  })
})
