import { stringify } from 'yaml'

import type { ExportFormat } from './format.js'

/**
 * Writes what an export read as a declaration file set-esvs or set-tenant-settings reads back:
 * YAML (with a header comment) or JSON (without: both readers refuse any top-level key that is
 * not a section, so JSON has nowhere to say where and when it came from). Pure.
 */
export function renderDeclarationFile(content: Record<string, unknown>, format: ExportFormat, header: readonly string[]): string {
  if (format === 'json') return `${JSON.stringify(content, null, 2)}\n`
  // lineWidth 0: one line per value, never folded, so a diff shows exactly the value that changed.
  const body = stringify(content, { lineWidth: 0, indent: 2 })
  return `${header.map((line) => `# ${line}`.trimEnd()).join('\n')}\n${body}`
}

/** The file without its leading comment lines: what two exports compare by (the header says when, which always differs). */
export function withoutHeader(text: string): string {
  const lines = text.split('\n')
  let first = 0
  while (first < lines.length && lines[first]!.startsWith('#')) first++
  return lines.slice(first).join('\n')
}

/** Keys sorted at every level, so the same structure always exports the same text. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys)
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return Object.fromEntries(entries.map(([key, item]) => [key, sortedKeys(item)]))
  }
  return value
}

export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
