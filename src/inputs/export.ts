import { join, resolve } from 'node:path'
import { EXPORT_EXTENSIONS, exportFormatOf } from '../export/format.js'
import { checkWritePlace, writableRoots } from '../files/safe-write.js'
import type { OperationName } from '../operations/names.js'
import { clip, type Parser } from './parser.js'
import type { ExportInputs } from './types.js'
import { actionTempFolder } from '../files/temp-folder.js'

const DEFAULT_FILE_NAMES: Partial<Record<OperationName, string>> = {
  'export-esvs': 'esvs.yaml',
  'export-tenant-settings': 'tenant-settings.yaml'
}

/**
 * output-file of export-esvs and export-tenant-settings: .yaml, .yml or .json, inside the workspace
 * or RUNNER_TEMP (as every file input is), not a folder, and reached through no symbolic link (a
 * repository may commit one pointing anywhere); by default under RUNNER_TEMP.
 */
export function parseExportInputs(p: Parser, operation: OperationName | undefined, env: NodeJS.ProcessEnv = process.env): ExportInputs {
  const defaultName = operation ? DEFAULT_FILE_NAMES[operation] : undefined
  if (!defaultName) return undefined
  const given = p.raw('output-file')
  const format = given ? exportFormatOf(given) : 'yaml'
  if (!format) {
    p.problem(
      'output-file',
      `"${clip(given)}" must end in ${EXPORT_EXTENSIONS.join(', ')} (the format set-esvs and set-tenant-settings read)`
    )
    return undefined
  }
  const path = given ? resolve(env.GITHUB_WORKSPACE || process.cwd(), given) : join(actionTempFolder(env), defaultName)
  const place = checkWritePlace(path, writableRoots(env))
  if (!place.ok) {
    p.problem('output-file', `${given ? clip(given) : path} ${place.problem}`)
    return undefined
  }
  return { path, display: given || path, format }
}
