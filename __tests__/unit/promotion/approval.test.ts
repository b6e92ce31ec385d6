import { describe, expect, test } from '@jest/globals'
import { REFUSED_EVENTS } from '../../../src/approval/types.js'
import { changedSinceApproval, refuseEventForPromote } from '../../../src/promotion/approval.js'
import { assessReport } from '../../../src/report/fingerprint.js'
import type { PromotionReport } from '../../../src/tenant/types.js'

const report = (names: string[]): PromotionReport => ({
  reportId: 'r',
  dryRun: true,
  type: 'promotion',
  report: { AMConfig: [{ configItem: 'Journeys', configChange: { added: names.map((name) => ({ name, uid: `j/${name}` })) } }] }
})

describe('approval', () => {
  test('the refused events are every event that is no merge: a PR run, a comment, and a workflow_run', () => {
    expect([...REFUSED_EVENTS].sort()).toEqual(['issue_comment', 'pull_request', 'pull_request_target', 'workflow_run'])
  })

  test.each([...REFUSED_EVENTS])('promote refuses the %s event, naming it', (event) => {
    expect(() => refuseEventForPromote(event)).toThrow(
      new RegExp(`^promote does not run on ${event} events .*nothing was sent to the tenant`)
    )
  })

  test.each(['push', 'workflow_dispatch', 'schedule', undefined])('promote runs on %s', (event) => {
    expect(() => refuseEventForPromote(event)).not.toThrow()
  })

  test('the refusal lists the changed items when the approved report is known, and only the head otherwise', () => {
    const approved = assessReport(report(['Login']))
    const now = assessReport(report(['Login', 'Sneaky']))
    const withReport = changedSinceApproval({ fingerprint: approved.fingerprint, approvedReport: approved, source: '' }, now)
    expect(withReport).toContain('The lower environment changed since the dry run that was approved')
    expect(withReport).toContain('  + AMConfig Journeys: added Sneaky')
    const bare = changedSinceApproval({ fingerprint: approved.fingerprint, approvedReport: undefined, source: '' }, now)
    expect(bare).not.toContain('Difference')
  })
})
