import { readFileSync } from 'node:fs'
import { ActionError } from '../errors.js'
import { checkWritePlace, writableRoots, writeFileSafely } from '../files/safe-write.js'
import { utf8Text } from '../files/source-file.js'
import type { ExportSettings } from '../inputs/types.js'
import { redact } from '../secrets.js'
import { withoutHeader } from './declaration-file.js'

/**
 * Writes an export, unless the file already holds the same export (only the header, which says when,
 * would change): then it is left as it is, so a scheduled export opens no pull request for nothing.
 */
export function writeExportFile(file: Pick<ExportSettings, 'path' | 'display'>, text: string): { written: boolean } {
  const { path } = file
  const label = `output-file ${file.display}`
  // Nothing an export writes is secret, but a value that holds a known secret is never written out.
  const safe = redact(text)
  const roots = writableRoots()
  // Checked before the old file is read, so that nothing is read through a link either.
  const place = checkWritePlace(path, roots)
  if (!place.ok) throw new ActionError(`${label} ${place.problem}`)
  if (sameExport(path, safe)) return { written: false }
  writeFileSafely(path, safe, { label, roots })
  return { written: true }
}

/** Whether the file holds this export but for its header; a file that is not UTF-8 holds other bytes, so it differs. */
function sameExport(path: string, text: string): boolean {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch {
    return false
  }
  const existing = utf8Text(bytes)
  return existing !== undefined && withoutHeader(existing) === withoutHeader(text)
}
