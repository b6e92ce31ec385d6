import { readFileSync, statSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
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

/** A path written in a declaration file is relative to that file. */
export function resolveBeside(declaringFile: string, relative: string): string {
  return isAbsolute(relative) ? relative : resolve(dirname(declaringFile), relative)
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
