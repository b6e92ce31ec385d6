import type { OperationName } from '../operations/names.js'
import { PEM_NOT_GENERATED, secretValueProblem, valueLengthProblem } from '../rotation/secret-values.js'
import { ESV_ID_PATTERN, SECRET_ENCODINGS } from '../tenant/types.js'
import { MAX_KEEP_VERSIONS } from './esv-sync.js'
import type { Parser } from './parser.js'
import type { RotationSettings, RotationInputs } from './types.js'

const RETIRE_MODES = ['disable', 'delete', 'none'] as const
const MAX_VALUE_LENGTH = 4096

export function parseRotationInputs(p: Parser, operation: OperationName | undefined): RotationInputs {
  if (operation !== 'rotate-secret') return undefined
  const secretId = p.required('secret-id', 'the ESV secret to rotate, e.g. esv-signing-key')
  if (secretId && !ESV_ID_PATTERN.test(secretId))
    p.problem('secret-id', `"${secretId.slice(0, 60)}" is not an ESV secret id; expected esv- then 1 to 124 of a-z, 0-9, _ and -`)
  // secret-value was masked with the other secret inputs before any parsing; no message below quotes it.
  const secretValue = p.raw('secret-value') || undefined
  const encoding = p.oneOf('encoding', SECRET_ENCODINGS) ?? 'generic'
  const valueLength = p.positiveInteger('value-length', { min: 1, max: MAX_VALUE_LENGTH })
  const createIfMissing = p.boolean('create-if-missing', false)
  const settings: RotationSettings = {
    secretId: secretId ?? '',
    secretValue,
    encoding,
    valueLength,
    createIfMissing,
    retire: p.oneOf('retire', RETIRE_MODES) ?? 'disable',
    keepVersions: p.positiveInteger('keep-versions', { min: 1, max: MAX_KEEP_VERSIONS }) ?? 2,
    outputValue: p.boolean('output-value', false),
    resume: p.boolean('resume', true)
  }
  if (secretValue !== undefined && valueLength !== undefined)
    p.problem('value-length', 'applies only to a generated value; drop it, or drop secret-value to generate one')
  // The encoding input describes only a secret that does not exist yet; an existing one is checked once read.
  if (createIfMissing) {
    const valueProblem = secretValue === undefined ? undefined : secretValueProblem(encoding, secretValue)
    if (valueProblem) p.problem('secret-value', valueProblem)
    if (secretValue === undefined && encoding === 'pem') p.problem('secret-value', `required with encoding pem; ${PEM_NOT_GENERATED}`)
    else if (valueLength !== undefined && secretValue === undefined) {
      const lengthProblem = valueLengthProblem(encoding, valueLength)
      if (lengthProblem) p.problem('value-length', lengthProblem)
    }
  }
  return settings
}
