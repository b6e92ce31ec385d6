import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { redact } from '../secrets.js'
import { withoutHeader } from './declaration-file.js'

/**
 * Writes an export, unless the file already holds the same export (only the header, which says when,
 * would change): then it is left as it is, so a scheduled export opens no pull request for nothing.
 */
export function writeExportFile(path: string, text: string): { written: boolean } {
  // Nothing an export writes is secret, but a value that holds a known secret is never written out.
  const safe = redact(text)
  if (existsSync(path) && withoutHeader(readFileSync(path, 'utf8')) === withoutHeader(safe)) return { written: false }
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, safe)
  return { written: true }
}
