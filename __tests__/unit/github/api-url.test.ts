import { describe, expect, test } from '@jest/globals'
import { githubApiUrlProblem } from '../../../src/github/api-url.js'
import { connectGitHub } from '../../../src/github/client.js'
import { DEFAULT_HTTP_SETTINGS } from '../../../src/http/settings.js'

const HTTPS_OR_LOOPBACK = 'must use https (http is allowed only to a loopback address, 127.0.0.0/8 or ::1)'

describe('githubApiUrlProblem: where a GitHub token may go', () => {
  test.each([
    ['https://api.github.com', undefined],
    ['https://github.example.com/api/v3', undefined],
    ['http://127.0.0.1:8080', undefined],
    ['http://127.1.2.3', undefined],
    ['http://[::1]:8080', undefined],
    ['http://0.0.0.0:8080', HTTPS_OR_LOOPBACK],
    ['http://localhost:8080', HTTPS_OR_LOOPBACK],
    ['http://api.github.com', HTTPS_OR_LOOPBACK],
    ['http://[::ffff:127.0.0.1]', HTTPS_OR_LOOPBACK],
    ['ftp://api.github.com', HTTPS_OR_LOOPBACK],
    ['https://user:pass@api.github.com', 'must not contain credentials'],
    ['api.github.com', 'is not a URL']
  ])('%s', (url, problem) => {
    expect(githubApiUrlProblem(url)).toBe(problem)
  })
})

describe('connectGitHub: github-api-url wins, and the rule holds for GITHUB_API_URL too', () => {
  const settings = { token: 'ghs_x', apiUrl: undefined, rateLimitTimeoutMs: 0 }
  test('github-api-url is used over the runner’s GITHUB_API_URL', () => {
    const connection = connectGitHub(
      { ...settings, apiUrl: 'https://github.example.com/api/v3' },
      { apiUrl: 'http://0.0.0.0:1' },
      DEFAULT_HTTP_SETTINGS
    )
    expect(connection).toMatchObject({ apiUrl: 'https://github.example.com/api/v3' })
  })
  test('a GITHUB_API_URL that breaks the rule gives no client, and says why', () => {
    expect(connectGitHub(settings, { apiUrl: 'http://0.0.0.0:1' }, DEFAULT_HTTP_SETTINGS)).toEqual({
      client: undefined,
      reason: `the GitHub API URL http://0.0.0.0:1 ${HTTPS_OR_LOOPBACK}`
    })
    expect(connectGitHub({ ...settings, token: undefined }, { apiUrl: 'https://api.github.com' }, DEFAULT_HTTP_SETTINGS)).toEqual({
      client: undefined,
      reason: 'github-token is empty'
    })
  })
})
