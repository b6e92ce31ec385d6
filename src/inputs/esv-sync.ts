import type { OperationName } from '../operations/names.js'
import type { Parser } from './parser.js'
import type { EsvSyncInputs } from './types.js'

export const MAX_CONCURRENCY = 32
/** The same bound as rotate-secret's keep-versions. */
export const MAX_KEEP_VERSIONS = 1000

/** `forceDryRun`: detect-drift plans only, whatever dry-run says. */
export function parseEsvSyncInputs(
  p: Parser,
  operation: OperationName | undefined,
  options: { forceDryRun?: boolean } = {}
): EsvSyncInputs {
  const used = operation === 'set-esvs'
  return {
    file: used ? (p.required('esv-file', 'the YAML or JSON file declaring the ESVs') ?? '') : '',
    prune: p.boolean('prune', false),
    replaceOnTypeChange: p.boolean('replace-on-type-change', false),
    dryRun: p.boolean('dry-run', false) || options.forceDryRun === true,
    concurrency: p.positiveInteger('concurrency', { min: 1, max: MAX_CONCURRENCY }) ?? 8,
    showValues: p.boolean('show-values', false),
    keepVersions: used ? p.positiveInteger('keep-versions', { min: 1, max: MAX_KEEP_VERSIONS }) : keepVersionsElsewhere(p, operation)
  }
}

/** keep-versions retires secret versions: set-esvs and rotate-secret (which parses its own) do; elsewhere it is a mistake. */
function keepVersionsElsewhere(p: Parser, operation: OperationName | undefined): undefined {
  if (operation && operation !== 'rotate-secret' && p.raw('keep-versions'))
    p.problem('keep-versions', `only set-esvs and rotate-secret retire secret versions; remove it from this ${operation} step`)
  return undefined
}
