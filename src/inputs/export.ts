import { statSync } from 'node:fs'
import { join } from 'node:path'
import { EXPORT_EXTENSIONS, exportFormatOf } from '../export/format.js'
import { resolveInput } from '../files/source-file.js'
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
 * or RUNNER_TEMP (as every file input is), and not a folder; by default under RUNNER_TEMP.
 */
export function parseExportInputs(p: Parser, operation: OperationName | undefined, env: NodeJS.ProcessEnv = process.env): ExportInputs {
  const defaultName = operation ? DEFAULT_FILE_NAMES[operation] : undefined
  if (!defaultName) return undefined
  const given = p.raw('output-file')
  if (!given) {
    const path = join(actionTempFolder(env), defaultName)
    return { path, display: path, format: 'yaml' }
  }
  const format = exportFormatOf(given)
  if (!format) {
    p.problem(
      'output-file',
      `"${clip(given)}" must end in ${EXPORT_EXTENSIONS.join(', ')} (the format set-esvs and set-tenant-settings read)`
    )
    return undefined
  }
  const resolved = resolveInput(given, env)
  if (!resolved.ok) {
    p.problem('output-file', `${clip(given)} is outside the workspace; give a path in the repository (or RUNNER_TEMP)`)
    return undefined
  }
  if (isFolder(resolved.path)) {
    p.problem('output-file', `${clip(given)} is a folder; give a file name ending in ${EXPORT_EXTENSIONS.join(', ')}`)
    return undefined
  }
  return { path: resolved.path, display: given, format }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
