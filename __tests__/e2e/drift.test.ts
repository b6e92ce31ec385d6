/**
 * Issue 17 §3: drift detection for scheduled runs, through dist/index.js against the emulator: the
 * outputs, fail-on-drift, and the one drift issue per file and tenant (opened, updated, closed).
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { DRIFT_ISSUE_LABEL } from '../../src/drift/issue.js'
import { renderDriftMarker } from '../../src/drift/marker.js'
import { errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, startE2e, type E2eContext } from '../helpers/e2e.js'

const SMTP_PASSWORD = 'smtp-pa55word-from-a-github-secret'
/** What the seed tenant has: no drift, the secret's value being unreadable. */
const ESVS = `
variables:
  esv-api-base-url:
    value: https://api.example.com
secrets:
  esv-smtp-password:
    value-from-env: SMTP_PASSWORD
`
/** The same, and a variable whose description someone changed by hand. */
const ESVS_WITH_ORIGINS = `
variables:
  esv-api-base-url:
    value: https://api.example.com
  esv-allowed-origins:
    type: array
    value: [https://app.example.com, https://admin.example.com]
    description: CORS origins
secrets:
  esv-smtp-password:
    value-from-env: SMTP_PASSWORD
`
const SETTINGS = 'cookie-domains: [acme.example]\n'
const HAND_MADE = 'https://api.changed-by-hand.example'

describe('drift detection (detect-drift, fail-on-drift, drift-issue)', () => {
  let e2e: E2eContext
  beforeEach(async () => {
    e2e = await startE2e({ restartMs: 200 })
  })
  afterEach(() => e2e.close())

  const github = () => e2e.emulator.github
  const tenantWrites = () =>
    e2e.emulator.log.filter((entry) => !entry.path.startsWith('/am/') && entry.method !== 'GET').map((e) => `${e.method} ${e.path}`)
  const apiScopes = () => new Set(e2e.emulator.log.filter((e) => !e.path.startsWith('/am/')).flatMap((e) => e.scopes))
  const githubWrites = () => github().log.filter((entry) => entry.method !== 'GET')
  const changeByHand = (value = HAND_MADE) => {
    e2e.emulator.upper.state.variables.get('esv-api-base-url')!.valueBase64 = Buffer.from(value).toString('base64')
  }
  const ourIssues = () =>
    github()
      .issues()
      .filter((issue) => issue.user.login === github().tokenLogin)

  function detect(
    inputs: Record<string, string> = {},
    options: { file?: string; name?: string; tenant?: 'upper' | 'lower'; env?: Record<string, string> } = {}
  ) {
    const name = options.name ?? 'esvs/prod.yaml'
    return e2e.run({
      inputs: {
        operation: 'set-esvs',
        'esv-file': name,
        'detect-drift': 'true',
        'github-token': github().token,
        ...connectionInputs(e2e.emulator, options.tenant),
        ...FAST_WAITS,
        ...inputs
      },
      files: { [name]: options.file ?? ESVS },
      env: options.env ?? { SMTP_PASSWORD },
      eventName: 'schedule',
      extraSecrets: [SMTP_PASSWORD]
    })
  }

  test('no drift: outputs false and 0, no issue opened, nothing written, read scopes only, no secret value needed', async () => {
    // The secret's SMTP_PASSWORD is unset: a drift run neither reads nor sends secret values.
    const run = await detect({ 'drift-issue': 'true' }, { env: {} })
    expect({ exitCode: run.main.exitCode, errors: errorLines(run.main) }).toEqual({ exitCode: 0, errors: [] })
    expect(run.main.outputs).toMatchObject({ drift: 'false', 'drift-count': '0' })
    expect(run.main.outputs['drift-issue-url']).toBeUndefined()
    expect(run.main.summary).toContain('### No drift:')
    expect(tenantWrites()).toEqual([])
    expect([...apiScopes()]).toEqual(['fr:idc:esv:read'])
    expect(githubWrites()).toEqual([])
    expect(github().log.map((e) => `${e.method} ${e.path}`)).toContain('GET /repos/acme/iam-config/issues')
    expect(github().issues()).toEqual([])
  })

  test('drift: outputs true and the count, a warning; fail-on-drift fails with the plan in the summary and writes nothing, even with dry-run false', async () => {
    changeByHand()
    const warned = await detect()
    expect(warned.main.exitCode).toBe(0)
    expect(warned.main.outputs).toMatchObject({ drift: 'true', 'drift-count': '1' })
    expect(warned.main.stdout).toMatch(/::warning::Drift: .* no longer matches esvs\/prod\.yaml \(1 planned change/)

    const failed = await detect({ 'fail-on-drift': 'true', 'dry-run': 'false' })
    expect(failed.main.exitCode).toBe(1)
    expect(failed.main.outputs).toMatchObject({ drift: 'true', 'drift-count': '1' })
    const errors = errorLines(failed.main)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      /^Drift: http\S+ no longer matches esvs\/prod\.yaml \(1 planned change\(s\); the plan is in the job summary\)\. Apply the file \(set-esvs without dry-run and detect-drift\)/
    )
    expect(failed.main.summary).toContain('### Drift: 1 planned change(s) between `esvs/prod.yaml`')
    expect(failed.main.summary).toMatch(/\| `esv-api-base-url` \| variable \| update value \|/)
    // The secret cannot be read back: it is planned as a value push, which is no drift.
    expect(failed.main.summary).toContain('`esv-smtp-password`')
    expect(tenantWrites()).toEqual([])
    expect([...apiScopes()]).toEqual(['fr:idc:esv:read'])
    expect(e2e.emulator.upper.state.variables.get('esv-api-base-url')!.valueBase64).toBe(Buffer.from(HAND_MADE).toString('base64'))
  })

  test('the drift issue is opened, updated by the next run (still one), closed with a comment once the tenant matches, reopened on new drift', async () => {
    changeByHand()
    const opened = await detect({ 'drift-issue': 'true' })
    expect(opened.main.exitCode).toBe(0)
    expect(ourIssues()).toHaveLength(1)
    const issue = ourIssues()[0]!
    expect(issue).toMatchObject({
      state: 'open',
      title: expect.stringMatching(/^Drift: 127\.0\.0\.1:\d+ no longer matches esvs\/prod\.yaml$/)
    })
    expect(issue.body).toMatch(/^<!-- tenant-pilot:drift tenant=\S+ file=esvs%2Fprod\.yaml \{/)
    expect(issue.body).toContain('planned **1** change(s)')
    expect(issue.body).toMatch(/\| `esv-api-base-url` \| variable \| update value \|/)
    expect(issue.body).not.toContain(HAND_MADE)
    expect(opened.main.outputs['drift-issue-url']).toBe(issue.html_url)

    e2e.emulator.upper.state.variables.get('esv-allowed-origins')!.description = 'changed by hand'
    const updated = await detect({ 'drift-issue': 'true' }, { file: ESVS_WITH_ORIGINS })
    expect(updated.main.exitCode).toBe(0)
    expect(updated.main.outputs).toMatchObject({ drift: 'true', 'drift-count': '2' })
    expect(ourIssues()).toHaveLength(1)
    expect(ourIssues()[0]!.body).toContain('planned **2** change(s)')
    expect(github().issues()).toHaveLength(1)

    changeByHand('https://api.example.com')
    e2e.emulator.upper.state.variables.get('esv-allowed-origins')!.description = 'CORS origins'
    github().log.length = 0
    const resolved = await detect({ 'drift-issue': 'true' })
    expect(resolved.main.exitCode).toBe(0)
    expect(resolved.main.outputs).toMatchObject({ drift: 'false', 'drift-count': '0', 'drift-issue-url': issue.html_url })
    expect(ourIssues()[0]).toMatchObject({ state: 'closed', state_reason: 'completed' })
    expect(ourIssues()[0]!.body).toContain('Resolved:')
    expect(
      github()
        .comments(issue.number)
        .map((c) => c.body)
    ).toEqual([expect.stringMatching(/^The tenant matches `esvs\/prod\.yaml` again/)])
    expect(githubWrites().map((e) => `${e.method} ${e.path}`)).toEqual([
      `POST /repos/acme/iam-config/issues/${issue.number}/comments`,
      `PATCH /repos/acme/iam-config/issues/${issue.number}`
    ])

    // Nothing more to do while the tenant matches: no comment, no write.
    github().log.length = 0
    expect((await detect({ 'drift-issue': 'true' })).main.exitCode).toBe(0)
    expect(githubWrites()).toEqual([])

    changeByHand()
    const reopened = await detect({ 'drift-issue': 'true' })
    expect(reopened.main.exitCode).toBe(0)
    expect(github().issues()).toHaveLength(1)
    expect(ourIssues()[0]).toMatchObject({ number: issue.number, state: 'open', state_reason: 'reopened' })
  })

  test('a second file and another tenant each get their own issue', async () => {
    changeByHand()
    expect((await detect({ 'drift-issue': 'true' })).main.exitCode).toBe(0)
    expect(
      (await detect({ 'drift-issue': 'true' }, { file: ESVS.replace('https://api.example.com', HAND_MADE + '/x'), tenant: 'lower' })).main
        .exitCode
    ).toBe(0)
    const settings = await e2e.run({
      inputs: {
        operation: 'set-tenant-settings',
        'settings-file': 'tenant/settings.yaml',
        'detect-drift': 'true',
        'drift-issue': 'true',
        'fail-on-drift': 'true',
        'github-token': github().token,
        ...connectionInputs(e2e.emulator),
        ...FAST_WAITS
      },
      files: { 'tenant/settings.yaml': SETTINGS },
      eventName: 'schedule'
    })
    expect(settings.main.exitCode).toBe(1)
    expect(settings.main.outputs).toMatchObject({ drift: 'true', 'drift-count': '1' })
    expect(errorLines(settings.main)).toEqual([expect.stringMatching(/^Drift: \S+ no longer matches tenant\/settings\.yaml/)])
    expect(settings.main.summary).toContain('`cookie-domains`')
    const titles = ourIssues().map((issue) => issue.title.replace(/127\.0\.0\.1:\d+/, 'HOST'))
    expect(titles).toEqual([
      'Drift: HOST no longer matches esvs/prod.yaml',
      'Drift: HOST no longer matches esvs/prod.yaml',
      'Drift: HOST no longer matches tenant/settings.yaml'
    ])
    const hosts = new Set(ourIssues().map((issue) => issue.title.split(' ')[1]))
    expect(hosts).toEqual(new Set([new URL(e2e.emulator.upper.url).host, new URL(e2e.emulator.lower.url).host]))
    expect(tenantWrites()).toEqual([])
  })

  test('an issue by another author carrying the same marker is not touched: a warning names it, the action opens its own', async () => {
    changeByHand()
    const forged = github().addIssue({
      title: 'Drift (not by the action)',
      body: `${renderDriftMarker({ tenant: e2e.emulator.upper.url, file: 'esvs/prod.yaml', operation: 'set-esvs', drift: true, count: 1 })}\nforged`,
      login: 'mallory',
      labels: [DRIFT_ISSUE_LABEL]
    })
    github().othersComments = 'allowed'
    const run = await detect({ 'drift-issue': 'true' })
    expect(run.main.exitCode).toBe(0)
    expect(run.main.stdout).toContain(
      `Ignored the tenant-pilot marker for ${e2e.emulator.upper.url} and esvs/prod.yaml in the issue ${forged.html_url} by mallory`
    )
    expect(ourIssues()).toHaveLength(1)
    expect(
      github()
        .issues()
        .find((issue) => issue.number === forged.number)
    ).toMatchObject({ body: forged.body, state: 'open' })
    expect(
      githubWrites().filter((e) => e.path.endsWith(`/issues/${forged.number}`) || e.path.includes(`/issues/${forged.number}/`))
    ).toEqual([])

    // The tenant matches again: the action closes its own issue, never the forged one.
    changeByHand('https://api.example.com')
    expect((await detect({ 'drift-issue': 'true' })).main.exitCode).toBe(0)
    expect(ourIssues()[0]!.state).toBe('closed')
    expect(
      github()
        .issues()
        .find((issue) => issue.number === forged.number)
    ).toMatchObject({ body: forged.body, state: 'open' })
    expect(github().comments(forged.number)).toEqual([])
  })

  test('a personal access token finds its issue with the creator filter', async () => {
    github().tokenKind = 'pat'
    changeByHand()
    expect((await detect({ 'drift-issue': 'true' })).main.exitCode).toBe(0)
    expect((await detect({ 'drift-issue': 'true' })).main.exitCode).toBe(0)
    expect(ourIssues()).toHaveLength(1)
    const lists = github().log.filter((e) => e.method === 'GET' && e.path === '/repos/acme/iam-config/issues')
    expect(lists.every((e) => new URLSearchParams(e.query).get('creator') === 'release-manager')).toBe(true)
  })

  test('a token without issues: write: the step fails saying to grant it, after the outputs are set; nothing written to the tenant', async () => {
    changeByHand()
    github().makeTokenReadOnly()
    const run = await detect({ 'drift-issue': 'true' })
    expect(run.main.exitCode).toBe(1)
    expect(run.main.outputs).toMatchObject({ drift: 'true', 'drift-count': '1' })
    const errors = errorLines(run.main)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^Could not keep the drift issue for esvs\/prod\.yaml on \S+: .*403.*grant issues: write/)
    expect(tenantWrites()).toEqual([])
  })

  test('set-tenant-settings: a new custom domain is drift, found with read scopes only and no CNAME check (a POST); a matching file is none', async () => {
    const settingsRun = (file: string) =>
      e2e.run({
        inputs: {
          operation: 'set-tenant-settings',
          'settings-file': 'tenant/settings.yaml',
          'detect-drift': 'true',
          ...connectionInputs(e2e.emulator),
          ...FAST_WAITS
        },
        files: { 'tenant/settings.yaml': file },
        eventName: 'schedule'
      })
    const drifted = await settingsRun('custom-domains:\n  alpha: [login.acme.example]\n')
    expect(drifted.main.exitCode).toBe(0)
    expect(drifted.main.outputs).toMatchObject({ drift: 'true', 'drift-count': '1' })
    expect(e2e.emulator.log.filter((e) => !e.path.startsWith('/am/') && e.method !== 'GET')).toEqual([])
    expect([...apiScopes()]).toEqual(['fr:idc:custom-domain:read'])
    const matching = await settingsRun('cookie-domains: []\n')
    expect(matching.main.exitCode).toBe(0)
    expect(matching.main.outputs).toMatchObject({ drift: 'false', 'drift-count': '0' })
    expect(matching.main.summary).toContain('### No drift:')
  })

  describe('issue 24: the drift issue is the action’s own, found by its label, and no tenant value can steer it', () => {
    const esvMarker = (author?: string) =>
      renderDriftMarker({
        tenant: e2e.emulator.upper.url,
        file: 'esvs/prod.yaml',
        operation: 'set-esvs',
        drift: true,
        count: 1,
        ...(author ? { author } : {})
      })
    const settingsRun = (file: string, inputs: Record<string, string> = {}) =>
      e2e.run({
        inputs: {
          operation: 'set-tenant-settings',
          'settings-file': 'tenant/settings.yaml',
          'detect-drift': 'true',
          'drift-issue': 'true',
          'github-token': github().token,
          ...connectionInputs(e2e.emulator),
          ...FAST_WAITS,
          ...inputs
        },
        files: { 'tenant/settings.yaml': file },
        eventName: 'schedule'
      })
    const issueWrites = (number: number) => githubWrites().filter((e) => new RegExp(`/issues/${number}(/|$)`).test(e.path))

    test('a CSP value carrying the ESV file’s marker, a mention and a fence is escaped in the settings issue; the ESV run never takes that issue', async () => {
      const hostile = `https://cdn.acme.example\n${esvMarker('github-actions[bot]')}\n@alice \`\`\`js`
      e2e.emulator.upper.state.settings.contentSecurityPolicy.enforced = { active: true, directives: { 'script-src': ["'self'", hostile] } }
      const settings = await settingsRun(`content-security-policy:\n  enforced: { active: true, directives: { script-src: ["'self'"] } }\n`)
      expect(settings.main.exitCode).toBe(0)
      expect(settings.main.outputs).toMatchObject({ drift: 'true', 'drift-count': '1' })
      expect(ourIssues()).toHaveLength(1)
      const settingsIssue = ourIssues()[0]!
      const [firstLine, ...rest] = settingsIssue.body!.split('\n')
      expect(firstLine).toMatch(/^<!-- tenant-pilot:drift tenant=\S+ file=tenant%2Fsettings\.yaml \{/)
      const below = rest.join('\n')
      expect(below).toContain('&lt;!-- tenant-pilot:drift')
      expect(below).not.toContain('<!--')
      expect(below).toContain('@&#8203;alice')
      expect(below).not.toMatch(/@alice|```/)
      expect(settings.main.summary).not.toContain(`${esvMarker('github-actions[bot]')}`)

      // The ESV run (drift, then none) opens, and later closes, its own issue: the settings issue is never its.
      changeByHand()
      github().log.length = 0
      expect((await detect({ 'drift-issue': 'true' })).main.exitCode).toBe(0)
      expect(ourIssues()).toHaveLength(2)
      expect(issueWrites(settingsIssue.number)).toEqual([])
      changeByHand('https://api.example.com')
      expect((await detect({ 'drift-issue': 'true' })).main.exitCode).toBe(0)
      expect(issueWrites(settingsIssue.number)).toEqual([])
      expect(
        github()
          .issues()
          .find((i) => i.number === settingsIssue.number)
      ).toMatchObject({ state: 'open', body: settingsIssue.body })
      expect(ourIssues().find((i) => i.number !== settingsIssue.number)).toMatchObject({ state: 'closed' })
    })

    test('a marker below the first line, even in the action’s own labelled issue, is no marker: that issue is left alone', async () => {
      const quoted = github().addIssue({
        title: 'Drift: tenant/settings.yaml',
        body: `${renderDriftMarker({ tenant: e2e.emulator.upper.url, file: 'tenant/settings.yaml', operation: 'set-tenant-settings', drift: true, count: 1 })}\n${esvMarker('github-actions[bot]')}`,
        login: 'github-actions[bot]',
        labels: [DRIFT_ISSUE_LABEL]
      })
      changeByHand()
      expect((await detect({ 'drift-issue': 'true' })).main.exitCode).toBe(0)
      expect(ourIssues()).toHaveLength(2)
      expect(issueWrites(quoted.number)).toEqual([])
      expect(
        github()
          .issues()
          .find((i) => i.number === quoted.number)!.body
      ).toBe(quoted.body)
    })

    test('GITHUB_TOKEN without comment-author: another App bot’s labelled issue with the marker is never edited, commented on or closed', async () => {
      const renovate = github().addIssue({
        title: 'Drift?',
        body: `${esvMarker('renovate[bot]')}\nnot ours`,
        login: 'renovate[bot]',
        labels: [DRIFT_ISSUE_LABEL]
      })
      github().othersComments = 'allowed'
      changeByHand()
      const opened = await detect({ 'drift-issue': 'true' })
      expect(opened.main.exitCode).toBe(0)
      expect(opened.main.stdout).toContain(`in the issue ${renovate.html_url} by renovate[bot]: only issues by github-actions[bot]`)
      expect(ourIssues()).toHaveLength(1)
      changeByHand('https://api.example.com')
      expect((await detect({ 'drift-issue': 'true' })).main.exitCode).toBe(0)
      expect(ourIssues()[0]!.state).toBe('closed')
      expect(issueWrites(renovate.number)).toEqual([])
      expect(github().comments(renovate.number)).toEqual([])
      expect(
        github()
          .issues()
          .find((i) => i.number === renovate.number)
      ).toMatchObject({ state: 'open', body: renovate.body })
    })

    test('a GitHub App token without comment-author: its issue is opened, the step fails naming comment-author; with it, that issue is kept', async () => {
      github().tokenKind = 'app'
      changeByHand()
      const unnamed = await detect({ 'drift-issue': 'true' })
      expect(unnamed.main.exitCode).toBe(1)
      expect(errorLines(unnamed.main)).toEqual([
        expect.stringMatching(
          /^Could not keep the drift issue for esvs\/prod\.yaml on \S+: GitHub says the issue the action just posted .* is by acme-bot\[bot\].*Set comment-author: acme-bot\[bot\]/
        )
      ])
      const mine = github()
        .issues()
        .filter((i) => i.user.login === 'acme-bot[bot]')
      expect(mine).toHaveLength(1)
      expect(mine[0]!.labels.map((l) => l.name)).toContain(DRIFT_ISSUE_LABEL)
      expect(mine[0]!.body).toContain('"author":"acme-bot[bot]"')

      const named = await detect({ 'drift-issue': 'true', 'comment-author': 'acme-bot[bot]' })
      expect(named.main.exitCode).toBe(0)
      expect(
        github()
          .issues()
          .filter((i) => i.user.login === 'acme-bot[bot]')
      ).toHaveLength(1)
      expect(named.main.outputs['drift-issue-url']).toBe(mine[0]!.html_url)
    })

    test('past 10,000 issues the drift issue is still found (the labelled list, paged): no duplicate, and no run reads the whole list', async () => {
      for (let i = 0; i < 10_050; i++) github().addIssue({ title: `Issue ${i}`, body: 'unrelated' })
      changeByHand()
      expect((await detect({ 'drift-issue': 'true' })).main.exitCode).toBe(0)
      expect((await detect({ 'drift-issue': 'true' })).main.exitCode).toBe(0)
      expect(ourIssues()).toHaveLength(1)
      const lists = github().log.filter((e) => e.method === 'GET' && e.path === '/repos/acme/iam-config/issues')
      expect(lists).toHaveLength(2)
      expect(lists.every((e) => new URLSearchParams(e.query).get('labels') === DRIFT_ISSUE_LABEL)).toBe(true)
    })

    test('labels GitHub drops on the create are added at once; labels it keeps are not added again', async () => {
      changeByHand()
      expect((await detect({ 'drift-issue': 'true' })).main.exitCode).toBe(0)
      const [dropped] = ourIssues()
      expect(dropped!.labels.map((l) => l.name)).toEqual([DRIFT_ISSUE_LABEL])
      expect(githubWrites().map((e) => `${e.method} ${e.path}`)).toEqual([
        'POST /repos/acme/iam-config/issues',
        `POST /repos/acme/iam-config/issues/${dropped!.number}/labels`
      ])
      github().labelsOnCreate = 'kept'
      github().log.length = 0
      expect(
        (await detect({ 'drift-issue': 'true' }, { file: ESVS.replace('https://api.example.com', HAND_MADE + '/x'), tenant: 'lower' })).main
          .exitCode
      ).toBe(0)
      expect(githubWrites().map((e) => `${e.method} ${e.path}`)).toEqual(['POST /repos/acme/iam-config/issues'])
      expect(ourIssues()[1]!.labels.map((l) => l.name)).toEqual([DRIFT_ISSUE_LABEL])
    })
  })
})
