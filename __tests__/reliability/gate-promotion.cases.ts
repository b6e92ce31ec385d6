import type { GateCase } from './gate-cases.js'

/** The gate cases of promotion runs and the lock (issue 13 §1 and §3), each a test in gate-promotion.test.ts. */
export const GATE_CASES_PROMOTION: GateCase[] = [
  {
    id: 'lost-dry-run-start-promote',
    section: '13.1',
    fault:
      "promote's dry-run POST …/promote dropped before the tenant acted (connection reset), the lower environment changed since the approved dry run",
    before:
      "the look took the previous run's state for the start, the approved dry run's report for this one, its fingerprint matched, and the changed lower environment was promoted",
    after:
      'no RUNNING and no report newer than the last before the start: the start is sent again, the new dry run’s fingerprint differs from the approved one, nothing is promoted'
  },
  {
    id: 'lost-dry-run-start-dry-run-promote',
    section: '13.1',
    fault: 'dry-run-promote’s POST …/promote dropped before the tenant acted, the lower environment changed since the last dry run',
    before: 'the last (stale) report was published as the new dry run’s, with the old fingerprint',
    after: 'the start is sent again and only a report newer than the last before the start is published: the new report id and fingerprint'
  },
  {
    id: 'lost-lock-answer-other-takes-lock',
    section: '13.3',
    fault: 'the answer to POST …/lock lost (handleThenDrop) while another promotion takes the lock',
    before: '"Promotion other-team now holds the lock: taking it as ours": ran under the other team’s lock, then DELETEd it',
    after:
      'fails naming promotion other-team, which it never received and leaves alone (no run, no DELETE); says to release it with unlock if it is this run’s own'
  },
  {
    id: 'cancelled-during-lock-request',
    section: '13.3',
    fault: 'SIGTERM or SIGINT while POST …/lock is in flight (its answer slowed down by 1.5 s)',
    before: 'nothing was saved, so the post step did nothing and the tenants stayed locked',
    after:
      'the in-flight request is saved in step state and let finish; its promotion id is saved and released before the step ends by the signal; the post step has nothing left to do'
  },
  {
    id: 'cancelled-lock-request-unanswered',
    section: '13.3',
    fault:
      'SIGTERM while POST …/lock is in flight and its answer comes only after the 5 s the step lets it finish (the tenant acts 6.5 s late)',
    before: 'nothing was saved, so the post step did nothing and said nothing while the tenants stayed locked',
    after:
      'the post step finds the in-flight marker without an id, watches the lock for a request-timeout, and names the holder and the unlock to run, releasing nothing it cannot prove its own'
  },
  {
    id: 'unlock-conflict-forever',
    section: '13.3',
    fault: 'DELETE …/lock/{id} answered 409 every time, promotion-timeout 3 s, poll-interval 0.05 s',
    before: 'an unlock attempt at every poll: 42 DELETEs in 6 s',
    after: 'the lock state read between attempts, the pause doubling from poll-interval: at most 7 DELETEs in 3 s, then the timeout named'
  }
]
