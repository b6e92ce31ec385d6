import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { resolveBeside } from '../../../src/files/source-file.js'

describe('resolveBeside: paths a declaration file names stay in the workspace', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'tenant-pilot-ws-'))
  const temp = mkdtempSync(join(tmpdir(), 'tenant-pilot-rt-'))
  mkdirSync(join(workspace, 'esvs'))
  writeFileSync(join(workspace, 'keys.pem'), 'x')
  symlinkSync('/etc/hostname', join(workspace, 'esvs', 'sneaky.pem'))
  const env = { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: temp }
  const declaring = join(workspace, 'esvs', 'prod.yaml')

  test('relative to the declaring file, inside the workspace', () => {
    expect(resolveBeside(declaring, '../keys.pem', env)).toEqual({ ok: true, path: join(workspace, 'keys.pem') })
    expect(resolveBeside(declaring, 'missing.pem', env)).toEqual({ ok: true, path: join(workspace, 'esvs', 'missing.pem') })
  })

  test('RUNNER_TEMP is allowed too', () => {
    expect(resolveBeside(declaring, join(temp, 'key.pem'), env)).toMatchObject({ ok: true })
  })

  test.each([
    ['an absolute path elsewhere', '/etc/passwd'],
    ['a path climbing out', '../../../../../../../etc/passwd'],
    ['a symbolic link pointing out', 'sneaky.pem']
  ])('refuses %s', (_case, path) => {
    expect(resolveBeside(declaring, path, env)).toEqual({ ok: false, problem: expect.stringContaining('outside the workspace') })
  })
})
