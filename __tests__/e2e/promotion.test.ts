import { existsSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { GitHubComment } from '../../emulator/index.js'
import { errorLines, type RunOptions } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, requestsTo, startE2e, type E2eContext, UNREVIEWED_APPLY } from '../helpers/e2e.js'
import {
  addToLower as addToLowerConfig,
  approveAndMerge,
  MARKER,
  ON_PULL_REQUEST,
  onPush,
  PR,
  PUSHED_SHA,
  promotionInputs
} from '../helpers/promotion.js'

describe('promotions', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ promotionLockMs: 80, promotionRunMs: 250 })
  })
  afterEach(() => e2e.close())

  const inputs = (operation: string, extra: Record<string, string> = {}) => promotionInputs(e2e.emulator, operation, extra)
  const botComments = (): GitHubComment[] => e2e.emulator.github.comments(PR).filter((c) => c.user.login === 'github-actions[bot]')

  /** The harness points GitHub at the emulator and scans every PR comment and GitHub request for leaks. */
  const run = (options: RunOptions) => e2e.run(options)

  const addToLower = (entry: Parameters<typeof addToLowerConfig>[1]): void => addToLowerConfig(e2e.emulator, entry)
  const lockIsFree = () => expect(e2e.emulator.promotion.lockState().result).toBe('unlocked')
  const realRuns = () => e2e.emulator.promotion.runs.filter((r) => !r.dryRun)
  const upperNames = () => [...e2e.emulator.promotion.config('upper').values()].map((entry) => entry.name).sort()
  const lowerNames = () => [...e2e.emulator.promotion.config('lower').values()].map((entry) => entry.name).sort()

  test('dry-run-promote with changes: locks, dry-runs, unlocks, and posts the report', async () => {
    const result = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(0)
    const { outputs } = result.main
    expect(outputs['has-changes']).toBe('true')
    expect(outputs['report-fingerprint']).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(outputs['report-id']).toBe(e2e.emulator.promotion.reports.at(-1)?.reportId)
    expect(outputs['promotion-id']).toBe(e2e.emulator.promotion.runs[0]?.promotionId)
    expect(existsSync(outputs['report-file']!)).toBe(true)
    const file = JSON.parse(readFileSync(outputs['report-file']!, 'utf8')) as { fingerprint: string; report: { reportId: string } }
    expect(file.fingerprint).toBe(outputs['report-fingerprint'])
    expect(file.report.reportId).toBe(outputs['report-id'])

    const upper = requestsTo(e2e.emulator, 'upper').filter((r) => r.includes('/promotion/') && !r.startsWith('GET'))
    expect(upper).toEqual([
      'POST /environment/promotion/lock',
      'POST /environment/promotion/promote',
      `DELETE /environment/promotion/lock/${outputs['promotion-id']}`
    ])
    expect(e2e.emulator.promotion.runs.map((r) => r.dryRun)).toEqual([true])
    lockIsFree()
    expect(e2e.emulator.log.find((entry) => entry.path.startsWith('/environment/promotion'))?.scopes).toEqual(['fr:idc:promotion:*'])

    const [comment] = botComments()
    expect(botComments()).toHaveLength(1)
    expect(outputs['comment-url']).toBe(comment!.html_url)
    const marker = JSON.parse(MARKER.exec(comment!.body)![1]!) as Record<string, unknown>
    expect(marker).toMatchObject({ operation: 'dry-run-promote', status: 'dry-run', reportId: outputs['report-id'] })
    expect(`sha256:${String(marker.fingerprint)}`).toBe(outputs['report-fingerprint'])
    expect(comment!.body).toContain('Promotion dry run')
    expect(comment!.body).toContain('| AMConfig | 0 | 2 | 1 |')
    expect(comment!.body).toContain('| IDMConfig | 1 | 1 | 0 |')
    expect(comment!.body).toContain('| Journeys | added | ForgottenUsername |')
    expect(comment!.body).toContain('https://github.com/acme/iam-config/actions/runs/4242')
    expect(comment!.body).toContain(`Fingerprint: \`${outputs['report-fingerprint']}\``)
    expect(result.main.summary).toContain('| Journeys | added | ForgottenUsername |')
    expect(upperNames()).not.toContain('ForgottenUsername') // a dry run changes nothing
  })

  test('the comment names the pair, shows the description, and says what merging into the base branch does', async () => {
    const result = await run({
      inputs: inputs('dry-run-promote', { 'lower-name': 'dev', 'upper-name': 'staging', description: 'Q2 journeys' }),
      eventName: 'pull_request',
      event: { pull_request: { number: PR, base: { ref: 'release' } } }
    })
    expect(result.main.exitCode).toBe(0)
    const body = botComments()[0]!.body
    expect(body).toContain('### 🔎 Promotion dry run · dev → staging\n')
    expect(body).toMatch(/\n\d{4}-\d\d-\d\d \d\d:\d\d UTC · 5 changes · \[workflow run\]/)
    expect(body).toContain('\n> Q2 journeys\n')
    expect(body).toContain(
      '**Next:** a reviewer with write access approves this pull request after this dry run; merging it into `release` then lets promote apply exactly these 5 changes to staging'
    )
    expect(body).toContain('| **total** | **1** | **3** | **1** |')
    expect(body).toContain(`· staging: \`${e2e.emulator.upper.url}\``)
    expect(result.main.summary).toContain('### 🔎 Promotion dry run · dev → staging')
  })

  test('lower-name and upper-name are checked before any request', async () => {
    const result = await run({ inputs: inputs('dry-run-promote', { 'upper-name': 'staging <b>' }), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toContain('upper-name: expected a short name such as dev or staging')
    expect(e2e.emulator.log).toEqual([])
    expect(e2e.emulator.github.log).toEqual([])
  })

  test('dry-run-promote without changes says there is nothing to promote', async () => {
    const lower = e2e.emulator.promotion.config('lower')
    lower.clear()
    for (const [uid, entry] of e2e.emulator.promotion.config('upper')) lower.set(uid, { ...entry })
    const result = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.outputs['has-changes']).toBe('false')
    expect(botComments()[0]?.body).toContain('nothing to promote')
    expect(result.main.summary).toContain('0 changes')
    lockIsFree()
  })

  test('the comment is found among 150 others and updated in place on a rerun', async () => {
    for (let i = 0; i < 150; i++) e2e.emulator.github.addComment(PR, `LGTM ${i}`, i % 2 ? 'reviewer' : 'octocat')
    // Someone quoting the marker does not make their comment ours.
    e2e.emulator.github.addComment(PR, `<!-- tenant-pilot:promotion tenant=${e2e.emulator.upper.url} {} -->`, 'mallory')
    const first = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(first.main.exitCode).toBe(0)
    const [created] = botComments()
    addToLower({ name: 'PasswordReset' })
    const second = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(second.main.exitCode).toBe(0)
    expect(botComments()).toHaveLength(1)
    expect(botComments()[0]!.id).toBe(created!.id)
    expect(botComments()[0]!.body).toContain('PasswordReset')
    expect(second.main.outputs['comment-url']).toBe(created!.html_url)
    expect(second.main.outputs['report-fingerprint']).not.toBe(first.main.outputs['report-fingerprint'])
    const pages = e2e.emulator.github.log.filter((entry) => entry.method === 'GET' && entry.path.endsWith(`/issues/${PR}/comments`))
    expect(pages.map((entry) => entry.query)).toContain('per_page=100&page=2')
    // One comment created; each dry run sets its check on the PR's head.
    expect(e2e.emulator.github.log.filter((entry) => entry.method === 'POST').map((entry) => entry.path.split('/')[4])).toEqual([
      'issues',
      'statuses',
      'statuses'
    ])
    // GITHUB_TOKEN cannot read /user: taken for github-actions[bot], which GitHub's answer to the POST confirms (no second write); the rerun updates it
    expect(e2e.emulator.github.log.filter((entry) => entry.method === 'PATCH')).toHaveLength(1)
    expect(e2e.emulator.github.comments(PR)).toHaveLength(152)
  })

  test('promote on the merge push promotes what the PR comment approved, then updates the comment', async () => {
    const dryRun = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(dryRun.main.exitCode).toBe(0)
    const result = await run({ inputs: inputs('promote'), ...onPush(approveAndMerge(e2e.emulator)) })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.stdout).toContain(`the push of aaaaaaa to main is PR #${PR}'s merge commit`)
    expect(result.main.stdout).toContain(`Approved fingerprint ${dryRun.main.outputs['report-fingerprint']}`)
    expect(realRuns()).toHaveLength(1)
    expect(realRuns()[0]).toMatchObject({ unlockAfter: true, promoter: 'octocat', status: 'READY' })
    expect(upperNames()).toEqual(lowerNames())
    lockIsFree()
    expect(result.main.outputs['report-fingerprint']).toBe(dryRun.main.outputs['report-fingerprint'])
    expect(botComments()).toHaveLength(1)
    expect(botComments()[0]!.body).toContain('✅ Promoted')
    expect(MARKER.exec(botComments()[0]!.body)![1]).toContain('"status":"promoted"')
  })

  test('promote refuses when the lower environment changed since the approved dry run, and unlocks', async () => {
    const dryRun = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    addToLower({ name: 'SneakyJourney' })
    approveAndMerge(e2e.emulator)
    const result = await run({ inputs: inputs('promote', { 'pr-number': String(PR) }) })
    expect(result.main.exitCode).toBe(1)
    const [error] = errorLines(result.main)
    expect(error).toContain('The lower environment changed since the dry run that was approved')
    expect(error).toContain(`approved ${dryRun.main.outputs['report-fingerprint']}`)
    expect(error).toContain('+ AMConfig Journeys: added SneakyJourney')
    expect(realRuns()).toEqual([])
    expect(upperNames()).not.toContain('SneakyJourney')
    lockIsFree()
    expect(requestsTo(e2e.emulator, 'upper').filter((r) => r.startsWith('DELETE /environment/promotion/lock/'))).toHaveLength(2)
    expect(botComments()[0]!.body).toContain('❌ Promotion failed')
    // The approval stays that of the reviewed dry run: a rerun is refused again.
    expect(MARKER.exec(botComments()[0]!.body)![1]).toContain(String(dryRun.main.outputs['report-fingerprint']).slice(7))
  })

  test.each([
    ['belongs to no PR', () => undefined],
    ['belongs to an open PR only (approved there, but not merged)', () => e2e.emulator.github.linkCommit(PUSHED_SHA, PR, false)]
  ])('promote on a push whose commit %s fails closed: no lock, no promotion', async (_case, link) => {
    await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    link()
    e2e.emulator.log.length = 0
    const result = await run({ inputs: inputs('promote'), eventName: 'push', event: { after: PUSHED_SHA } })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)).toEqual([
      'No approval to promote: the pushed commit aaaaaaa is the merge of no pull request into main: only a merge approves'
    ])
    expect(requestsTo(e2e.emulator, 'upper').filter((r) => r.includes('/promotion/'))).toEqual([])
    expect(realRuns()).toEqual([])
  })

  test('promote tied to a PR without a dry-run comment refuses before touching the tenant', async () => {
    approveAndMerge(e2e.emulator)
    const result = await run({ inputs: inputs('promote', { 'pr-number': String(PR) }) })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toMatch(/^No approval to promote: PR #7 has no dry-run comment/)
    expect(e2e.emulator.log).toEqual([])
  })

  test('promote with an approved-fingerprint input and no PR', async () => {
    const dryRun = await run({ inputs: inputs('dry-run-promote', { comment: 'false' }) })
    expect(dryRun.main.exitCode).toBe(0)
    expect(e2e.emulator.github.log).toEqual([])
    const result = await run({
      inputs: inputs('promote', {
        'approved-fingerprint': dryRun.main.outputs['report-fingerprint']!,
        'report-id': dryRun.main.outputs['report-id']!,
        'ticket-reference': 'CHG-1'
      })
    })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.stdout).toContain('No PR comment: the run is not tied to a pull request')
    expect(realRuns()).toHaveLength(1)
    lockIsFree()
  })

  test('missing ESVs fail promote before promoting, with the list', async () => {
    addToLower({ name: 'NeedsConfig', esvRefs: ['esv-partner-endpoint', 'esv-api-base-url'] })
    // On a pull request fail-on-blockers is on by default: the check goes red, after the report is shown.
    const dryRun = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(dryRun.main.exitCode).toBe(1)
    expect(errorLines(dryRun.main)).toEqual([
      'The dry run found what promote would stop at: missing ESVs in the upper environment: esv-partner-endpoint. ' +
        'The report is in the PR comment and the job summary; fix them and run again (fail-on-blockers: false keeps the check green)'
    ])
    expect(dryRun.main.stdout).toMatch(/::warning::Missing ESVs in the upper environment: esv-partner-endpoint;/)
    expect(dryRun.main.summary).toContain('**Missing ESVs**')
    expect(botComments()[0]!.body).toContain(
      '**Missing ESVs** in the upper environment (create them there before promoting): `esv-partner-endpoint`'
    )
    approveAndMerge(e2e.emulator)
    const result = await run({ inputs: inputs('promote', { 'pr-number': String(PR) }) })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toMatch(/^Missing ESVs in the upper environment: esv-partner-endpoint\. Create them/)
    expect(realRuns()).toEqual([])
    lockIsFree()
  })

  test('creating the missing ESV in the upper tenant keeps the approval: dry run → set-esvs → promote with the PR approval', async () => {
    addToLower({ name: 'NeedsConfig', esvRefs: ['esv-partner-endpoint'] })
    const dryRun = await run({ inputs: inputs('dry-run-promote', { 'fail-on-blockers': 'false' }), ...ON_PULL_REQUEST })
    expect(dryRun.main.exitCode).toBe(0)
    expect(botComments()[0]!.body).toContain('**Missing ESVs** in the upper environment')
    const push = onPush(approveAndMerge(e2e.emulator))
    const blocked = await run({ inputs: inputs('promote'), ...push })
    expect(errorLines(blocked.main)[0]).toMatch(/^Missing ESVs in the upper environment: esv-partner-endpoint\. Create them/)

    const esvs = await run({
      inputs: {
        operation: 'set-esvs',
        'esv-file': 'esvs/upper.yaml',
        restart: 'never',
        ...connectionInputs(e2e.emulator),
        ...FAST_WAITS,
        ...UNREVIEWED_APPLY
      },
      files: { 'esvs/upper.yaml': 'variables:\n  esv-partner-endpoint:\n    value: https://partner.example.com\n' }
    })
    expect(esvs.main.exitCode).toBe(0)
    expect(e2e.emulator.upper.state.variables.has('esv-partner-endpoint')).toBe(true)

    const result = await run({ inputs: inputs('promote'), ...push })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.stdout).toContain(`Approved fingerprint ${dryRun.main.outputs['report-fingerprint']}`)
    expect(result.main.outputs['report-fingerprint']).toBe(dryRun.main.outputs['report-fingerprint'])
    expect(realRuns()).toEqual([expect.objectContaining({ status: 'READY' })])
    expect(upperNames()).toContain('NeedsConfig')
    lockIsFree()
  })

  test('previously ignored encrypted secrets are shown and never block', async () => {
    addToLower({ name: 'LegacyConnector', section: 'IDMConfig', configItem: 'Connectors', encryptedSecrets: ['ldapBindPassword'] })
    const first = await run({ inputs: inputs('promote', { 'require-approval': 'false', 'ignore-encrypted-secrets': 'true' }) })
    expect(first.main.exitCode).toBe(0)
    const stored = e2e.emulator.promotion.reports.at(-1)!
    expect(stored.previouslyIgnoredEncryptedSecrets).toEqual(['ldapBindPassword'])
    const shown = await run({ inputs: inputs('promotion-report', { 'report-id': stored.reportId }), ...ON_PULL_REQUEST })
    expect(shown.main.exitCode).toBe(0)
    expect(botComments()[0]!.body).toContain('**Encrypted secrets accepted by an earlier promotion**')
    expect(botComments()[0]!.body).not.toContain('**Encrypted secrets** in config')
  })

  test('encrypted secrets fail promote unless ignore-encrypted-secrets is true', async () => {
    addToLower({ name: 'LegacyConnector', section: 'IDMConfig', configItem: 'Connectors', encryptedSecrets: ['ldapBindPassword'] })
    const refused = await run({ inputs: inputs('promote', { 'require-approval': 'false' }) })
    expect(refused.main.exitCode).toBe(1)
    expect(errorLines(refused.main)[0]).toMatch(/^Encrypted secrets in config: ldapBindPassword\. .*ignore-encrypted-secrets: true/)
    expect(realRuns()).toEqual([])
    lockIsFree()

    const promoted = await run({ inputs: inputs('promote', { 'require-approval': 'false', 'ignore-encrypted-secrets': 'true' }) })
    expect(promoted.main.exitCode).toBe(0)
    expect(realRuns()).toEqual([expect.objectContaining({ ignoreEncryptedSecrets: true, status: 'READY' })])
    expect(upperNames()).toContain('LegacyConnector')
    lockIsFree()
  })

  test('a promotion that ends in ERROR fails the step, is shown as failed, and leaves nothing locked', async () => {
    const dryRun = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    e2e.emulator.promotion.failNextRun('Restart workloads failed', 'promotion')
    approveAndMerge(e2e.emulator)
    const result = await run({ inputs: inputs('promote', { 'pr-number': String(PR) }) })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)).toEqual(['The promotion ended in ERROR: Restart workloads failed'])
    expect(realRuns()).toEqual([expect.objectContaining({ status: 'ERROR' })])
    lockIsFree()
    const deletes = requestsTo(e2e.emulator, 'upper').filter((r) => r.startsWith('DELETE /environment/promotion/lock/'))
    expect(deletes).toHaveLength(2) // the dry run's, and the failed promotion's
    expect(botComments()[0]!.body).toContain('Restart workloads failed')
    expect(MARKER.exec(botComments()[0]!.body)![1]).toContain(String(dryRun.main.outputs['report-fingerprint']).slice(7))
  })

  test('a lock held by another promotion is reported by id and never touched', async () => {
    e2e.emulator.promotion.holdLock('0b5c9a7e-other-promotion')
    const result = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toMatch(/^The promotion lock is held by another promotion \(promotion 0b5c9a7e-other-promotion\)/)
    const writes = requestsTo(e2e.emulator, 'upper').filter((r) => r.includes('/promotion/') && !r.startsWith('GET'))
    expect(writes).toEqual([])
    expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId: '0b5c9a7e-other-promotion' })
    expect(botComments()[0]!.body).toContain('❌ Promotion failed')
  })

  describe('timeouts, and the post step releasing what main could not', () => {
    const stuck = async (stage: 'locking' | 'run' | 'unlocking', waitingFor: string) => {
      e2e.emulator.promotion.pause(stage)
      const result = await run({
        inputs: inputs('dry-run-promote', { 'promotion-timeout': '1', comment: 'false' }),
        post: true,
        beforePost: () => e2e.emulator.promotion.resume(stage)
      })
      expect(result.main.exitCode).toBe(1)
      const [error] = errorLines(result.main)
      expect(error).toMatch(new RegExp(`^Timed out after .* waiting for ${waitingFor} .*raise promotion-timeout`))
      const promotionId = e2e.emulator.promotion.runs[0]?.promotionId ?? JSON.parse(result.main.state.promotionLock ?? '{}').promotionId
      expect(result.main.state.promotionLock).toContain(promotionId)
      expect(result.post?.exitCode).toBe(0)
      expect(result.post?.stdout).toContain(`post: the main step ended while holding the lock of promotion ${promotionId}; releasing it`)
      lockIsFree()
      return { result, error: error! }
    }

    test('waiting for the lock', async () => {
      const { error } = await stuck('locking', 'the lock')
      expect(error).toContain('could not be released either')
      expect(error).toContain('run the unlock operation with promotion-id:')
      expect(e2e.emulator.promotion.runs).toEqual([])
    })

    test('waiting for the dry run', async () => {
      const { error } = await stuck('run', 'the dry run')
      expect(error).toContain('could not be released either')
    })

    test.each([
      ['promote', 'the promotion', 'promotion', { 'require-approval': 'false' }],
      ['rollback', 'the rollback', 'rollback', {}]
    ] as const)('%s, waiting for %s', async (operation, waitingFor, kind, extra) => {
      if (operation === 'rollback') e2e.emulator.promotion.promoteNow()
      e2e.emulator.promotion.pause('run', kind)
      const result = await run({
        inputs: inputs(operation, { 'promotion-timeout': '1', comment: 'false', ...extra }),
        post: true,
        beforePost: () => e2e.emulator.promotion.resume('run')
      })
      expect(result.main.exitCode).toBe(1)
      expect(errorLines(result.main)).toEqual([
        expect.stringMatching(new RegExp(`^Timed out after .* waiting for ${waitingFor} .*raise promotion-timeout`))
      ])
      expect(result.post?.exitCode).toBe(0)
      expect(result.post ? errorLines(result.post) : []).toEqual([])
      lockIsFree()
    })

    test('waiting for the unlock', async () => {
      const { result } = await stuck('unlocking', 'the unlock')
      expect(result.post?.stdout).toContain('Waiting for the unlock')
    })
  })

  test('SIGTERM in the middle of a promotion: the post step unlocks', async () => {
    e2e.emulator.promotion.setRunMs(1500)
    const result = await run({
      inputs: inputs('promote', { 'require-approval': 'false', comment: 'false' }),
      interrupt: { signal: 'SIGTERM', when: /Waiting for the dry run: RUNNING/ },
      post: true
    })
    expect(result.main.signal).toBe('SIGTERM')
    expect(e2e.emulator.promotion.runs.map((r) => r.dryRun)).toEqual([true])
    const promotionId = e2e.emulator.promotion.runs[0]!.promotionId
    expect(result.main.state.promotionLock).toContain(promotionId)
    expect(result.post?.exitCode).toBe(0)
    expect(result.post?.stdout).toContain(`Unlocked the environments (promotion ${promotionId})`)
    lockIsFree()
    expect(realRuns()).toEqual([])
    // Main never got to unlock; the post step did, once the dry run let it (409 while running).
    const deletes = e2e.emulator.log.filter((entry) => entry.method === 'DELETE')
    expect(deletes.some((entry) => entry.status === 202)).toBe(true)
  })

  describe('runs as the real tenant answers (UNLOCKED when nothing is locked, READY only while locked)', () => {
    const promotionWrites = () => requestsTo(e2e.emulator, 'upper').filter((r) => r.includes('/promotion/') && !r.startsWith('GET'))
    const deletes = () => promotionWrites().filter((r) => r.startsWith('DELETE'))

    test('promote with unlock-after true: RUNNING straight to UNLOCKED, confirmed without sending an unlock', async () => {
      const result = await run({ inputs: inputs('promote', { 'require-approval': 'false', comment: 'false' }) })
      expect(result.main.exitCode).toBe(0)
      const promotionId = e2e.emulator.promotion.runs[0]!.promotionId
      expect(e2e.emulator.promotion.runs.map((r) => [r.dryRun, r.unlockAfter, r.status])).toEqual([
        [true, false, 'READY'],
        [false, true, 'READY']
      ])
      expect(result.main.stdout).toMatch(/Waiting for the promotion: UNLOCKED \(Environment unlocked\)/)
      expect(result.main.stdout).not.toMatch(/Waiting for the promotion: READY/)
      expect(result.main.stdout).toContain(`The environments unlocked by themselves after the run (promotion ${promotionId})`)
      expect(promotionWrites()).toEqual([
        'POST /environment/promotion/lock',
        'POST /environment/promotion/promote',
        'POST /environment/promotion/promote'
      ])
      expect(result.main.outputs['report-id']).toBe(e2e.emulator.promotion.reports.at(-1)?.reportId)
      expect(upperNames()).toEqual(lowerNames())
      lockIsFree()
    })

    test('promote with unlock-after false keeps the lock and says how to release it', async () => {
      const result = await run({ inputs: inputs('promote', { 'require-approval': 'false', comment: 'false', 'unlock-after': 'false' }) })
      expect(result.main.exitCode).toBe(0)
      const promotionId = e2e.emulator.promotion.runs[0]!.promotionId
      expect(result.main.stdout).toContain(
        `::notice::The environments stay locked by promotion ${promotionId} (unlock-after: false); release them with the unlock operation and promotion-id: ${promotionId}`
      )
      expect(deletes()).toEqual([])
      expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId })
      expect(upperNames()).toEqual(lowerNames())
      const released = await run({ inputs: inputs('unlock', { 'promotion-id': promotionId }) })
      expect(released.main.exitCode).toBe(0)
      lockIsFree()
    })

    test.each([
      ['true', 0],
      ['false', 1]
    ] as const)('rollback with unlock-after %s', async (unlockAfter, expectedDeletes) => {
      e2e.emulator.promotion.promoteNow()
      const result = await run({ inputs: inputs('rollback', { 'unlock-after': unlockAfter, comment: 'false' }) })
      expect(result.main.exitCode).toBe(0)
      const promotionId = e2e.emulator.promotion.runs[0]!.promotionId
      expect(e2e.emulator.promotion.runs[0]).toMatchObject({ type: 'rollback', unlockAfter: unlockAfter === 'true', status: 'READY' })
      expect(result.main.outputs['report-id']).toBe(e2e.emulator.promotion.reports.at(-1)?.reportId)
      expect(deletes()).toEqual([])
      if (unlockAfter === 'true') {
        expect(result.main.stdout).toContain(`The environments unlocked by themselves after the run (promotion ${promotionId})`)
        lockIsFree()
      } else {
        expect(result.main.stdout).toContain(`release them with the unlock operation and promotion-id: ${promotionId}`)
        expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId })
        const released = await run({ inputs: inputs('unlock', { 'promotion-id': promotionId }) })
        expect(released.main.exitCode).toBe(0)
        expect(deletes()).toHaveLength(expectedDeletes)
        lockIsFree()
      }
    })

    test.each([
      ['time stamps of the last change', { timeStamp: 'last-change' }],
      [
        'READY while locking, UNLOCKED while unlocking, a READY window',
        { lockingStatus: 'READY', unlockingStatus: 'UNLOCKED', selfUnlockWindow: 'READY' }
      ],
      ['UNLOCKED after an ERROR, a tenant clock 5 s behind', { errorAfterUnlock: 'UNLOCKED', timeStamp: 'last-change', clockSkewMs: -5000 }]
    ] as const)('promote works whichever way the open behaviours go: %s', async (_label, behaviour) => {
      e2e.emulator.promotion.configure(behaviour)
      const result = await run({ inputs: inputs('promote', { 'require-approval': 'false', comment: 'false' }) })
      expect(result.main.exitCode).toBe(0)
      expect(e2e.emulator.promotion.runs.map((r) => [r.dryRun, r.status])).toEqual([
        [true, 'READY'],
        [false, 'READY']
      ])
      expect(result.main.outputs['report-id']).toBe(e2e.emulator.promotion.reports.at(-1)?.reportId)
      expect(deletes()).toEqual([])
      expect(upperNames()).toEqual(lowerNames())
      lockIsFree()
    })

    test('a READY window before the self-unlock is fine too', async () => {
      e2e.emulator.promotion.configure({ selfUnlockWindow: 'READY' })
      const result = await run({ inputs: inputs('promote', { 'require-approval': 'false', comment: 'false' }) })
      expect(result.main.exitCode).toBe(0)
      expect(result.main.stdout).toMatch(/Waiting for the promotion: READY \(Promotion completed\)/)
      expect(deletes()).toEqual([])
      lockIsFree()
    })

    test('a tenant that does not unlock by itself: after the bound, the run releases the lock whose id it received, and says so', async () => {
      e2e.emulator.promotion.configure({ selfUnlock: false })
      const result = await run({ inputs: inputs('promote', { 'require-approval': 'false', comment: 'false', 'promotion-timeout': '1' }) })
      expect(result.main.exitCode).toBe(0)
      const promotionId = e2e.emulator.promotion.runs[0]!.promotionId
      expect(result.main.stdout).toContain(
        `::warning::The environments did not unlock by themselves within 1.0 s after the run; the lock is still this run's (promotion ${promotionId}, the id it received), so it releases it`
      )
      expect(deletes()).toEqual([`DELETE /environment/promotion/lock/${promotionId}`])
      lockIsFree()
    })

    test('a run whose end falls between two checks: never seen RUNNING, only the moved time stamp and a new report prove the end', async () => {
      e2e.emulator.promotion.configure({ timeStamp: 'last-change' })
      e2e.emulator.promotion.setRunMs(1100)
      // The first check after the start is slowed past the run's end (as a long poll-interval would).
      e2e.emulator.fault({ tenant: 'upper', method: 'GET', path: '/environment/promotion/promote', after: 1, times: 1, delayMs: 1600 })
      const result = await run({ inputs: inputs('dry-run-promote', { comment: 'false' }) })
      expect(result.main.exitCode).toBe(0)
      expect(result.main.stdout).not.toContain('Waiting for the dry run: RUNNING')
      const report = e2e.emulator.promotion.reports.at(-1)!
      expect(result.main.stdout).toContain(
        `The dry run ended between two checks: its time stamp moved and its report ${report.reportId} is new`
      )
      expect(result.main.outputs['report-id']).toBe(report.reportId)
      lockIsFree()
    })

    test('a run over before the first check, in the second of the last change: its new report alone proves the end', async () => {
      e2e.emulator.promotion.configure({ timeStamp: 'last-change' })
      e2e.emulator.promotion.setRunMs(0)
      const result = await run({ inputs: inputs('dry-run-promote', { comment: 'false' }) })
      expect(result.main.exitCode).toBe(0)
      const report = e2e.emulator.promotion.reports.at(-1)!
      expect(result.main.stdout).toMatch(new RegExp(`The dry run ended between two checks: .*its report ${report.reportId} is new`))
      expect(result.main.outputs['report-id']).toBe(report.reportId)
      lockIsFree()
    })

    test('an ERROR left by an earlier promotion is not taken for the end of this run', async () => {
      e2e.emulator.promotion.failNextRun('Update configuration failed', 'dry-run')
      const failed = await run({ inputs: inputs('dry-run-promote', { comment: 'false' }) })
      expect(failed.main.exitCode).toBe(1)
      expect(errorLines(failed.main)).toEqual(['The dry run ended in ERROR: Update configuration failed'])
      lockIsFree()
      // The tenant still shows that ERROR (of the old lock) when the next run locks; its start is lost and
      // looked for a second later (a time stamp of the read has moved by then): the old ERROR is no evidence.
      e2e.emulator.fault({ tenant: 'upper', method: 'POST', path: '/environment/promotion/promote', drop: true, times: 1 })
      e2e.emulator.fault({ tenant: 'upper', method: 'GET', path: '/environment/promotion/promote', after: 1, times: 1, delayMs: 1100 })
      // A short request-timeout keeps the settle window after the lost start at its 10 s floor.
      const next = await run({ inputs: inputs('dry-run-promote', { comment: 'false', 'request-timeout': '2' }) })
      expect(next.main.exitCode).toBe(0)
      expect(next.main.stdout).toMatch(/Waiting for the dry run: RUNNING/)
      expect(e2e.emulator.promotion.runs.map((r) => r.status)).toEqual(['ERROR', 'READY'])
      expect(next.main.outputs['report-id']).toBe(e2e.emulator.promotion.reports.at(-1)?.reportId)
      lockIsFree()
    })

    test.each([
      ['an hour behind', -3_600_000],
      ['an hour ahead', 3_600_000]
    ])('a tenant clock %s of the runner’s: the evidence is tenant-side, so the run is still told apart', async (_label, skewMs) => {
      e2e.emulator.promotion.configure({ clockSkewMs: skewMs })
      const first = await run({ inputs: inputs('dry-run-promote', { comment: 'false' }) })
      expect(first.main.exitCode).toBe(0)
      const result = await run({
        inputs: inputs('promote', {
          'approved-fingerprint': first.main.outputs['report-fingerprint']!,
          'report-id': first.main.outputs['report-id']!,
          comment: 'false'
        })
      })
      expect(result.main.exitCode).toBe(0)
      expect(e2e.emulator.promotion.runs.map((r) => r.dryRun)).toEqual([true, true, false])
      expect(result.main.outputs['report-id']).toBe(e2e.emulator.promotion.reports.at(-1)?.reportId)
      lockIsFree()
    })
  })

  test('unlock with force and a promotion-id that is not the holder refuses, naming both', async () => {
    e2e.emulator.promotion.holdLock('the-holder')
    const result = await run({ inputs: inputs('unlock', { 'promotion-id': 'not-the-holder', force: 'true' }) })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)).toEqual([
      expect.stringMatching(/^The lock is held by promotion the-holder, not not-the-holder \(promotion-id\); force: true does not release/)
    ])
    expect(requestsTo(e2e.emulator, 'upper').filter((r) => r.startsWith('DELETE'))).toEqual([])
    expect(e2e.emulator.promotion.lockState()).toMatchObject({ result: 'locked', promotionId: 'the-holder' })
    const matching = await run({ inputs: inputs('unlock', { 'promotion-id': 'the-holder', force: 'true' }) })
    expect(matching.main.exitCode).toBe(0)
    lockIsFree()
  })

  test('a report too large for a comment is cut on a row boundary; the fingerprint covers it all', async () => {
    for (let i = 0; i < 1200; i++) addToLower({ name: `Generated journey number ${String(i).padStart(4, '0')} for the load test` })
    const result = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(0)
    const body = botComments()[0]!.body
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toMatch(/Cut to fit: this shows \d+ of 1205 changed items/)
    expect(body).toContain(`Fingerprint: \`${result.main.outputs['report-fingerprint']}\``)
    const tableLines = body.split('\n').filter((line) => line.startsWith('|'))
    for (const line of tableLines) expect(line).toMatch(/^\|.*\|$/)
    expect(body.split('<details>').length).toBe(body.split('</details>').length)
    expect(result.main.summary).toContain('number 1199 for the load test')
    const file = JSON.parse(readFileSync(result.main.outputs['report-file']!, 'utf8')) as { canonical: { changes: unknown[] } }
    expect(file.canonical.changes).toHaveLength(1205)
  })

  test('a cut dry-run comment still approves: its first rows are the stored report rendered again, also after promotion-report', async () => {
    for (let i = 0; i < 1200; i++) addToLower({ name: `Generated journey number ${String(i).padStart(4, '0')} for the load test` })
    const dryRun = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(botComments()[0]!.body).toMatch(/_Cut to fit: the first \d+ of 1205 changed items\._/)
    const report = await run({ inputs: inputs('promotion-report'), ...ON_PULL_REQUEST })
    expect(report.main.exitCode).toBe(0)
    expect(botComments()[0]!.body.length).toBeLessThanOrEqual(65_536)
    approveAndMerge(e2e.emulator)
    const result = await run({ inputs: inputs('promote', { 'pr-number': String(PR) }) })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.outputs['report-fingerprint']).toBe(dryRun.main.outputs['report-fingerprint'])
    expect(realRuns()).toEqual([expect.objectContaining({ status: 'READY' })])
  })

  test("a fork PR's read-only token: the comment and the check are skipped with a warning, the summary is written", async () => {
    e2e.emulator.github.makeTokenReadOnly()
    const fromFork = {
      eventName: 'pull_request',
      event: { pull_request: { number: PR, head: { repo: { full_name: 'mallory/iam-config' } } } }
    }
    const result = await run({ inputs: inputs('dry-run-promote'), ...fromFork })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.stdout).toMatch(
      /::warning::Could not post the PR comment on #7: the token may not write to the PR \(a fork PR gets a read-only token; grant pull-requests: write\)/
    )
    expect(result.main.stdout).toMatch(
      /::warning::Could not set the check tenant-pilot\/dry-run-promote .* a fork's pull_request token is read-only/
    )
    expect(e2e.emulator.github.comments(PR)).toEqual([])
    expect(result.main.outputs['comment-url']).toBeUndefined()
    expect(result.main.summary).toContain('Promotion dry run')
    lockIsFree()
  })

  test('a token of this repository that may not comment fails the dry run: nothing could approve it later', async () => {
    e2e.emulator.github.makeTokenReadOnly()
    const result = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(1)
    expect(errorLines(result.main)[0]).toBe(
      'Could not post the dry-run comment on PR #7: the token may not write to the PR (a fork PR gets a read-only token; grant pull-requests: write). Without it this dry run cannot be approved; run it again'
    )
    expect(result.main.summary).toContain('Promotion dry run')
    lockIsFree()
  })

  test('rollback restores the config from before the last promotion', async () => {
    const before = upperNames()
    const promoted = await run({ inputs: inputs('promote', { 'require-approval': 'false' }), env: {} })
    expect(promoted.main.exitCode).toBe(0)
    expect(upperNames()).toEqual(lowerNames())
    const result = await run({ inputs: inputs('rollback', { description: 'undo CHG-1' }), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.stdout).toContain('Rolling back the last promotion: 5 change(s) expected')
    expect(upperNames()).toEqual(before)
    expect(e2e.emulator.promotion.runs.at(-1)).toMatchObject({ type: 'rollback', status: 'READY' })
    expect(e2e.emulator.promotion.reports.at(-1)?.type).toBe('rollback')
    expect(result.main.outputs['report-id']).toBe(e2e.emulator.promotion.reports.at(-1)?.reportId)
    expect(botComments()[0]!.body).toContain('↩️ Rolled back')
    lockIsFree()
  })

  test('promotion-report without lower-tenant-url asks the upper tenant, and says so', async () => {
    const result = await run({ inputs: inputs('promotion-report'), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.outputs['has-changes']).toBe('true')
    const promotionCalls = requestsTo(e2e.emulator, 'upper').filter((r) => r.includes('/promotion/'))
    expect(promotionCalls).toEqual(['GET /environment/promotion/report/provisional'])
    expect(requestsTo(e2e.emulator, 'lower')).toEqual([])
    const said = `Provisional report read from the upper tenant ${e2e.emulator.upper.url} (give lower-tenant-url`
    expect(result.main.stdout).toContain(said)
    expect(result.main.summary).toContain(`Provisional report read from the upper tenant \`${e2e.emulator.upper.url}\``)
    expect(botComments()[0]!.body).toContain('📄 Promotion report')
    expect(e2e.emulator.log.find((entry) => entry.path.includes('/promotion/'))?.scopes).toEqual(['fr:idc:promotion:read'])
  })

  test('promotion-report with lower-tenant-url reads the provisional report from the lower tenant, with its own credentials', async () => {
    // The upper tenant drifted (changed by hand): its own view differs from the lower environment's.
    const upper = e2e.emulator.promotion.config('upper')
    const [driftUid] = [...upper.keys()]
    upper.delete(driftUid!)
    const lowerInputs = {
      'lower-tenant-url': e2e.emulator.lower.url,
      'lower-service-account-id': e2e.emulator.serviceAccount.id,
      'lower-service-account-key': e2e.emulator.serviceAccount.privateJwk
    }
    const result = await run({ inputs: inputs('promotion-report', lowerInputs), ...ON_PULL_REQUEST })
    expect(result.main.exitCode).toBe(0)
    expect(requestsTo(e2e.emulator, 'lower')).toEqual(['POST /am/oauth2/access_token', 'GET /environment/promotion/report/provisional'])
    expect(requestsTo(e2e.emulator, 'upper').filter((r) => r.includes('/promotion/'))).toEqual([])
    expect(e2e.emulator.log.find((entry) => entry.tenant === 'lower' && entry.path.includes('/promotion/'))?.scopes).toEqual([
      'fr:idc:promotion:read'
    ])
    expect(result.main.stdout).toContain(`Provisional report read from the lower tenant ${e2e.emulator.lower.url} (lower-tenant-url)`)
    expect(result.main.summary).toContain(`Provisional report read from the lower tenant \``)
    const upperView = await run({ inputs: inputs('promotion-report', { comment: 'false' }) })
    // The drifted item shows in the upper's view only: the lower environment did not change it.
    expect(upperView.main.outputs['report-fingerprint']).not.toBe(result.main.outputs['report-fingerprint'])
    // The comment is for the upper tenant (the pair), whichever tenant answered.
    expect(botComments()).toHaveLength(1)
    expect(MARKER.exec(botComments()[0]!.body)![1]).toContain('"status":"report"')
  })

  test("promotion-report keeps the PR's approved dry run: promote on the merge still promotes it", async () => {
    const dryRun = await run({ inputs: inputs('dry-run-promote'), ...ON_PULL_REQUEST })
    expect(dryRun.main.exitCode).toBe(0)
    const report = await run({ inputs: inputs('promotion-report'), ...ON_PULL_REQUEST })
    expect(report.main.exitCode).toBe(0)
    const body = botComments()[0]!.body
    expect(body).toContain('📄 Promotion report')
    expect(body).toContain(`#### Approved dry run (report \`${dryRun.main.outputs['report-id']}\`)`)
    const marker = JSON.parse(MARKER.exec(body)![1]!) as { dryRun?: { fingerprint: string; reportId: string } }
    expect(`sha256:${marker.dryRun?.fingerprint}`).toBe(dryRun.main.outputs['report-fingerprint'])
    expect(marker.dryRun?.reportId).toBe(dryRun.main.outputs['report-id'])

    const result = await run({ inputs: inputs('promote'), ...onPush(approveAndMerge(e2e.emulator)) })
    expect(result.main.exitCode).toBe(0)
    expect(result.main.stdout).toContain(`Approved fingerprint ${dryRun.main.outputs['report-fingerprint']}`)
    expect(result.main.stdout).toContain(`report ${dryRun.main.outputs['report-id']} confirmed on the tenant`)
    expect(requestsTo(e2e.emulator, 'upper')).toContain(`GET /environment/promotion/report/${dryRun.main.outputs['report-id']}`)
    expect(realRuns()).toEqual([expect.objectContaining({ status: 'READY' })])
    lockIsFree()
  })

  test('approved-fingerprint with report-id: the stored dry run must have that fingerprint', async () => {
    const dryRun = await run({ inputs: inputs('dry-run-promote', { comment: 'false' }) })
    const otherFingerprint = `sha256:${'0'.repeat(64)}`
    const refused = await run({
      inputs: inputs('promote', { 'approved-fingerprint': otherFingerprint, 'report-id': dryRun.main.outputs['report-id']! })
    })
    expect(refused.main.exitCode).toBe(1)
    expect(errorLines(refused.main)[0]).toMatch(/^approved-fingerprint is not backed by report-id \S+: the stored report has sha256:/)
    expect(e2e.emulator.promotion.runs).toHaveLength(1)
    const promoted = await run({
      inputs: inputs('promote', {
        'approved-fingerprint': dryRun.main.outputs['report-fingerprint']!,
        'report-id': dryRun.main.outputs['report-id']!
      })
    })
    expect(promoted.main.exitCode).toBe(0)
    expect(realRuns()).toEqual([expect.objectContaining({ status: 'READY' })])
  })

  test('unlock releases a lock by promotion-id, refuses a different one, and force releases the current one', async () => {
    e2e.emulator.promotion.holdLock('left-behind-1')
    const wrong = await run({ inputs: inputs('unlock', { 'promotion-id': 'another-id' }) })
    expect(wrong.main.exitCode).toBe(1)
    expect(errorLines(wrong.main)[0]).toMatch(/^The lock is held by promotion left-behind-1, not another-id; nothing was released/)
    expect(e2e.emulator.promotion.lockState().result).toBe('locked')

    const right = await run({ inputs: inputs('unlock', { 'promotion-id': 'left-behind-1' }) })
    expect(right.main.exitCode).toBe(0)
    expect(right.main.outputs['promotion-id']).toBe('left-behind-1')
    lockIsFree()

    e2e.emulator.promotion.holdLock('left-behind-2')
    const forced = await run({ inputs: inputs('unlock', { force: 'true' }) })
    expect(forced.main.exitCode).toBe(0)
    expect(forced.main.stdout).toContain('::warning::force: releasing the lock of promotion left-behind-2')
    lockIsFree()
  })

  test('bad promotion inputs are rejected before any request', async () => {
    const result = await run({ inputs: inputs('unlock', { 'approved-fingerprint': 'abc', 'require-approval': 'maybe' }) })
    expect(result.main.exitCode).toBe(1)
    const [error] = errorLines(result.main)
    expect(error).toMatch(/^Invalid inputs \(3\):/)
    expect(error).toContain('approved-fingerprint: expected a sha256 fingerprint')
    expect(error).toContain('require-approval: expected true or false')
    expect(error).toContain('promotion-id: required for unlock')
    expect(e2e.emulator.log).toEqual([])
    expect(e2e.emulator.github.log).toEqual([])
  })
})
