import type { OperationName } from '../operations/names.js'
import { PROMOTION_OPERATIONS } from '../operations/names.js'
import { normaliseFingerprint } from '../report/fingerprint.js'
import { INPUT_WAITS } from '../waits.js'
import type { Parser } from './parser.js'
import type { PromotionInputs } from './types.js'

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
    force: uses && p.boolean('force', false),
    failOnBlockers: uses && p.raw('fail-on-blockers') ? p.boolean('fail-on-blockers', false) : undefined,
    holdLock: uses && p.boolean('hold-lock', false),
    holdLockTimeoutMs: uses ? p.wait(INPUT_WAITS.holdLockTimeout) : INPUT_WAITS.holdLockTimeout.defaultSeconds * 1000,
    skipIfUnchanged: uses && p.boolean('skip-if-unchanged', false)
  }
  if (!uses) return inputs
  checkStrictModeInputs(p, operation, inputs)
  const fingerprint = p.raw('approved-fingerprint')
  if (fingerprint) {
    inputs.approvedFingerprint = normaliseFingerprint(fingerprint)
    if (!inputs.approvedFingerprint)
      p.problem('approved-fingerprint', 'expected a sha256 fingerprint (64 hex digits, optionally prefixed sha256:)')
  }
  if (operation === 'promote' && fingerprint && !inputs.reportId) {
    p.problem(
      'report-id',
      "required with approved-fingerprint (break-glass): the stored dry run's report id, so the tenant confirms the fingerprint and it is applied once"
    )
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

/** hold-lock and fail-on-blockers belong to dry-run-promote; hold-lock-timeout to hold-lock. */
function checkStrictModeInputs(p: Parser, operation: OperationName | undefined, inputs: PromotionInputs): void {
  if (inputs.holdLock && operation !== 'dry-run-promote') {
    p.problem(
      'hold-lock',
      'only dry-run-promote holds the lock after its run; promote reuses a held lock by itself (from the PR comment, or promotion-id)'
    )
  }
  if (inputs.failOnBlockers !== undefined && operation !== 'dry-run-promote') {
    p.problem('fail-on-blockers', 'only for dry-run-promote (promote always stops at missing ESVs and encrypted secrets)')
  }
  if (p.raw('hold-lock-timeout') && !inputs.holdLock) {
    p.problem('hold-lock-timeout', 'only with hold-lock: true on dry-run-promote (how long the held lock may stay held)')
  }
  if (inputs.skipIfUnchanged && operation !== 'dry-run-promote' && operation !== 'promote') {
    p.problem('skip-if-unchanged', 'only for dry-run-promote and promote (the steps that lock the environments)')
  }
  if (inputs.skipIfUnchanged && inputs.promoteEmpty) {
    p.problem('skip-if-unchanged', 'contradicts promote-empty: true (which promotes even when nothing changed); drop one of them')
  }
  if (operation === 'dry-run-promote' && inputs.promotionId) {
    p.problem(
      'promotion-id',
      'not for dry-run-promote: it finds its own held lock in the PR comment; give promotion-id to promote or unlock'
    )
  }
}
