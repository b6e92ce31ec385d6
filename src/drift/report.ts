import * as core from '@actions/core'
import { ActionError, errorMessage } from '../errors.js'
import { readGitHubContext, runUrl } from '../github/context.js'
import { connectRepository } from '../github/pull-request.js'
import type { JobSummary } from '../github/summary.js'
import type { ActionInputs } from '../inputs/types.js'
import { setOutput } from '../outputs.js'
import { driftIssueTarget, keepDriftIssue, type DriftIssueTarget } from './issue.js'
import type { DriftFinding } from './types.js'

/**
 * With drift-issue: the repository the issue is kept in, checked before any request (a missing
 * GITHUB_REPOSITORY or a bad GITHUB_API_URL fails the step at once); undefined without drift-issue.
 */
export function driftIssueTargetFor(inputs: ActionInputs, env: NodeJS.ProcessEnv = process.env): DriftIssueTarget | undefined {
  if (!inputs.drift.issue) return undefined
  const github = readGitHubContext(env)
  const repository = connectRepository(inputs.github, github, inputs.http)
  if (!repository.api) throw new ActionError(`drift-issue: no repository to keep the issue in: ${repository.reason}; nothing was sent`)
  return driftIssueTarget(repository.api, inputs.github.commentAuthor, runUrl(github))
}

/** The drift outputs, the summary, the issue, then (fail-on-drift) the failure: in that order, so each is on record. */
export async function reportDrift(
  run: { inputs: ActionInputs; summary: JobSummary; target: DriftIssueTarget | undefined },
  finding: DriftFinding
): Promise<void> {
  const drift = finding.count > 0
  setOutput('drift', drift)
  setOutput('drift-count', finding.count)
  run.summary.add(driftSummary(finding))
  core.info(
    drift
      ? `Drift: ${finding.count} planned change(s) between the tenant and ${finding.file}`
      : `No drift: the tenant matches ${finding.file}`
  )

  let issueFailure: string | undefined
  if (run.target) {
    try {
      const outcome = await keepDriftIssue(run.target, finding)
      if (outcome.url) setOutput('drift-issue-url', outcome.url)
      if (outcome.action !== 'none') core.info(`Drift issue ${outcome.action}: ${outcome.url ?? ''}`)
    } catch (error) {
      issueFailure = errorMessage(error)
    }
  }
  if (drift && run.inputs.drift.failOnDrift) {
    if (issueFailure) core.error(issueFailure)
    throw new ActionError(driftFailure(finding))
  }
  if (issueFailure) throw new ActionError(issueFailure)
  if (drift) core.warning(driftFailure(finding))
}

/** One line: what differs, where the plan is, what to do. */
export function driftFailure(finding: DriftFinding): string {
  return (
    `Drift: ${finding.tenantUrl} no longer matches ${finding.file} (${finding.count} planned change(s); the plan is in the job summary). ` +
    `Apply the file (${finding.operation} without dry-run and detect-drift) or change the file to keep what the tenant has now`
  )
}

export function driftSummary(finding: DriftFinding): string {
  const heading =
    finding.count > 0
      ? `### Drift: ${finding.count} planned change(s) between \`${finding.file}\` and ${finding.tenantUrl}`
      : `### No drift: ${finding.tenantUrl} matches \`${finding.file}\``
  return `${heading}\n\n${finding.planMarkdown}`
}
