import { describe, expect, test } from '@jest/globals'
import { eventPullRequestNumber, eventRefusal, type GitHubContext, type GitHubEvent } from '../../../src/github/context.js'
import { DEFAULT_ALLOWED_ASSOCIATIONS } from '../../../src/inputs/types.js'

const context = (eventName: string, event: GitHubEvent): GitHubContext => ({
  owner: 'acme',
  repo: 'iam-config',
  apiUrl: 'https://api.github.com',
  serverUrl: 'https://github.com',
  runId: '1',
  actor: 'alice',
  eventName,
  sha: undefined,
  ref: undefined,
  event
})
const prComment = (association: string | undefined, number = 7): GitHubEvent => ({
  issue: { number, pull_request: { url: `https://api.github.com/repos/acme/iam-config/pulls/${number}` } },
  comment: { author_association: association, user: { login: 'mallory' } }
})

describe('issue_comment events', () => {
  test('a comment on a PR by an owner, member or collaborator is allowed, and names that PR', () => {
    for (const association of ['OWNER', 'MEMBER', 'COLLABORATOR']) {
      const github = context('issue_comment', prComment(association))
      expect(eventRefusal(github, DEFAULT_ALLOWED_ASSOCIATIONS, undefined)).toBeUndefined()
      expect(eventPullRequestNumber(github)).toBe(7)
    }
  })

  test.each(['CONTRIBUTOR', 'FIRST_TIME_CONTRIBUTOR', 'FIRST_TIMER', 'NONE', 'MANNEQUIN'])(
    'a comment by %s is refused, naming the commenter and the allowed associations',
    (association) => {
      expect(eventRefusal(context('issue_comment', prComment(association)), DEFAULT_ALLOWED_ASSOCIATIONS, undefined)).toBe(
        `@mallory commented as ${association}; only OWNER, MEMBER, COLLABORATOR may start a promotion operation from a comment (set allowed-associations to change who may)`
      )
    }
  )

  test('a comment without an author_association counts as NONE', () => {
    expect(eventRefusal(context('issue_comment', prComment(undefined)), DEFAULT_ALLOWED_ASSOCIATIONS, undefined)).toMatch(
      /commented as NONE;/
    )
  })

  test('allowed-associations narrows (or widens) who may comment', () => {
    const member = context('issue_comment', prComment('MEMBER'))
    expect(eventRefusal(member, ['OWNER', 'COLLABORATOR'], undefined)).toMatch(/^@mallory commented as MEMBER; only OWNER, COLLABORATOR/)
    expect(eventRefusal(context('issue_comment', prComment('CONTRIBUTOR')), ['CONTRIBUTOR'], undefined)).toBeUndefined()
  })

  test('a comment on a plain issue is refused, even by an owner', () => {
    const github = context('issue_comment', { issue: { number: 12 }, comment: { author_association: 'OWNER', user: { login: 'alice' } } })
    expect(eventRefusal(github, DEFAULT_ALLOWED_ASSOCIATIONS, undefined)).toBe(
      'the issue_comment is on issue #12, which is not a pull request'
    )
    expect(eventPullRequestNumber(github)).toBeUndefined()
  })

  test('pr-number naming another PR than the commented one is refused', () => {
    expect(eventRefusal(context('issue_comment', prComment('OWNER', 7)), DEFAULT_ALLOWED_ASSOCIATIONS, 8)).toBe(
      'pr-number 8 is not the pull request the comment is on (#7)'
    )
    expect(eventRefusal(context('issue_comment', prComment('OWNER', 7)), DEFAULT_ALLOWED_ASSOCIATIONS, 7)).toBeUndefined()
  })

  test('other events are not judged by the commenter (workflow_dispatch with pr-number, push, pull_request)', () => {
    expect(eventRefusal(context('workflow_dispatch', {}), DEFAULT_ALLOWED_ASSOCIATIONS, 7)).toBeUndefined()
    expect(eventRefusal(context('push', {}), DEFAULT_ALLOWED_ASSOCIATIONS, undefined)).toBeUndefined()
    expect(eventRefusal(context('pull_request', { pull_request: { number: 3 } }), DEFAULT_ALLOWED_ASSOCIATIONS, undefined)).toBeUndefined()
  })
})

describe('workflow_run events', () => {
  const run = (fullName: string, pulls: { number: number }[]): GitHubEvent => ({
    workflow_run: { event: 'pull_request', head_repository: { full_name: fullName }, pull_requests: pulls }
  })

  test('after a run of this repository: allowed, and the PR is the one GitHub ties the run to', () => {
    const github = context('workflow_run', run('acme/iam-config', [{ number: 9 }]))
    expect(eventRefusal(github, DEFAULT_ALLOWED_ASSOCIATIONS, undefined)).toBeUndefined()
    expect(eventPullRequestNumber(github)).toBe(9)
  })

  test('after a fork’s run: refused, whatever PR it names', () => {
    expect(eventRefusal(context('workflow_run', run('mallory/iam-config', [])), DEFAULT_ALLOWED_ASSOCIATIONS, 9)).toBe(
      "the workflow_run follows a run from mallory/iam-config, not acme/iam-config: a fork's run never starts a promotion operation"
    )
  })

  test('no PR, or several, is no PR (pr-number then names it)', () => {
    expect(eventPullRequestNumber(context('workflow_run', run('acme/iam-config', [])))).toBeUndefined()
    expect(eventPullRequestNumber(context('workflow_run', run('acme/iam-config', [{ number: 1 }, { number: 2 }])))).toBeUndefined()
  })
})
