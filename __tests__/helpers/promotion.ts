import type { ConfigEntry, Emulator } from '../../emulator/index.js'
import type { MergeMethod, MergePush } from '../../emulator/index.js'
import { connectionInputs, FAST_WAITS } from './e2e.js'

/** The pull request the promotion tests run for. */
export const PR = 7
/** The sticky comment's hidden marker, with its JSON. */
export const MARKER = /<!-- tenant-pilot:promotion tenant=\S+ (\{[^\n]*\}) -->/
/** The GITHUB_SHA the local runner sets. */
export const PUSHED_SHA = 'a'.repeat(40)
/** A run on PR's pull_request event. */
export const ON_PULL_REQUEST = { eventName: 'pull_request', event: { pull_request: { number: PR } } }

/** A promotion operation's inputs against the emulator's upper tenant and GitHub, fast waits, and `extra`. */
export function promotionInputs(emulator: Emulator, operation: string, extra: Record<string, string> = {}): Record<string, string> {
  return { operation, ...connectionInputs(emulator), ...FAST_WAITS, 'github-token': emulator.github.token, ...extra }
}

/** Adds (or replaces) a config entry in the lower tenant, by default a journey in /alpha, so a report differs. */
export function addToLower(emulator: Emulator, entry: Partial<ConfigEntry> & { name: string }): void {
  const full: ConfigEntry = {
    section: 'AMConfig',
    configItem: 'Journeys',
    uid: `journey/${entry.name}`,
    realm: '/alpha',
    body: 'page-node,success',
    esvRefs: [],
    encryptedSecrets: [],
    ...entry
  }
  emulator.promotion.config('lower').set(full.uid, full)
}

/** A reviewer with write access (alice) who is not the author (octocat). */
export const REVIEWER = 'alice'

/**
 * What a team does between the dry run and the merge: a reviewer with write access approves the PR (GitHub's
 * clock moved on, so the review is after the dry run's check), then it is merged as GITHUB_SHA.
 */
export function approveAndMerge(
  emulator: Emulator,
  options: { pr?: number; reviewer?: string; method?: MergeMethod; sha?: string } = {}
): MergePush {
  approve(emulator, options)
  return emulator.github.pulls.merge(options.pr ?? PR, options.method ?? 'squash', options.sha ?? PUSHED_SHA)
}

/** A review approving the PR a few seconds (GitHub's clock) after whatever came before. */
export function approve(emulator: Emulator, options: { pr?: number; reviewer?: string } = {}): void {
  emulator.github.advanceClock(2000)
  emulator.github.pulls.review(options.pr ?? PR, options.reviewer ?? REVIEWER, 'APPROVED')
  emulator.github.advanceClock(2000)
}

/** The push a merge made, as the runner hands it to a workflow on push (its GITHUB_SHA is the push's `after`: PUSHED_SHA by default). */
export function onPush(push: MergePush): { eventName: string; event: object } {
  return { eventName: 'push', event: push }
}
