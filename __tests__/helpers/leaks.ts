import { createPublicKey } from 'node:crypto'
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
 * Whole forms a leak may take: as given, base64 (as ESV values travel, padded or not), base64url,
 * URL-encoded (a token form), JSON-escaped (an echoed request body), and for a multi-line secret such
 * as a PEM key each line of its body (a log may show a line at a time).
 */
function wholeForms(secret: string): string[] {
  const lines = secret.includes('\n') ? secret.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----')) : []
  const base64 = Buffer.from(secret, 'utf8').toString('base64')
  const json = JSON.stringify(secret).slice(1, -1)
  return [
    secret,
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(secret, 'utf8').toString('base64url'),
    encodeURIComponent(secret),
    new URLSearchParams({ x: secret }).toString().slice(2),
    json,
    ...lines
  ].filter((form) => form.length >= 6)
}

/** Partial windows are looked for in secrets at least this long. */
export const PARTIAL_MIN_SECRET = 12
/** A cut leak: this many characters of a random-looking form (base64 of any secret, a key, a PEM body). */
export const PARTIAL_WINDOW = 8
/** Of a secret of ordinary text (words and dashes), which shares shorter runs with ordinary log text. */
export const PARTIAL_TEXT_WINDOW = 16

/** Upper and lower case and digits, base64 punctuation only, and no word (six lower-case letters in a row). */
const randomLooking = (text: string): boolean =>
  /^[A-Za-z0-9+/=_\-.~\n]+$/.test(text) && /[A-Z]/.test(text) && /[a-z]/.test(text) && /[0-9]/.test(text) && !/[a-z]{6}/.test(text)

/** The windows a cut form of the secret would contain, by window length. */
function partialWindows(secret: string): Map<number, Set<string>> {
  const windows = new Map<number, Set<string>>()
  if (secret.length < PARTIAL_MIN_SECRET) return windows
  const exempt = publicRuns(secret)
  const add = (form: string, size: number): void => {
    const set = windows.get(size) ?? new Set<string>()
    windows.set(size, set)
    for (let i = 0; i + size <= form.length; i++) if (!exempt.has(form.slice(i, i + size))) set.add(form.slice(i, i + size))
  }
  const armored = /^-----BEGIN /m.test(secret)
  const body = armored ? secret.split('\n').filter((line) => !line.startsWith('-----')) : [secret]
  for (const part of armored ? [...body, body.join('\n'), body.join('\\n')] : body) {
    if (part.trim() === '') continue
    add(Buffer.from(part, 'utf8').toString('base64').replace(/=+$/, ''), PARTIAL_WINDOW)
    add(Buffer.from(part, 'utf8').toString('base64url'), PARTIAL_WINDOW)
    add(part, armored || randomLooking(part) ? PARTIAL_WINDOW : PARTIAL_TEXT_WINDOW)
  }
  return windows
}

/** A private key's PEM holds its public key (and shared ASN.1 headers), which a CSR or certificate shows: not a leak. */
function publicRuns(secret: string): Set<string> {
  const runs = new Set<string>()
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(secret)) return runs
  for (const block of secret.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/g) ?? []) {
    let der: Buffer
    try {
      der = createPublicKey(block).export({ type: 'spki', format: 'der' })
    } catch {
      continue // not a key this node reads: nothing is exempt
    }
    for (let shift = 0; shift < 3; shift++) {
      const base64 = der.subarray(shift).toString('base64')
      for (let i = 0; i + PARTIAL_WINDOW <= base64.length; i++) runs.add(base64.slice(i, i + PARTIAL_WINDOW))
    }
  }
  return runs
}

/** A form every 8-character run of which is public (a PEM line holding only the public key) is no leak. */
function isPublic(form: string, exempt: Set<string>): boolean {
  if (exempt.size === 0 || form.length < PARTIAL_WINDOW) return false
  for (let i = 0; i + PARTIAL_WINDOW <= form.length; i++) if (!exempt.has(form.slice(i, i + PARTIAL_WINDOW))) return false
  return true
}

/** What is looked for of one secret: worked out once per scan, whatever the number of texts. */
interface SecretForms {
  /** Whole forms, but those that show only the public half of a key. */
  whole: string[]
  windows: Map<number, Set<string>>
}

/**
 * A secret's forms depend on the secret alone, and the same secrets (the service account's key, the admin client's
 * secret, every token issued so far) are scanned for after every run of a test file: kept, up to a bound.
 */
const knownForms = new Map<string, SecretForms>()
const KNOWN_FORMS_LIMIT = 2000

function formsOf(secret: string): SecretForms {
  let forms = knownForms.get(secret)
  if (!forms) {
    const exempt = publicRuns(secret)
    forms = { whole: wholeForms(secret).filter((form) => !isPublic(form, exempt)), windows: partialWindows(secret) }
    if (knownForms.size >= KNOWN_FORMS_LIMIT) knownForms.clear()
    knownForms.set(secret, forms)
  }
  return forms
}

/** One text, with its runs of each window length collected once (not once per secret). */
class ScannedText {
  private readonly runs = new Map<number, Set<string>>()
  constructor(readonly text: string) {}

  runsOf(size: number): Set<string> {
    let runs = this.runs.get(size)
    if (!runs) {
      runs = new Set<string>()
      for (let i = 0; i + size <= this.text.length; i++) runs.add(this.text.slice(i, i + size))
      this.runs.set(size, runs)
    }
    return runs
  }
}

function leakedForm(forms: SecretForms, scanned: ScannedText): string | undefined {
  if (forms.whole.some((form) => scanned.text.includes(form))) return 'whole'
  for (const [size, set] of forms.windows) {
    const runs = scanned.runsOf(size)
    const [small, large] = set.size <= runs.size ? [set, runs] : [runs, set]
    for (const run of small) if (large.has(run)) return `a ${size}-character run`
  }
  return undefined
}

/** Leaks of `secrets` in named texts that are not a step's (e.g. files a script wrote). */
export function findLeaksInTexts(texts: Record<string, string>, secrets: string[]): string[] {
  const leaks: string[] = []
  const scanned = Object.entries(texts).map(([where, text]) => [where, new ScannedText(text)] as const)
  for (const secret of new Set(secrets.filter((s) => s.length >= 6))) {
    const forms = formsOf(secret)
    for (const [where, text] of scanned) {
      const form = leakedForm(forms, text)
      if (form) leaks.push(`${where} contains a secret (${secret.slice(0, 3)}…, ${secret.length} chars: ${form})`)
    }
  }
  return leaks
}

export function findLeaks(run: ActionRun, secrets: string[], options: LeakScanOptions = {}): string[] {
  const texts: Record<string, string> = { ...exposedTexts('main', run.main, options), ...options.extraTexts }
  if (run.post) Object.assign(texts, exposedTexts('post', run.post, options))
  return findLeaksInTexts(texts, secrets)
}

/** The shared assertion every e2e test ends with. */
export function expectNoSecretLeaks(run: ActionRun, secrets: string[], options: LeakScanOptions = {}): void {
  const leaks = findLeaks(run, secrets, options)
  if (leaks.length > 0) throw new Error(`Secret material leaked:\n${leaks.join('\n')}`)
}
