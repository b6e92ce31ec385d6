import { describe, expect, test } from '@jest/globals'
import { esvDriftCount, settingsDriftCount } from '../../../src/drift/count.js'
import {
  driftIssueBody,
  driftIssueTarget,
  driftIssueTitle,
  ISSUE_BODY_LIMIT,
  keepDriftIssue,
  resolvedIssueBody
} from '../../../src/drift/issue.js'
import { parseDriftMarker, renderDriftMarker, type DriftMarker } from '../../../src/drift/marker.js'
import { driftFailure, driftSummary } from '../../../src/drift/report.js'
import type { DriftFinding } from '../../../src/drift/types.js'
import { ApiError } from '../../../src/errors.js'
import type { Plan, PlanItem } from '../../../src/esvs/plan.js'
import type { GitHubApi } from '../../../src/github/api.js'
import type { Issue, IssueQuery } from '../../../src/github/types.js'
import type { SettingsPlan } from '../../../src/settings/plan.js'

const tenant = 'https://openam-acme-prod.forgeblocks.com'
const finding: DriftFinding = { operation: 'set-esvs', file: 'esvs/prod.yaml', tenantUrl: tenant, count: 2, planMarkdown: '| plan |' }
const at = new Date('2026-12-02T01:02:03Z')

describe('the drift marker', () => {
  const marker: DriftMarker = {
    tenant,
    file: 'esvs/prod.yaml',
    operation: 'set-esvs',
    drift: true,
    count: 2,
    author: 'github-actions[bot]'
  }

  test('round trips, and is found only for its tenant and file', () => {
    const body = `${renderDriftMarker(marker)}\nrest`
    expect(parseDriftMarker(body, tenant, 'esvs/prod.yaml')).toEqual(marker)
    expect(parseDriftMarker(body, tenant, 'esvs/dev.yaml')).toBeUndefined()
    expect(parseDriftMarker(body, 'https://other.forgeblocks.com', 'esvs/prod.yaml')).toBeUndefined()
    // A path that contains a space or the marker's own separators stays one token.
    const odd = { ...marker, file: 'esvs/my file -->.yaml' }
    expect(renderDriftMarker(odd)).not.toMatch(/-->.*-->/)
    expect(parseDriftMarker(renderDriftMarker(odd), tenant, odd.file)).toEqual(odd)
  })

  test('a value cannot end the HTML comment early', () => {
    const text = renderDriftMarker({ ...marker, author: 'x--><script>' })
    expect(text.indexOf('-->')).toBe(text.length - 3)
  })

  test('a promotion marker is not a drift marker', () => {
    expect(
      parseDriftMarker(`<!-- tenant-pilot:promotion tenant=${tenant} {"operation":"promote"} -->`, tenant, 'esvs/prod.yaml')
    ).toBeUndefined()
  })
})

describe('the drift issue body', () => {
  test('marker first, what differs, what to do, the plan', () => {
    const body = driftIssueBody(finding, { author: 'github-actions[bot]', runUrl: 'https://github.com/acme/iam-config/actions/runs/1', at })
    const lines = body.split('\n')
    expect(parseDriftMarker(lines[0]!, tenant, 'esvs/prod.yaml')).toMatchObject({ drift: true, count: 2, author: 'github-actions[bot]' })
    expect(body).toContain(`### ${driftIssueTitle(finding)}`)
    expect(body).toContain('planned **2** change(s)')
    expect(body).toContain('2026-12-02 01:02 UTC, [run](https://github.com/acme/iam-config/actions/runs/1)')
    expect(body).toContain('**What to do:**')
    expect(body.endsWith('| plan |')).toBe(true)
    expect(driftIssueTitle(finding)).toBe('Drift: openam-acme-prod.forgeblocks.com no longer matches esvs/prod.yaml')
  })

  test('a plan too long for GitHub is cut at a line, saying where the rest is', () => {
    const long = { ...finding, planMarkdown: Array.from({ length: 5000 }, (_, i) => `| row ${i} | ${'x'.repeat(20)} |`).join('\n') }
    const body = driftIssueBody(long, { author: undefined, runUrl: 'https://run', at })
    expect(body.length).toBeLessThanOrEqual(ISSUE_BODY_LIMIT)
    expect(body).toMatch(
      /\| row \d+ \| x+ \|\n\n_Cut to fit GitHub's limit: the whole plan is in the job summary of the \[run\]\(https:\/\/run\)\._$/
    )
  })

  test('resolved: the marker says no drift', () => {
    const body = resolvedIssueBody({ ...finding, count: 0 }, { author: 'bot[bot]', runUrl: undefined, at })
    expect(parseDriftMarker(body, tenant, 'esvs/prod.yaml')).toMatchObject({ drift: false, count: 0 })
    expect(body).toContain('Resolved:')
  })
})

describe('the summary and the failure', () => {
  test('one line for the failure; a heading over the plan', () => {
    expect(driftFailure(finding)).not.toContain('\n')
    expect(driftFailure(finding)).toMatch(/^Drift: .* no longer matches esvs\/prod\.yaml \(2 planned change\(s\)/)
    expect(driftSummary(finding)).toBe('### Drift: 2 planned change(s) between `esvs/prod.yaml` and ' + tenant + '\n\n| plan |')
    expect(driftSummary({ ...finding, count: 0 })).toMatch(/^### No drift:/)
  })
})

describe('what counts as drift', () => {
  const item = (action: PlanItem['action'], setDescription = false): PlanItem => ({
    id: `esv-${action}`,
    kind: 'variable',
    action,
    setDescription,
    desired: undefined,
    currentKind: undefined,
    latestVersion: undefined
  })

  test('ESVs: every change and refusal, but not a secret value push on its own', () => {
    const plan: Plan = {
      items: [item('unchanged'), item('check-value'), item('check-value', true), item('update'), item('delete'), item('create')],
      refusals: ['esv-x: type change'],
      unmanaged: ['esv-kept'],
      pending: []
    }
    expect(esvDriftCount(plan)).toBe(5)
    expect(esvDriftCount({ ...plan, items: [item('unchanged'), item('check-value')], refusals: [] })).toBe(0)
  })

  test('settings: updates, certificate steps and refusals', () => {
    const plan = {
      settings: [{ action: 'update' }, { action: 'unchanged' }],
      certificates: [{ action: 'upload' }, { action: 'unchanged' }],
      domainsToVerify: [],
      unmanagedCertificates: [],
      refusals: ['r']
    } as unknown as SettingsPlan
    expect(settingsDriftCount(plan)).toBe(3)
  })
})

describe('keeping the drift issue (an in-memory repository)', () => {
  /** The token edits only its own issues, as the emulator does by default. */
  function fakeRepository(tokenLogin: string, issues: Issue[], userLogin?: string) {
    const calls: string[] = []
    let next = 900
    const api = {
      authenticatedLogin: () => Promise.resolve(userLogin),
      listIssues: (query: IssueQuery) => {
        calls.push(`LIST ${query.state}${query.labels ? ` labels=${query.labels}` : ''}${query.creator ? ` creator=${query.creator}` : ''}`)
        const named = (issue: Issue) => (issue.labels ?? []).map((label) => (typeof label === 'string' ? label : label.name))
        return Promise.resolve(
          issues.filter((i) => (!query.creator || i.user?.login === query.creator) && (!query.labels || named(i).includes(query.labels)))
        )
      },
      addLabels: (number: number, labels: string[]) => {
        calls.push(`LABEL ${number}`)
        const issue = issues.find((i) => i.number === number)!
        issue.labels = [...(issue.labels ?? []), ...labels.map((name) => ({ name }))]
        return Promise.resolve()
      },
      listComments: () => Promise.resolve([]),
      sendOnce: <T>(_what: string, send: () => Promise<T>) => send(),
      createIssue: (request: { title: string; body: string }) => {
        calls.push('CREATE')
        const issue: Issue = {
          id: next,
          number: next++,
          title: request.title,
          body: request.body,
          state: 'open',
          html_url: `i#${next}`,
          user: { login: tokenLogin, type: 'Bot' }
        }
        issues.push(issue)
        return Promise.resolve(issue)
      },
      updateIssue: (number: number, request: { body?: string; state?: string }) => {
        calls.push(`UPDATE ${number}${request.state ? ` ${request.state}` : ''}`)
        const issue = issues.find((i) => i.number === number)!
        if (issue.user?.login !== tokenLogin)
          return Promise.reject(new ApiError({ method: 'PATCH', path: `/issues/${number}`, status: 403 }))
        Object.assign(issue, request)
        return Promise.resolve(issue)
      },
      createComment: (number: number) => {
        calls.push(`COMMENT ${number}`)
        return Promise.resolve({ id: 1, html_url: 'c', user: { login: tokenLogin } })
      }
    } as unknown as GitHubApi
    return { target: driftIssueTarget(api, undefined, 'https://run'), calls }
  }

  test('opened, then updated in place, then commented on and closed, then reopened', async () => {
    const issues: Issue[] = []
    const { target, calls } = fakeRepository('github-actions[bot]', issues)
    expect(await keepDriftIssue(target, finding, at)).toMatchObject({ action: 'opened' })
    // GitHub dropped the label of the create (no push access): it is added at once, or the next run would not find the issue.
    // The issue is by the Actions bot, as assumed: its marker recorded that already, so nothing is written again.
    expect(calls).toEqual(['LIST all labels=tenant-pilot-drift', 'CREATE', 'LABEL 900'])
    expect(parseDriftMarker(issues[0]!.body!, tenant, 'esvs/prod.yaml')?.author).toBe('github-actions[bot]')
    calls.length = 0
    expect(await keepDriftIssue(target, { ...finding, count: 3 }, at)).toMatchObject({ action: 'updated' })
    expect(calls).toEqual(['LIST all labels=tenant-pilot-drift', 'UPDATE 900'])
    calls.length = 0
    expect(await keepDriftIssue(target, { ...finding, count: 0 }, at)).toMatchObject({ action: 'closed' })
    expect(calls).toEqual(['LIST all labels=tenant-pilot-drift', 'COMMENT 900', 'UPDATE 900 closed'])
    calls.length = 0
    expect(await keepDriftIssue(target, { ...finding, count: 0 }, at)).toMatchObject({ action: 'none' })
    expect(calls).toEqual(['LIST all labels=tenant-pilot-drift'])
    expect(await keepDriftIssue(target, finding, at)).toMatchObject({ action: 'reopened' })
    expect(issues).toHaveLength(1)
  })

  test('a person’s token lists with the creator filter; a forged issue by someone else is never touched', async () => {
    const forged: Issue = {
      id: 1,
      number: 1,
      body: renderDriftMarker({ tenant, file: 'esvs/prod.yaml', operation: 'set-esvs', drift: true, count: 1 }),
      state: 'open',
      html_url: 'i#1',
      user: { login: 'mallory', type: 'User' }
    }
    const { target, calls } = fakeRepository('release-manager', [forged], 'release-manager')
    expect(await keepDriftIssue(target, finding, at)).toMatchObject({ action: 'opened' })
    expect(calls).toEqual(['LIST all labels=tenant-pilot-drift creator=release-manager', 'CREATE', 'LABEL 900'])
  })

  test('GitHub will not say who the token is: only GITHUB_TOKEN’s issue counts, another App bot’s is never touched', async () => {
    const byBot = (login: string, number: number): Issue => ({
      id: number,
      number,
      body: renderDriftMarker({ tenant, file: 'esvs/prod.yaml', operation: 'set-esvs', drift: true, count: 1, author: login }),
      state: 'open',
      html_url: `i#${number}`,
      user: { login, type: 'Bot' },
      labels: [{ name: 'tenant-pilot-drift' }]
    })
    const issues = [byBot('other-bot[bot]', 1)]
    const { target, calls } = fakeRepository('github-actions[bot]', issues)
    expect(await keepDriftIssue(target, finding, at)).toMatchObject({ action: 'opened' })
    expect(calls).toEqual(['LIST all labels=tenant-pilot-drift', 'CREATE', 'LABEL 900'])
    calls.length = 0
    expect(await keepDriftIssue(target, { ...finding, count: 0 }, at)).toMatchObject({ action: 'closed' })
    expect(calls).toEqual(['LIST all labels=tenant-pilot-drift', 'COMMENT 900', 'UPDATE 900 closed'])
    expect(issues[0]).toMatchObject({ state: 'open', body: byBot('other-bot[bot]', 1).body })
  })

  test('a GitHub App token without comment-author: its issue is opened, then the step is told which comment-author to set', async () => {
    const issues: Issue[] = []
    const { target } = fakeRepository('acme-bot[bot]', issues)
    await expect(keepDriftIssue(target, finding, at)).rejects.toThrow(
      /^Could not keep the drift issue for esvs\/prod\.yaml on .*: GitHub says the issue the action just posted .* is by acme-bot\[bot\], not github-actions\[bot\].*Set comment-author: acme-bot\[bot\]/
    )
    expect(issues).toHaveLength(1)
    expect(parseDriftMarker(issues[0]!.body!, tenant, 'esvs/prod.yaml')?.author).toBe('acme-bot[bot]')
  })
})
