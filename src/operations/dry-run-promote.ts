import * as core from '@actions/core'
import { errorMessage, PromotionError } from '../errors.js'
import { eventPullRequestNumber, type GitHubContext } from '../github/context.js'
import type { HeldLock } from '../github/marker.js'
import { checkHold, holdAfterFailure, newHold, recordedHold } from '../promotion/held-lock.js'
import { withLock } from '../promotion/lock.js'
import { runAndWait } from '../promotion/run.js'
import { openPromotionSession, promotionRequest, publish, type PromotionSession } from '../promotion/session.js'
import { skippedAsUnchanged } from '../promotion/skip.js'
import type { AssessedReport } from '../report/changes.js'
import { assessReport, displayFingerprint } from '../report/fingerprint.js'
import type { OperationContext } from './context.js'

/**
 * `dry-run-promote`: lock, dry-run a promotion from the lower environment,
 * unlock, and show the report (summary, sticky PR comment) with the
 * fingerprint that a later `promote` will hold the lower environment to.
 * With hold-lock, the lock stays held (recorded in the comment) for promote
 * to reuse; a hold this PR's comment records is reused, or released once
 * its hold-lock-timeout passed. With fail-on-blockers the check goes red
 * when promote would stop, after the report is shown. With skip-if-unchanged
 * a provisional report that lists no change ends it before any lock request.
 */
export async function dryRunPromote(context: OperationContext): Promise<void> {
  const { inputs } = context
  const session = await openPromotionSession(context)
  const recorded = await recordedHold(session)
  if (await skippedAsUnchanged(session, recorded?.promotionId)) return
  const reuse = await reusableHold(session, recorded)
  // Kept outside the lock's callback so a failure after the dry run can still show its report.
  let assessed: AssessedReport | undefined
  let report: AssessedReport
  let held: HeldLock | undefined
  try {
    report = await withLock(
      session.client,
      session.tenantUrl,
      inputs.waits,
      async (lease) => {
        const outcome = await runAndWait(
          session.client,
          'the dry run',
          () => session.client.startPromotion(promotionRequest(session, true, false)),
          inputs.waits,
          { promotionId: lease.promotionId, type: 'promotion', dryRun: true }
        )
        assessed = assessReport(outcome.report, outcome.progress)
        if (inputs.promotion.holdLock) {
          // A reused hold keeps its deadline: rerunning the dry run does not extend it.
          held = reuse ?? newHold(lease.promotionId, Date.now(), inputs.promotion.holdLockTimeoutMs)
          lease.keepOnSuccess = true
          lease.keepNotice =
            `The environments stay locked by promotion ${held.promotionId} (hold-lock) until ${held.deadline}: promote reuses this lock and releases it; ` +
            `release it earlier with the unlock operation and promotion-id: ${held.promotionId}`
        }
        return assessed
      },
      { reuse: reuse?.promotionId }
    )
  } catch (error) {
    await publish(session, 'failed', assessed, 'clear', {
      failure: errorMessage(error),
      heldLock: await holdAfterFailure(session.client, reuse)
    })
    throw error
  }
  if (held && !(session.pr.link && inputs.github.comment)) {
    core.warning(
      `hold-lock without a PR comment: only this log and the promotion-id output record the held lock of promotion ${held.promotionId}; ` +
        `promote under it with promotion-id: ${held.promotionId}, or release it with the unlock operation (no run checks its hold-lock-timeout)`
    )
  }
  core.info(`Dry run: ${report.rows.length} change(s); fingerprint ${displayFingerprint(report.fingerprint)}`)
  warnAboutBlockers(report)
  await publish(session, 'dry-run', report, 'set', {
    heldLock: held,
    blockers: dryRunBlockers(report, inputs.promotion.ignoreEncryptedSecrets)
  })
  const failOnBlockers = inputs.promotion.failOnBlockers ?? runIsForPullRequest(inputs.github.prNumber, session.github)
  const found = dryRunBlockers(report, inputs.promotion.ignoreEncryptedSecrets)
  if (failOnBlockers && found.length > 0) {
    throw new PromotionError(
      `The dry run found what promote would stop at: ${found.join('; ')}. The report is in the PR comment and the job summary; ` +
        'fix them and run again (fail-on-blockers: false keeps the check green)'
    )
  }
}

/**
 * The hold this PR's own comment records, if it still holds the environments within its deadline: the
 * dry run works under it. Past its deadline it is released (its id is proven by the action's own
 * comment); gone, a new lock is taken as usual.
 */
async function reusableHold(session: PromotionSession, recorded: HeldLock | undefined): Promise<HeldLock | undefined> {
  if (!recorded) return undefined
  const check = await checkHold(session.client, recorded, session.context.inputs.waits, true)
  if (check.kind === 'held') {
    core.info(
      `This PR's comment records the held lock of promotion ${recorded.promotionId} (hold-lock, until ${recorded.deadline}); the dry run reuses it`
    )
    return recorded
  }
  if (check.kind === 'gone')
    core.info(`The held lock of promotion ${recorded.promotionId} that this PR's comment records is no longer held`)
  return undefined
}

/** fail-on-blockers defaults to true when the run is for a pull request: pr-number, or the event's pull request. */
export function runIsForPullRequest(prNumber: number | undefined, github: GitHubContext): boolean {
  return prNumber !== undefined || eventPullRequestNumber(github) !== undefined
}

/** What promote would stop at: missing ESVs, and encrypted secrets unless ignore-encrypted-secrets (previously ignored ones never). */
export function dryRunBlockers(report: AssessedReport, ignoreEncryptedSecrets: boolean): string[] {
  const found: string[] = []
  if (report.missingEsvs.length > 0) found.push(`missing ESVs in the upper environment: ${report.missingEsvs.join(', ')}`)
  if (report.encryptedSecrets.length > 0 && !ignoreEncryptedSecrets)
    found.push(`encrypted secrets in config: ${report.encryptedSecrets.join(', ')}`)
  return found
}

/** A dry run with blockers succeeds (it showed what it should), but says what a promotion would trip on. */
export function warnAboutBlockers(report: AssessedReport): void {
  if (report.missingEsvs.length > 0)
    core.warning(`Missing ESVs in the upper environment: ${report.missingEsvs.join(', ')}; promote will fail until they exist`)
  if (report.encryptedSecrets.length > 0)
    core.warning(`Encrypted secrets in config: ${report.encryptedSecrets.join(', ')}; promote needs ignore-encrypted-secrets: true`)
}
