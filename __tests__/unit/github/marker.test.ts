import { describe, expect, test } from '@jest/globals'
import { hasNextPage } from '../../../src/github/api.js'
import { parseMarker, renderMarker, type CommentMarker } from '../../../src/github/marker.js'

const tenant = 'https://openam-acme-prod.forgeblocks.com'
const marker: CommentMarker = {
  tenant,
  operation: 'dry-run-promote',
  status: 'dry-run',
  fingerprint: 'f'.repeat(64),
  reportId: 'r-1',
  dryRun: { fingerprint: 'f'.repeat(64), reportId: 'r-1', table: 'a'.repeat(64) }
}

describe('comment marker', () => {
  test('round-trips inside a body', () => {
    const body = `${renderMarker(marker)}\n\n### report\n`
    expect(body.startsWith(`<!-- tenant-pilot:promotion tenant=${tenant} {`)).toBe(true)
    expect(parseMarker(body, tenant)).toEqual(marker)
  })

  test('belongs to one tenant', () => {
    expect(parseMarker(renderMarker(marker), 'https://openam-acme-staging.forgeblocks.com')).toBeUndefined()
    // Only the first line is the action's marker line: one further down (quoted, copied in) never counts.
    const both = `${renderMarker({ ...marker, tenant: 'https://other.example.com' })}\n${renderMarker(marker)}`
    expect(parseMarker(both, tenant)).toBeUndefined()
    expect(parseMarker(`${renderMarker(marker)}\r\nrest`, tenant)?.tenant).toBe(tenant)
    expect(parseMarker(` ${renderMarker(marker)}`, tenant)).toBeUndefined()
  })

  test('values cannot end the HTML comment early', () => {
    const text = renderMarker({ ...marker, reportId: 'x --> <b>' })
    expect(text.indexOf('-->')).toBe(text.length - 3)
    expect(parseMarker(text, tenant)?.reportId).toBe('x --> <b>')
  })

  test('broken or foreign markers are ignored', () => {
    expect(parseMarker(`<!-- tenant-pilot:promotion tenant=${tenant} {not json} -->`, tenant)).toBeUndefined()
    expect(parseMarker('<!-- some other bot -->', tenant)).toBeUndefined()
    const noDryRun = parseMarker(
      `<!-- tenant-pilot:promotion tenant=${tenant} {"operation":"promote","status":"failed","dryRun":{"fingerprint":1}} -->`,
      tenant
    )
    expect(noDryRun?.dryRun).toBeUndefined()
  })

  test('a dry run without a table hash (older comments) parses without one: promote then refuses it', () => {
    const old = parseMarker(
      `<!-- tenant-pilot:promotion tenant=${tenant} {"operation":"dry-run-promote","status":"dry-run","dryRun":{"fingerprint":"f","reportId":"r"}} -->`,
      tenant
    )
    expect(old?.dryRun).toEqual({ fingerprint: 'f', reportId: 'r' })
  })
})

describe('Link header paging', () => {
  test('finds rel="next"', () => {
    expect(hasNextPage('<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"')).toBe(true)
    expect(hasNextPage('<https://api.github.com/x?page=1>; rel="first", <https://api.github.com/x?page=4>; rel="prev"')).toBe(false)
    expect(hasNextPage(undefined)).toBe(false)
  })
})
