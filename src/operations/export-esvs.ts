import * as core from '@actions/core'
import { ActionError } from '../errors.js'
import { renderDeclarationFile } from '../export/declaration-file.js'
import { esvExport, type EsvExport } from '../export/esvs.js'
import { writeExportFile } from '../export/write.js'
import { countBy } from '../esvs/render.js'
import { markdownTable } from '../github/summary.js'
import type { ExportSettings } from '../inputs/types.js'
import { setOutput } from '../outputs.js'
import { EsvClient } from '../tenant/esv.js'
import { requireTenant, type OperationContext } from './context.js'

/**
 * `export-esvs`: writes every variable and secret the tenant has (all pages) as the file set-esvs
 * reads, so that set-esvs on it plans no change. Only reads; secret values cannot be read, so each
 * secret takes its value from an environment variable named after its id.
 */
export async function exportEsvs(context: OperationContext): Promise<void> {
  const options = requireExportInputs(context)
  const tenant = requireTenant(context)
  const esv = new EsvClient(tenant.client)
  const [variables, secrets] = await Promise.all([esv.listVariables(), esv.listSecrets()])
  const exported = esvExport(variables, secrets)
  const header = [
    `ESVs exported by tenant-pilot export-esvs from ${tenant.url} at ${new Date().toISOString()}.`,
    `${variables.length} variable(s), ${secrets.length} secret(s). Secret values cannot be read from a tenant: set each`,
    "value-from-env variable from a GitHub secret in the set-esvs step's env to apply this file.",
    ...exported.untyped.map((id) => `${id} has no expressionType in the tenant (made before variables had types): exported as a string.`)
  ]
  const { written } = writeExportFile(options, renderDeclarationFile(exported.content, options.format, header))
  for (const warning of exported.warnings) core.warning(warning)
  core.info(
    `${written ? 'Wrote' : 'Unchanged:'} ${options.display}: ${variables.length} variable(s), ${secrets.length} secret(s) from ${tenant.url}`
  )
  setOutput('file', options.path)
  context.summary.add(esvExportSummary(exported, { file: options.display, tenant: tenant.url, written }))
}

export function requireExportInputs(context: OperationContext): ExportSettings {
  const options = context.inputs.export
  if (!options) throw new ActionError(`${context.inputs.operation}: the inputs were not parsed for this operation`)
  return options
}

function esvExportSummary(exported: EsvExport, options: { file: string; tenant: string; written: boolean }): string {
  const variables = Object.values(exported.content.variables)
  const secrets = Object.entries(exported.content.secrets)
  const rows = [
    ['variables', String(variables.length), countBy(variables.map((v) => v.type))],
    ['secrets', String(secrets.length), countBy(secrets.map(([, s]) => s.encoding))]
  ]
  const file = options.written
    ? `Written to \`${options.file}\`.`
    : `\`${options.file}\` already held this export (only its header would change): left as it was.`
  const names = secrets.map(([, s]) => `\`${s['value-from-env']}\``)
  const env =
    names.length > 0
      ? `\n\nTo apply it with \`set-esvs\`, set each secret's \`value-from-env\` in the step's \`env\` from a GitHub secret: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ` and ${names.length - 10} more (named in the file)` : ''}.`
      : ''
  const warnings = exported.warnings.length > 0 ? `\n\n${exported.warnings.map((w) => `> ⚠️ ${w}`).join('\n>\n')}` : ''
  return `### ESVs exported from ${options.tenant}\n\n${file}\n\n${markdownTable(['kind', 'count', 'by type'], rows)}${env}${warnings}`
}
