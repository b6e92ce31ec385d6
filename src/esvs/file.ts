import { isMap, isScalar, type Node, type YAMLMap } from 'yaml'
import {
  ENV_NAME,
  NOT_UTF8_FILE,
  readEnvValue,
  readSmallFileBytes,
  resolveBeside,
  utf8Text,
  type FileProblem,
  type Position
} from '../files/source-file.js'
import { loadYamlMapping } from '../files/yaml-file.js'
import { maskSecret } from '../secrets.js'
import {
  DESCRIPTION_MAX_LENGTH,
  ESV_ID_PATTERN,
  EXPRESSION_TYPES,
  SECRET_ENCODINGS,
  type ExpressionType,
  type SecretEncoding
} from '../tenant/types.js'
import { isBase64, secretText, variableText, type VariableValue } from './values.js'

export type { FileProblem, Position } from '../files/source-file.js'
export { MAX_FILE_BYTES } from '../files/source-file.js'

export interface DesiredVariable extends VariableValue {
  kind: 'variable'
  id: string
  type: ExpressionType
  /** Undefined: the file does not manage the description. */
  description: string | undefined
  position: Position
}

/** Where a secret's value comes from, as the file names it: what a plan may show and hash, never the value. */
export interface SecretSource {
  from: 'value-from-env' | 'value-file'
  /** The environment variable's name, or the file's path as written. */
  name: string
}

export interface DesiredSecret {
  kind: 'secret'
  id: string
  encoding: SecretEncoding
  /** Masked the moment it was read. */
  value: string
  source: SecretSource
  useInPlaceholders: boolean
  description: string | undefined
  position: Position
}

export type DesiredEsv = DesiredVariable | DesiredSecret

export interface EsvFile {
  path: string
  variables: DesiredVariable[]
  secrets: DesiredSecret[]
}

const REJECTED_LITERAL = '\0rejected-literal-value'

const VARIABLE_FIELDS = ['type', 'value', 'value-encoding', 'value-from-env', 'value-file', 'description'] as const
const SECRET_FIELDS = ['encoding', 'value-from-env', 'value-file', 'use-in-placeholders', 'description'] as const

/**
 * Reads and validates a whole ESV file, collecting every problem with its
 * line and column. Secret values are masked as they are read. Nothing here
 * talks to the tenant.
 */
export function loadEsvFile(
  path: string,
  env: NodeJS.ProcessEnv,
  options: LoadOptions = {}
): { file: EsvFile | undefined; problems: FileProblem[] } {
  const problems: FileProblem[] = []
  const at = (position: Position, message: string) => problems.push({ ...position, message })
  const loaded = loadYamlMapping(path, problems, '"variables" and/or "secrets"')
  if (!loaded) return { file: undefined, problems }
  const { root, positionOf, toJs } = loaded
  const reader = new EntryReader(path, env, positionOf, toJs, at, options)
  const file: EsvFile = { path, variables: [], secrets: [] }
  const seen = new Map<string, string>()
  for (const pair of root.items) {
    const section = isScalar(pair.key) ? String(pair.key.value) : ''
    if (section !== 'variables' && section !== 'secrets') {
      at(positionOf(pair.key as Node), `unknown section "${section}"; expected "variables" or "secrets"`)
      continue
    }
    if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue
    if (!isMap(pair.value)) {
      at(positionOf(pair.value as Node), `"${section}" must be a mapping of ESV ids to their settings`)
      continue
    }
    for (const entry of pair.value.items) {
      const id = isScalar(entry.key) ? String(entry.key.value) : ''
      const position = positionOf(entry.key as Node)
      if (!ESV_ID_PATTERN.test(id)) {
        at(position, `"${id}" is not a valid ESV id (^esv-[a-z0-9_-]{1,124}$: lower case, digits, _ and -)`)
        continue
      }
      const other = seen.get(id)
      if (other) {
        at(position, `${id} is declared twice (also under ${other}); an id names one ESV`)
        continue
      }
      seen.set(id, section)
      if (!isMap(entry.value)) {
        at(position, `${id}: expected a mapping of settings`)
        continue
      }
      if (section === 'variables') {
        const variable = reader.variable(id, entry.value as YAMLMap, position)
        if (variable) file.variables.push(variable)
      } else {
        const secret = reader.secret(id, entry.value as YAMLMap, position)
        if (secret) file.secrets.push(secret)
      }
    }
  }
  return { file: problems.length === 0 ? file : undefined, problems }
}

type At = (position: Position, message: string) => void

export interface LoadOptions {
  /**
   * A drift run neither reads nor sends secret values (they cannot be compared), so a secret's
   * value-from-env variable may be unset there: the nightly job needs no copy of the secrets.
   */
  secretValuesUnused?: boolean
}

/** What stands in for a secret value a drift run does not need; never sent, as a drift run writes nothing. */
export const UNUSED_SECRET_VALUE = '(secret value not read by a drift run)'

/** Reads one entry's settings, reporting each problem where it is. */
class EntryReader {
  constructor(
    private readonly path: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly positionOf: (node: Node | null | undefined) => Position,
    private readonly toJs: (node: Node) => unknown,
    private readonly at: At,
    private readonly options: LoadOptions
  ) {}

  variable(id: string, settings: YAMLMap, position: Position): DesiredVariable | undefined {
    const fields = this.fields(id, settings, VARIABLE_FIELDS)
    const type = this.enumField(id, fields, 'type', EXPRESSION_TYPES, 'string')
    const description = this.description(id, fields)
    const source = this.source(id, fields, position, { literalAllowed: true, secret: false, binaryFile: type === 'base64encodedinlined' })
    if (!type || !source) return undefined
    const encoded = this.valueEncoding(id, fields, type, source)
    if (encoded === 'refused') return undefined
    if (encoded?.valueEncoding === 'base64') return { kind: 'variable', id, type, ...encoded, description, position }
    const value = encoded ? encoded.text : (asWritten(fields.get('value')?.node, type) ?? source.value)
    const result = variableText(type, value)
    if (!result.ok) {
      this.at(source.position, `${id}: ${result.problem}`)
      return undefined
    }
    return { kind: 'variable', id, type, text: result.text, description, position }
  }

  /**
   * `value-encoding: base64`: `value` is the base64 of the ESV's exact bytes, as export-esvs writes a value
   * that is not UTF-8 text. Bytes that are UTF-8 text are read as that text; others only a string may hold.
   * Undefined without the setting.
   */
  private valueEncoding(
    id: string,
    fields: Map<string, { node: Node; value: unknown }>,
    type: ExpressionType,
    source: { value: unknown; position: Position; from: string }
  ): VariableValue | 'refused' | undefined {
    const field = fields.get('value-encoding')
    if (!field) return undefined
    const at = (message: string) => {
      this.at(this.positionOf(field.node), `${id}: ${message}`)
      return 'refused' as const
    }
    if (field.value !== 'base64') return at(`value-encoding "${String(field.value)}" is not base64 (the only encoding)`)
    if (source.from !== 'value') return at('value-encoding applies to value only (a value-file or variable is read as it is)')
    const base64 = typeof source.value === 'string' ? source.value.trim() : undefined
    if (base64 === undefined || !isBase64(base64)) return at('with value-encoding base64, value must be base64 text')
    const text = utf8Text(Buffer.from(base64, 'base64'))
    if (text !== undefined) return { text }
    if (type !== 'string') return at(`its bytes are not UTF-8 text; only a string variable may hold them (its type, ${type}, holds text)`)
    return { text: Buffer.from(base64, 'base64').toString('base64'), valueEncoding: 'base64' }
  }

  secret(id: string, settings: YAMLMap, position: Position): DesiredSecret | undefined {
    const fields = this.fields(id, settings, SECRET_FIELDS)
    const encoding = this.enumField(id, fields, 'encoding', SECRET_ENCODINGS, 'generic')
    const description = this.description(id, fields)
    const placeholders = fields.get('use-in-placeholders')
    const useInPlaceholders = placeholders === undefined ? true : placeholders.value
    if (typeof useInPlaceholders !== 'boolean')
      this.at(this.positionOf(placeholders?.node), `${id}: use-in-placeholders must be true or false`)
    // A key file of raw bytes goes to a base64 secret as those exact bytes; text encodings hold text only.
    const binaryFile = encoding === 'base64hmac' || encoding === 'base64aes'
    const source = this.source(id, fields, position, { literalAllowed: false, secret: true, binaryFile, textOrBytes: true })
    if (!encoding || !source || typeof useInPlaceholders !== 'boolean') return undefined
    // The problem names the encoding, never the value.
    const result = secretText(encoding, String(source.value))
    if (!result.ok) {
      this.at(source.position, `${id}: ${result.problem}`)
      return undefined
    }
    const from = source.from === 'value' ? undefined : source.from
    if (!from) return undefined
    return {
      kind: 'secret',
      id,
      encoding,
      value: result.text,
      source: { from, name: source.name },
      useInPlaceholders,
      description,
      position
    }
  }

  private fields(id: string, settings: YAMLMap, allowed: readonly string[]): Map<string, { node: Node; value: unknown }> {
    const fields = new Map<string, { node: Node; value: unknown }>()
    for (const pair of settings.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : ''
      const node = (pair.value ?? pair.key) as Node
      if (name === 'value' && !allowed.includes('value')) {
        this.at(
          this.positionOf(node),
          `${id}: secrets never hold a literal value in the file; use value-from-env (a GitHub secret) or value-file`
        )
        // Recorded without its value, so the entry is not also reported as having none.
        fields.set(REJECTED_LITERAL, { node, value: undefined })
        continue
      }
      if (!allowed.includes(name)) {
        this.at(this.positionOf(pair.key as Node), `${id}: unknown setting "${name}"; expected one of ${allowed.join(', ')}`)
        continue
      }
      fields.set(name, { node, value: pair.value === null ? null : this.toJs(node) })
    }
    return fields
  }

  private enumField<T extends string>(
    id: string,
    fields: Map<string, { node: Node; value: unknown }>,
    name: string,
    allowed: readonly T[],
    fallback: T
  ): T | undefined {
    const field = fields.get(name)
    if (!field) return fallback
    if (typeof field.value === 'string' && (allowed as readonly string[]).includes(field.value)) return field.value as T
    this.at(this.positionOf(field.node), `${id}: ${name} "${String(field.value)}" is not one of ${allowed.join(', ')}`)
    return undefined
  }

  private description(id: string, fields: Map<string, { node: Node; value: unknown }>): string | undefined {
    const field = fields.get('description')
    if (!field) return undefined
    if (typeof field.value !== 'string') {
      this.at(this.positionOf(field.node), `${id}: description must be text`)
      return undefined
    }
    if (field.value.length > DESCRIPTION_MAX_LENGTH) {
      this.at(this.positionOf(field.node), `${id}: description is ${field.value.length} characters; the limit is ${DESCRIPTION_MAX_LENGTH}`)
      return undefined
    }
    return field.value
  }

  /** Exactly one of value, value-from-env, value-file. */
  private source(
    id: string,
    fields: Map<string, { node: Node; value: unknown }>,
    entry: Position,
    rules: FileRules & { literalAllowed: boolean }
  ): { value: unknown; position: Position; from: 'value' | 'value-from-env' | 'value-file'; name: string } | undefined {
    const given = (['value', 'value-from-env', 'value-file'] as const).filter((name) => fields.has(name))
    if (given.length === 0 && fields.has(REJECTED_LITERAL)) return undefined
    if (given.length !== 1) {
      const choices = rules.literalAllowed ? 'value, value-from-env or value-file' : 'value-from-env or value-file'
      this.at(entry, given.length === 0 ? `${id}: no value; give ${choices}` : `${id}: give only one of ${given.join(', ')}`)
      return undefined
    }
    const name = given[0]!
    const field = fields.get(name)!
    const position = this.positionOf(field.node)
    if (name === 'value') return { value: field.value, position, from: name, name: '' }
    if (typeof field.value !== 'string' || field.value === '') {
      this.at(position, `${id}: ${name} must be text`)
      return undefined
    }
    const value =
      name === 'value-from-env' ? this.fromEnv(id, field.value, position, rules.secret) : this.fromFile(id, field.value, position, rules)
    return value === undefined ? undefined : { value, position, from: name, name: field.value }
  }

  private fromEnv(id: string, name: string, position: Position, secret: boolean): string | undefined {
    if (secret && this.options.secretValuesUnused && ENV_NAME.test(name) && !this.env[name]) return UNUSED_SECRET_VALUE
    const read = readEnvValue(this.env, name, secret)
    if (read.ok) return read.value
    this.at(position, `${id}: ${read.problem}`)
    return undefined
  }

  private fromFile(id: string, relative: string, position: Position, rules: FileRules): string | undefined {
    const resolved = resolveBeside(this.path, relative)
    if (!resolved.ok) {
      this.at(position, `${id}: value-file ${relative} ${resolved.problem}`)
      return undefined
    }
    let failure: string | undefined
    const bytes = readSmallFileBytes(resolved.path, (message) => (failure = message))
    if (bytes === undefined) {
      this.at(position, `${id}: value-file ${relative}: ${failure ?? 'unreadable'}`)
      return undefined
    }
    const text = utf8Text(bytes)
    // A base64encodedinlined variable inlines the file's bytes, so they are base64-encoded whole. A base64
    // secret's file of raw key bytes (not UTF-8 text) is sent as exactly those bytes, base64-encoded.
    if ((rules.binaryFile && !rules.textOrBytes) || (rules.binaryFile && text === undefined)) {
      const base64 = bytes.toString('base64')
      if (rules.secret) maskSecret(base64)
      return base64
    }
    if (text === undefined) {
      const hint = rules.secret
        ? "; a generic or pem secret holds text (a binary key belongs in a base64hmac or base64aes secret, which sends the file's bytes)"
        : ''
      this.at(position, `${id}: value-file ${relative} ${NOT_UTF8_FILE}${hint}`)
      return undefined
    }
    // Editors end files with a newline that is not part of the value.
    const value = text.replace(/\r?\n$/, '')
    if (rules.secret) maskSecret(value)
    return value
  }
}

interface FileRules {
  secret: boolean
  /** The file's bytes are the value, base64-encoded. */
  binaryFile: boolean
  /** With binaryFile: UTF-8 text is taken as text (e.g. base64 already), other bytes as bytes. */
  textOrBytes?: boolean
}

/**
 * A number written in the file, as written: YAML reads `1.10` as the number 1.1, `08` as 8 and
 * `12345678901234567890` with digits lost. A string ESV keeps the text; an int or number keeps
 * a plain decimal's digits.
 */
function asWritten(node: Node | undefined, type: string): string | undefined {
  if (!isScalar(node) || typeof node.value !== 'number' || node.source === undefined) return undefined
  if (type === 'string') return node.source
  if ((type === 'int' || type === 'number') && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(node.source)) return node.source
  return undefined
}
