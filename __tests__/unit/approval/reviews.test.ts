import { describe, expect, test } from '@jest/globals'
import { approvingReviews, utcDateTime, utcTime } from '../../../src/approval/reviews.js'
import type { PullRequestReview } from '../../../src/github/types.js'

let id = 0
const review = (login: string, state: string, at: string | undefined): PullRequestReview => ({
  id: ++id,
  user: { login, type: 'User' },
  state,
  ...(at ? { submitted_at: at } : {}),
  commit_id: 'c'.repeat(40),
  html_url: `https://github.com/acme/iam-config/pull/7#pullrequestreview-${id}`
})
const PUBLISHED = '2026-12-06T13:55:02Z'
const window = { author: 'octocat', publishedAt: PUBLISHED }
const logins = (reviews: PullRequestReview[]) => approvingReviews(reviews, window).candidates.map((c) => c.login)

describe('approvingReviews', () => {
  test('an approval after the publication counts; one in the same second or before does not', () => {
    const result = approvingReviews(
      [
        review('alice', 'APPROVED', '2026-12-06T13:55:03Z'),
        review('bob', 'APPROVED', PUBLISHED),
        review('carol', 'APPROVED', '2026-12-06T13:50:00Z')
      ],
      window
    )
    expect(result.candidates).toEqual([
      { login: 'alice', submittedAt: '2026-12-06T13:55:03Z', url: expect.stringContaining('pullrequestreview') }
    ])
    expect(result.notCounted).toEqual([
      { login: 'bob', why: 'approved at 13:55:02 UTC, not after it was published' },
      { login: 'carol', why: 'approved at 13:50:00 UTC, not after it was published' }
    ])
  })

  test('a later change request or dismissal from the same reviewer supersedes the approval; a comment does not', () => {
    expect(
      logins([review('alice', 'APPROVED', '2026-12-06T14:00:00Z'), review('alice', 'CHANGES_REQUESTED', '2026-12-06T14:01:00Z')])
    ).toEqual([])
    expect(logins([review('alice', 'APPROVED', '2026-12-06T14:00:00Z'), review('alice', 'COMMENTED', '2026-12-06T14:01:00Z')])).toEqual([
      'alice'
    ])
    expect(
      logins([review('alice', 'CHANGES_REQUESTED', '2026-12-06T14:00:00Z'), review('alice', 'APPROVED', '2026-12-06T14:01:00Z')])
    ).toEqual(['alice'])
    expect(logins([review('alice', 'APPROVED', '2026-12-06T14:00:00Z'), review('alice', 'DISMISSED', '2026-12-06T14:01:00Z')])).toEqual([])
    // The newer approval dismissed, an older one (after the publication) standing: the dismissal is the last word.
    expect(logins([review('alice', 'APPROVED', '2026-12-06T14:00:00Z'), review('alice', 'DISMISSED', '2026-12-06T14:02:00Z')])).toEqual([])
  })

  test('the author, a pending review and a review without a user never count', () => {
    const result = approvingReviews(
      [
        review('OctoCat', 'APPROVED', '2026-12-06T14:00:00Z'),
        review('bob', 'PENDING', undefined),
        { ...review('x', 'APPROVED', '2026-12-06T14:00:00Z'), user: null }
      ],
      window
    )
    expect(result.candidates).toEqual([])
    expect(result.notCounted).toEqual([{ login: 'OctoCat', why: 'is the PR’s author' }])
  })

  test('an unreadable time never counts', () => {
    expect(logins([review('alice', 'APPROVED', 'yesterday')])).toEqual([])
  })
})

describe('times as a reader compares them', () => {
  test('the time, with the date when it is another day than the one compared with', () => {
    expect(utcTime('2026-12-06T14:02:31Z')).toBe('14:02:31 UTC')
    expect(utcTime('2026-12-07T00:00:01Z', PUBLISHED)).toBe('2026-12-07 00:00:01 UTC')
    expect(utcTime('2026-12-06T14:02:31Z', PUBLISHED)).toBe('14:02:31 UTC')
    expect(utcTime('not a time')).toBe('not a time')
    expect(utcDateTime('2026-12-06T14:02:31Z')).toBe('2026-12-06 14:02:31 UTC')
    expect(utcDateTime('2022-01-27T15-23+00Z')).toBe('2022-01-27T15-23+00Z')
  })
})
