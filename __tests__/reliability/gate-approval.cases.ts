import type { GateCase } from './gate-cases.js'

/** Issue 13 §2: an approval a comment can forge, and events promote must not run on. */
export const GATE_CASES_APPROVAL: GateCase[] = [
  {
    id: 'forged-marker-unknown-report',
    section: '13.2',
    fault:
      'a github-actions[bot] comment with a hand-made marker: a computed fingerprint and table hash, a report id the tenant does not have',
    before: 'the marker counted as the approval; promote locked, dry-ran and compared against the forged fingerprint',
    after: 'refused before the lock, naming the comment: the report id is not stored on the upper tenant'
  },
  {
    id: 'forged-marker-edited-table',
    section: '13.2',
    fault: "the real dry-run comment's visible table edited (a change renamed), the marker left as it was",
    before: 'the marker alone counted: the edited table was never compared with anything',
    after: "refused before the lock, naming the comment: the table it shows is not the stored report's rendering"
  },
  {
    id: 'forged-marker-not-dry-run',
    section: '13.2',
    fault: "a hand-made comment naming a real promotion's (not a dry run's) report, with its fingerprint, table hash and rendered table",
    before: 'any report id was taken on trust; the fingerprint was all that was compared',
    after: 'refused before the lock, naming the comment: the stored report is not a dry run of a promotion'
  },
  {
    id: 'promote-on-pull-request',
    section: '13.2',
    fault: 'promote run by a pull_request event, with the PR’s own dry-run comment',
    before: "the PR's own dry-run comment approved its own promotion",
    after: 'refused naming the event; zero tenant requests'
  },
  {
    id: 'promote-on-pull-request-target',
    section: '13.2',
    fault: 'promote run by a pull_request_target event (a fork PR with the base repository’s secrets)',
    before: "the PR's own dry-run comment approved its own promotion",
    after: 'refused naming the event; zero tenant requests'
  },
  {
    id: 'promote-on-workflow-run',
    section: '13.2',
    fault: 'promote run by a workflow_run event (which a fork’s workflow can trigger)',
    before: 'approval not required (no PR tied to the run): it promoted unapproved',
    after: 'refused naming the event; zero tenant requests'
  },
  {
    id: 'dispatch-without-approval',
    section: '13.2',
    fault: 'promote on workflow_dispatch with no approved-fingerprint, no PR and require-approval not given',
    before: 'approval not required off a PR: it promoted whatever the lower environment held',
    after: 'refused by default before any tenant request; only require-approval: false lets it promote'
  }
]
