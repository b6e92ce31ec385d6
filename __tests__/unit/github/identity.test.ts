import { describe, expect, test } from '@jest/globals'
import type { GitHubApi } from '../../../src/github/api.js'
import {
  ASSUMED_AUTHOR,
  chooseSticky,
  CommentAuthorNeededError,
  CommentIdentity,
  ignoredMarkerWarning,
  markedComments
} from '../../../src/github/identity.js'
import { renderMarker, type CommentMarker } from '../../../src/github/marker.js'
import type { IssueComment } from '../../../src/github/types.js'
import { parseInputs } from '../../../src/inputs/index.js'

const tenant = 'https://openam-acme-prod.forgeblocks.com'
let nextId = 1

function comment(login: string, type: string, marker?: Partial<CommentMarker>): IssueComment {
  const id = nextId++
  const body = marker ? `${renderMarker({ tenant, operation: 'dry-run-promote', status: 'dry-run', ...marker })}\nreport` : 'LGTM'
  return { id, body, html_url: `https://github.com/acme/iam-config/pull/7#issuecomment-${id}`, user: { login, type } }
}
const ids = (list: Array<{ comment: IssueComment }>) => list.map((m) => m.comment.id)

describe('which marked comment is the action’s own', () => {
  test('only comments carrying the tenant’s marker are candidates', () => {
    const other = {
      ...comment('acme-bot[bot]', 'Bot'),
      body: renderMarker({ tenant: 'https://other.example.com', operation: 'promote', status: 'promoted' })
    }
    const mine = comment('acme-bot[bot]', 'Bot', {})
    expect(ids(markedComments([comment('octocat', 'User'), other, mine], tenant))).toEqual([mine.id])
  })

  test('a known author: its first marked comment counts; a marker by anyone else is ignored, a bot’s included', () => {
    const forged = comment('mallory', 'User', { fingerprint: 'f'.repeat(64) })
    const otherBot = comment('github-actions[bot]', 'Bot', {})
    const mine = comment('release-manager', 'User', {})
    const choice = chooseSticky(markedComments([forged, otherBot, mine], tenant), { login: 'release-manager', source: 'GET /user' })
    expect(choice.sticky?.comment.id).toBe(mine.id)
    expect(ids(choice.ignored)).toEqual([forged.id, otherBot.id])
  })

  test('a known author with no comment of its own: nothing counts, even a lone bot’s', () => {
    const bot = comment('acme-bot[bot]', 'Bot', {})
    const choice = chooseSticky(markedComments([bot], tenant), { login: 'other-bot[bot]', source: 'the comment-author input' })
    expect(choice.sticky).toBeUndefined()
    expect(ids(choice.ignored)).toEqual([bot.id])
  })

  test('no known author: only GITHUB_TOKEN’s bot counts; another App’s bot is never elected, whatever its marker claims', () => {
    const otherApp = comment('renovate[bot]', 'Bot', { author: 'renovate[bot]' })
    const forged = comment('mallory', 'User', { author: 'mallory' })
    const lone = chooseSticky(markedComments([otherApp, forged], tenant), ASSUMED_AUTHOR)
    expect(lone.sticky).toBeUndefined()
    expect(ids(lone.ignored)).toEqual([otherApp.id, forged.id])
    const actions = comment('github-actions[bot]', 'Bot', {})
    expect(chooseSticky(markedComments([otherApp, actions], tenant), ASSUMED_AUTHOR).sticky?.comment.id).toBe(actions.id)
  })

  test('a login is who GitHub says wrote it: a user named like the bot, or typed User, is not the bot', () => {
    const spoofed = comment('github-actions', 'User', { author: 'github-actions[bot]' })
    const choice = chooseSticky(markedComments([spoofed], tenant), ASSUMED_AUTHOR)
    expect(choice.sticky).toBeUndefined()
    expect(ids(choice.ignored)).toEqual([spoofed.id])
  })

  test('the warning names the comment, its author and who counts, with how the action knows', () => {
    const [forged] = markedComments([comment('mallory', 'User', {})], tenant)
    expect(ignoredMarkerWarning(forged!, tenant, { login: 'acme-bot[bot]', source: 'GET /user' })).toBe(
      `Ignored the tenant-pilot marker for ${tenant} in the comment ${forged!.comment.html_url} by mallory: only comments by acme-bot[bot] (GET /user) count`
    )
    expect(ignoredMarkerWarning(forged!, tenant, ASSUMED_AUTHOR, 'issue')).toMatch(
      /only issues by github-actions\[bot\] \(.*taken for GITHUB_TOKEN; a GitHub App's token needs comment-author\) count$/
    )
  })
})

describe('CommentIdentity', () => {
  const api = (login: string | undefined, calls: string[]): GitHubApi =>
    ({
      authenticatedLogin: () => {
        calls.push('GET /user')
        return Promise.resolve(login)
      }
    }) as unknown as GitHubApi

  test('the input wins over /user, which is not asked', async () => {
    const calls: string[] = []
    expect(await new CommentIdentity(api('someone', calls), 'acme-bot[bot]').author()).toEqual({
      login: 'acme-bot[bot]',
      source: 'the comment-author input'
    })
    expect(calls).toEqual([])
  })

  test('/user is asked once; an installation token is taken for GITHUB_TOKEN until the action creates something', async () => {
    const calls: string[] = []
    const identity = new CommentIdentity(api(undefined, calls), undefined)
    expect(await identity.author()).toEqual(ASSUMED_AUTHOR)
    expect(await identity.author()).toEqual(ASSUMED_AUTHOR)
    expect(calls).toEqual(['GET /user'])
    expect(await identity.learnFrom(comment('github-actions[bot]', 'Bot'), 'comment')).toBeUndefined()
    expect(await identity.author()).toEqual({ login: 'github-actions[bot]', source: 'the comment the action posted' })
  })

  test('an App’s bot where GITHUB_TOKEN’s was assumed: learned, and an error naming the comment-author to set', async () => {
    const identity = new CommentIdentity(api(undefined, []), undefined)
    const error = await identity.learnFrom(comment('acme-bot[bot]', 'Bot'), 'issue')
    expect(error).toBeInstanceOf(CommentAuthorNeededError)
    expect(error?.message).toMatch(
      /^GitHub says the issue the action just posted \(\S+\) is by acme-bot\[bot\], not github-actions\[bot\].*Set comment-author: acme-bot\[bot\]/
    )
    expect((await identity.author()).login).toBe('acme-bot[bot]')
  })

  test('GitHub’s answer to a created comment overrides a wrong comment-author (a warning, no error)', async () => {
    const identity = new CommentIdentity(api(undefined, []), 'wrong-bot[bot]')
    expect(await identity.learnFrom(comment('acme-bot[bot]', 'Bot'), 'comment')).toBeUndefined()
    expect((await identity.author()).login).toBe('acme-bot[bot]')
  })
})

describe('comment-author input', () => {
  const base = {
    operation: 'dry-run-promote',
    'tenant-url': 'https://openam-acme-prod.forgeblocks.com',
    'service-account-id': 'sa',
    'service-account-key': JSON.stringify({ kty: 'RSA', n: 'x', e: 'AQAB', d: 'y' })
  }
  const parse = (value: string) => parseInputs((name) => ({ ...base, 'comment-author': value })[name as keyof typeof base] ?? '')
  const problem = (value: string): string => {
    try {
      parse(value)
      return ''
    } catch (error) {
      return (error as Error).message
    }
  }

  test.each(['acme-bot[bot]', 'release-manager', 'a', 'A1-b2', `${'a'.repeat(39)}`])('accepts %s', (value) => {
    expect(problem(value)).not.toContain('comment-author')
  })

  test.each(['-acme', 'acme-', 'ac--me', 'acme bot', 'acme[bot][bot]', 'acme@x', `${'a'.repeat(40)}`, '[bot]'])(
    'refuses %s before any request',
    (value) => {
      expect(problem(value)).toMatch(/comment-author: ".*" is not a GitHub login/)
    }
  )
})
