import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { checkWritePlace, FileWriteError, writeFileSafely } from '../../../src/files/safe-write.js'

const base = mkdtempSync(join(tmpdir(), 'tenant-pilot-safe-write-'))
const root = join(base, 'workspace')
const outside = join(base, 'outside')
mkdirSync(join(root, 'real'), { recursive: true })
mkdirSync(outside)
symlinkSync(outside, join(root, 'linked'))
symlinkSync(join(outside, 'absent.yaml'), join(root, 'dangling.yaml'))
writeFileSync(join(root, 'real', 'file.yaml'), 'x')

const problemOf = (path: string): string | undefined => {
  const check = checkWritePlace(path, [root])
  return check.ok ? undefined : check.problem
}

describe('checkWritePlace', () => {
  test.each([
    ['real/file.yaml', undefined],
    ['new/deeper/file.yaml', undefined],
    ['linked/file.yaml', 'goes through linked, a symbolic link; the action writes no file through a link'],
    ['linked/new/file.yaml', 'goes through linked, a symbolic link; the action writes no file through a link'],
    ['dangling.yaml', 'is a symbolic link; the action writes no file through a link'],
    ['real', 'is a folder'],
    ['real/file.yaml/under', 'goes through real/file.yaml, which is not a folder'],
    ['../outside/file.yaml', 'is outside the workspace and RUNNER_TEMP'],
    // Written through the link and back again: the path as written stays inside, the link is still refused.
    ['linked/../real/x.yaml', undefined]
  ])('%s: %s', (relative, problem) => {
    expect(problemOf(join(root, relative))).toBe(problem)
  })
})

describe('writeFileSafely', () => {
  test('writes the bytes exactly, creating folders; a second write is a new file in place of the first, with the mode asked for', () => {
    const path = join(root, 'made', 'here', 'bytes.bin')
    const bytes = Buffer.from([0x61, 0x80, 0xff, 0x00, 0x62])
    writeFileSafely(path, bytes, { label: 'test', roots: [root] })
    expect(readFileSync(path).equals(bytes)).toBe(true)
    const before = statSync(path)
    writeFileSafely(path, 'secret', { label: 'test', roots: [root], mode: 0o600 })
    const after = statSync(path)
    expect(readFileSync(path, 'utf8')).toBe('secret')
    expect(after.mode & 0o777).toBe(0o600)
    expect(after.ino).not.toBe(before.ino)
    expect(readdirSync(join(root, 'made', 'here'))).toEqual(['bytes.bin'])
  })

  test('a refused place throws a FileWriteError naming the file, and writes nothing', () => {
    expect(() => writeFileSafely(join(root, 'linked', 'x.yaml'), 'x', { label: 'output-file linked/x.yaml', roots: [root] })).toThrow(
      new FileWriteError('output-file linked/x.yaml goes through linked, a symbolic link; the action writes no file through a link')
    )
    expect(readdirSync(outside)).toEqual([])
  })
})
