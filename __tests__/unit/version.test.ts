import { readFileSync } from 'node:fs'
import { expect, test } from '@jest/globals'
import { ACTION_VERSION } from '../../src/version.js'

test('the version sent in the User-Agent is the package version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  expect(ACTION_VERSION).toBe(pkg.version)
})
