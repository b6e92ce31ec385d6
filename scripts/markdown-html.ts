/**
 * A minimal Markdown → HTML renderer for what the action writes (PR comment, job summaries), so the
 * demo can leave files a browser opens: headings, paragraphs, tables, lists, fenced code, block quotes
 * with GitHub's alerts ([!NOTE], [!WARNING], [!CAUTION]), <details>/<summary>, inline code, bold,
 * italics and links. No dependency: the project has no Markdown library, and this subset is small.
 * Raw HTML passes only for the tags the action writes; anything else is shown as text.
 */

const ALLOWED_TAG = /^<\/?(details|summary|br|b|code|strong|em)\s*\/?>/i
const ALERTS: Record<string, string> = { NOTE: 'Note', TIP: 'Tip', IMPORTANT: 'Important', WARNING: 'Warning', CAUTION: 'Caution' }

/** Text as HTML: the allowed tags and existing entities stay, every other `<`, `>` and `&` is escaped. */
function escapeText(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const rest = text.slice(i)
    const tag = ALLOWED_TAG.exec(rest)
    if (tag) {
      out += tag[0]
      i += tag[0].length - 1
      continue
    }
    const entity = /^&(#\d+|#x[0-9a-f]+|[a-z]+);/i.exec(rest)
    if (entity) {
      out += entity[0]
      i += entity[0].length - 1
      continue
    }
    const char = text[i]!
    out += char === '<' ? '&lt;' : char === '>' ? '&gt;' : char === '&' ? '&amp;' : char === '"' ? '&quot;' : char
  }
  return out
}

/** Inline markup: `code` first (its content is literal), then links, bold and italics in the rest. */
export function renderInline(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) => {
      if (part.startsWith('`') && part.endsWith('`') && part.length >= 2) return `<code>${escapeText(part.slice(1, -1))}</code>`
      return escapeText(part)
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, href: string) =>
          /^(https?:|#|\.{0,2}\/|[\w.-]+\.html$)/.test(href) ? `<a href="${href}">${label}</a>` : label
        )
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/(^|[\s(])_([^_]+)_(?=$|[\s.,;:)])/g, '$1<em>$2</em>')
    })
    .join('')
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '')
  const cells: string[] = []
  let cell = ''
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\' && inner[i + 1] === '|') {
      cell += '|'
      i++
    } else if (inner[i] === '|') {
      cells.push(cell.trim())
      cell = ''
    } else cell += inner[i]
  }
  cells.push(cell.trim())
  return cells
}

function renderTable(lines: string[]): string {
  const [header, , ...body] = lines
  const head = splitRow(header!)
    .map((cell) => `<th>${renderInline(cell)}</th>`)
    .join('')
  const rows = body.map(
    (line) =>
      `<tr>${splitRow(line)
        .map((cell) => `<td>${renderInline(cell)}</td>`)
        .join('')}</tr>`
  )
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`
}

function renderQuote(lines: string[]): string {
  const inner = lines.map((line) => line.replace(/^>\s?/, ''))
  const alert = /^\[!(\w+)\]$/.exec(inner[0]?.trim() ?? '')
  if (alert && ALERTS[alert[1]!.toUpperCase()]) {
    const kind = alert[1]!.toUpperCase()
    return `<div class="alert alert-${kind.toLowerCase()}">\n<p class="alert-title">${ALERTS[kind]}</p>\n${renderMarkdown(inner.slice(1).join('\n'))}\n</div>`
  }
  return `<blockquote>\n${renderMarkdown(inner.join('\n'))}\n</blockquote>`
}

/** Block structure, line by line. */
export function renderMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n')
  const out: string[] = []
  let paragraph: string[] = []
  const flush = (): void => {
    if (paragraph.length > 0) out.push(`<p>${paragraph.map(renderInline).join('<br>\n')}</p>`)
    paragraph = []
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const take = (test: (l: string) => boolean): string[] => {
      const block: string[] = []
      while (i < lines.length && test(lines[i]!)) block.push(lines[i++]!)
      i--
      return block
    }
    if (line.trim() === '') {
      flush()
    } else if (/^<!--[\s\S]*?-->\s*$/.test(line.trim())) {
      flush() // hidden markers, as GitHub hides them
    } else if (/^```/.test(line)) {
      flush()
      const code: string[] = []
      while (++i < lines.length && !/^```/.test(lines[i]!)) code.push(lines[i]!)
      out.push(
        `<pre><code>${code.map((l) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')).join('\n')}</code></pre>`
      )
    } else if (/^#{1,6} /.test(line)) {
      flush()
      const level = /^#+/.exec(line)![0].length
      out.push(`<h${level}>${renderInline(line.slice(level + 1))}</h${level}>`)
    } else if (line.startsWith('|') && /^\|[\s:|-]+\|$/.test(lines[i + 1]?.trim() ?? '')) {
      flush()
      out.push(renderTable(take((l) => l.startsWith('|'))))
    } else if (line.startsWith('>')) {
      flush()
      out.push(renderQuote(take((l) => l.startsWith('>'))))
    } else if (/^[-*] /.test(line)) {
      flush()
      const items = take((l) => /^[-*] /.test(l)).map((l) => `<li>${renderInline(l.slice(2))}</li>`)
      out.push(`<ul>\n${items.join('\n')}\n</ul>`)
    } else if (/^\d+\. /.test(line)) {
      flush()
      const items = take((l) => /^\d+\. /.test(l)).map((l) => `<li>${renderInline(l.replace(/^\d+\. /, ''))}</li>`)
      out.push(`<ol>\n${items.join('\n')}\n</ol>`)
    } else if (/^<\/?(details|summary)/i.test(line.trim())) {
      flush()
      // <details><summary>…</summary> on one line, as the action writes it: the summary's text is inline markup.
      out.push(line.trim().replace(/<summary>(.*)<\/summary>/i, (_, text: string) => `<summary>${renderInline(text)}</summary>`))
    } else {
      paragraph.push(line)
    }
  }
  flush()
  return out.join('\n')
}

const STYLE = `
body { font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; background: #f6f8fa; margin: 0; padding: 24px; }
main { max-width: 860px; margin: 0 auto; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 16px 24px; }
.byline { color: #59636e; border-bottom: 1px solid #d0d7de; margin: -16px -24px 16px; padding: 8px 24px; background: #f6f8fa; border-radius: 6px 6px 0 0; }
h3 { font-size: 18px; margin: 8px 0 4px; } h4 { font-size: 15px; }
table { border-collapse: collapse; margin: 8px 0 12px; } th, td { border: 1px solid #d0d7de; padding: 4px 12px; text-align: left; }
th { background: #f6f8fa; } tbody tr:nth-child(2n) { background: #f6f8fa; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eff1f3; padding: 2px 4px; border-radius: 4px; word-break: break-all; }
pre { background: #f6f8fa; padding: 12px; border-radius: 6px; overflow: auto; } pre code { background: none; padding: 0; }
blockquote { margin: 8px 0; padding: 0 12px; color: #59636e; border-left: 4px solid #d0d7de; }
.alert { margin: 8px 0; padding: 4px 12px; border-left: 4px solid; } .alert-title { font-weight: 600; margin: 4px 0; }
.alert-note { border-color: #0969da; } .alert-note .alert-title { color: #0969da; }
.alert-warning { border-color: #9a6700; } .alert-warning .alert-title { color: #9a6700; }
.alert-caution { border-color: #d1242f; } .alert-caution .alert-title { color: #d1242f; }
details { margin: 4px 0; } summary { cursor: pointer; font-weight: 600; }
a { color: #0969da; text-decoration: none; }
`

/** A standalone page, styled roughly as GitHub shows a comment, its sections collapsed as GitHub shows them. */
export function htmlPage(title: string, markdown: string, byline?: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeText(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    byline ? `<div class="byline">${renderInline(byline)}</div>` : '',
    // Collapsed, as GitHub shows them: a reviewer opens each section, and the counts in its summary come first.
    renderMarkdown(markdown),
    '</main>',
    '</body>',
    '</html>',
    ''
  ]
    .filter((line) => line !== '')
    .join('\n')
}
