import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writableRoots, writeFileSafely } from './safe-write.js'

/**
 * Where the action writes files for later steps of the job (reports, CSRs, exports): its own folder in
 * RUNNER_TEMP, which the runner empties after the job; the system's temporary folder outside a runner.
 */
export function actionTempFolder(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.RUNNER_TEMP || tmpdir(), 'tenant-pilot')
}

/** Writes a file of the action's temporary folder (safely: see safe-write.ts); returns its path. */
export function writeActionTempFile(name: string, content: string, env: NodeJS.ProcessEnv = process.env): string {
  const path = join(actionTempFolder(env), name)
  writeFileSafely(path, content, { label: `the file ${path}`, roots: writableRoots(env) })
  return path
}
