import * as core from '@actions/core'

/**
 * The one way to handle secret material. `maskSecret` tells the runner to mask
 * the value in the log and remembers it, so that text the runner does not mask
 * (step outputs, the job summary, PR comments, error messages) can be scrubbed
 * with `redact` before it is written anywhere.
 */
const knownSecrets = new Set<string>()

/** Shorter strings would mask ordinary words all over the log. */
const MIN_MASKABLE_LENGTH = 4

export function maskSecret(value: string | undefined | null): void {
  if (!value || value.length < MIN_MASKABLE_LENGTH) return
  for (const form of secretForms(value)) {
    if (knownSecrets.has(form)) continue
    knownSecrets.add(form)
    core.setSecret(form)
  }
}

/** A secret can surface trimmed, base64-encoded or line by line (PEM): mask each form. */
function secretForms(value: string): string[] {
  const forms = new Set([value, value.trim(), Buffer.from(value, 'utf8').toString('base64')])
  for (const line of value.split(/\r?\n/)) {
    if (line.trim().length >= 8 && !/^-----(BEGIN|END) /.test(line.trim())) forms.add(line.trim())
  }
  return [...forms].filter((form) => form.length >= MIN_MASKABLE_LENGTH)
}

/** Masks every string member of a parsed private JWK (modulus and exponents included). */
export function maskJwk(jwk: Record<string, unknown>): void {
  for (const value of Object.values(jwk)) {
    if (typeof value === 'string' && value.length >= 16) maskSecret(value)
  }
}

export function redact(text: string): string {
  let result = text
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...knownSecrets].sort((a, b) => b.length - a.length)) {
    if (result.includes(secret)) result = result.split(secret).join('***')
  }
  return result
}

export function isKnownSecret(value: string): boolean {
  return knownSecrets.has(value)
}
