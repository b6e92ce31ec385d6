import type { ActionRun, StepRun } from '../../tools/local-runner.js'

export interface LeakScanOptions {
  /** Outputs declared secret, which may carry a secret (masked by the runner). */
  secretOutputs?: string[]
  /** Other text the action produced that must be clean: PR comment bodies, the emulator's log. */
  extraTexts?: Record<string, string>
}

/**
 * The runner consumes `::add-mask::` commands and masks those values in its
 * log, so those lines are the one place a secret may appear in stdout.
 */
function visibleStdout(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

/** Every place a step's text ends up where people can read it. */
function exposedTexts(name: string, step: StepRun, options: LeakScanOptions): Record<string, string> {
  const texts: Record<string, string> = {
    [`${name} stdout`]: visibleStdout(step.stdout),
    [`${name} stderr`]: step.stderr,
    [`${name} summary`]: step.summary,
    [`${name} state`]: JSON.stringify(step.state)
  }
  for (const [output, value] of Object.entries(step.outputs)) {
    if (!options.secretOutputs?.includes(output)) texts[`${name} output ${output}`] = value
  }
  return texts
}

/**
 * Secret forms a leak may take: as given, base64-encoded (as ESV values travel), and for a
 * multi-line secret such as a PEM key each line of its body (a log may show a line at a time).
 */
function forms(secret: string): string[] {
  const lines = secret.includes('\n') ? secret.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----')) : []
  return [secret, Buffer.from(secret, 'utf8').toString('base64'), ...lines]
}

export function findLeaks(run: ActionRun, secrets: string[], options: LeakScanOptions = {}): string[] {
  const texts: Record<string, string> = { ...exposedTexts('main', run.main, options), ...options.extraTexts }
  if (run.post) Object.assign(texts, exposedTexts('post', run.post, options))
  const leaks: string[] = []
  for (const secret of secrets.filter((s) => s.length >= 6)) {
    for (const [where, text] of Object.entries(texts)) {
      if (forms(secret).some((form) => text.includes(form)))
        leaks.push(`${where} contains a secret (${secret.slice(0, 3)}…, ${secret.length} chars)`)
    }
  }
  return leaks
}

/** The shared assertion every e2e test ends with. */
export function expectNoSecretLeaks(run: ActionRun, secrets: string[], options: LeakScanOptions = {}): void {
  const leaks = findLeaks(run, secrets, options)
  if (leaks.length > 0) throw new Error(`Secret material leaked:\n${leaks.join('\n')}`)
}
