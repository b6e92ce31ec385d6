/** Tenant values in comment, issue and summary bodies (issue 24): never markup of their own. */
import { describe, expect, test } from '@jest/globals'
import { codeSpan, escapeProse, markdownRow } from '../../../src/github/summary.js'
import { renderChangeTable } from '../../../src/report/render.js'

const MARKER = '<!-- tenant-pilot:drift tenant=https://t file=esvs%2Fprod.yaml {"drift":false} -->'

describe('codeSpan', () => {
  test('one line, no backtick to end the span or open a fence, no < to start a marker or HTML', () => {
    expect(codeSpan('esv-api-base-url')).toBe('`esv-api-base-url`')
    expect(codeSpan('a`b```c')).toBe("`a'b'''c`")
    expect(codeSpan(`x\n${MARKER}\ny`)).toBe(`\`x ${MARKER.replace('<', '&lt;')} y\``)
    expect(codeSpan('https://x.example/?a=1&b=2')).toBe('`https://x.example/?a=1&b=2`')
  })
})

describe('escapeProse', () => {
  test('HTML and markers escaped, backticks made quotes, mentions that notify nobody', () => {
    expect(escapeProse(MARKER)).not.toContain('<')
    expect(escapeProse('<script>&')).toBe('&lt;script&gt;&amp;')
    expect(escapeProse('```js')).toBe("'''js")
    expect(escapeProse('ping @alice and @acme/admins')).toBe('ping @&#8203;alice and @&#8203;acme/admins')
    expect(escapeProse('mail a@b.example')).toBe('mail a@&#8203;b.example')
    expect(escapeProse("'self' https://cdn.acme.example")).toBe("'self' https://cdn.acme.example")
  })

  test('in a table row, a line break cannot start a new block', () => {
    expect(markdownRow([escapeProse(`a\n\`\`\`\n${MARKER}`)])).not.toMatch(/\n|<|`/)
  })
})

describe('the promotion report’s change table', () => {
  test('a tenant’s item names open no markup, marker or mention', () => {
    const table = renderChangeTable([
      { section: 'AMConfig', configItem: 'Journeys', kind: 'added', name: `@alice ${MARKER} \`\`\``, realm: '/alpha', uid: 'journey/x' }
    ])
    expect(table).toContain('@&#8203;alice &lt;!-- tenant-pilot:drift')
    expect(table).not.toContain('@alice')
    expect(table).not.toContain('<!-- tenant-pilot:drift')
    expect(table).not.toContain('```')
  })
})
