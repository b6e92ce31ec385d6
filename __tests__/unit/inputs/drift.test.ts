import { describe, expect, test } from '@jest/globals'
import { parseDriftInputs } from '../../../src/inputs/drift.js'
import { parseInputs } from '../../../src/inputs/index.js'
import { Parser } from '../../../src/inputs/parser.js'
import type { OperationName } from '../../../src/operations/names.js'

function parse(inputs: Record<string, string>, operation: OperationName, token: { value: string | undefined } = { value: 'ghs_x' }) {
  const problems: string[] = []
  const drift = parseDriftInputs(new Parser((name) => inputs[name] ?? '', problems), operation, token.value)
  return { drift, problems }
}

describe('parseDriftInputs', () => {
  test('all off by default, on every operation', () => {
    expect(parse({}, 'restart')).toEqual({ drift: { detect: false, failOnDrift: false, issue: false }, problems: [] })
  })

  test('set-esvs and set-tenant-settings take all three', () => {
    for (const operation of ['set-esvs', 'set-tenant-settings'] as const) {
      expect(parse({ 'detect-drift': 'true', 'fail-on-drift': 'true', 'drift-issue': 'true' }, operation)).toEqual({
        drift: { detect: true, failOnDrift: true, issue: true },
        problems: []
      })
    }
  })

  test('fail-on-drift and drift-issue without detect-drift are each a problem naming the input', () => {
    expect(parse({ 'fail-on-drift': 'true', 'drift-issue': 'true' }, 'set-esvs').problems).toEqual([
      'fail-on-drift: acts on the drift a plan finds: set detect-drift: true too (it plans without writing)',
      'drift-issue: acts on the drift a plan finds: set detect-drift: true too (it plans without writing)'
    ])
  })

  test('another operation: one problem naming what was given', () => {
    expect(parse({ 'detect-drift': 'true', 'drift-issue': 'true' }, 'promote').problems).toEqual([
      'detect-drift: only set-esvs and set-tenant-settings detect drift; remove detect-drift, drift-issue from this promote step'
    ])
  })

  test('drift-issue needs a github-token', () => {
    expect(parse({ 'detect-drift': 'true', 'drift-issue': 'true' }, 'set-esvs', { value: undefined }).problems).toEqual([
      expect.stringMatching(/^drift-issue: needs github-token/)
    ])
  })
})

describe('detect-drift is a dry run', () => {
  const connection = { 'tenant-url': 'https://openam-acme.forgeblocks.com', 'access-token': 'at-123' }
  test('dry-run false or unset: set-esvs plans only, asking for the read scope alone', () => {
    for (const dryRun of ['', 'false']) {
      const inputs = parseInputs(
        (name) => ({ operation: 'set-esvs', 'esv-file': 'e.yaml', 'detect-drift': 'true', 'dry-run': dryRun, ...connection })[name] ?? ''
      )
      expect(inputs.esvSync.dryRun).toBe(true)
      expect(inputs.tenant?.scopes).toEqual(['fr:idc:esv:read'])
      expect(inputs.drift.detect).toBe(true)
    }
  })

  test('set-tenant-settings plans only too', () => {
    const inputs = parseInputs(
      (name) => ({ operation: 'set-tenant-settings', 'settings-file': 's.yaml', 'detect-drift': 'true', ...connection })[name] ?? ''
    )
    expect(inputs.tenantSettings.settings?.dryRun).toBe(true)
  })
})
