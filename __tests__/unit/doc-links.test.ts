import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@jest/globals'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** Every page of the documentation. */
const PAGES = [
  'README.md',
  'SECURITY.md',
  'CONTRIBUTING.md',
  'CHANGELOG.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
  ...readdirSync(join(ROOT, 'docs', 'design'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/design/${name}`)
]

/** GitHub's heading anchors: lower case, punctuation dropped, each space a hyphen. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-')
const anchors = (markdown: string) =>
  new Set(
    markdown
      .replace(/^```[\s\S]*?^```/gm, '')
      .split('\n')
      .filter((line) => /^#{1,6} /.test(line))
      .map((line) => slug(line.replace(/^#+ /, '')))
  )

test.each(PAGES)('every relative link of %s names a file that exists, and an anchor it has', (page) => {
  const markdown = readFileSync(join(ROOT, page), 'utf8').replace(/^```[\s\S]*?^```/gm, '')
  const broken: string[] = []
  for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (!target || /^[a-z]+:/.test(target)) continue
    const [path, anchor] = target.split('#')
    const file = path ? normalize(join(dirname(join(ROOT, page)), path)) : join(ROOT, page)
    if (!existsSync(file)) broken.push(`${target}: no such file`)
    else if (anchor && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${target}: no such heading`)
  }
  expect(broken).toEqual([])
})

test('anchors follow GitHub: the check would catch a heading that does not exist', () => {
  const page = '# Promotions\n\n## dev → staging → prod\n\n## What the approval binds, and what it does not\n'
  expect([...anchors(page)]).toEqual(['promotions', 'dev--staging--prod', 'what-the-approval-binds-and-what-it-does-not'])
  expect(anchors(page).has('the-pr-gated-workflow')).toBe(false)
})
