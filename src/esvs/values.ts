import { utf8Text } from '../files/source-file.js'
import type { ExpressionType, SecretEncoding } from '../tenant/types.js'

/**
 * How a declared value becomes an ESV's text, per expressionType, and what a
 * secret's value must look like per encoding. Pure: no I/O, no masking.
 */
export type ValueResult = { ok: true; text: string } | { ok: false; problem: string }

const ok = (text: string): ValueResult => ({ ok: true, text })
const bad = (problem: string): ValueResult => ({ ok: false, problem })

type Native = unknown

/**
 * A native YAML/JSON value (from `value`) or text (from an environment
 * variable or a file) serialised as the expressionType expects.
 */
export function variableText(type: ExpressionType, value: Native): ValueResult {
  switch (type) {
    case 'string':
      return isScalar(value) ? ok(String(value)) : bad('a string variable needs a scalar value')
    case 'array':
      return jsonOf(value, Array.isArray, 'a JSON array (a YAML sequence or JSON text)')
    case 'object':
      return jsonOf(value, isPlainObject, 'a JSON object (a YAML mapping or JSON text)')
    case 'keyvaluelist':
      return keyValueList(value)
    case 'bool':
      return boolText(value)
    case 'int':
      return numberText(value, true)
    case 'number':
      return numberText(value, false)
    case 'list':
      return listText(value)
    case 'base64encodedinlined':
      return typeof value === 'string' && isBase64(value.trim()) && value.trim() !== ''
        ? ok(value.trim())
        : bad('a base64encodedinlined variable needs base64 text (or a value-file, which is encoded for you)')
  }
}

/** Whether two values of one type mean the same (JSON types compare parsed, so formatting is not a change). */
export function sameVariableValue(type: ExpressionType, a: string, b: string): boolean {
  if (a === b) return true
  if (type === 'array' || type === 'object' || type === 'keyvaluelist') {
    const pa = tryJson(a)
    const pb = tryJson(b)
    return pa.ok && pb.ok && canonicalJson(pa.value) === canonicalJson(pb.value)
  }
  return false
}

/** Checks a secret's value against its encoding; returns the value unchanged. */
export function secretText(encoding: SecretEncoding, value: string): ValueResult {
  if (value === '') return bad('the value is empty')
  switch (encoding) {
    case 'generic':
      return ok(value)
    case 'pem':
      return isPem(value) ? ok(value) : bad('a pem secret needs PEM text (-----BEGIN …----- … -----END …-----)')
    case 'base64hmac':
      return isBase64(value.trim()) ? ok(value.trim()) : bad('a base64hmac secret needs base64 text (the key bytes, base64-encoded)')
    case 'base64aes': {
      const trimmed = value.trim()
      if (!isBase64(trimmed)) return bad('a base64aes secret needs base64 text (the key bytes, base64-encoded)')
      const bytes = Buffer.from(trimmed, 'base64').length
      return [16, 24, 32].includes(bytes) ? ok(trimmed) : bad(`a base64aes key must be 16, 24 or 32 bytes; this one is ${bytes}`)
    }
  }
}

export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)
}

export function isPem(text: string): boolean {
  return /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]+?\r?\n-----END \1-----/.test(text.trim())
}

export function toBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64')
}

/** The text base64 holds, or undefined when its bytes are not UTF-8 text (never U+FFFD in their place). */
export function textOfBase64(base64: string): string | undefined {
  return utf8Text(Buffer.from(base64, 'base64'))
}

/**
 * A variable's value as set-esvs holds it: text, or (valueEncoding base64, as the file's value-encoding
 * says) bytes that are not UTF-8 text, as their base64. Either way exactly the bytes the tenant gets.
 */
export interface VariableValue {
  /** The value as text (before base64); with valueEncoding base64, the base64 of its bytes. */
  text: string
  valueEncoding?: 'base64'
}

/** The base64 the API takes for a variable's value. */
export function variableValueBase64(value: VariableValue): string {
  return value.valueEncoding === 'base64' ? value.text : toBase64(value.text)
}

/** How a value is shown in a plan: its text, or its bytes' base64 said as such. */
export function shownVariableValue(value: VariableValue): string {
  return value.valueEncoding === 'base64' ? `(bytes, base64) ${value.text}` : value.text
}

/**
 * Whether the tenant's value (its valueBase64) is the desired one: the same bytes, or for JSON types the
 * same JSON. A value that is not UTF-8 text is the same only as the very same bytes.
 */
export function sameTenantValue(type: ExpressionType, currentBase64: string, desired: VariableValue): boolean {
  const current = Buffer.from(currentBase64, 'base64')
  if (current.equals(Buffer.from(variableValueBase64(desired), 'base64'))) return true
  const text = utf8Text(current)
  return desired.valueEncoding !== 'base64' && text !== undefined && sameVariableValue(type, text, desired.text)
}

function isScalar(value: Native): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

function isPlainObject(value: Native): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

/** Native structures serialise to JSON; text must already be JSON of the right shape. */
function jsonOf(value: Native, shape: (v: unknown) => boolean, what: string): ValueResult {
  if (typeof value === 'string') {
    const parsed = tryJson(value)
    return parsed.ok && shape(parsed.value) ? ok(value) : bad(`expected ${what}`)
  }
  return shape(value) ? ok(JSON.stringify(value)) : bad(`expected ${what}`)
}

function keyValueList(value: Native): ValueResult {
  const what = 'a mapping of names to scalar values (or JSON text of one)'
  const parsed = typeof value === 'string' ? tryJson(value) : { ok: true as const, value }
  if (!parsed.ok || !isPlainObject(parsed.value)) return bad(`expected ${what}`)
  const entries = Object.entries(parsed.value)
  if (!entries.every(([, v]) => isScalar(v))) return bad(`expected ${what}`)
  return ok(JSON.stringify(Object.fromEntries(entries.map(([k, v]) => [k, String(v)]))))
}

function boolText(value: Native): ValueResult {
  if (typeof value === 'boolean') return ok(String(value))
  if (typeof value === 'string' && /^(true|false)$/.test(value.trim())) return ok(value.trim())
  return bad('expected true or false')
}

function numberText(value: Native, integer: boolean): ValueResult {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : ''
  const pattern = integer ? /^-?\d+$/ : /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/
  if (text !== '' && pattern.test(text) && Number.isFinite(Number(text))) return ok(text)
  return bad(integer ? 'expected a whole number' : 'expected a number')
}

function listText(value: Native): ValueResult {
  if (typeof value === 'string') return ok(value)
  if (!Array.isArray(value) || !value.every(isScalar)) return bad('expected a sequence of scalars (or comma-separated text)')
  const items = value.map(String)
  if (items.some((item) => item.includes(','))) return bad('list items cannot contain commas (the list is stored comma-separated)')
  return ok(items.join(','))
}

/** JSON with object keys sorted, so equal structures compare equal as text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}
