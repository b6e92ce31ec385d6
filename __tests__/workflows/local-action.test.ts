/**
 * The local runner works as documented (docs/development.md): `npm run emulator -- --write-env .env` writes a
 * ready `.env`, and `npx @github/local-action . src/main.ts .env` (with `--post src/post.ts`) runs the action
 * against the emulator with it. The commands are the ones the page shows; only the file's path is this test's.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { ROOT } from './helpers/documented.js'

const DOC = readFileSync(join(ROOT, 'docs/development.md'), 'utf8')
const folder = mkdtempSync(join(tmpdir(), 'tenant-pilot-local-action-'))
const envFile = join(folder, '.env')
let emulator: ChildProcess

/** A documented command, as words, with `.env` pointing at this test's file. */
function documented(command: string): string[] {
  expect(DOC.replace(/\s+/g, ' ')).toContain(command)
  return command.split(' ').map((word) => (word === '.env' ? envFile : word))
}

/** Runs `npx …` as a shell would, from the repository. */
function run(words: string[]): { status: number | null; stdout: string } {
  const [command, ...args] = words
  const result = spawnSync(command!, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: 'true' } })
  return { status: result.status, stdout: result.stdout + result.stderr }
}

beforeAll(async () => {
  const [, , ...flags] = documented('npm run emulator -- --write-env .env')
  // npm run emulator is `tsx emulator/cli.ts`: the same, in one process this test can stop by its id.
  emulator = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--restart-ms', '200', ...flags.slice(2)], {
    cwd: ROOT,
    stdio: 'ignore'
  })
  for (let i = 0; i < 100 && !existsSync(envFile); i++) await new Promise((resolve) => setTimeout(resolve, 200))
}, 30_000)

afterAll(() => {
  emulator.kill('SIGTERM')
  rmSync(folder, { recursive: true, force: true })
})

describe('@github/local-action with the emulator’s .env', () => {
  test('.env files are ignored by git', () => {
    expect(spawnSync('git', ['check-ignore', '-q', '.env'], { cwd: ROOT }).status).toBe(0)
    expect(spawnSync('git', ['check-ignore', '-q', 'emulator.env'], { cwd: ROOT }).status).toBe(0)
  })

  test('the .env holds the INPUT_* names local-action reads, github-api-url among them', () => {
    const names = readFileSync(envFile, 'utf8')
      .split('\n')
      .map((line) => line.split('=')[0])
    expect(names).toEqual(
      expect.arrayContaining([
        'INPUT_OPERATION',
        'INPUT_TENANT-URL',
        'INPUT_SERVICE-ACCOUNT-KEY',
        'INPUT_GITHUB-API-URL',
        'INPUT_GITHUB-TOKEN'
      ])
    )
  })

  test('the documented command runs the action, main then post, against the emulator', () => {
    const result = run(documented('npx @github/local-action . src/main.ts .env --post src/post.ts'))
    expect(result.stdout).toContain('Restarted: the tenant is ready')
    expect(result.stdout).not.toContain('::error::')
    expect(result.status).toBe(0)
  }, 120_000)

  test('without INPUT_GITHUB-API-URL local-action hands over action.yml’s default as text, which the action refuses', () => {
    const without = join(folder, 'without-api-url.env')
    writeFileSync(without, readFileSync(envFile, 'utf8').replace(/^INPUT_GITHUB-API-URL=.*\n/m, ''))
    const result = run(['npx', '@github/local-action', '.', 'src/main.ts', without])
    expect(result.stdout).toContain('::error::Invalid input: github-api-url: is not a URL')
  }, 120_000)
})
