import { extname } from 'node:path'

/** Kept apart from the renderer so that parsing inputs does not load the YAML library. */
export type ExportFormat = 'yaml' | 'json'

export const EXPORT_EXTENSIONS = ['.yaml', '.yml', '.json'] as const

/** The format a path's extension asks for; undefined for any other extension. */
export function exportFormatOf(path: string): ExportFormat | undefined {
  const extension = extname(path).toLowerCase()
  if (extension === '.json') return 'json'
  return extension === '.yaml' || extension === '.yml' ? 'yaml' : undefined
}
