import { readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, isAbsolute, relative as relativePath, resolve } from 'node:path'
import { maskSecret } from '../secrets.js'

/** Where a problem is, for a GitHub annotation. */
export interface Position {
  file: string
  line: number
  column: number
}

export interface FileProblem extends Position {
  message: string
}

/** Declaration files and the files they point at are configuration, never bulk data. */
export const MAX_FILE_BYTES = 1024 * 1024

export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** A file's text, or undefined after reporting why it cannot be read (missing, not a file, too big). */
export function readSmallFile(path: string, problem: (message: string) => void): string | undefined {
  let size: number
  try {
    const stat = statSync(path)
    if (!stat.isFile()) {
      problem('not a file')
      return undefined
    }
    size = stat.size
  } catch {
    problem('file not found')
    return undefined
  }
  if (size > MAX_FILE_BYTES) {
    problem(`the file is ${size} bytes; the limit is ${MAX_FILE_BYTES}`)
    return undefined
  }
  return readFileSync(path, 'utf8')
}

export type ResolvedPath = { ok: true; path: string } | { ok: false; problem: string }

/**
 * A path written in a declaration file is relative to that file, and must stay inside the
 * workspace (or RUNNER_TEMP): the file may come from a pull request, whose author must not
 * point the action at the runner's own files. Symbolic links are followed before the check.
 */
export function resolveBeside(declaringFile: string, relative: string, env: NodeJS.ProcessEnv = process.env): ResolvedPath {
  const path = isAbsolute(relative) ? relative : resolve(dirname(declaringFile), relative)
  let real = path
  try {
    real = realpathSync(path)
  } catch {
    // A missing file is reported by the read; its path is still checked as written.
  }
  const roots = [env.GITHUB_WORKSPACE ?? process.cwd(), env.RUNNER_TEMP].filter((root): root is string => Boolean(root))
  if (roots.some((root) => isInside(real, root))) return { ok: true, path }
  return { ok: false, problem: 'is outside the workspace; files a declaration file names must be in the repository' }
}

function isInside(path: string, root: string): boolean {
  let realRoot = resolve(root)
  try {
    realRoot = realpathSync(realRoot)
  } catch {
    // compare as written
  }
  const fromRoot = relativePath(realRoot, resolve(path))
  return fromRoot === '' || (!fromRoot.startsWith('..') && !isAbsolute(fromRoot))
}

export type EnvRead = { ok: true; value: string } | { ok: false; problem: string }

/**
 * Reads an environment variable a declaration file names. A secret is masked
 * before anything else sees it, even when it is then refused.
 */
export function readEnvValue(env: NodeJS.ProcessEnv, name: string, secret: boolean): EnvRead {
  if (!ENV_NAME.test(name)) return { ok: false, problem: `"${name}" is not an environment variable name` }
  const value = env[name]
  if (secret) maskSecret(value)
  if (value === undefined || value === '') {
    return {
      ok: false,
      problem: `the environment variable ${name} is ${value === undefined ? 'not set' : 'empty'}; set it in the step's env (e.g. from a GitHub secret)`
    }
  }
  return { ok: true, value }
}
