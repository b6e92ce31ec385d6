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

/** One table row; cells are escaped so a `|` or a line break in a value cannot break the table. */
export function markdownRow(cells: string[]): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
  return `| ${cells.map(escape).join(' | ')} |`
}
