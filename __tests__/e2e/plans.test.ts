/**
 * Plans on the pull request (issue 17 §2): a dry run of set-esvs or
 * set-tenant-settings on a pull request posts its plan as one sticky comment
 * per file and tenant; the apply on the merge holds itself to that plan and
 * refuses, before any write, one that changed since the review.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, startE2e, type E2eContext } from '../helpers/e2e.js'
import { approve, approveAndMerge, ON_PULL_REQUEST, onPush, PR, PUSHED_SHA } from '../helpers/promotion.js'

const SMTP_PASSWORD = 'smtp-pa55word-from-a-github-secret'
const PLAN_MARKER = /<!-- tenant-pilot:plan key=(\S+) (\{[^\n]*\}) -->/
const ON_MERGE_PUSH = { eventName: 'push', event: { after: PUSHED_SHA } }
const ON_DISPATCH = { eventName: 'workflow_dispatch', event: {} }

/** A new variable, an update of an existing one, one left as it is, and a secret from the environment. */
const ESVS = `
variables:
  esv-orders-url:
    value: https://orders.example.com
  esv-api-base-url:
    value: https://api2.example.com
  esv-session-timeout:
    type: int
    value: 30
secrets:
  esv-smtp-password:
    value-from-env: SMTP_PASSWORD
`

const decode = (base64: string | null | undefined) => Buffer.from(base64 ?? '', 'base64').toString('utf8')

describe('plans on the pull request', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ restartMs: 100 })
  })
  afterEach(() => e2e.close())

  const upper = () => e2e.emulator.upper.state
  /** Every request to the upper tenant that is not a read or a token (a write). */
  const tenantWrites = () =>
    e2e.emulator.log.filter((entry) => entry.tenant === 'upper' && entry.method !== 'GET' && !entry.path.startsWith('/am/'))
  const comments = () => e2e.emulator.github.comments(PR)
  const markerOf = (body: string) => JSON.parse(PLAN_MARKER.exec(body)![2]!) as { status: string; fingerprint: string; items?: string[][] }

  function setEsvs(
    options: { inputs?: Record<string, string>; file?: string; eventName?: string; event?: object; env?: Record<string, string> } = {}
  ) {
    return e2e.run({
      inputs: {
        operation: 'set-esvs',
        'esv-file': 'esvs/prod.yaml',
        ...connectionInputs(e2e.emulator),
        ...FAST_WAITS,
        'github-token': e2e.emulator.github.token,
        ...options.inputs
      },
      files: { 'esvs/prod.yaml': options.file ?? ESVS },
      env: { SMTP_PASSWORD, ...options.env },
      eventName: options.eventName ?? ON_PULL_REQUEST.eventName,
      event: options.event ?? ON_PULL_REQUEST.event,
      extraSecrets: [SMTP_PASSWORD, ...Object.values(options.env ?? {})]
    })
  }
  const plan = (inputs: Record<string, string> = {}, file?: string) => setEsvs({ inputs: { 'dry-run': 'true', ...inputs }, file })

  test('a dry run on the pull request posts the plan as one sticky comment, updated in place by the next dry run', async () => {
    const first = await plan()
    expect(first.main.exitCode).toBe(0)
    expect(tenantWrites()).toEqual([])
    expect(comments()).toHaveLength(1)
    const [comment] = comments()
    const body = comment!.body
    expect(body.split('\n')[0]).toMatch(PLAN_MARKER)
    expect(markerOf(body)).toMatchObject({ status: 'planned', fingerprint: first.main.outputs['plan-fingerprint']!.replace('sha256:', '') })
    expect(body).toContain('### 📝 ESV plan · `esvs/prod.yaml`')
    expect(body).toMatch(/\| create \| variable \| `esv-orders-url` \| type string \|/)
    expect(body).toMatch(/\| update value \| variable \| `esv-api-base-url` \| type string \|/)
    expect(body).toMatch(
      /\| value from its source \(a secret cannot be read back; unchanged if equal\) \| secret \| `esv-smtp-password` \| generic, value from env SMTP_PASSWORD \|/
    )
    expect(body).toMatch(/\| restart \| tenant \| `tenant` \| after the writes \(restart: auto\)/)
    expect(body).not.toContain('esv-session-timeout')
    expect(body).toContain('1 unchanged')
    expect(body).toContain(`Plan fingerprint: \`${first.main.outputs['plan-fingerprint']}\``)
    expect(first.main.outputs['comment-url']).toBe(comment!.html_url)
    expect(first.main.summary).toContain(`Plan fingerprint: \`${first.main.outputs['plan-fingerprint']}\``)

    const second = await plan({}, ESVS.replace('https://orders.example.com', 'https://orders2.example.com'))
    expect(second.main.exitCode).toBe(0)
    expect(comments()).toHaveLength(1)
    expect(comments()[0]!.id).toBe(comment!.id)
    expect(second.main.outputs['plan-fingerprint']).not.toBe(first.main.outputs['plan-fingerprint'])
    expect(markerOf(comments()[0]!.body).fingerprint).toBe(second.main.outputs['plan-fingerprint']!.replace('sha256:', ''))
    // One comment created; each plan sets its check on the PR's head.
    expect(e2e.emulator.github.log.filter((entry) => entry.method === 'POST').map((entry) => entry.path.split('/')[4])).toEqual([
      'issues',
      'statuses',
      'statuses'
    ])
    expect(e2e.emulator.github.log.filter((entry) => entry.method === 'PATCH').length).toBeGreaterThanOrEqual(1)
    expect(tenantWrites()).toEqual([])
  })

  test("a plan too large for one comment is cut to whole rows at GitHub's limit, saying so, with its fingerprint", async () => {
    const many = Array.from({ length: 1500 }, (_, i) => `  esv-generated-variable-number-${i}:\n    value: value-${i}\n`).join('')
    const run = await plan({}, `variables:\n${many}`)
    expect(run.main.exitCode).toBe(0)
    expect(comments()).toHaveLength(1)
    const body = comments()[0]!.body
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toMatch(/> Cut to fit: this shows \d+ of 1501 changes\./)
    expect(body).toContain(`Plan fingerprint: \`${run.main.outputs['plan-fingerprint']}\``)
    // Too many changes to name each in the marker: the fingerprint alone carries the plan.
    expect(markerOf(body)).toEqual({
      status: 'planned',
      fingerprint: run.main.outputs['plan-fingerprint']!.replace('sha256:', ''),
      author: 'github-actions[bot]'
    })
    expect(
      body
        .split('\n')
        .filter((line) => line.startsWith('| create '))
        .at(-1)
    ).toMatch(/^\| create \| variable \| `esv-generated-variable-number-\d+` \| type string \|$/)
  })

  test("a fork's read-only token leaves the plan in the job summary, with a warning, and the dry run passes", async () => {
    e2e.emulator.github.makeTokenReadOnly()
    const run = await setEsvs({
      inputs: { 'dry-run': 'true' },
      eventName: 'pull_request',
      event: { pull_request: { number: PR, head: { repo: { full_name: 'mallory/iam-config' } } } }
    })
    expect(run.main.exitCode).toBe(0)
    expect(comments()).toEqual([])
    expect(run.main.stdout).toMatch(
      /::warning::Could not post the plan comment on #7: .*grant pull-requests: write.*The plan is in the job summary/
    )
    expect(run.main.summary).toContain(`Plan fingerprint: \`${run.main.outputs['plan-fingerprint']}\``)
  })

  test('a token of this repository that may not comment fails the plan: nothing could approve it later', async () => {
    e2e.emulator.github.makeTokenReadOnly()
    const run = await plan()
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)[0]).toMatch(/^Could not post the plan comment on PR #7: .*Without it this plan cannot be approved/)
    expect(tenantWrites()).toEqual([])
  })

  test('show-values off hides variable values; on, it shows them; a secret value is never in the comment', async () => {
    const hidden = await plan()
    expect(hidden.main.exitCode).toBe(0)
    const body = comments()[0]!.body
    expect(body).not.toContain('https://orders.example.com')
    expect(body).not.toContain('https://api2.example.com')
    expect(body).not.toContain(SMTP_PASSWORD)

    const shown = await plan({ 'show-values': 'true' })
    expect(shown.main.exitCode).toBe(0)
    const withValues = comments()[0]!.body
    expect(withValues).toMatch(/\| `esv-orders-url` \| type string \| `https:\/\/orders.example.com` \|/)
    expect(withValues).not.toContain(SMTP_PASSWORD)
    expect(withValues).not.toContain(Buffer.from(SMTP_PASSWORD).toString('base64'))
    // Showing values is presentation only: the plan (and its fingerprint) is the same.
    expect(shown.main.outputs['plan-fingerprint']).toBe(hidden.main.outputs['plan-fingerprint'])
  })

  test('the apply on the merge push makes the approved plan and updates the same comment with the outcome', async () => {
    const planned = await plan()
    expect(planned.main.exitCode).toBe(0)
    const push = onPush(approveAndMerge(e2e.emulator))
    const applied = await setEsvs(push)
    expect(applied.main.exitCode).toBe(0)
    expect(applied.main.stdout).toContain(`Approved plan ${planned.main.outputs['plan-fingerprint']} (from PR #${PR}'s plan comment`)
    expect(decode(upper().variables.get('esv-orders-url')?.valueBase64)).toBe('https://orders.example.com')
    expect(decode(upper().variables.get('esv-api-base-url')?.valueBase64)).toBe('https://api2.example.com')
    expect(decode(upper().secrets.get('esv-smtp-password')?.versions.at(-1)?.valueBase64)).toBe(SMTP_PASSWORD)
    expect(comments()).toHaveLength(1)
    const body = comments()[0]!.body
    expect(markerOf(body)).toMatchObject({
      status: 'applied',
      fingerprint: planned.main.outputs['plan-fingerprint']!.replace('sha256:', '')
    })
    expect(body).toContain('### ✅ Applied: ESV plan')
    expect(body).toMatch(/\| create \| variable \| `esv-orders-url` \| type string \| created \|/)
    expect(body).toMatch(/\| restart \| tenant \| `tenant` \| .* \| ready \|/)
    expect(body).not.toContain(SMTP_PASSWORD)

    // The plan was applied: the same merged PR's comment approves nothing more.
    e2e.emulator.log.length = 0
    const again = await setEsvs(push)
    expect(again.main.exitCode).toBe(1)
    expect(errorLines(again.main).join('\n')).toMatch(/No approved plan .* shows an apply's outcome \(applied\), not a plan/)
    expect(tenantWrites()).toEqual([])
  })

  test('a failed apply says so in the same comment, with what each change did, and keeps the approved fingerprint', async () => {
    const planned = await plan()
    expect(planned.main.exitCode).toBe(0)
    e2e.emulator.fault({
      tenant: 'upper',
      method: 'PUT',
      path: '/environment/variables/esv-orders-url',
      status: 400,
      body: '{"code":400,"message":"Invalid value"}'
    })
    const failed = await setEsvs(onPush(approveAndMerge(e2e.emulator)))
    expect(failed.main.exitCode).toBe(1)
    expect(comments()).toHaveLength(1)
    const body = comments()[0]!.body
    expect(markerOf(body)).toMatchObject({
      status: 'failed',
      fingerprint: planned.main.outputs['plan-fingerprint']!.replace('sha256:', '')
    })
    expect(body).toContain('### ❌ Apply failed: ESV plan')
    expect(body).toContain('esv-orders-url: PUT /environment/variables/esv-orders-url failed with HTTP 400')
    expect(body).toMatch(/\| create \| variable \| `esv-orders-url` \| type string \| not done \|/)
    expect(body).toMatch(/\| update value \| variable \| `esv-api-base-url` \| type string \| updated \|/)
  })

  test('the apply refuses, before any write, a plan the tenant changed since the review, naming what differs', async () => {
    const planned = await plan()
    expect(planned.main.exitCode).toBe(0)
    // Between the review and the merge, someone changes the tenant by hand.
    const timeout = upper().variables.get('esv-session-timeout')!
    timeout.valueBase64 = Buffer.from('45').toString('base64')
    e2e.emulator.log.length = 0
    const refused = await setEsvs(onPush(approveAndMerge(e2e.emulator)))
    expect(refused.main.exitCode).toBe(1)
    const error = errorLines(refused.main).join('\n')
    expect(error).toContain('The plan for esvs/prod.yaml on')
    expect(error).toContain(`changed since it was approved (approved ${planned.main.outputs['plan-fingerprint']}`)
    expect(error).toContain('+ variable esv-session-timeout: update (not in the approved plan)')
    expect(tenantWrites()).toEqual([])
    expect(decode(upper().variables.get('esv-api-base-url')?.valueBase64)).toBe('https://api.example.com')
    const body = comments()[0]!.body
    expect(markerOf(body)).toMatchObject({
      status: 'refused',
      fingerprint: planned.main.outputs['plan-fingerprint']!.replace('sha256:', '')
    })
    expect(body).toContain('### ⛔ Apply refused: ESV plan')
    expect(body).toContain('+ variable esv-session-timeout: update (not in the approved plan)')
  })

  test('the apply refuses a file changed since the review: another value for a variable is named', async () => {
    expect((await plan()).main.exitCode).toBe(0)
    e2e.emulator.log.length = 0
    const refused = await setEsvs({
      ...onPush(approveAndMerge(e2e.emulator)),
      file: ESVS.replace('https://api2.example.com', 'https://api3.example.com')
    })
    expect(refused.main.exitCode).toBe(1)
    expect(errorLines(refused.main).join('\n')).toContain(
      '~ variable esv-api-base-url: update with other content than approved (value, type, encoding, source or description)'
    )
    expect(tenantWrites()).toEqual([])
  })

  test("approved-plan: a dispatch applies with the dry run's fingerprint, and refuses another before any write", async () => {
    const planned = await setEsvs({ ...ON_DISPATCH, inputs: { 'dry-run': 'true' } })
    expect(planned.main.exitCode).toBe(0)
    expect(comments()).toEqual([])
    const fingerprint = planned.main.outputs['plan-fingerprint']!
    expect(fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/)

    const wrong = await setEsvs({ ...ON_DISPATCH, inputs: { 'approved-plan': `sha256:${'0'.repeat(64)}` } })
    expect(wrong.main.exitCode).toBe(1)
    const error = errorLines(wrong.main).join('\n')
    expect(error).toContain(`approved sha256:${'0'.repeat(64)}, now ${fingerprint}`)
    expect(error).toContain('esv-orders-url: create')
    expect(tenantWrites()).toEqual([])

    const applied = await setEsvs({ ...ON_DISPATCH, inputs: { 'approved-plan': fingerprint.toUpperCase().replace('SHA256:', '') } })
    expect(applied.main.exitCode).toBe(0)
    expect(applied.main.stdout).toContain(`Approved plan ${fingerprint} (from approved-plan (break-glass))`)
    expect(decode(upper().variables.get('esv-orders-url')?.valueBase64)).toBe('https://orders.example.com')
  })

  test.each([
    ['belongs to no pull request', () => undefined],
    ['belongs to an open PR only', () => e2e.emulator.github.linkCommit(PUSHED_SHA, PR, false)]
  ])('on a push whose commit %s the apply fails closed: nothing is written', async (_case, link) => {
    expect((await plan()).main.exitCode).toBe(0)
    link()
    e2e.emulator.log.length = 0
    const refused = await setEsvs(ON_MERGE_PUSH)
    expect(refused.main.exitCode).toBe(1)
    const error = errorLines(refused.main).join('\n')
    expect(error).toMatch(
      /^No approved plan for esvs\/prod\.yaml on .* \(the pushed commit aaaaaaa is the merge of no pull request into main: only a merge approves\); nothing was written/
    )
    expect(error).toContain('set require-approval: false')
    expect(tenantWrites()).toEqual([])
  })

  test("a plan marker in someone else's comment is no approval: the apply on the merge is refused", async () => {
    const planned = await setEsvs({ ...ON_DISPATCH, inputs: { 'dry-run': 'true' } })
    const fingerprint = planned.main.outputs['plan-fingerprint']!.replace('sha256:', '')
    const key = encodeURIComponent(`set-esvs ${e2e.emulator.upper.url} esvs/prod.yaml`)
    e2e.emulator.github.addComment(
      PR,
      `<!-- tenant-pilot:plan key=${key} {"status":"planned","fingerprint":"${fingerprint}"} -->\nLooks good`,
      'mallory'
    )
    const push = onPush(approveAndMerge(e2e.emulator))
    e2e.emulator.log.length = 0
    const refused = await setEsvs(push)
    expect(refused.main.exitCode).toBe(1)
    expect(errorLines(refused.main).join('\n')).toMatch(
      /No approved plan .*PR #7 has no plan comment for esvs\/prod\.yaml on .* by a GitHub App bot/
    )
    expect(refused.main.stdout).toMatch(/Ignored the tenant-pilot marker for esvs\/prod\.yaml on .* by mallory/)
    expect(tenantWrites()).toEqual([])
  })

  test('require-approval: false lets a push apply without a plan; an apply on pull_request never takes its own plan', async () => {
    const onPullRequest = await setEsvs({ inputs: { 'require-approval': 'true' } })
    expect(onPullRequest.main.exitCode).toBe(1)
    expect(errorLines(onPullRequest.main).join('\n')).toContain('on pull_request events no plan is approved')
    expect(tenantWrites()).toEqual([])

    const unguarded = await setEsvs({ ...ON_MERGE_PUSH, inputs: { 'require-approval': 'false' } })
    expect(unguarded.main.exitCode).toBe(0)
    expect(unguarded.main.stdout).toContain('require-approval is off, so the plan computed now is applied')
    expect(decode(upper().variables.get('esv-orders-url')?.valueBase64)).toBe('https://orders.example.com')
  })

  describe('set-tenant-settings', () => {
    const SETTINGS = 'cookie-domains: [acme.example]\nsso-cookie: { name: acmeSession }\n'
    const settings = (options: { inputs?: Record<string, string>; eventName?: string; event?: object } = {}) =>
      e2e.run({
        inputs: {
          operation: 'set-tenant-settings',
          'settings-file': 'tenant/settings.yaml',
          ...connectionInputs(e2e.emulator),
          ...FAST_WAITS,
          'github-token': e2e.emulator.github.token,
          ...options.inputs
        },
        files: { 'tenant/settings.yaml': SETTINGS },
        eventName: options.eventName ?? ON_PULL_REQUEST.eventName,
        event: options.event ?? ON_PULL_REQUEST.event
      })

    test('the plan comment shows each setting; the merge applies it, or refuses once the tenant changed', async () => {
      const planned = await settings({ inputs: { 'dry-run': 'true' } })
      expect(planned.main.exitCode).toBe(0)
      const body = comments()[0]!.body
      expect(body).toContain('### 📝 Tenant settings plan · `tenant/settings.yaml`')
      expect(body).toMatch(/\| update \| setting \| `sso-cookie` \| name iPlanetDirectoryPro → name acmeSession \|/)
      expect(body).toMatch(/\| update \| setting \| `cookie-domains` \|/)
      // The ESV plan comment of the same PR is another comment: one per operation, file and tenant.
      expect((await plan()).main.exitCode).toBe(0)
      expect(comments()).toHaveLength(2)

      const push = onPush(approveAndMerge(e2e.emulator))
      upper().settings.cookieDomains = ['acme.example']
      e2e.emulator.log.length = 0
      const refused = await settings(push)
      expect(refused.main.exitCode).toBe(1)
      expect(errorLines(refused.main).join('\n')).toContain('- setting cookie-domains: update was approved and is no longer planned')
      expect(tenantWrites()).toEqual([])
      expect(upper().settings.ssoCookieName).toBe('iPlanetDirectoryPro')

      // The refusal replaced the plan reviewers saw: a new plan on the merged PR, reviewed, then applied.
      upper().settings.cookieDomains = []
      const stale = await settings(push)
      expect(stale.main.exitCode).toBe(1)
      expect(errorLines(stale.main).join('\n')).toContain("shows an apply's outcome (refused), not a plan")
      const replanned = await settings({
        inputs: { 'dry-run': 'true', 'pr-number': String(PR) },
        eventName: 'workflow_dispatch',
        event: {}
      })
      expect(replanned.main.exitCode).toBe(0)
      approve(e2e.emulator)
      const applied = await settings(push)
      expect(applied.main.exitCode).toBe(0)
      expect(upper().settings.ssoCookieName).toBe('acmeSession')
      const outcome = comments().find((c) => c.body.includes('Tenant settings plan'))!.body
      expect(outcome).toContain('### ✅ Applied: Tenant settings plan')
      expect(outcome).toMatch(/\| update \| setting \| `sso-cookie` \| .* \| updated \|/)
    })
  })
})
