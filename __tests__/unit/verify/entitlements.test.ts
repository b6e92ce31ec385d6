import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from '@jest/globals'
import { ENTITLEMENTS, findEntitlement, OFFERINGS } from '../../../src/verify/entitlements.js'

const REFERENCE_FILE = 'seed-api-client-entitlements.txt'

/**
 * The API-client documentation the catalogue was taken from lives next to the
 * project (shared/reference/), never inside it: TENANT_PILOT_REFERENCE names
 * the folder, else it is looked for in the folders above the repository.
 */
function findReference(): string | undefined {
  const fromEnv = process.env.TENANT_PILOT_REFERENCE
  if (fromEnv) return join(fromEnv, REFERENCE_FILE)
  let dir = fileURLToPath(new URL('../../../', import.meta.url))
  for (;;) {
    const candidate = join(dir, 'shared', 'reference', REFERENCE_FILE)
    if (existsSync(candidate)) return candidate
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** The table rows: each is name, description and offering run together, as the page renders them. */
function referenceRows(text: string): string[] {
  const header = 'EntitlementDescriptionOffering\n'
  const start = text.indexOf(header)
  if (start < 0) throw new Error('the reference has no entitlement table')
  return text
    .slice(start + header.length)
    .split(/\n\s*\n/)[0]!
    .split('\n')
    .map((row) => row.trim())
    .filter(Boolean)
}

/** How the documentation writes an entry: offerings "any" or "CIC, CIV", and the exception after "any.". */
function renderRow(entry: (typeof ENTITLEMENTS)[number]): string {
  const offering = entry.offerings.length === 0 ? 'any' : entry.offerings.join(', ')
  const exception = entry.exception ? `. Exception: ${entry.exception.note}` : ''
  return `${entry.name}${entry.description}${offering}${exception}`
}

/** The page sometimes puts a space before the offering; that space carries no meaning. */
const squeeze = (text: string) => text.replace(/\s+/g, '')

const referencePath = findReference()
/** The entries the documentation's table lists; the others name their own source. */
const documented = ENTITLEMENTS.filter((entry) => entry.source === undefined)

describe('entitlement catalogue', () => {
  test('names are unique, case-sensitively distinct, and look like entitlement names', () => {
    const names = ENTITLEMENTS.map((e) => e.name)
    expect(new Set(names).size).toBe(names.length)
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length)
    for (const name of names) expect(name).toMatch(/^[A-Za-z]+$/)
  })

  test('offerings come from the known list; exceptions name an offering', () => {
    for (const entry of ENTITLEMENTS) {
      for (const offering of entry.offerings) expect(OFFERINGS).toContain(offering)
      if (entry.exception) expect(OFFERINGS).toContain(entry.exception.offering)
    }
  })

  test('spot checks: offerings, exceptions and the admin entitlement', () => {
    expect(findEntitlement('manageAPIClients')).toEqual({ name: 'manageAPIClients', description: 'Manage API clients', offerings: [] })
    expect(findEntitlement('manageMFAMethods')?.offerings).toEqual(['CIC'])
    expect(findEntitlement('readPwdVault')?.offerings).toEqual(['CIC', 'CIV'])
    expect(findEntitlement('manageReports')?.exception).toEqual({
      note: 'application usage reports can only be exported by CIC.',
      offering: 'CIC'
    })
    expect(findEntitlement('readReports')?.exception?.offering).toBe('CIC')
    expect(findEntitlement('manageapiclients')).toBeUndefined()
  })

  test('the secret-reading entitlements IBM added after the documentation’s table are there, with their source', () => {
    expect(findEntitlement('readAPIClientsAndClientSecret')).toMatchObject({
      offerings: [],
      source: expect.stringContaining('ibm.com/docs')
    })
    expect(ENTITLEMENTS.filter((entry) => entry.source !== undefined).map((entry) => entry.name)).toEqual([
      'readAPIClientsAndClientSecret',
      'readAppConfigAndClientSecret',
      'readExternalAgentsAndClientSecret',
      'readSTSClientsAndClientSecret'
    ])
  })

  // Skipped only where the documentation is not beside the project (e.g. a fork's CI).
  ;(referencePath ? describe : describe.skip)(`against the documentation (${REFERENCE_FILE})`, () => {
    const rows = referencePath ? referenceRows(readFileSync(referencePath, 'utf8')) : []

    test.each(documented.map((entry) => [entry.name, entry] as const))('%s matches its row', (_name, entry) => {
      expect(rows.map(squeeze)).toContain(squeeze(renderRow(entry)))
    })

    test('every row of the documentation is in the catalogue, in the same order', () => {
      expect(rows.map(squeeze)).toEqual(documented.map((entry) => squeeze(renderRow(entry))))
    })

    test('an entry with its own source is one the documentation’s table lacks', () => {
      for (const entry of ENTITLEMENTS.filter((e) => e.source !== undefined)) {
        expect(rows.filter((row) => row.startsWith(entry.name))).toEqual([])
      }
    })

    test('the admin entitlement the documentation names is the one the action asks for', () => {
      const text = readFileSync(referencePath!, 'utf8')
      expect(text).toContain('Entitlements required: manageAPIClients')
    })
  })
})
