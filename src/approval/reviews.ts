import type { PullRequestReview } from '../github/types.js'
import type { NotCounted } from './types.js'

/** A reviewer whose standing review approves what was published: their permission is checked next. */
export interface Candidate {
  login: string
  submittedAt: string
  url: string
}

export interface ReviewWindow {
  /** The PR's author: GitHub lets no one approve their own PR, and a review by them never counts here. */
  author: string | undefined
  /** GitHub's time of the comment write that published the dry run or plan: a review must come after it. */
  publishedAt: string
}

/** States that decide a reviewer's standing; COMMENTED and PENDING leave it as it was. */
const DECISIVE = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'])

/**
 * Which reviewers approve what was published: per reviewer, their last deciding review (approve,
 * request changes, or an approval dismissed since) must be an approval, given after the publication, by
 * someone other than the author. Pure: GitHub's times only, compared as instants.
 */
export function approvingReviews(
  reviews: readonly PullRequestReview[],
  window: ReviewWindow
): { candidates: Candidate[]; notCounted: NotCounted[] } {
  const published = Date.parse(window.publishedAt)
  const standing = new Map<string, PullRequestReview & { submitted_at: string }>()
  for (const review of reviews) {
    const login = review.user?.login
    const at = review.submitted_at
    if (!login || !at || !DECISIVE.has(review.state)) continue
    const when = Date.parse(at)
    if (!Number.isFinite(when)) continue
    const before = standing.get(login)
    // GitHub lists reviews oldest first; a later one of the same instant still wins.
    if (!before || Date.parse(before.submitted_at) <= when) standing.set(login, { ...review, submitted_at: at })
  }
  const candidates: Candidate[] = []
  const notCounted: NotCounted[] = []
  for (const [login, review] of standing) {
    const why = notCountedBecause(review, login, window, published)
    if (why) notCounted.push({ login, why })
    else candidates.push({ login, submittedAt: review.submitted_at, url: review.html_url })
  }
  return { candidates, notCounted }
}

function notCountedBecause(
  review: PullRequestReview & { submitted_at: string },
  login: string,
  window: ReviewWindow,
  published: number
): string | undefined {
  if (review.state === 'DISMISSED') return `their approval of ${utcTime(review.submitted_at)} was dismissed`
  if (review.state === 'CHANGES_REQUESTED') return `requested changes at ${utcTime(review.submitted_at)}`
  if (window.author !== undefined && login.toLowerCase() === window.author.toLowerCase()) return 'is the PR’s author'
  // Strictly after: a review in the same second as the publication cannot be shown to have seen it.
  if (!(Date.parse(review.submitted_at) > published)) return `approved at ${utcTime(review.submitted_at)}, not after it was published`
  return undefined
}

/** `14:02:31 UTC` (with the date when `day` is another day): review times as a reader compares them. */
export function utcTime(iso: string, day?: string): string {
  const at = new Date(iso)
  if (!Number.isFinite(at.getTime())) return iso
  const text = at.toISOString()
  const dayMs = day === undefined ? Number.NaN : Date.parse(day)
  const sameDay = !Number.isFinite(dayMs) || new Date(dayMs).toISOString().slice(0, 10) === text.slice(0, 10)
  return `${sameDay ? '' : `${text.slice(0, 10)} `}${text.slice(11, 19)} UTC`
}

/** `2026-12-06 14:02:31 UTC`, or the text as given when it is no time. */
export function utcDateTime(iso: string): string {
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC` : iso
}
