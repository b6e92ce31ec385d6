import { describe, expect, test } from '@jest/globals'
import { renderRotationReport, type RotationReport } from '../../../src/rotation/report.js'
import type { EsvSecretVersion, SecretVersionStatus } from '../../../src/tenant/types.js'

const v = (version: number, status: SecretVersionStatus): EsvSecretVersion => ({
  version: String(version),
  createDate: '2024-01-01T00:00:00Z',
  loaded: false,
  status
})
const report = (over: Partial<RotationReport> = {}): RotationReport => ({
  secretId: 'esv-hmac-key',
  tenantUrl: 'https://openam-acme-dev.forgeblocks.com',
  before: [v(1, 'DESTROYED'), v(2, 'ENABLED'), v(3, 'ENABLED')],
  loadedBefore: '3',
  after: [v(1, 'DESTROYED'), v(2, 'DISABLED'), v(3, 'ENABLED'), v(4, 'ENABLED')],
  loadedAfter: '4',
  newVersion: '4',
  previousVersion: '3',
  resumed: false,
  restartStatus: 'ready',
  retired: ['2'],
  retireMode: 'disable',
  ...over
})

describe('renderRotationReport', () => {
  test('one line of what happened and a row per version, before and after', () => {
    expect(renderRotationReport(report())).toBe(
      [
        '### Secret rotation: `esv-hmac-key`',
        '',
        'Rotated to version **4** (was 3) in `https://openam-acme-dev.forgeblocks.com`; restart: ready; disabled 2.',
        '',
        '| version | before | after |',
        '| --- | --- | --- |',
        '| 1 | DESTROYED | DESTROYED |',
        '| 2 | ENABLED | DISABLED |',
        '| 3 | ENABLED, loaded | ENABLED |',
        '| 4 (new) | — | ENABLED, loaded |'
      ].join('\n')
    )
  })

  test('a resumed run, a skipped restart, deletions, a new secret', () => {
    expect(renderRotationReport(report({ resumed: true }))).toContain('Finished the rotation to version **4** that an earlier run began')
    expect(renderRotationReport(report({ restartStatus: 'skipped' }))).toContain(
      'not restarted (restart: never), so the new version is pending'
    )
    expect(renderRotationReport(report({ retireMode: 'delete', retired: ['1', '2'] }))).toContain('deleted 1, 2.')
    expect(renderRotationReport(report({ retired: [] }))).toContain('nothing retired.')
    expect(renderRotationReport(report({ previousVersion: '', before: [] }))).toContain('Rotated to version **4** (a new secret)')
  })
})
