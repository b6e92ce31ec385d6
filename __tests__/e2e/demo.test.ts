import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from '@jest/globals'
import { findLeaksInTexts } from '../helpers/leaks.js'

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx')

function runDemo(args: string[], output: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['scripts/demo.ts', ...args], {
      env: { ...process.env, DEMO_OUTPUT: output, DEMO_SECRETS_FILE: join(output, '..', `${output.split('/').pop()}-secrets.json`) },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('npm run demo', () => {
  const output = mkdtempSync(join(tmpdir(), 'tenant-pilot-demo-'))
  afterAll(() => rmSync(output, { recursive: true, force: true }))

  test('runs the PR gate end to end on dist/index.js, checks every step, and writes the comment and summaries as HTML', async () => {
    const { code, stdout, stderr } = await runDemo([], output)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    for (const step of [
      '1. set-esvs on staging',
      '2. dry-run-promote on pull request #7',
      '3. The sticky comment on PR #7',
      '4. @alice (write access, not the author) reviews PR #7 a minute after its dry run and approves it; it merges',
      '5. promote on the merge of PR #7',
      '6. A new change in dev, reviewed on PR #8',
      '7. Someone changes dev again after the review'
    ])
      expect(stdout).toContain(step)
    expect(stdout).toContain('### 🔎 Promotion dry run · dev → staging')
    expect(stdout).toContain('✓ staging now holds exactly what dev holds')
    expect(stdout).toContain('+ AMConfig Journeys: added Unreviewed')
    expect(stdout).toContain('✓ the environments were unlocked after every step')
    expect(stdout.trimEnd().split('\n').at(-2)).toContain(`Open ${join(output, 'comment.html')} in a browser`)
    expect(stdout.trimEnd().split('\n').at(-1)).toContain('the job summaries (summary-<step>.html)')
    const comment = readFileSync(join(output, 'comment.html'), 'utf8')
    expect(comment).toContain('<h3>🔎 Promotion dry run · dev → staging</h3>')
    expect(comment).toContain('<td>PartnerLogin</td>')
    // Sections collapsed, as GitHub shows them; deletions counted in their summary.
    expect(comment).toContain('<details><summary>IDMConfig: 2 changes (1 deletion)</summary>')
    expect(comment).not.toContain('<details open>')
    expect(readFileSync(join(output, 'comment-promoted.html'), 'utf8')).toMatch(
      /Approved by @alice \d\d:\d\d:\d\d UTC, after the dry run of/
    )
    expect(comment).not.toContain('tenant-pilot:promotion')
    for (const file of ['comment-promoted.html', 'comment-refused.html', 'summary-set-esvs.html', 'summary-promote-refused.html'])
      expect(existsSync(join(output, file))).toBe(true)
    expect(readFileSync(join(output, 'comment-refused.html'), 'utf8')).toContain('Promotion failed · dev → staging')

    // No secret of the run, in any form, in what the demo printed or wrote for a person to open.
    const secretsFile = join(output, '..', `${output.split('/').pop()}-secrets.json`)
    const held = JSON.parse(readFileSync(secretsFile, 'utf8')) as string[]
    rmSync(secretsFile)
    const jwk = JSON.parse(held[0] ?? '{}') as Record<string, string>
    const secrets = [...held, ...['d', 'p', 'q', 'dp', 'dq', 'qi'].map((member) => jwk[member] ?? '')]
    expect(secrets.length).toBeGreaterThan(8)
    const texts: Record<string, string> = { stdout }
    for (const file of readdirSync(output)) texts[file] = readFileSync(join(output, file), 'utf8')
    expect(findLeaksInTexts(texts, secrets)).toEqual([])
    expect(findLeaksInTexts({ planted: `x ${jwk.d ?? ''} y` }, secrets).length).toBeGreaterThan(0)
  })

  test.each(['restart', 'set-esvs', 'rotate-secret', 'promotion-report', 'set-tenant-settings'])(
    'npm run demo -- %s runs that one operation on dist/index.js and shows what the tenant received',
    async (name) => {
      const { code, stdout, stderr } = await runDemo([name], output)
      expect(stderr).toBe('')
      expect(code).toBe(0)
      expect(stdout).toContain(`Running: operation=${name}`)
      expect(stdout).toContain('Exit code: 0')
      expect(stdout).toMatch(/Requests the tenant received:\n {2}upper POST {3}\/am\/oauth2\/access_token -> 200/)
      expect(stdout).not.toContain('demo-only-smtp-password-1234')
    }
  )

  test('an unknown demo name is refused with the names there are', async () => {
    const { code, stderr } = await runDemo(['no-such-demo'], output)
    expect(code).toBe(2)
    expect(stderr).toContain(
      'Unknown demo "no-such-demo". Run npm run demo for the PR gate, or one of: restart, set-esvs, rotate-secret, promotion-report, set-tenant-settings'
    )
  })
})
