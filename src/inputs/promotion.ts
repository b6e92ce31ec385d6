import type { OperationName } from '../operations/names.js'
import { PROMOTION_OPERATIONS } from '../operations/names.js'
import { normaliseFingerprint } from '../report/fingerprint.js'
import type { Parser } from './parser.js'

/** Inputs of dry-run-promote, promote, rollback, promotion-report and unlock. */
export interface PromotionInputs {
  /** Recorded as the promoter; default the GitHub actor (filled in by the operation). */
  promoter: string | undefined
  description: string | undefined
  /** Names of the pair in the PR comment's title (`dev → staging`); absent: the hosts. */
  lowerName: string | undefined
  upperName: string | undefined
  ticketReference: string | undefined
  ignoreEncryptedSecrets: boolean
  unlockAfter: boolean
  promoteEmpty: boolean
  /** Lower-case hex sha256, normalised. */
  approvedFingerprint: string | undefined
  /** True unless given as false, on every event. */
  requireApproval: boolean
  reportId: string | undefined
  promotionId: string | undefined
  force: boolean
}

/** Report and promotion ids are UUIDs on real tenants; anything path-safe is accepted. */
const ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/
const MAX_TEXT = 1000
/** A short label for a title: letters, digits, spaces and . _ ( ) / - only. */
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._()/-]{0,39}$/u

export function parsePromotionInputs(p: Parser, operation: OperationName | undefined): PromotionInputs {
  const uses = operation !== undefined && PROMOTION_OPERATIONS.has(operation)
  const text = (name: string): string | undefined => {
    if (!uses) return undefined
    const value = p.raw(name)
    if (value.length > MAX_TEXT) p.problem(name, `at most ${MAX_TEXT} characters, got ${value.length}`)
    return value || undefined
  }
  const id = (name: string): string | undefined => {
    if (!uses) return undefined
    const value = p.raw(name)
    if (value && !ID_PATTERN.test(value)) p.problem(name, 'expected an id such as da0c66a4-9f37-4f9a-9988-0786ad301b17')
    return value || undefined
  }
  const name = (input: string): string | undefined => {
    if (!uses) return undefined
    const value = p.raw(input)
    if (value && !NAME_PATTERN.test(value))
      p.problem(input, 'expected a short name such as dev or staging (up to 40 letters, digits, spaces or . _ ( ) / -)')
    return value || undefined
  }
  const inputs: PromotionInputs = {
    promoter: text('promoter'),
    description: text('description'),
    lowerName: name('lower-name'),
    upperName: name('upper-name'),
    ticketReference: text('ticket-reference'),
    ignoreEncryptedSecrets: uses && p.boolean('ignore-encrypted-secrets', false),
    unlockAfter: uses ? p.boolean('unlock-after', true) : true,
    promoteEmpty: uses && p.boolean('promote-empty', false),
    approvedFingerprint: undefined,
    requireApproval: uses ? p.boolean('require-approval', true) : true,
    reportId: id('report-id'),
    promotionId: id('promotion-id'),
    force: uses && p.boolean('force', false)
  }
  if (!uses) return inputs
  const fingerprint = p.raw('approved-fingerprint')
  if (fingerprint) {
    inputs.approvedFingerprint = normaliseFingerprint(fingerprint)
    if (!inputs.approvedFingerprint)
      p.problem('approved-fingerprint', 'expected a sha256 fingerprint (64 hex digits, optionally prefixed sha256:)')
  }
  if (operation === 'promote' && inputs.reportId && !fingerprint) {
    p.problem('report-id', 'for promote, give it with approved-fingerprint (the dry run report that backs it)')
  }
  if (operation === 'promote' && inputs.reportId === 'last') {
    p.problem('report-id', "promote needs the dry run's report id, not last")
  }
  if (operation === 'unlock' && !inputs.promotionId && !inputs.force) {
    p.problem('promotion-id', 'required for unlock (the promotion whose lock to release), or set force: true to release the current lock')
  }
  return inputs
}
