import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { parseExportInputs } from '../../../src/inputs/export.js'
import { Parser } from '../../../src/inputs/parser.js'
import type { OperationName } from '../../../src/operations/names.js'
import { scopesFor } from '../../../src/tenant/scopes.js'

const workspace = mkdtempSync(join(tmpdir(), 'tenant-pilot-export-inputs-'))
const runnerTemp = join(workspace, '..', `${workspace.split(/[/\\]/).pop()}-temp`)
mkdirSync(join(workspace, 'exports.yaml'), { recursive: true })
const env = { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: runnerTemp }

function parse(inputs: Record<string, string>, operation: OperationName) {
  const problems: string[] = []
  const exported = parseExportInputs(new Parser((name) => inputs[name] ?? '', problems), operation, env)
  return { exported, problems }
}

describe('parseExportInputs (output-file)', () => {
  test('by default the file goes under RUNNER_TEMP, as YAML', () => {
    expect(parse({}, 'export-esvs')).toEqual({
      exported: {
        path: join(runnerTemp, 'tenant-pilot', 'esvs.yaml'),
        display: join(runnerTemp, 'tenant-pilot', 'esvs.yaml'),
        format: 'yaml'
      },
      problems: []
    })
    expect(parse({}, 'export-tenant-settings').exported?.path).toBe(join(runnerTemp, 'tenant-pilot', 'tenant-settings.yaml'))
  })

  test('a path in the workspace or RUNNER_TEMP, its format by extension', () => {
    expect(parse({ 'output-file': 'esvs/prod.json' }, 'export-esvs')).toEqual({
      exported: { path: join(workspace, 'esvs', 'prod.json'), display: 'esvs/prod.json', format: 'json' },
      problems: []
    })
    expect(parse({ 'output-file': join(runnerTemp, 'x.yml') }, 'export-tenant-settings').exported?.format).toBe('yaml')
  })

  test.each([
    ['esvs/prod.txt', /output-file: "esvs\/prod\.txt" must end in \.yaml, \.yml, \.json/],
    ['../elsewhere/prod.yaml', /output-file: \.\.\/elsewhere\/prod\.yaml is outside the workspace/],
    ['/etc/prod.yaml', /is outside the workspace/],
    ['exports.yaml', /output-file: exports\.yaml is a folder/]
  ])('%s is refused', (file, message) => {
    const { exported, problems } = parse({ 'output-file': file }, 'export-esvs')
    expect(exported).toBeUndefined()
    expect(problems).toEqual([expect.stringMatching(message)])
  })

  test('other operations ignore it', () => {
    expect(parse({ 'output-file': 'x.txt' }, 'set-esvs')).toEqual({ exported: undefined, problems: [] })
  })

  test('both exports ask only for read scopes', () => {
    expect(scopesFor('export-esvs')).toEqual(['fr:idc:esv:read'])
    expect(scopesFor('export-tenant-settings')).toEqual([
      'fr:idc:content-security-policy:read',
      'fr:idc:cookie-domain:read',
      'fr:idc:custom-domain:read',
      'fr:idc:federation:read',
      'fr:idc:sso-cookie:read',
      'fr:idc:certificate:read'
    ])
  })
})
