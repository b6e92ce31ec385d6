import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  unlinkSync,
  writeSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ActionError, errorMessage } from '../errors.js'

/**
 * The one place the action writes files (exports, private key files, reports, CSRs). A file is written
 * only inside the workspace or RUNNER_TEMP, never through a symbolic link (a repository can commit one,
 * pointing anywhere), and atomically: a temporary file in the same folder, created exclusively, written
 * whole and flushed, then renamed over the name. A write that fails part-way (a full disk, a file-size
 * limit) leaves the previous file whole and removes the temporary one.
 */

/** Where the action may write: the workspace, and RUNNER_TEMP (the system's temporary folder outside a runner). */
export function writableRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.GITHUB_WORKSPACE || process.cwd(), env.RUNNER_TEMP || tmpdir()]
}

/** A checked place to write: the real folder (which may not exist yet), the folders to create in it, and the name. */
interface WritePlace {
  /** The root's real path: the runner's own folder, trusted as it is. */
  root: string
  /** The folders below the root, each checked to be a real folder (not a link) or absent. */
  folders: string[]
  /** How many of `folders` exist already (the rest are created). */
  existing: number
  name: string
}

export type WritePlaceCheck = { ok: true; place: WritePlace } | { ok: false; problem: string }

/**
 * Whether `path` may be written: inside a root, no symbolic link in any folder below the root or at the
 * name, each of those folders a folder, the name not a folder. Reads the file system, writes nothing.
 * The problem is a phrase that follows the path (`… is a symbolic link`).
 */
export function checkWritePlace(path: string, roots: readonly string[]): WritePlaceCheck {
  const inside = insideRoot(resolve(path), roots)
  if (!inside) return { ok: false, problem: 'is outside the workspace and RUNNER_TEMP' }
  const parts = inside.relative.split(sep)
  const name = parts.pop()!
  let folder = inside.root
  let existing = 0
  for (const [index, part] of parts.entries()) {
    folder = join(folder, part)
    const kind = kindOf(folder)
    const shown = parts.slice(0, index + 1).join('/')
    if (kind === 'missing') break
    if (kind === 'link') return { ok: false, problem: `goes through ${shown}, a symbolic link; the action writes no file through a link` }
    if (kind !== 'folder') return { ok: false, problem: `goes through ${shown}, which is not a folder` }
    existing++
  }
  if (existing === parts.length) {
    const kind = kindOf(join(folder, name))
    if (kind === 'link') return { ok: false, problem: 'is a symbolic link; the action writes no file through a link' }
    if (kind === 'folder') return { ok: false, problem: 'is a folder' }
    if (kind === 'other') return { ok: false, problem: 'is not a regular file' }
  }
  return { ok: true, place: { root: inside.root, folders: parts, existing, name } }
}

/** A write that did not happen: the file at the name is as it was (or still absent). */
export class FileWriteError extends ActionError {
  override readonly name = 'FileWriteError'
}

export interface SafeWriteOptions {
  /** What the file is, for the error: `output-file esvs/prod.yaml`. */
  label: string
  roots: readonly string[]
  /** The file's permissions, set exactly (a private key: 0o600); otherwise 0o666 less the umask. */
  mode?: number
}

/**
 * Writes `content` to `path` byte for byte, as described above; creates missing folders below the root.
 * Throws a FileWriteError naming `label` when the place is refused or the write fails.
 */
export function writeFileSafely(path: string, content: string | Uint8Array, options: SafeWriteOptions): void {
  const check = checkWritePlace(path, options.roots)
  if (!check.ok) throw new FileWriteError(`${options.label} ${check.problem}`)
  const folder = createFolders(check.place, options.label)
  const temporary = join(folder, `.${check.place.name}.${randomBytes(6).toString('hex')}.tmp`)
  let descriptor: number | undefined
  try {
    // Exclusive and not following a link: the temporary file is new, and only this step has it open.
    descriptor = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, options.mode ?? 0o666)
    if (options.mode !== undefined) fchmodSync(descriptor, options.mode)
    writeAll(descriptor, typeof content === 'string' ? Buffer.from(content, 'utf8') : content)
    fsyncSync(descriptor)
    closeSync(descriptor)
    descriptor = undefined
    // A rename replaces the name itself (a link put there meanwhile included), never what it points at.
    renameSync(temporary, join(folder, check.place.name))
  } catch (error) {
    if (descriptor !== undefined) closeQuietly(descriptor)
    removeQuietly(temporary)
    throw new FileWriteError(`${options.label}: the write failed (${errorMessage(error)}); the file was left as it was`)
  }
  flushFolder(folder)
}

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0

type Kind = 'missing' | 'link' | 'folder' | 'file' | 'other'

function kindOf(path: string): Kind {
  try {
    const stat = lstatSync(path)
    if (stat.isSymbolicLink()) return 'link'
    if (stat.isDirectory()) return 'folder'
    return stat.isFile() ? 'file' : 'other'
  } catch {
    return 'missing'
  }
}

/**
 * The root `path` lies in, by its path as written (never by following links below the root), with the
 * path relative to it; the deepest root wins, so the fewest folders are walked.
 */
function insideRoot(path: string, roots: readonly string[]): { root: string; relative: string } | undefined {
  let best: { root: string; relative: string } | undefined
  for (const root of roots) {
    for (const written of new Set([resolve(root), realPath(root)])) {
      const fromRoot = relative(written, path)
      if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) continue
      if (!best || fromRoot.length < best.relative.length) best = { root: realPath(root), relative: fromRoot }
    }
  }
  return best
}

function realPath(path: string): string {
  try {
    return realpathSync(resolve(path))
  } catch {
    return resolve(path)
  }
}

/** Creates the missing folders one at a time, each checked again after: the real folder the file goes in. */
function createFolders(place: WritePlace, label: string): string {
  let folder = place.root
  for (const [index, part] of place.folders.entries()) {
    folder = join(folder, part)
    if (index < place.existing) continue
    try {
      mkdirSync(folder)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new FileWriteError(
          `${label}: could not create the folder ${place.folders.slice(0, index + 1).join('/')} (${errorMessage(error)})`
        )
    }
    if (kindOf(folder) !== 'folder')
      throw new FileWriteError(`${label} goes through ${place.folders.slice(0, index + 1).join('/')}, which is not a folder`)
  }
  return folder
}

function writeAll(descriptor: number, bytes: Uint8Array): void {
  let offset = 0
  while (offset < bytes.length) offset += writeSync(descriptor, bytes, offset, bytes.length - offset)
}

/** The rename is durable once the folder is flushed; a platform that cannot open a folder (Windows) skips it. */
function flushFolder(folder: string): void {
  let descriptor: number | undefined
  try {
    descriptor = openSync(folder, constants.O_RDONLY)
    fsyncSync(descriptor)
  } catch {
    // The file is written and renamed; only its durability across a power loss is left to the system.
  } finally {
    if (descriptor !== undefined) closeQuietly(descriptor)
  }
}

function closeQuietly(descriptor: number): void {
  try {
    closeSync(descriptor)
  } catch {
    // Already closed, or the close failed after a failed write: the temporary file is removed next.
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // It was never created (the open failed).
  }
}
