import { createPublicKey } from 'node:crypto'
import * as core from '@actions/core'

/**
 * The one way to handle secret material. `maskSecret` tells the runner to mask
 * the value in the log and remembers it, so that text the runner does not mask
 * (step outputs, the job summary, PR comments, error messages) can be scrubbed
 * with `redact` before it is written anywhere; `installOutputRedaction` makes
 * every write to stdout and stderr go through `redact` too.
 */
const knownSecrets = new Set<string>()

/** Shorter strings would mask ordinary words all over the log. */
const MIN_MASKABLE_LENGTH = 4

/**
 * Any run of this many characters of a secret's encoded form (base64, base64url), or of a secret that
 * looks like key material, is redacted: a tenant that echoes a request may cut it anywhere (at 300
 * characters, mid-line), and no whole-string mask matches a cut form.
 */
export const REDACTED_WINDOW = 8
/**
 * A secret of ordinary text (`smtp-password-v2`, `not base64 at all!`) shares 8-character runs with
 * ordinary log text (the ESV id `esv-smtp-password`, the word ` base64 `); its text forms are redacted
 * in runs of this many characters instead, so a cut echo is still caught and the log still reads.
 */
export const REDACTED_TEXT_WINDOW = 16

const REDACTED = '***'

/** Every window of every known form, by window length; a text's windows are looked up here (linear in the text). */
const secretWindows = new Map<number, Set<string>>([
  [REDACTED_WINDOW, new Set()],
  [REDACTED_TEXT_WINDOW, new Set()]
])
/** Whole forms shorter than their window (4 characters and more), replaced as whole strings. */
const shortForms = new Set<string>()
/** Raw values already handled, so a value masked twice costs nothing. */
const seenValues = new Set<string>()

export function maskSecret(value: string | undefined | null): void {
  if (!value || seenValues.has(value)) return
  seenValues.add(value)
  // Short secrets are not masked in the log (that would mask ordinary text), but their encoded forms
  // of window length or more are redacted wherever the action writes.
  const exempt = publicKeyWindows(value)
  for (const { form, window } of secretForms(value)) {
    if (form.length >= window) addWindows(form, window, exempt)
    else if (value.length >= MIN_MASKABLE_LENGTH && form.length >= MIN_MASKABLE_LENGTH) shortForms.add(form)
  }
  if (value.length < MIN_MASKABLE_LENGTH) return
  for (const form of logMaskForms(value)) {
    if (knownSecrets.has(form)) continue
    knownSecrets.add(form)
    core.setSecret(form)
  }
}

/** What the runner masks in the log: the value, trimmed, base64, and each line of a PEM body. */
function logMaskForms(value: string): string[] {
  const forms = new Set([value, value.trim(), Buffer.from(value, 'utf8').toString('base64')])
  for (const line of value.split(/\r?\n/)) {
    if (line.trim().length >= 8 && !isArmorLine(line)) forms.add(line.trim())
  }
  return [...forms].filter((form) => form.length >= MIN_MASKABLE_LENGTH)
}

export interface SecretForm {
  form: string
  /** Runs of this many characters of the form are redacted; a shorter form is redacted whole. */
  window: number
}

/**
 * Every form a secret travels or is echoed in: as given, trimmed, line by line, and each of those
 * base64, base64url, URL-encoded (both ways), and JSON-escaped. A PEM's armor lines
 * (`-----BEGIN PRIVATE KEY-----`) are ordinary text and are left out of the parts.
 */
export function secretForms(value: string): SecretForm[] {
  const parts = new Set<string>([value, value.trim()])
  const lines = value.split(/\r?\n/)
  const armored = lines.length > 1 && lines.some(isArmorLine)
  if (lines.length > 1) {
    const body = lines.filter((line) => !isArmorLine(line))
    for (const line of body) if (line.trim() !== '') parts.add(line.trim())
    parts.add(body.join('\n'))
    if (armored) {
      parts.delete(value)
      parts.delete(value.trim())
    }
  }
  const forms = new Map<string, number>()
  const add = (form: string, window: number): void => {
    if (form !== '') forms.set(form, Math.min(window, forms.get(form) ?? window))
  }
  for (const part of parts) {
    if (part.trim() === '') continue
    const textWindow = looksLikeKeyMaterial(part) || armored ? REDACTED_WINDOW : REDACTED_TEXT_WINDOW
    const base64 = Buffer.from(part, 'utf8').toString('base64')
    const json = JSON.stringify(part).slice(1, -1)
    for (const form of [base64, base64.replace(/=+$/, ''), Buffer.from(part, 'utf8').toString('base64url')]) add(form, REDACTED_WINDOW)
    for (const form of [
      part,
      encodeURIComponent(part),
      new URLSearchParams({ x: part }).toString().slice(2),
      json,
      json.replace(/\//g, '\\/')
    ])
      add(form, textWindow)
  }
  // The whole PEM's base64 travels too (an ESV value); its armor encodes to fixed text, so only whole.
  if (armored) add(Buffer.from(value, 'utf8').toString('base64'), Number.POSITIVE_INFINITY)
  return [...forms].map(([form, window]) => ({ form, window }))
}

/**
 * Random-looking text (a generated key, a PEM body line): upper and lower case letters and digits, nothing
 * else but base64 punctuation, and no word in it (six lower-case letters in a row, as in `reliability-…-7Qx`).
 */
function looksLikeKeyMaterial(text: string): boolean {
  return (
    text.length >= 12 &&
    /^[A-Za-z0-9+/=_\-.~]+$/.test(text) &&
    /[A-Z]/.test(text) &&
    /[a-z]/.test(text) &&
    /[0-9]/.test(text) &&
    !/[a-z]{6}/.test(text)
  )
}

function isArmorLine(line: string): boolean {
  return /^-----(BEGIN|END) [A-Z0-9 ]+-----$/.test(line.trim())
}

function addWindows(form: string, window: number, exempt: ReadonlySet<string>): void {
  const set = secretWindows.get(window) ?? new Set<string>()
  secretWindows.set(window, set)
  for (let i = 0; i + window <= form.length; i++) {
    const run = form.slice(i, i + window)
    if (!exempt.has(run)) set.add(run)
  }
}

/**
 * A private key's PEM holds its public key too (an RSA modulus, an EC point) and the ASN.1 headers
 * every key shares; the same runs appear in the certificate or CSR the action prints. Those runs are
 * public: any base64 alignment of the public key's DER is exempt from redaction.
 */
function publicKeyWindows(value: string): ReadonlySet<string> {
  const exempt = new Set<string>()
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) return exempt
  for (const block of value.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/g) ?? []) {
    let der: Buffer
    try {
      der = createPublicKey(block).export({ type: 'spki', format: 'der' })
    } catch {
      continue // not a key node reads: nothing of it is exempt
    }
    for (let shift = 0; shift < 3; shift++) {
      const base64 = der.subarray(shift).toString('base64')
      for (let i = 0; i + REDACTED_WINDOW <= base64.length; i++) exempt.add(base64.slice(i, i + REDACTED_WINDOW))
    }
  }
  return exempt
}

/** Masks every string member of a parsed private JWK (modulus and exponents included). */
export function maskJwk(jwk: Record<string, unknown>): void {
  for (const value of Object.values(jwk)) {
    if (typeof value === 'string' && value.length >= 16) maskSecret(value)
  }
}

/**
 * Removes every known secret form, and every run of 8 (ordinary text: 16) or more characters of one,
 * from text the action writes. Linear in the text: each of its windows is looked up once, and the
 * hits are merged into maximal runs, each replaced by `***`.
 */
export function redact(text: string): string {
  let covered: Uint8Array | undefined
  for (const [window, set] of secretWindows) {
    if (set.size === 0 || text.length < window) continue
    for (let i = 0; i + window <= text.length; i++) {
      if (!set.has(text.slice(i, i + window))) continue
      covered ??= new Uint8Array(text.length)
      covered.fill(1, i, i + window)
    }
  }
  let result = covered ? replaceRuns(text, covered) : text
  // Longest first, so a short form inside another is replaced whole.
  for (const form of [...shortForms].sort((a, b) => b.length - a.length)) {
    if (result.includes(form)) result = result.split(form).join(REDACTED)
  }
  return result
}

function replaceRuns(text: string, covered: Uint8Array): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    if (!covered[i]) {
      const start = i
      while (i < text.length && !covered[i]) i++
      out += text.slice(start, i)
    } else {
      while (i < text.length && covered[i]) i++
      out += REDACTED
    }
  }
  return out
}

export function isKnownSecret(value: string): boolean {
  return knownSecrets.has(value)
}

/**
 * Makes every write to stdout and stderr go through `redact`, so a log line, an annotation or an
 * error printed anywhere cannot carry a secret form the runner's whole-string masks miss. The
 * `::add-mask::` commands pass intact: they are how the runner learns what to mask.
 */
export function installOutputRedaction(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    const marked = stream as NodeJS.WriteStream & { [REDACTING]?: true }
    if (marked[REDACTING]) continue
    marked[REDACTING] = true
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean
    stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
      if (typeof chunk === 'string') return write(redactLines(chunk), ...rest)
      if (chunk instanceof Uint8Array)
        return write(redactLines(Buffer.from(chunk).toString('utf8')), ...rest.filter((r) => typeof r !== 'string'))
      return write(chunk, ...rest)
    }) as typeof stream.write
  }
}

const REDACTING = Symbol('tenant-pilot redacting')

function redactLines(text: string): string {
  if (seenValues.size === 0) return text
  return text
    .split('\n')
    .map((line) => (line.startsWith('::add-mask::') ? line : redact(line)))
    .join('\n')
}
