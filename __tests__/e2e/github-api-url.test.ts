import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, startE2e, type E2eContext } from '../helpers/e2e.js'
import { addToLower, MARKER, ON_PULL_REQUEST, PR, promotionInputs } from '../helpers/promotion.js'

let e2e: E2eContext
/** A server that records every request and answers nothing useful: where a token must never go. */
let trap: { server: Server; port: number; requests: string[] }
beforeEach(async () => {
  e2e = await startE2e()
  e2e.emulator.upper.serviceAccounts.keyAcceptDelayMs = 0
  e2e.emulator.github.secrets.addEnvironment('key-rotation')
  const requests: string[] = []
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`)
    response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve))
  trap = { server, port: (server.address() as AddressInfo).port, requests }
})
afterEach(async () => {
  await new Promise((resolve) => trap.server.close(resolve))
  await e2e.close()
})

/** GITHUB_API_URL as a runner on a hostile network, or a misconfigured GHES runner, could hand it: plain http to another host. */
const plainHttpApi = (): string => `http://0.0.0.0:${trap.port}`

// A workflow cannot override GITHUB_API_URL (GitHub's variables reference), so CI points the action at the
// emulator's GitHub with this input instead.
test('github-api-url wins over GITHUB_API_URL: the dry run comments on the server it names', async () => {
  addToLower(e2e.emulator, { name: 'Login' })
  const run = await e2e.run({
    inputs: promotionInputs(e2e.emulator, 'dry-run-promote', { 'github-api-url': e2e.emulator.github.url }),
    env: { GITHUB_API_URL: 'http://127.0.0.1:9' },
    ...ON_PULL_REQUEST
  })
  expect(run.main.exitCode).toBe(0)
  const [comment] = e2e.emulator.github.comments(PR)
  expect(comment?.body).toMatch(MARKER)
  expect(run.main.stdout).not.toMatch(/127\.0\.0\.1:9\b/)
})

describe('the GitHub secret of a service account key goes through the same connection as every GitHub call', () => {
  const keyInputs = (operation: 'create-service-account' | 'rotate-service-account-key', extra: Record<string, string> = {}) => ({
    ...connectionInputs(e2e.emulator),
    ...FAST_WAITS,
    operation,
    ...(operation === 'create-service-account' ? { 'service-account-name': 'ci-reader', 'service-account-scopes': 'fr:idc:esv:read' } : {}),
    'store-in-github-secret': 'SA_KEY',
    'github-environment': 'key-rotation',
    'github-token': e2e.emulator.github.token,
    ...extra
  })

  test.each(['rotate-service-account-key', 'create-service-account'] as const)(
    '%s honours github-api-url: the token and the sealed key go to the server it names, never to GITHUB_API_URL over plain http',
    async (operation) => {
      const run = await e2e.run({
        inputs: keyInputs(operation, { 'github-api-url': e2e.emulator.github.url }),
        env: { GITHUB_API_URL: plainHttpApi() }
      })
      expect(errorLines(run.main)).toEqual([])
      expect(run.main.exitCode).toBe(0)
      expect(e2e.emulator.github.secrets.open('SA_KEY', 'key-rotation')).toMatch(/"d":/)
      expect(trap.requests).toEqual([])
    }
  )

  test('without github-api-url, a plain-http GITHUB_API_URL to another host is refused with one line before any request', async () => {
    const run = await e2e.run({ inputs: keyInputs('rotate-service-account-key'), env: { GITHUB_API_URL: plainHttpApi() } })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      `Invalid input: store-in-github-secret: the GitHub API URL ${plainHttpApi()} must use https (http is allowed only to a loopback address, 127.0.0.0/8 or ::1)`
    ])
    expect(trap.requests).toEqual([])
    expect(e2e.emulator.log).toEqual([])
    expect(e2e.emulator.upper.serviceAccounts.keysOf(e2e.emulator.serviceAccount.id)).toHaveLength(1)
  })
})

test('github-api-url over plain http to a host name, even localhost, is refused before any request: only a loopback address may be plain http', async () => {
  const run = await e2e.run({
    inputs: promotionInputs(e2e.emulator, 'dry-run-promote', { 'github-api-url': `http://localhost:${trap.port}` }),
    ...ON_PULL_REQUEST
  })
  expect(run.main.exitCode).toBe(1)
  expect(errorLines(run.main)).toEqual([
    'Invalid input: github-api-url: must use https (http is allowed only to a loopback address, 127.0.0.0/8 or ::1) (e.g. https://api.github.com, or https://github.example.com/api/v3)'
  ])
  expect(trap.requests).toEqual([])
  expect(e2e.emulator.log).toEqual([])
})

test('a PR comment never goes to a plain-http GITHUB_API_URL either: the dry run says why it does not comment, and the token stays home', async () => {
  addToLower(e2e.emulator, { name: 'Login' })
  const run = await e2e.run({
    inputs: promotionInputs(e2e.emulator, 'dry-run-promote'),
    env: { GITHUB_API_URL: plainHttpApi() },
    ...ON_PULL_REQUEST
  })
  expect(run.main.stdout).toContain(`the GitHub API URL ${plainHttpApi()} must use https`)
  expect(trap.requests).toEqual([])
  expect(e2e.emulator.github.comments(PR)).toEqual([])
})
