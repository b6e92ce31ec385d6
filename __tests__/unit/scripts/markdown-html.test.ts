import { describe, expect, test } from '@jest/globals'
import { htmlPage, renderInline, renderMarkdown } from '../../../scripts/markdown-html.js'

describe('the demo’s Markdown renderer (the subset the PR comment and job summaries use)', () => {
  test('headings, paragraphs, bold, inline code and links', () => {
    expect(renderMarkdown('### 🔎 Dry run · dev → staging\n2026-12-01 21:03 UTC · [workflow run](https://github.com/a/b)')).toBe(
      '<h3>🔎 Dry run · dev → staging</h3>\n<p>2026-12-01 21:03 UTC · <a href="https://github.com/a/b">workflow run</a></p>'
    )
    expect(renderInline('**Next:** merge into `main` <now>')).toBe('<strong>Next:</strong> merge into <code>main</code> &lt;now&gt;')
    expect(renderInline('[x](javascript:alert(1))')).not.toContain('href')
  })

  test('tables with escaped pipes and entities kept', () => {
    const html = renderMarkdown('| a | b |\n| --- | --- |\n| x\\|y | IDM &gt; Mappings |')
    expect(html).toBe(
      '<table>\n<thead><tr><th>a</th><th>b</th></tr></thead>\n<tbody>\n<tr><td>x|y</td><td>IDM &gt; Mappings</td></tr>\n</tbody>\n</table>'
    )
  })

  test('GitHub alerts, quotes, lists, fenced code, details/summary; hidden markers dropped', () => {
    const html = renderMarkdown(
      [
        '<!-- tenant-pilot:promotion {} -->',
        '> [!WARNING]\n> **Missing ESVs**: `esv-x`',
        '> a description',
        '- one\n- two',
        '```\n<b>literal</b>\n```',
        '<details><summary>AMConfig: 2 changes</summary>',
        '',
        '</details>'
      ].join('\n\n')
    )
    expect(html).not.toContain('tenant-pilot:promotion')
    expect(html).toContain(
      '<div class="alert alert-warning">\n<p class="alert-title">Warning</p>\n<p><strong>Missing ESVs</strong>: <code>esv-x</code></p>\n</div>'
    )
    expect(html).toContain('<blockquote>\n<p>a description</p>\n</blockquote>')
    expect(html).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>')
    expect(html).toContain('<pre><code>&lt;b&gt;literal&lt;/b&gt;</code></pre>')
    expect(html).toContain('<details><summary>AMConfig: 2 changes</summary>\n</details>')
  })

  test('raw HTML other than the tags the action writes is shown as text', () => {
    expect(renderMarkdown('<script>alert(1)</script> <img src=x>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x&gt;</p>')
  })

  test('a page keeps its sections collapsed, as GitHub shows them, and carries a byline', () => {
    const page = htmlPage('t', '<details><summary>s</summary>\n\n</details>', '**github-actions** commented')
    expect(page.startsWith('<!doctype html>')).toBe(true)
    expect(page).toContain('<details><summary>s</summary>')
    expect(page).not.toContain('<details open>')
    expect(page).toContain('<div class="byline"><strong>github-actions</strong> commented</div>')
  })
})
