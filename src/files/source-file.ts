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

/** A file's text, or undefined after reporting why it cannot be read (missing, not a file, too big, not UTF-8). */
export function readSmallFile(path: string, problem: (message: string) => void): string | undefined {
  const bytes = readSmallFileBytes(path, problem)
  if (bytes === undefined) return undefined
  const text = utf8Text(bytes)
  if (text === undefined) problem(NOT_UTF8_FILE)
  return text
}

export const NOT_UTF8_FILE = 'is not UTF-8 text (some bytes are not UTF-8); save it as UTF-8'

/** Bytes as UTF-8 text, or undefined when they are not UTF-8 (never U+FFFD in their place). */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return undefined
  }
}

/** A file's exact bytes, or undefined after reporting why it cannot be read (missing, not a file, too big). */
export function readSmallFileBytes(path: string, problem: (message: string) => void): Buffer | undefined {
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
  return readFileSync(path)
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

/**
 * A path given as an input (e.g. certificate-file), relative to the workspace; like a path a
 * declaration file names, it must stay inside the workspace (or RUNNER_TEMP).
 */
export function resolveInput(relative: string, env: NodeJS.ProcessEnv = process.env): ResolvedPath {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd()
  const resolved = resolveBeside(resolve(workspace, 'input'), relative, env)
  return resolved.ok
    ? resolved
    : { ok: false, problem: 'is outside the workspace; give a path to a file in the repository (or RUNNER_TEMP)' }
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
  if (value?.includes('\uFFFD'))
    return {
      ok: false,
      problem: `the environment variable ${name} holds bytes that are not UTF-8 text (shown as U+FFFD); give the value as UTF-8`
    }
  if (value === undefined || value === '') {
    return {
      ok: false,
      problem: `the environment variable ${name} is ${value === undefined ? 'not set' : 'empty'}; set it in the step's env (e.g. from a GitHub secret)`
    }
  }
  return { ok: true, value }
}
