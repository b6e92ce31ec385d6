import { describe, expect, test } from '@jest/globals'
import { inputParser } from '../../helpers/inputs.js'

const base: Record<string, string> = {
  'tenant-url': 'https://openam-acme-staging.forgeblocks.com',
  'access-token': 'an-access-token-value',
  'esv-file': 'esvs/prod.yaml',
  'settings-file': 'tenant/settings.yaml'
}

const { parse, problems } = inputParser(base)

describe('plan inputs (set-esvs, set-tenant-settings)', () => {
  test('defaults: no approved plan, and require-approval true on every event (one rule, as promote’s)', () => {
    expect(parse({ operation: 'set-esvs' }).plans).toEqual({ approvedPlan: undefined, requireApproval: true })
    expect(parse({ operation: 'set-tenant-settings', 'require-approval': 'false' }).plans.requireApproval).toBe(false)
  })

  test('approved-plan is normalised to lower-case hex', () => {
    const hex = 'AB'.repeat(32)
    expect(parse({ operation: 'set-esvs', 'approved-plan': `sha256:${hex}` }).plans.approvedPlan).toBe(hex.toLowerCase())
  })

  test('approved-plan must be a sha256, and is only for the apply', () => {
    expect(problems({ operation: 'set-esvs', 'approved-plan': 'not-a-hash' })).toEqual([
      'approved-plan: expected a plan fingerprint (64 hex digits, optionally prefixed sha256:)'
    ])
    expect(problems({ operation: 'set-tenant-settings', 'approved-plan': 'a'.repeat(64), 'dry-run': 'true' })).toEqual([
      'approved-plan: only for the apply (dry-run: false); a dry run writes nothing, so there is nothing to hold to a plan'
    ])
  })

  test('other operations do not read them', () => {
    expect(parse({ operation: 'restart', 'approved-plan': 'junk' }).plans).toEqual({ approvedPlan: undefined, requireApproval: true })
  })
})
