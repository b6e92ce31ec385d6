import type { AssessedReport } from '../report/changes.js'
import { canonicalReport } from '../report/fingerprint.js'
import { redact } from '../secrets.js'
import { writeActionTempFile } from '../files/temp-folder.js'

/**
 * The whole report as JSON under RUNNER_TEMP, for a later step or an upload:
 * the tenant's report, what blocks it, the canonical form and its fingerprint.
 */
export function writeReportFile(assessed: AssessedReport, env: NodeJS.ProcessEnv = process.env): string {
  const safeId = assessed.report.reportId.replace(/[^A-Za-z0-9._-]/g, '_') || 'provisional'
  const content = {
    fingerprint: `sha256:${assessed.fingerprint}`,
    missingESVs: assessed.missingEsvs,
    encryptedSecrets: assessed.encryptedSecrets,
    previouslyIgnoredEncryptedSecrets: assessed.previouslyIgnoredEncryptedSecrets,
    canonical: canonicalReport(assessed.rows),
    report: assessed.report
  }
  return writeActionTempFile(`promotion-report-${safeId}.json`, redact(JSON.stringify(content, null, 2)) + '\n', env)
}
