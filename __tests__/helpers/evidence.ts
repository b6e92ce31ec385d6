/**
 * Reads the emulator's evidence ledger (emulator/EVIDENCE.md and emulator/evidence/*.md) and the row
 * citations in emulator test titles, and says what is wrong between them. Pure: callers read the files.
 */

/** A row's source column starts with one of these (EVIDENCE.md "How a row reads"). */
export const SOURCE_KINDS = ['openapi:', 'recording:', 'peer:', 'reference:', 'docs:', 'unknown'] as const

const ROW_ID = /^[A-Z]+-\d{2,}$/
/** `[ESV-01]`, `[ESV-01, ESV-02]` or `[ESV-01][GH-02]` in a title. */
const CITATION = /\[([A-Z]+-\d{2,}(?:\s*,\s*[A-Z]+-\d{2,})*)\]/g

export interface LedgerRow {
  id: string
  behaviour: string
  source: string
  defaults: string
  file: string
  line: number
}

export interface Area {
  /** e.g. "evidence/esv.md", relative to emulator/. */
  file: string
  /** e.g. "ESV" from `ESV-nn`. */
  prefix: string
}

/** A table row whose first cell is a row id; the header and the `---` line are not rows. */
export function parseLedger(file: string, markdown: string): LedgerRow[] {
  const rows: LedgerRow[] = []
  markdown.split('\n').forEach((text, index) => {
    const cells = tableCells(text)
    const id = cells?.[0]?.replace(/`/g, '')
    if (!cells || !id || !ROW_ID.test(id)) return
    rows.push({
      id,
      behaviour: cells[1] ?? '',
      source: cells[2] ?? '',
      defaults: cells[3] ?? '',
      file,
      line: index + 1
    })
  })
  return rows
}

/** The index table of EVIDENCE.md: each area's file and its row prefix. */
export function parseIndex(markdown: string): Area[] {
  const areas: Area[] = []
  for (const text of markdown.split('\n')) {
    const cells = tableCells(text)
    const file = /\((evidence\/[\w-]+\.md)\)/.exec(cells?.[1] ?? '')?.[1]
    const prefix = /^`?([A-Z]+)-nn`?$/.exec(cells?.[2] ?? '')?.[1]
    if (file && prefix) areas.push({ file, prefix })
  }
  return areas
}

function tableCells(line: string): string[] | undefined {
  const trimmed = line.trim()
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|')) return undefined
  // A `\|` inside a cell is text, not a column break.
  return trimmed
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim())
}

/** What is wrong with the rows themselves: duplicates, a missing source, a prefix of another area. */
export function rowProblems(rows: LedgerRow[], areas: Area[]): string[] {
  const problems: string[] = []
  const seen = new Map<string, LedgerRow>()
  for (const row of rows) {
    const where = `${row.file}:${row.line} ${row.id}`
    const first = seen.get(row.id)
    if (first) problems.push(`${where} appears twice (first at ${first.file}:${first.line})`)
    else seen.set(row.id, row)
    const source = row.source.replace(/^`+/, '')
    if (!SOURCE_KINDS.some((kind) => source.startsWith(kind))) {
      problems.push(`${where} has no source: its source column must start with one of ${SOURCE_KINDS.join(', ')}`)
    }
    if (row.behaviour === '') problems.push(`${where} says no behaviour`)
    const area = areas.find((a) => row.file.endsWith(a.file))
    if (area && !row.id.startsWith(`${area.prefix}-`))
      problems.push(`${where} belongs in the ${row.id.split('-')[0]} area, not ${area.file}`)
  }
  return problems
}

export interface Citation {
  id: string
  file: string
  title: string
}

/**
 * The row ids cited in the titles of `test`, `it` and `describe` calls (with `.each`, `.only`,
 * `.skip`…): only titles count, so an id in a comment or a string elsewhere cites nothing.
 */
export function citedInTitles(file: string, source: string): Citation[] {
  return testTitles(source).flatMap((title) =>
    [...title.matchAll(CITATION)].flatMap((match) => (match[1] ?? '').split(/\s*,\s*/).map((id) => ({ id, file, title })))
  )
}

export function testTitles(source: string): string[] {
  const titles: string[] = []
  const call = /\b(?:test|it|describe)\b/g
  for (let match = call.exec(source); match; match = call.exec(source)) {
    const previous = source[match.index - 1]
    if (previous === '.' || previous === '$') continue
    let at = match.index + match[0].length
    // Modifiers: `.each(table)` or `.each` + template, `.only`, `.skip`, `.concurrent`…
    for (let modifier = /^\.(\w+)/.exec(source.slice(at)); modifier; modifier = /^\.(\w+)/.exec(source.slice(at))) {
      at += modifier[0].length
      if (modifier[1] === 'each') at = skipArgument(source, skipSpace(source, at))
    }
    at = skipSpace(source, at)
    if (source[at] !== '(') continue
    at = skipSpace(source, at + 1)
    const title = stringLiteral(source, at)
    if (title !== undefined) titles.push(title)
  }
  return titles
}

function skipSpace(source: string, at: number): number {
  while (at < source.length && /\s/.test(source[at] ?? '')) at++
  return at
}

/** Past a `( … )` group or a template literal, whichever starts at `at`. */
function skipArgument(source: string, at: number): number {
  if (source[at] === '`') return at + (stringLiteral(source, at)?.length ?? 0) + 2
  if (source[at] !== '(') return at
  let depth = 0
  for (let i = at; i < source.length; i++) {
    const char = source[i]
    if (char === '"' || char === "'" || char === '`') {
      i += (stringLiteral(source, i)?.length ?? 0) + 1
      continue
    }
    if (char === '(' || char === '[' || char === '{') depth++
    if (char === ')' || char === ']' || char === '}') depth--
    if (depth === 0) return i + 1
  }
  return source.length
}

/** The raw text of the quoted string starting at `at` (escapes kept), or undefined. */
function stringLiteral(source: string, at: number): string | undefined {
  const quote = source[at]
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined
  for (let i = at + 1; i < source.length; i++) {
    if (source[i] === '\\') i++
    else if (source[i] === quote) return source.slice(at + 1, i)
  }
  return undefined
}

/** Citations of rows no ledger has, and rows no emulator test cites. */
export function citationProblems(rows: LedgerRow[], citations: Citation[]): string[] {
  const known = new Set(rows.map((row) => row.id))
  const cited = new Set(citations.map((c) => c.id))
  return [
    ...citations.filter((c) => !known.has(c.id)).map((c) => `${c.file} cites ${c.id}, which no ledger has ("${c.title}")`),
    ...rows.filter((row) => !cited.has(row.id)).map((row) => `${row.file}:${row.line} ${row.id} is cited by no emulator test`)
  ]
}
