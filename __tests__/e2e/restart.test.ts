import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, requestsTo, startE2e, type E2eContext } from '../helpers/e2e.js'

describe('operation: restart', () => {
  // A fresh tenant pair per test: no state or fault carries over.
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ restartMs: 300 })
  })
  afterEach(() => e2e.close())

  const restartInputs = () => ({ operation: 'restart', ...connectionInputs(e2e.emulator), ...FAST_WAITS })

  test('restarts the tenant, waits until ready, and reports it', async () => {
    const run = await e2e.run({ inputs: restartInputs() })
    expect(run.main.exitCode).toBe(0)
    expect(run.main.outputs['restart-status']).toBe('ready')
    expect(run.main.summary).toMatch(/Restarted `http:\/\/127\.0\.0\.1:\d+`: \*\*ready\*\*/)
    expect(run.main.stdout).toMatch(/Waiting for the restart: restarting/)
    const requests = requestsTo(e2e.emulator, 'upper')
    expect(requests[0]).toBe('POST /am/oauth2/access_token')
    expect(requests.filter((r) => r === 'POST /environment/startup?_action=restart')).toHaveLength(1)
    expect(requests.filter((r) => r === 'POST /am/oauth2/access_token')).toHaveLength(1)
    expect(requests.at(-1)).toBe('GET /environment/startup')
    expect(requestsTo(e2e.emulator, 'lower')).toEqual([])
    const tokenScopes = e2e.emulator.log.find((entry) => entry.path === '/environment/startup')?.scopes
    expect(tokenScopes?.sort()).toEqual(['fr:idc:esv:read', 'fr:idc:esv:restart'])
  })

  test('takes the "restarting" answer as the first status: the next check comes one interval later, not at once', async () => {
    // The restart (300 ms) ends well within one interval (1 s): one status check after the request sees it ready.
    const run = await e2e.run({ inputs: { ...restartInputs(), 'poll-interval': '1' } })
    expect(run.main.exitCode).toBe(0)
    expect(run.main.outputs['restart-status']).toBe('ready')
    expect(run.main.stdout).toMatch(/Waiting for the restart: restarting/)
    expect(requestsTo(e2e.emulator, 'upper').filter((r) => r.includes('/environment/startup'))).toEqual([
      'GET /environment/startup',
      'POST /environment/startup?_action=restart',
      'GET /environment/startup'
    ])
  })

  test('waits for a restart already running instead of starting another', async () => {
    e2e.emulator.upper.setRestartMs(60_000)
    e2e.emulator.upper.beginRestart()
    // End the running restart once the action has seen it, however slowly the action started.
    const endOnceSeen = setInterval(() => {
      if (e2e.emulator.log.some((entry) => entry.path === '/environment/startup')) {
        e2e.emulator.upper.state.restart.readyAt = Date.now()
        clearInterval(endOnceSeen)
      }
    }, 20)
    const run = await e2e.run({ inputs: restartInputs() })
    clearInterval(endOnceSeen)
    expect(run.main.exitCode).toBe(0)
    expect(run.main.stdout).toContain('A restart is already running; waiting for it instead of starting another')
    expect(run.main.outputs['restart-status']).toBe('ready')
    expect(requestsTo(e2e.emulator, 'upper')).not.toContain('POST /environment/startup?_action=restart')
  })

  test('fails with one clear line when the restart outlasts restart-timeout', async () => {
    e2e.emulator.upper.setRestartMs(60_000)
    const run = await e2e.run({ inputs: { ...restartInputs(), 'restart-timeout': '1', 'poll-interval': '0.2' } })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      expect.stringMatching(/^Timed out after .* waiting for the restart \(last state: restarting\); raise restart-timeout/)
    ])
    expect(run.main.outputs['restart-status']).toBeUndefined()
    expect(run.main.summary).toContain('tenant-pilot failed')
  })

  test('survives bursts of 503 on the status endpoint', async () => {
    e2e.emulator.fault({ tenant: 'upper', method: 'GET', path: '/environment/startup', status: 503, retryAfter: '0', times: 3 })
    e2e.emulator.fault({ tenant: 'upper', method: 'POST', path: '/environment/startup', status: 502, times: 2 })
    const run = await e2e.run({ inputs: restartInputs() })
    expect(run.main.exitCode).toBe(0)
    expect(run.main.outputs['restart-status']).toBe('ready')
    expect(e2e.emulator.log.filter((entry) => entry.status === 503)).toHaveLength(3)
    expect(e2e.emulator.log.filter((entry) => entry.status === 502)).toHaveLength(2)
    expect(run.main.stdout).toMatch(/GET \/environment\/startup got HTTP 503; retrying in/)
  })

  test('refreshes an access token that expires in the middle of polling', async () => {
    e2e.emulator.upper.setRestartMs(1500)
    const expireOnceRestarting = setInterval(() => {
      if (e2e.emulator.log.some((entry) => entry.method === 'POST' && entry.path === '/environment/startup')) {
        e2e.emulator.upper.expireTokens()
        clearInterval(expireOnceRestarting)
      }
    }, 20)
    const run = await e2e.run({ inputs: restartInputs() })
    clearInterval(expireOnceRestarting)
    expect(run.main.exitCode).toBe(0)
    const requests = requestsTo(e2e.emulator, 'upper')
    expect(requests.filter((r) => r === 'POST /am/oauth2/access_token')).toHaveLength(2)
    expect(e2e.emulator.log.filter((entry) => entry.status === 401)).toHaveLength(1)
    expect(run.main.stdout).toContain('answered 401 to GET /environment/startup; refreshing the access token')
  })

  test('names the missing scope when the service account lacks it', async () => {
    const narrow = await startE2e({ serviceAccountScopes: ['fr:idc:esv:read'] })
    try {
      const run = await narrow.run({ inputs: { operation: 'restart', ...connectionInputs(narrow.emulator), ...FAST_WAITS } })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)).toEqual([
        expect.stringContaining('The service account lacks the scope fr:idc:esv:restart, which the operation restart needs')
      ])
      expect(requestsTo(narrow.emulator, 'upper')).toEqual(['POST /am/oauth2/access_token'])
    } finally {
      await narrow.close()
    }
  })

  test('rejects bad inputs before sending a single request', async () => {
    const run = await e2e.run({
      inputs: { ...restartInputs(), 'tenant-url': `${e2e.emulator.upper.url}/am`, 'restart-timeout': '-1', 'poll-interval': 'soon' }
    })
    expect(run.main.exitCode).toBe(1)
    const [error] = errorLines(run.main)
    expect(error).toMatch(/^Invalid inputs \(3\):/)
    expect(error).toMatch(/tenant-url: must be the tenant's base URL without a path/)
    expect(error).toMatch(/restart-timeout: expected a number of seconds/)
    expect(error).toMatch(/poll-interval: expected a number of seconds/)
    expect(e2e.emulator.log).toEqual([])
  })

  test('a broken key is rejected without quoting it and without a request', async () => {
    const brokenKey = e2e.emulator.serviceAccount.privateJwk.slice(0, -5)
    const run = await e2e.run({ inputs: { ...restartInputs(), 'service-account-key': brokenKey }, extraSecrets: [brokenKey] })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      'Invalid input: service-account-key: not valid JSON; paste the private JWK downloaded when the service account was created'
    ])
    expect(e2e.emulator.log).toEqual([])
  })

  test('an unknown operation is rejected without a request', async () => {
    const run = await e2e.run({ inputs: { ...restartInputs(), operation: 'promote-everything' } })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      expect.stringMatching(/^Invalid input: operation: "promote-everything" is not one of set-esvs, rotate-secret/)
    ])
    expect(e2e.emulator.log).toEqual([])
  })

  test('the post step runs cleanly after main', async () => {
    const run = await e2e.run({ inputs: restartInputs(), post: true })
    expect(run.main.state.isPost).toBe('true')
    expect(run.post?.exitCode).toBe(0)
    expect(e2e.emulator.log.filter((entry) => entry.method === 'POST' && entry.path === '/environment/startup')).toHaveLength(1)
  })

  describe('issue 24: restart-timeout bounds its whole wait, retries included (the step ends within it plus one request-timeout)', () => {
    const startupGets = () => e2e.emulator.log.filter((entry) => entry.method === 'GET' && entry.path === '/environment/startup')
    /** Wall time of a whole run (the node process and the token request included): the bound plus a few seconds of slack. */
    const SLACK_MS = 4_000
    const timed = async (inputs: Record<string, string>) => {
      const started = Date.now()
      const run = await e2e.run({ inputs: { ...restartInputs(), ...inputs } })
      return { run, elapsedMs: Date.now() - started }
    }

    test('status answers dripped a byte at a time: 10 s of restart-timeout and 2 s of request-timeout end the step by 12 s, not 48', async () => {
      e2e.emulator.upper.setRestartMs(600_000)
      e2e.emulator.fault({ tenant: 'upper', method: 'GET', path: '/environment/startup', dripBytes: 1, dripEveryMs: 400 })
      const { run, elapsedMs } = await timed({ 'request-timeout': '2', 'restart-timeout': '10' })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)).toEqual([
        expect.stringMatching(
          /^Timed out after 1\d(\.\d)? s waiting for the restart: GET \/environment\/startup got the answer took longer than the whole-request limit, and restart-timeout ends before another attempt; raise restart-timeout or check the tenant$/
        )
      ])
      expect(elapsedMs).toBeLessThan(12_000 + SLACK_MS)
      // No attempt starts after the wait's end.
      const gets = startupGets()
      expect(gets.every((entry) => entry.at <= gets[0]!.at + 10_000)).toBe(true)
    }, 60_000)

    test('slow 503 answers, each retried: restart-timeout 3 and request-timeout 2 end the step by 5 s, not after every check’s retries', async () => {
      e2e.emulator.upper.setRestartMs(600_000)
      // The status read before the restart is answered; every poll after it is a 503 that takes 1.5 s.
      e2e.emulator.fault({ tenant: 'upper', method: 'GET', path: '/environment/startup', after: 1, delayMs: 1_500, status: 503 })
      const { run, elapsedMs } = await timed({ 'request-timeout': '2', 'restart-timeout': '3' })
      expect(run.main.exitCode).toBe(1)
      expect(errorLines(run.main)).toEqual([
        expect.stringMatching(
          /^Timed out after \d(\.\d)? s waiting for the restart: GET \/environment\/startup got HTTP 503, and restart-timeout ends before another attempt; raise restart-timeout/
        )
      ])
      expect(elapsedMs).toBeLessThan(5_000 + SLACK_MS)
      expect(requestsTo(e2e.emulator, 'upper').filter((r) => r === 'POST /environment/startup?_action=restart')).toHaveLength(1)
    }, 60_000)
  })
})
