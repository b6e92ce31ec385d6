/**
 * Files the action writes (issue 24), through dist/index.js: an export (output-file) and a private key file
 * (store-in-file) are never written through a symbolic link (a folder, the name, a dangling one), always
 * atomically (a write that fails part-way leaves the old file whole and no temporary file behind), and a key
 * file is always a new file created exclusively with mode 0600.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { calculateJwkThumbprint, type JWK } from 'jose'
import type { TenantState } from '../../emulator/state.js'
import { errorLines, type ActionRun } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, startE2e, type E2eContext } from '../helpers/e2e.js'

let e2e: E2eContext
beforeEach(async () => {
  e2e = await startE2e()
  e2e.emulator.upper.serviceAccounts.keyAcceptDelayMs = 0
})
afterEach(() => e2e.close())

/** A folder beside the workspace and RUNNER_TEMP, where nothing may ever be written. */
const outsideOf = (workDir: string): string => join(workDir, 'outside')

/** A file outside holding `untouched`, and a symbolic link to it at `link`: what a repository or an earlier step could leave. */
function linkToOutsideFile(workDir: string, name: string, link: string): void {
  mkdirSync(outsideOf(workDir))
  writeFileSync(join(outsideOf(workDir), name), 'untouched\n')
  symlinkSync(join(outsideOf(workDir), name), link)
}

/** What a folder holds, hidden files (a temporary file left behind) included. */
const listing = (folder: string): string[] => readdirSync(folder).sort()

const b64 = (bytes: Buffer | string): string => Buffer.from(bytes).toString('base64')

function seedVariables(state: TenantState, count: number, valueBytes: number): void {
  for (let i = 0; i < count; i++) {
    const id = `esv-big-${String(i).padStart(4, '0')}`
    state.variables.set(id, {
      _id: id,
      description: '',
      expressionType: 'string',
      valueBase64: b64('x'.repeat(valueBytes)),
      lastChangeDate: '2024-05-01T00:00:00Z',
      lastChangedBy: 'tenant-admin',
      loaded: true,
      changeSeq: 0
    })
  }
}

/** Only the token endpoint may have been asked: the refusal came before any other request. */
const tenantCalls = (): string[] => e2e.emulator.log.filter((entry) => !entry.path.startsWith('/am/')).map((e) => e.path)

describe('export: output-file', () => {
  const exportEsvs = (options: {
    file?: string
    prepare?: (folders: { workspace: string; runnerTemp: string; workDir: string }) => void
    files?: Record<string, string>
    fileSizeLimitBytes?: number
  }): Promise<ActionRun> =>
    e2e.run({
      inputs: { operation: 'export-esvs', ...connectionInputs(e2e.emulator), ...(options.file ? { 'output-file': options.file } : {}) },
      prepare: options.prepare,
      files: options.files,
      fileSizeLimitBytes: options.fileSizeLimitBytes
    })

  test('a symlinked folder on the way is refused before any request; nothing is written where it points', async () => {
    const run = await exportEsvs({
      file: 'exports/esvs.yaml',
      prepare: ({ workspace, workDir }) => {
        mkdirSync(outsideOf(workDir))
        symlinkSync(outsideOf(workDir), join(workspace, 'exports'))
      }
    })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      'Invalid input: output-file: exports/esvs.yaml goes through exports, a symbolic link; the action writes no file through a link'
    ])
    expect(listing(outsideOf(run.workDir))).toEqual([])
    expect(e2e.emulator.log).toEqual([])
  })

  test('a symlink at the name is refused; the file it points at keeps its bytes', async () => {
    const run = await exportEsvs({
      file: 'esvs.yaml',
      prepare: ({ workspace, workDir }) => linkToOutsideFile(workDir, 'victim.yaml', join(workspace, 'esvs.yaml'))
    })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      'Invalid input: output-file: esvs.yaml is a symbolic link; the action writes no file through a link'
    ])
    expect(readFileSync(join(outsideOf(run.workDir), 'victim.yaml'), 'utf8')).toBe('untouched\n')
    expect(e2e.emulator.log).toEqual([])
  })

  test('a dangling symlink at the name is refused; its target is never created', async () => {
    const run = await exportEsvs({
      file: 'esvs/prod.yaml',
      files: { 'esvs/README.md': 'exports land here\n' },
      prepare: ({ workspace, workDir }) => symlinkSync(join(outsideOf(workDir), 'created.yaml'), join(workspace, 'esvs', 'prod.yaml'))
    })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)[0]).toBe(
      'Invalid input: output-file: esvs/prod.yaml is a symbolic link; the action writes no file through a link'
    )
    expect(existsSync(outsideOf(run.workDir))).toBe(false)
    expect(e2e.emulator.log).toEqual([])
  })

  test('a link that stays inside the workspace is refused too, and so is a link left at the default folder in RUNNER_TEMP', async () => {
    const inside = await exportEsvs({
      file: 'current/esvs.yaml',
      prepare: ({ workspace }) => {
        mkdirSync(join(workspace, 'releases', 'v2'), { recursive: true })
        symlinkSync(join(workspace, 'releases', 'v2'), join(workspace, 'current'))
      }
    })
    expect(inside.main.exitCode).toBe(1)
    expect(errorLines(inside.main)[0]).toMatch(/^Invalid input: output-file: current\/esvs\.yaml goes through current, a symbolic link/)
    expect(listing(join(inside.workDir, 'workspace', 'releases', 'v2'))).toEqual([])

    // An earlier step of the job could leave RUNNER_TEMP/tenant-pilot pointing anywhere.
    const byDefault = await exportEsvs({
      prepare: ({ runnerTemp, workDir }) => {
        mkdirSync(outsideOf(workDir))
        symlinkSync(outsideOf(workDir), join(runnerTemp, 'tenant-pilot'))
      }
    })
    expect(byDefault.main.exitCode).toBe(1)
    expect(errorLines(byDefault.main)[0]).toMatch(/output-file: .*tenant-pilot[/\\]esvs\.yaml goes through tenant-pilot, a symbolic link/)
    expect(listing(outsideOf(byDefault.workDir))).toEqual([])
    expect(e2e.emulator.log).toEqual([])
  })

  test('a write that fails part-way (a file-size limit) leaves the good export whole and no temporary file; without the limit it is replaced', async () => {
    // The good export of a small tenant, as a scheduled job committed it.
    const first = await exportEsvs({ file: 'esvs/prod.yaml' })
    expect(first.main.exitCode).toBe(0)
    const good = readFileSync(first.main.outputs.file!)
    expect(good.length).toBeLessThan(4096)

    // The tenant grows past the limit: 200 variables of 1 KiB, an export of about 230 KiB against 64 KiB.
    seedVariables(e2e.emulator.upper.state, 200, 1024)
    const limited = await exportEsvs({
      file: 'esvs/prod.yaml',
      files: { 'esvs/prod.yaml': good.toString('utf8') },
      fileSizeLimitBytes: 64 * 1024
    })
    expect(limited.main.exitCode).toBe(1)
    expect(errorLines(limited.main)).toEqual([
      expect.stringMatching(
        /^output-file esvs\/prod\.yaml: the write failed \(Error: EFBIG: file too large, write\); the file was left as it was$/
      )
    ])
    const folder = join(limited.workDir, 'workspace', 'esvs')
    expect(readFileSync(join(folder, 'prod.yaml')).equals(good)).toBe(true)
    expect(listing(folder)).toEqual(['prod.yaml'])

    const unlimited = await exportEsvs({ file: 'esvs/prod.yaml', files: { 'esvs/prod.yaml': good.toString('utf8') } })
    expect(unlimited.main.exitCode).toBe(0)
    const written = readFileSync(unlimited.main.outputs.file!, 'utf8')
    expect(written.length).toBeGreaterThan(200 * 1024)
    expect(written).toContain('esv-big-0199:')
    expect(listing(join(unlimited.workDir, 'workspace', 'esvs'))).toEqual(['prod.yaml'])
  })
})

describe('service-account key: store-in-file', () => {
  const createInputs = (file: string): Record<string, string> => ({
    ...connectionInputs(e2e.emulator),
    ...FAST_WAITS,
    operation: 'create-service-account',
    'service-account-name': 'ci-file',
    'service-account-scopes': 'fr:idc:esv:read',
    'store-in-file': file
  })
  const rotateInputs = (file: string): Record<string, string> => ({
    ...connectionInputs(e2e.emulator),
    ...FAST_WAITS,
    operation: 'rotate-service-account-key',
    'store-in-file': file
  })
  const accountNamed = (name: string) => e2e.emulator.upper.serviceAccounts.all().find((account) => account.name === name)
  const kidsOfOwnAccount = (): unknown[] => e2e.emulator.upper.serviceAccounts.keysOf(e2e.emulator.serviceAccount.id).map((key) => key.kid)

  test('a symlink at the name, pointing out of RUNNER_TEMP, is refused before any request; the key goes nowhere', async () => {
    const run = await e2e.run({
      inputs: createInputs('sa-key.json'),
      prepare: ({ runnerTemp, workDir }) => linkToOutsideFile(workDir, 'authorized_keys', join(runnerTemp, 'sa-key.json'))
    })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)).toEqual([
      'Invalid input: store-in-file sa-key.json is a symbolic link; the action writes no file through a link'
    ])
    expect(readFileSync(join(outsideOf(run.workDir), 'authorized_keys'), 'utf8')).toBe('untouched\n')
    expect(accountNamed('ci-file')).toBeUndefined()
    expect(tenantCalls()).toEqual([])
  })

  test('a dangling symlink at the name is refused; its target is never created', async () => {
    const run = await e2e.run({
      inputs: rotateInputs('ci-key.json'),
      prepare: ({ runnerTemp, workDir }) => symlinkSync(join(outsideOf(workDir), 'stolen.json'), join(runnerTemp, 'ci-key.json'))
    })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)[0]).toBe(
      'Invalid input: store-in-file ci-key.json is a symbolic link; the action writes no file through a link'
    )
    expect(existsSync(outsideOf(run.workDir))).toBe(false)
    expect(kidsOfOwnAccount()).toHaveLength(1)
    expect(tenantCalls()).toEqual([])
  })

  test('the key goes into a new file created with mode 0600: a file left at the name (0644, hard-linked elsewhere) never sees it', async () => {
    const run = await e2e.run({
      inputs: createInputs('sa-key.json'),
      prepare: ({ runnerTemp, workDir }) => {
        mkdirSync(outsideOf(workDir))
        writeFileSync(join(runnerTemp, 'sa-key.json'), 'left by an earlier step\n', { mode: 0o644 })
        // Whoever holds this link to the old file would read whatever is written into it.
        linkSync(join(runnerTemp, 'sa-key.json'), join(outsideOf(workDir), 'watcher.json'))
      }
    })
    expect(run.main.exitCode).toBe(0)
    const path = run.main.outputs['key-file']!
    const key = statSync(path)
    const watcher = join(outsideOf(run.workDir), 'watcher.json')
    expect(key.mode & 0o777).toBe(0o600)
    expect(key.ino).not.toBe(statSync(watcher).ino)
    expect(key.nlink).toBe(1)
    expect(readFileSync(watcher, 'utf8')).toBe('left by an earlier step\n')
    const jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK
    expect(await calculateJwkThumbprint(jwk)).toBe(run.main.outputs['key-id'])
    expect(listing(join(run.workDir, 'runner-temp'))).toEqual(['sa-key.json'])
  })

  test('a key file write that fails part-way keeps the stored key whole and takes the new key out of the account again', async () => {
    const current = e2e.emulator.serviceAccount.privateJwk
    const run = await e2e.run({
      inputs: rotateInputs('ci-key.json'),
      prepare: ({ runnerTemp }) => writeFileSync(join(runnerTemp, 'ci-key.json'), current, { mode: 0o600 }),
      // A private JWK is about 1.7 KB: the write stops at 1 KiB.
      fileSizeLimitBytes: 1024
    })
    expect(run.main.exitCode).toBe(1)
    expect(errorLines(run.main)[0]).toMatch(
      /^The new key \S+ was not put in use: storing it in the file .*ci-key\.json failed: store-in-file ci-key\.json: the write failed \(Error: EFBIG: file too large, write\); the file was left as it was\. It was removed again/
    )
    const folder = join(run.workDir, 'runner-temp')
    expect(readFileSync(join(folder, 'ci-key.json'), 'utf8')).toBe(current)
    expect(listing(folder).filter((name) => name.includes('ci-key'))).toEqual(['ci-key.json'])
    expect(kidsOfOwnAccount()).toEqual([await calculateJwkThumbprint(JSON.parse(current) as JWK)])
  })
})
