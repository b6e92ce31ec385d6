import type { ConfigEntry, Emulator } from '../../emulator/index.js'
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
