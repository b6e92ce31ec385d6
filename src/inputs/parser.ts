import { isLoopbackAddress } from '../github/api-url.js'
import type { InputWait } from '../waits.js'
import type { InputReader } from './types.js'

/** Small typed readers that record a problem instead of throwing. */
export class Parser {
  constructor(
    private readonly read: InputReader,
    private readonly problems: string[]
  ) {}

  raw(name: string): string {
    const value = this.read(name).trim()
    if (value.includes(REPLACEMENT_CHARACTER)) this.problem(name, NOT_UTF8)
    return value
  }

  problem(name: string, message: string): void {
    this.problems.push(`${name}: ${message}`)
  }

  required(name: string, what: string): string | undefined {
    const value = this.raw(name)
    if (!value) this.problem(name, `required (${what})`)
    return value || undefined
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], options: { required?: boolean } = {}): T | undefined {
    const value = this.raw(name)
    if (!value) {
      if (options.required) this.problem(name, `required; one of ${allowed.join(', ')}`)
      return undefined
    }
    if ((allowed as readonly string[]).includes(value)) return value as T
    this.problem(name, `"${clip(value)}" is not one of ${allowed.join(', ')}`)
    return undefined
  }

  /** A comma- or space-separated list, each one of `allowed`; the fallback when unset. */
  someOf<T extends string>(name: string, allowed: readonly T[], fallback: readonly T[]): T[] {
    const value = this.raw(name)
    if (!value) return [...fallback]
    const items = [...new Set(value.split(/[\s,]+/).filter(Boolean))]
    const bad = items.filter((item) => !(allowed as readonly string[]).includes(item))
    if (bad.length > 0) this.problem(name, `${bad.map((item) => `"${clip(item)}"`).join(', ')} not one of ${allowed.join(', ')}`)
    return items.filter((item): item is T => (allowed as readonly string[]).includes(item))
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name).toLowerCase()
    if (!value) return fallback
    if (value === 'true') return true
    if (value === 'false') return false
    this.problem(name, `expected true or false, got "${clip(value)}"`)
    return fallback
  }

  /** A wait of src/waits.ts, in milliseconds: its input within its bounds, or its production default. */
  wait(spec: InputWait & { defaultSeconds: number }): number {
    return this.seconds(spec.input, spec.defaultSeconds, { min: spec.minSeconds, max: spec.maxSeconds })
  }

  /** A wait without a default of its own (it follows from other inputs): undefined when unset. */
  optionalWait(spec: InputWait): number | undefined {
    if (!this.raw(spec.input)) return undefined
    return this.seconds(spec.input, 0, { min: spec.minSeconds, max: spec.maxSeconds })
  }

  /** A number of seconds (decimals allowed), returned in milliseconds. */
  seconds(name: string, fallback: number, range: { min: number; max: number }): number {
    const value = this.raw(name)
    if (!value) return fallback * 1000
    const seconds = Number(value)
    if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(seconds) || seconds < range.min || seconds > range.max) {
      this.problem(name, `expected a number of seconds from ${range.min} to ${range.max}, got "${clip(value)}"`)
      return fallback * 1000
    }
    return Math.round(seconds * 1000)
  }

  positiveInteger(name: string, range: { min: number; max: number } = { min: 1, max: Number.MAX_SAFE_INTEGER }): number | undefined {
    const value = this.raw(name)
    if (!value) return undefined
    const number = Number(value)
    if (!/^\d+$/.test(value) || number < range.min || number > range.max) {
      this.problem(name, `expected a whole number from ${range.min} to ${range.max}, got "${clip(value)}"`)
      return undefined
    }
    return number
  }

  tenantUrl(name: string): string | undefined {
    const value = this.raw(name)
    if (!value) {
      this.problem(name, 'required, e.g. https://openam-acme-dev.forgeblocks.com')
      return undefined
    }
    const problem = tenantUrlProblem(value)
    if (problem) {
      this.problem(name, problem)
      return undefined
    }
    return new URL(value).origin
  }

  scopes(name: string): string[] | undefined {
    const value = this.raw(name)
    if (!value) return undefined
    const scopes = value.split(/[\s,]+/).filter(Boolean)
    const bad = scopes.filter((scope) => !/^[A-Za-z0-9:*_.\-/]+$/.test(scope))
    if (bad.length > 0) this.problem(name, `invalid scope ${bad.map((s) => `"${clip(s)}"`).join(', ')}`)
    return [...new Set(scopes)]
  }
}

/**
 * Node turns bytes of an environment variable (an input is one) that are not UTF-8 into U+FFFD before
 * the action sees them; a value holding one would be written changed, so it is refused.
 */
export const REPLACEMENT_CHARACTER = '\uFFFD'
export const NOT_UTF8 = 'holds bytes that are not UTF-8 text (shown as U+FFFD); give the value as UTF-8'

/** https only, except plain http to this machine (the emulator); an origin, nothing more. */
export function tenantUrlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `"${clip(value)}" is not a URL; expected e.g. https://openam-acme-dev.forgeblocks.com`
  }
  if (url.username || url.password) return 'must not contain credentials'
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    return 'must use https (http is allowed only for a local emulator on a loopback address)'
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must use https, got ${url.protocol.replace(':', '')}`
  if (url.pathname !== '/' && url.pathname !== '')
    return `must be the tenant's base URL without a path (got "${clip(url.pathname)}"); drop it, e.g. ${url.origin}`
  if (url.search || url.hash) return 'must not contain a query or fragment'
  return undefined
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || isLoopbackAddress(hostname)
}

/** Inputs are echoed in errors only in part, so a long value cannot flood the log. */
export function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value
}
