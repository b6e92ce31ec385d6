import * as core from '@actions/core'
import { redact } from '../secrets.js'

/** GitHub drops a step's whole summary when it passes 1 MiB; stay well below. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 4096

/**
 * Collects the job summary in markdown and writes it once, scrubbed of
 * secrets and cut to GitHub's size limit.
 */
export class JobSummary {
  private readonly parts: string[] = []

  add(markdown: string): this {
    this.parts.push(markdown)
    return this
  }

  get isEmpty(): boolean {
    return this.parts.length === 0
  }

  render(): string {
    return fitSummary(redact(this.parts.join('\n\n')) + '\n')
  }

  async write(): Promise<void> {
    if (this.isEmpty || !process.env.GITHUB_STEP_SUMMARY) return
    await core.summary.addRaw(this.render()).write()
  }
}

export function fitSummary(markdown: string, limit = SUMMARY_LIMIT_BYTES): string {
  if (Buffer.byteLength(markdown, 'utf8') <= limit) return markdown
  const note = "\n\n> The summary was cut to fit GitHub's 1 MiB limit; the full report is in the step's report file.\n"
  const budget = limit - Buffer.byteLength(note, 'utf8')
  let cut = markdown.slice(0, budget)
  while (Buffer.byteLength(cut, 'utf8') > budget) cut = cut.slice(0, -1024)
  return cut.slice(0, cut.lastIndexOf('\n') + 1) + note
}

export function markdownTable(headers: string[], rows: string[][]): string {
  const lines = [markdownRow(headers), `| ${headers.map(() => '---').join(' | ')} |`]
  for (const row of rows) lines.push(markdownRow(row))
  return lines.join('\n')
}

/** Names come from the tenant: they must not open HTML (or a hidden marker) in a comment, issue or summary. */
export function escapeHtml(text: string): string {
  // Most names hold none of these; testing first saves three passes per cell on large reports.
  if (!/[&<>]/.test(text)) return text
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * A tenant's value (or a file's) shown as code in a comment, issue or summary: one line, no backtick to end
 * the span or open a fence, no `<` to start a hidden marker. Inside a code span GitHub neither links an
 * `@mention` nor renders HTML (and shows `&` as it is, so only `<` is escaped).
 */
export function codeSpan(text: string): string {
  return `\`${text
    .replace(/`/g, "'")
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/</g, '&lt;')}\``
}

/**
 * Prose that carries a tenant's values (a refusal, a note): HTML and markers escaped, backticks made
 * quotes (no code span or fence opens), and `@name` kept from notifying anyone (a zero-width space after
 * the `@`, as Renovate writes the mentions of the release notes it quotes).
 */
export function escapeProse(text: string): string {
  return breakMentions(escapeHtml(text.replace(/`/g, "'")))
}

/** `@name` kept from notifying anyone: a zero-width space after the `@` (Renovate's way with quoted release notes). */
export function breakMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, '@&#8203;')
}

/** One table row; cells are escaped so a `|` or a line break in a value cannot break the table. */
export function markdownRow(cells: string[]): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
  return `| ${cells.map(escape).join(' | ')} |`
}
