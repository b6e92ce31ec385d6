import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { CHANGELOG, changelogSection } from '../../scripts/release-notes.js'

const SAMPLE = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '### Fixed',
  '- next thing',
  '',
  '## [0.2.0] - 2026-12-01',
  '',
  '### Added',
  '- the PR gate',
  '',
  '## [0.1.0] - 2026-11-01',
  '',
  '- first',
  '',
  '[0.2.0]: https://example.invalid/compare/v0.1.0...v0.2.0'
].join('\n')

describe('release notes from CHANGELOG.md', () => {
  test('a version section stops at the next version heading', () => {
    expect(changelogSection(SAMPLE, '0.2.0')).toBe('### Added\n- the PR gate')
  })
  test('the last section leaves out link references', () => {
    expect(changelogSection(SAMPLE, '0.1.0')).toBe('- first')
  })
  test('a missing or empty section is undefined, so the release fails', () => {
    expect(changelogSection(SAMPLE, '9.9.9')).toBeUndefined()
    expect(changelogSection('## [1.0.0] - 2026-01-01\n\n## [0.9.0]', '1.0.0')).toBeUndefined()
  })
  test('the package version has its section in CHANGELOG.md', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(changelogSection(readFileSync(CHANGELOG, 'utf8'), version)).toBeDefined()
  })
})
