/**
 * `npm run demo`: the PR gate end to end on the embedded emulator (a tenant pair and a GitHub server),
 * running the built dist/index.js as the GitHub runner runs it (tools/local-runner.ts). Each step says
 * what it does, and the demo checks that it did: a step that did not is an error, and the exit code is 1.
 * The PR comment is printed as Markdown and written, with the job summaries, as HTML to demo-output/.
 *
 * `npm run demo -- restart` runs a single operation instead (see SINGLE_DEMOS).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmulator, type ConfigEntry, type Emulator, type GitHubComment } from '../emulator/index.js'
import { cleanup, errorLines, runAction, type ActionRun, type RunOptions } from '../tools/local-runner.js'
import { htmlPage } from './markdown-html.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
/** Where the demo writes its HTML; DEMO_OUTPUT points elsewhere (the test's scratch folder). */
const OUTPUT_DIR = process.env.DEMO_OUTPUT ?? join(ROOT, 'demo-output')
const FIRST_PR = 7
/** A reviewer with write access to the repository (the emulated GitHub's roles), not the PRs' author. */
const REVIEWER = 'alice'
const SECOND_PR = 8
/** The merge commits of the two PRs: each push's GITHUB_SHA, linked to its PR on the GitHub emulator. */
const MERGE_SHAS: Record<number, string> = { [FIRST_PR]: '7'.repeat(40), [SECOND_PR]: '8'.repeat(40) }
const RESTART_MS = 1500
const ESV = 'esv-partner-endpoint'

/** A step did not do what the demo says it does. */
class DemoError extends Error {}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new DemoError(`demo step failed: ${what}`)
}

interface Gate {
  emulator: Emulator
  runs: ActionRun[]
  summaries: Array<{ step: string; markdown: string }>
  step: number
}

function say(gate: Gate, title: string, detail?: string): void {
  gate.step += 1
  console.log(`\n${gate.step}. ${title}`)
  if (detail) console.log(`   ${detail}`)
}

function done(text: string): void {
  console.log(`   ✓ ${text}`)
}

/** Inputs every promotion step shares: the upper tenant, the emulator's GitHub token, the pair's names, quick polls. */
function promotionInputs(emulator: Emulator, operation: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    operation,
    'tenant-url': emulator.upper.url,
    'service-account-id': emulator.serviceAccount.id,
    'service-account-key': emulator.serviceAccount.privateJwk,
    'github-token': emulator.github.token,
    'lower-name': 'dev',
    'upper-name': 'staging',
    'poll-interval': '0.2',
    'promotion-timeout': '30',
    ...extra
  }
}

async function runStep(gate: Gate, name: string, options: RunOptions): Promise<ActionRun> {
  const run = await runAction({ timeoutMs: 30_000, ...options, env: { GITHUB_API_URL: gate.emulator.github.url, ...options.env } })
  gate.runs.push(run)
  gate.summaries.push({ step: name, markdown: run.main.summary })
  const lock = gate.emulator.promotion.lockState().result
  check(lock === 'unlocked', `after ${name} the environments are ${lock}, not unlocked`)
  return run
}

const pullRequestEvent = (number: number) => ({
  eventName: 'pull_request',
  event: { pull_request: { number, base: { ref: 'main' } } }
})
/** The push of a PR's merge commit to main. */
const mergePush = (pr: number) => ({
  eventName: 'push',
  event: { ref: 'refs/heads/main', after: MERGE_SHAS[pr]! },
  env: { GITHUB_SHA: MERGE_SHAS[pr]! }
})

/** A review as a person gives it: through GitHub's REST API, with their own token. */
async function approveThroughGitHub(emulator: Emulator, pr: number, login: string): Promise<{ state: string; submitted_at: string }> {
  const response = await fetch(`${emulator.github.url}/repos/acme/iam-config/pulls/${pr}/reviews`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emulator.github.tokenFor(login)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ event: 'APPROVE', body: 'The dry run shows what I expect.' })
  })
  check(response.status === 200, `GitHub accepted the review (HTTP ${response.status})`)
  return (await response.json()) as { state: string; submitted_at: string }
}

function botComment(gate: Gate, pr: number): GitHubComment {
  const comments = gate.emulator.github.comments(pr).filter((comment) => comment.user.login === 'github-actions[bot]')
  check(comments.length === 1, `PR #${pr} has one sticky comment (it has ${comments.length})`)
  return comments[0]!
}

/** Each tenant's config as comparable text: what a promotion makes equal. */
function configOf(emulator: Emulator, tenant: 'lower' | 'upper'): string {
  const entries = [...emulator.promotion.config(tenant).values()].map((entry) => JSON.stringify(entry)).sort()
  return entries.join('\n')
}

function journey(name: string, extra: Partial<ConfigEntry> = {}): ConfigEntry {
  return {
    section: 'AMConfig',
    configItem: 'Journeys',
    uid: `journey/${name}`,
    realm: '/alpha',
    name,
    body: `page-node,${name},success`,
    esvRefs: [],
    encryptedSecrets: [],
    ...extra
  }
}

async function prGate(): Promise<number> {
  const emulator = await startEmulator({ restartMs: RESTART_MS, promotionLockMs: 200, promotionRunMs: 1000 })
  const gate: Gate = { emulator, runs: [], summaries: [], step: 0 }
  try {
    console.log(
      `The PR gate on the embedded emulator: dev ${emulator.lower.url} → staging ${emulator.upper.url}, GitHub ${emulator.github.url}`
    )
    // The change under review: a journey in dev that reads an ESV staging does not have yet.
    emulator.promotion.config('lower').set(`journey/PartnerLogin`, journey('PartnerLogin', { esvRefs: [ESV] }))

    say(
      gate,
      `set-esvs on staging: creates ${ESV}, which dev's new PartnerLogin journey references`,
      'then restarts staging so it applies (an emulated restart takes 1.5 s)'
    )
    check(!emulator.upper.state.variables.has(ESV), `staging starts without ${ESV}`)
    const esvs = await runStep(gate, 'set-esvs', {
      inputs: {
        operation: 'set-esvs',
        'tenant-url': emulator.upper.url,
        'service-account-id': emulator.serviceAccount.id,
        'service-account-key': emulator.serviceAccount.privateJwk,
        'esv-file': 'esvs/staging.yaml',
        'poll-interval': '0.2',
        'restart-timeout': '30',
        // The demo sets the ESV directly; a team's workflow plans it on a PR first (docs/plans.md).
        'require-approval': 'false'
      },
      files: { 'esvs/staging.yaml': `variables:\n  ${ESV}:\n    value: https://partner.example.com\n` }
    })
    check(esvs.main.exitCode === 0, `set-esvs exits 0 (exit ${esvs.main.exitCode}: ${errorLines(esvs.main).join('; ')})`)
    check(emulator.upper.state.variables.has(ESV), `staging now holds ${ESV}`)
    const restarted = emulator.log.some(
      (entry) => entry.tenant === 'upper' && entry.method === 'POST' && entry.path === '/environment/startup'
    )
    check(
      restarted && esvs.main.outputs['restart-status'] === 'ready',
      `staging was restarted and is ready (${esvs.main.outputs['restart-status']})`
    )
    done(`staging holds ${ESV} and was restarted`)

    say(gate, `dry-run-promote on pull request #${FIRST_PR}: locks, dry-runs dev → staging, unlocks, posts the report`)
    const dryRun = await runStep(gate, 'dry-run-promote', {
      inputs: promotionInputs(emulator, 'dry-run-promote', { description: 'PartnerLogin journey for the partner portal' }),
      ...pullRequestEvent(FIRST_PR)
    })
    check(dryRun.main.exitCode === 0, `dry-run-promote exits 0 (${errorLines(dryRun.main).join('; ')})`)
    check(dryRun.main.outputs['has-changes'] === 'true', 'the dry run found changes')
    const fingerprint = dryRun.main.outputs['report-fingerprint']
    check(fingerprint?.startsWith('sha256:'), 'the dry run has a fingerprint')
    check(!configOf(emulator, 'upper').includes('PartnerLogin'), 'a dry run changes nothing in staging')
    const comment = botComment(gate, FIRST_PR)
    check(comment.body.includes('### 🔎 Promotion dry run · dev → staging'), 'the comment names the pair')
    check(
      comment.body.includes('**Next:** a reviewer with write access approves this pull request after this dry run'),
      'the comment says what approves it'
    )
    check(comment.body.includes('The approval binds which items change, not their content'), 'the comment says what an approval binds')
    const check7 = emulator.github.pulls.statuses(emulator.github.pulls.get(FIRST_PR)!.head.sha)[0]
    check(check7?.state === 'success' && check7.description?.includes(fingerprint!), "the dry run's check is on the PR's head")
    check(!comment.body.includes('Missing ESVs'), 'no ESV is missing any more')
    done(`${dryRun.main.outputs['report-id'] ? 'report stored on staging' : ''}; fingerprint ${fingerprint}; comment posted`)
    const dryRunComment = comment.body

    say(gate, `The sticky comment on PR #${FIRST_PR}, as the reviewer reads it (Markdown):`)
    console.log(indent(dryRunComment))

    say(gate, `@${REVIEWER} (write access, not the author) reviews PR #${FIRST_PR} a minute after its dry run and approves it; it merges`)
    emulator.github.advanceClock(60_000)
    const review = await approveThroughGitHub(emulator, FIRST_PR, REVIEWER)
    check(review.state === 'APPROVED', 'GitHub recorded the approval')
    emulator.github.pulls.merge(FIRST_PR, 'squash', MERGE_SHAS[FIRST_PR]!)
    done(`approved at ${review.submitted_at}; merged as ${MERGE_SHAS[FIRST_PR]!.slice(0, 7)}`)

    say(
      gate,
      `promote on the merge of PR #${FIRST_PR} (a push to main): the approval is that review, after the dry run; it promotes exactly that`
    )
    const promoted = await runStep(gate, 'promote', { inputs: promotionInputs(emulator, 'promote'), ...mergePush(FIRST_PR) })
    check(promoted.main.exitCode === 0, `promote exits 0 (${errorLines(promoted.main).join('; ')})`)
    check(promoted.main.stdout.includes(`Approved fingerprint ${fingerprint}`), "promote used the comment's approval")
    check(promoted.main.stdout.includes(`Approved by @${REVIEWER}`), 'promote names the reviewer')
    check(promoted.main.outputs['report-fingerprint'] === fingerprint, 'what was promoted is what was approved')
    check(configOf(emulator, 'upper') === configOf(emulator, 'lower'), 'staging now equals dev')
    check(botComment(gate, FIRST_PR).body.includes('✅ Promoted · dev → staging'), 'the comment now says promoted')
    done('staging now holds exactly what dev holds; the comment says ✅ Promoted')
    const promotedComment = botComment(gate, FIRST_PR).body

    say(gate, `A new change in dev, reviewed on PR #${SECOND_PR}: its dry run is approved with one change`)
    emulator.promotion.config('lower').set('journey/Passwordless', journey('Passwordless'))
    const second = await runStep(gate, 'dry-run-promote-2', {
      inputs: promotionInputs(emulator, 'dry-run-promote', { description: 'Passwordless journey' }),
      ...pullRequestEvent(SECOND_PR)
    })
    check(second.main.exitCode === 0, `the second dry run exits 0 (${errorLines(second.main).join('; ')})`)
    check(botComment(gate, SECOND_PR).body.includes('| Journeys | added | Passwordless |'), "PR #8's comment shows the one change")
    emulator.github.advanceClock(60_000)
    await approveThroughGitHub(emulator, SECOND_PR, REVIEWER)
    done(`PR #${SECOND_PR}'s comment shows 1 change, fingerprint ${second.main.outputs['report-fingerprint']}; @${REVIEWER} approves it`)

    say(gate, 'Someone changes dev again after the review (an unreviewed journey); then PR #8 merges')
    emulator.promotion.config('lower').set('journey/Unreviewed', journey('Unreviewed'))
    emulator.github.pulls.merge(SECOND_PR, 'squash', MERGE_SHAS[SECOND_PR]!)
    const before = configOf(emulator, 'upper')
    const refused = await runStep(gate, 'promote-refused', { inputs: promotionInputs(emulator, 'promote'), ...mergePush(SECOND_PR) })
    const [error = ''] = errorLines(refused.main)
    check(refused.main.exitCode === 1, `the second promote fails (exit ${refused.main.exitCode})`)
    check(error.includes('The lower environment changed since the dry run that was approved'), 'promote refuses: dev changed')
    check(error.includes('+ AMConfig Journeys: added Unreviewed'), 'the refusal names the difference')
    check(configOf(emulator, 'upper') === before, 'nothing reached staging')
    check(botComment(gate, SECOND_PR).body.includes('❌ Promotion failed · dev → staging'), "PR #8's comment says it failed")
    done('refused, nothing promoted; the error names the difference:')
    console.log(indent(error.split('\n').slice(-2).join('\n')))
    const refusedComment = botComment(gate, SECOND_PR).body

    check(emulator.promotion.runs.filter((run) => !run.dryRun).length === 1, 'exactly one real promotion ran')
    done('the environments were unlocked after every step')

    writeOutput(gate, [
      { file: 'comment.html', title: `PR #${FIRST_PR}: the dry run's comment`, markdown: dryRunComment },
      { file: 'comment-promoted.html', title: `PR #${FIRST_PR} after the merge`, markdown: promotedComment },
      { file: 'comment-refused.html', title: `PR #${SECOND_PR} after the merge`, markdown: refusedComment }
    ])
    return 0
  } finally {
    gate.runs.forEach(cleanup)
    writeSecretsForLeakScan(emulator)
    await emulator.close()
  }
}

/**
 * DEMO_SECRETS_FILE (set only by the demo's own test): every secret the run
 * held, so the test can scan the demo's output for them in every form.
 */
function writeSecretsForLeakScan(emulator: Emulator): void {
  const path = process.env.DEMO_SECRETS_FILE
  if (!path) return
  writeFileSync(path, JSON.stringify([emulator.serviceAccount.privateJwk, emulator.github.token, ...emulator.issuedTokens()]))
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `   ${line}`)
    .join('\n')
}

function writeOutput(gate: Gate, comments: Array<{ file: string; title: string; markdown: string }>): void {
  rmSync(OUTPUT_DIR, { recursive: true, force: true })
  mkdirSync(OUTPUT_DIR, { recursive: true })
  const files: string[] = []
  const write = (file: string, title: string, markdown: string, byline: string): void => {
    writeFileSync(join(OUTPUT_DIR, file), htmlPage(title, markdown, byline))
    files.push(file)
  }
  for (const { file, title, markdown } of comments) {
    write(file, title, markdown, '**github-actions** commented')
    writeFileSync(join(OUTPUT_DIR, file.replace(/\.html$/, '.md')), markdown)
  }
  for (const { step, markdown } of gate.summaries) write(`summary-${step}.html`, `Job summary: ${step}`, markdown, `Job summary · ${step}`)
  const shortPath = relative(process.cwd(), OUTPUT_DIR)
  const where = shortPath.startsWith('..') ? OUTPUT_DIR : shortPath || '.'
  console.log(`\nThe PR gate did what it says. Open ${join(where, 'comment.html')} in a browser for the PR comment;`)
  console.log(
    `${where}/ also holds ${files.filter((f) => f.startsWith('comment-')).join(', ')} and the job summaries (summary-<step>.html).`
  )
}

/** One operation against the emulator: what the step is given, and a line saying what it will do. */
interface SingleDemo {
  says: string
  step: (emulator: Emulator) => Pick<RunOptions, 'inputs' | 'files'>
}

const connection = (emulator: Emulator): Record<string, string> => ({
  'tenant-url': emulator.upper.url,
  'service-account-id': emulator.serviceAccount.id,
  'service-account-key': emulator.serviceAccount.privateJwk,
  'poll-interval': '0.5',
  'restart-timeout': '60'
})

/** The single-operation demos: `npm run demo -- <name>`, each an operation by its name. */
const SINGLE_DEMOS: Record<string, SingleDemo> = {
  restart: {
    says: 'restart the upper tenant and wait until it is ready',
    step: (emulator) => ({ inputs: { operation: 'restart', ...connection(emulator) } })
  },
  'set-esvs': {
    says: "make the upper tenant's ESVs match esvs/staging.yaml (one variable, one secret from the environment), then restart once",
    step: (emulator) => ({
      inputs: { operation: 'set-esvs', 'esv-file': 'esvs/staging.yaml', 'require-approval': 'false', ...connection(emulator) },
      files: {
        'esvs/staging.yaml': [
          'variables:',
          '  esv-demo-login-url:',
          '    type: string',
          '    value: https://login.staging.acme.example',
          '    description: Where the login journey sends people',
          'secrets:',
          '  esv-demo-smtp-password:',
          '    value-from-env: DEMO_SMTP_PASSWORD',
          ''
        ].join('\n')
      }
    })
  },
  'rotate-secret': {
    says: 'rotate the ESV secret esv-demo-signing-key (created if missing), restart, retire old versions',
    step: (emulator) => ({
      inputs: { operation: 'rotate-secret', 'secret-id': 'esv-demo-signing-key', 'create-if-missing': 'true', ...connection(emulator) }
    })
  },
  'promotion-report': {
    says: 'show the provisional promotion report, without locking anything',
    step: (emulator) => ({ inputs: { operation: 'promotion-report', comment: 'false', ...connection(emulator) } })
  },
  'set-tenant-settings': {
    says: "make the upper tenant's cookie domains match tenant/staging.yaml",
    step: (emulator) => ({
      inputs: {
        operation: 'set-tenant-settings',
        'settings-file': 'tenant/staging.yaml',
        'require-approval': 'false',
        ...connection(emulator)
      },
      files: { 'tenant/staging.yaml': 'cookie-domains: [staging.acme.example]\n' }
    })
  }
}

async function singleDemo(name: string, demo: SingleDemo): Promise<number> {
  const restartMs = 3000
  const emulator = await startEmulator({ restartMs })
  try {
    console.log(`Tenant emulator: lower ${emulator.lower.url}, upper ${emulator.upper.url}`)
    console.log(`Running: operation=${name}, to ${demo.says} (an emulated restart takes ${restartMs / 1000} s)\n`)
    const run = await runAction({ ...demo.step(emulator), env: { DEMO_SMTP_PASSWORD: 'demo-only-smtp-password-1234' }, echo: true })
    console.log(`\nExit code: ${run.main.exitCode}`)
    console.log('Outputs:', JSON.stringify(run.main.outputs))
    console.log(`Job summary:\n${run.main.summary}`)
    console.log('Requests the tenant received:')
    for (const entry of emulator.log)
      console.log(
        `  ${entry.tenant.padEnd(5)} ${entry.method.padEnd(6)} ${entry.path}${entry.query ? `?${entry.query.replace(/^\?/, '')}` : ''} -> ${entry.status}`
      )
    cleanup(run)
    return run.main.exitCode ?? 1
  } finally {
    await emulator.close()
  }
}

function main(args: string[]): Promise<number> {
  const [name] = args
  if (!name) return prGate()
  const single = SINGLE_DEMOS[name]
  if (single) return singleDemo(name, single)
  console.error(`Unknown demo "${name}". Run npm run demo for the PR gate, or one of: ${Object.keys(SINGLE_DEMOS).join(', ')}`)
  return Promise.resolve(2)
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof DemoError ? error.message : error)
    process.exit(1)
  }
)
