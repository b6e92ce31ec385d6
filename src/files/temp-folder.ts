import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Where the action writes files for later steps of the job (reports, CSRs, exports): its own folder in
 * RUNNER_TEMP, which the runner empties after the job; the system's temporary folder outside a runner.
 */
export function actionTempFolder(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.RUNNER_TEMP || tmpdir(), 'tenant-pilot')
}
