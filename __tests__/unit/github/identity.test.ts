import { describe, expect, test } from '@jest/globals'
import type { GitHubApi } from '../../../src/github/api.js'
import { chooseSticky, CommentIdentity, ignoredMarkerWarning, isAppComment, markedComments } from '../../../src/github/identity.js'
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
    expect(choice.ambiguousBots).toEqual([])
  })

  test('a known author with no comment of its own: nothing counts, even a lone bot’s', () => {
    const bot = comment('acme-bot[bot]', 'Bot', {})
    const choice = chooseSticky(markedComments([bot], tenant), { login: 'other-bot[bot]', source: 'the comment-author input' })
    expect(choice.sticky).toBeUndefined()
    expect(ids(choice.ignored)).toEqual([bot.id])
  })

  test('no known author: the one App bot whose comments carry the marker is the author; a person’s marker never counts', () => {
    const forged = comment('mallory', 'User', { author: 'mallory' })
    const bot = comment('acme-bot[bot]', 'Bot', {})
    const choice = chooseSticky(markedComments([forged, bot], tenant), undefined)
    expect(choice.author?.login).toBe('acme-bot[bot]')
    expect(choice.sticky?.comment.id).toBe(bot.id)
    expect(ids(choice.ignored)).toEqual([forged.id])
  })

  test('no known author and only people’s markers: no author, everything ignored', () => {
    const spoofed = comment('acme-bot', 'User', { author: 'acme-bot[bot]' }) // a user named like the App, without [bot]
    const fakeBotName = comment('evil[bot]', 'User', {}) // type says who wrote it, not the name
    const choice = chooseSticky(markedComments([spoofed, fakeBotName], tenant), undefined)
    expect(choice).toMatchObject({ sticky: undefined, author: undefined, ambiguousBots: [] })
    expect(ids(choice.ignored)).toEqual([spoofed.id, fakeBotName.id])
  })

  test('several bots: the one whose marker records its own login wins alone; else none counts and they are named', () => {
    const legacy = comment('github-actions[bot]', 'Bot', {})
    const app = comment('acme-bot[bot]', 'Bot', { author: 'acme-bot[bot]' })
    expect(chooseSticky(markedComments([legacy, app], tenant), undefined).sticky?.comment.id).toBe(app.id)
    const liar = comment('github-actions[bot]', 'Bot', { author: 'acme-bot[bot]' })
    expect(chooseSticky(markedComments([liar, app], tenant), undefined).sticky?.comment.id).toBe(app.id)
    const both = chooseSticky(
      markedComments([comment('github-actions[bot]', 'Bot', { author: 'github-actions[bot]' }), app], tenant),
      undefined
    )
    expect(both).toMatchObject({ sticky: undefined, author: undefined, ambiguousBots: ['github-actions[bot]', 'acme-bot[bot]'] })
    expect(both.ignored).toHaveLength(2)
  })

  test('an App comment is one GitHub typed Bot with a [bot] login', () => {
    expect(isAppComment(comment('acme-bot[bot]', 'Bot'))).toBe(true)
    expect(isAppComment(comment('acme-bot[bot]', 'User'))).toBe(false)
    expect(isAppComment(comment('acme-bot', 'Bot'))).toBe(false)
    expect(isAppComment({ id: 1, html_url: '', user: null })).toBe(false)
  })

  test('the warning names the comment, its author and who counts', () => {
    const [forged] = markedComments([comment('mallory', 'User', {})], tenant)
    expect(ignoredMarkerWarning(forged!, tenant, { login: 'acme-bot[bot]', source: 'GET /user' })).toBe(
      `Ignored the tenant-pilot marker for ${tenant} in the comment ${forged!.comment.html_url} by mallory: only comments by acme-bot[bot] (GET /user) count`
    )
    expect(ignoredMarkerWarning(forged!, tenant, undefined)).toContain('set comment-author')
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
    expect(await new CommentIdentity(api('someone', calls), 'acme-bot[bot]').known()).toEqual({
      login: 'acme-bot[bot]',
      source: 'the comment-author input'
    })
    expect(calls).toEqual([])
  })

  test('/user is asked once; an installation token leaves the identity unknown until a comment is created', async () => {
    const calls: string[] = []
    const identity = new CommentIdentity(api(undefined, calls), undefined)
    expect(await identity.known()).toBeUndefined()
    expect(await identity.known()).toBeUndefined()
    expect(calls).toEqual(['GET /user'])
    await identity.learnFrom(comment('acme-bot[bot]', 'Bot'))
    expect(await identity.known()).toEqual({ login: 'acme-bot[bot]', source: 'the comment the action posted' })
  })

  test('GitHub’s answer to a created comment overrides a wrong comment-author', async () => {
    const identity = new CommentIdentity(api(undefined, []), 'wrong-bot[bot]')
    await identity.learnFrom(comment('acme-bot[bot]', 'Bot'))
    expect((await identity.known())?.login).toBe('acme-bot[bot]')
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
