import { isBase64, textOfBase64 } from '../esvs/values.js'
import type { EsvSecret, EsvVariable, ExpressionType } from '../tenant/types.js'
import { byText, sortedKeys } from './declaration-file.js'

/** One variable as the ESV file declares it (the reader's field names). */
export interface ExportedVariable {
  type: ExpressionType
  /** Only for bytes that are not UTF-8 text: `value` is their base64, which set-esvs applies as those bytes. */
  'value-encoding'?: 'base64'
  value: unknown
  description: string
}

/** One secret as the ESV file declares it: its value comes from the environment, since the tenant never shows it. */
export interface ExportedSecret {
  encoding: EsvSecret['encoding']
  'use-in-placeholders': boolean
  'value-from-env': string
  description: string
}

export interface EsvExport {
  content: { variables: Record<string, ExportedVariable>; secrets: Record<string, ExportedSecret> }
  /** Variables with no expressionType in the tenant, exported as strings. */
  untyped: string[]
  /** What set-esvs will not read back as the tenant has it; said in the log and the summary. */
  warnings: string[]
}

/**
 * What the tenant has, as the file set-esvs reads (src/esvs/file.ts), so that set-esvs on it plans no
 * change: each value decoded into the native YAML form of its type, ids sorted, no volatile field
 * (dates, lastChangedBy, loaded, versions). Pure.
 */
export function esvExport(variables: readonly EsvVariable[], secrets: readonly EsvSecret[]): EsvExport {
  const warnings: string[] = []
  const untyped: string[] = []
  const exportedVariables: Record<string, ExportedVariable> = {}
  for (const variable of [...variables].sort((a, b) => byText(a._id, b._id))) {
    // A variable made before variables had types reads expressionType "" and holds text; set-esvs
    // matches it with a string and leaves its type alone (src/esvs/plan.ts; recorded in rockcarver/frodo-lib
    // src/test/mock-recordings/VariablesApi_442028934/getVariables_2312724523, emulator/evidence/esv.md ESV-32).
    const type: ExpressionType = variable.expressionType === '' ? 'string' : variable.expressionType
    if (variable.expressionType === '') untyped.push(variable._id)
    const description = variable.description ?? ''
    const text = textOfBase64(variable.valueBase64 ?? '')
    if (text === undefined) {
      // Text would take U+FFFD for these bytes, and set-esvs would then send other bytes: the bytes go as they are.
      warnings.push(`${variable._id}: ${notUtf8Problem(type)}`)
      const base64 = Buffer.from(variable.valueBase64 ?? '', 'base64').toString('base64')
      exportedVariables[variable._id] = { type, 'value-encoding': 'base64', value: base64, description }
      continue
    }
    const native = nativeValue(type, text)
    if (!native.ok) warnings.push(`${variable._id}: ${native.problem}`)
    exportedVariables[variable._id] = { type, value: native.value, description }
  }
  const exportedSecrets: Record<string, ExportedSecret> = {}
  const envOwners = new Map<string, string>()
  for (const secret of [...secrets].sort((a, b) => byText(a._id, b._id))) {
    const env = envNameFor(secret._id)
    const other = envOwners.get(env)
    if (other)
      warnings.push(`${secret._id} and ${other} both take their value from ${env}; rename one's value-from-env if their values differ`)
    envOwners.set(env, secret._id)
    exportedSecrets[secret._id] = {
      encoding: secret.encoding,
      'use-in-placeholders': secret.useInPlaceholders,
      'value-from-env': env,
      description: secret.description ?? ''
    }
  }
  return { content: { variables: exportedVariables, secrets: exportedSecrets }, untyped, warnings }
}

function notUtf8Problem(type: ExpressionType): string {
  const exported = 'its value is bytes that are not UTF-8 text; exported as their base64 (value-encoding: base64)'
  return type === 'string'
    ? `${exported}, which set-esvs applies as exactly those bytes`
    : `${exported}, which set-esvs will refuse until it is fixed (its type, ${type}, holds text)`
}

/** The environment variable a secret's value comes from: `esv-smtp-password` → `ESV_SMTP_PASSWORD`. */
export function envNameFor(id: string): string {
  return id.toUpperCase().replace(/-/g, '_')
}

type Native = { ok: true; value: unknown } | { ok: false; value: string; problem: string }

/**
 * A variable's text in the form the file writes for its type, such that src/esvs/values.ts
 * `variableText` gives the same text back (or, for JSON types, JSON that compares equal).
 * Text that is not of its type is exported as it is, with a problem to say.
 */
export function nativeValue(type: ExpressionType, text: string): Native {
  const asText = (problem: string): Native => ({
    ok: false,
    value: text,
    problem: `${problem}; exported as text, which set-esvs will refuse until it is fixed`
  })
  switch (type) {
    case 'string':
      return { ok: true, value: text }
    case 'array':
    case 'object':
    case 'keyvaluelist': {
      const parsed = parseJson(text)
      const shape = type === 'array' ? Array.isArray(parsed) : isPlainObject(parsed)
      if (parsed === undefined || !shape) return asText(`its ${type} value is not a JSON ${type === 'array' ? 'array' : 'object'}`)
      if (type === 'keyvaluelist' && !Object.values(parsed as object).every((v) => typeof v === 'string'))
        return asText('its keyvaluelist value holds more than names and text values')
      return { ok: true, value: sortedKeys(parsed) }
    }
    case 'list':
      // Stored comma-separated; items never hold a comma, so splitting and joining again gives the text back.
      return { ok: true, value: text === '' ? '' : text.split(',') }
    case 'bool':
      return text === 'true' || text === 'false'
        ? { ok: true, value: text === 'true' }
        : asText(`its bool value "${text}" is not true or false`)
    case 'int':
    case 'number': {
      const pattern = type === 'int' ? /^-?\d+$/ : /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/
      if (!pattern.test(text) || !Number.isFinite(Number(text)))
        return asText(`its ${type} value "${text}" is not a ${type === 'int' ? 'whole number' : 'number'}`)
      // A number YAML would write differently (1.10, 08, digits beyond double precision) stays text: set-esvs takes its digits as written.
      return { ok: true, value: String(Number(text)) === text ? Number(text) : text }
    }
    case 'base64encodedinlined':
      return isBase64(text.trim()) && text.trim() !== ''
        ? { ok: true, value: text }
        : asText('its base64encodedinlined value is not base64 text')
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
