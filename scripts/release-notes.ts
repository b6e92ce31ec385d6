/**
 * Prints the CHANGELOG.md section of one version (Keep a Changelog: `## [x.y.z] - date`), the body of its
 * GitHub release. The release workflow runs it with the pushed tag; it fails when the section is missing
 * or empty, so no release goes out without its notes.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const CHANGELOG = fileURLToPath(new URL('../CHANGELOG.md', import.meta.url))

/** The lines under `## [version]` up to the next `## ` heading, trimmed; undefined when there are none. */
export function changelogSection(changelog: string, version: string): string | undefined {
  const lines = changelog.split(/\r?\n/)
  const start = lines.findIndex((line) => line.startsWith(`## [${version}]`))
  if (start < 0) return undefined
  const rest = lines.slice(start + 1)
  const end = rest.findIndex((line) => line.startsWith('## '))
  const body = (end < 0 ? rest : rest.slice(0, end))
    .filter((line) => !/^\[[^\]]+\]: /.test(line))
    .join('\n')
    .trim()
  return body === '' ? undefined : body
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const tag = process.argv[2] ?? ''
  const version = tag.replace(/^v/, '')
  const section = changelogSection(readFileSync(CHANGELOG, 'utf8'), version)
  if (!/^\d+\.\d+\.\d+$/.test(version) || section === undefined) {
    console.error(`CHANGELOG.md has no section for ${tag || '(no tag given)'}: add "## [${version}] - YYYY-MM-DD" with its changes`)
    process.exit(1)
  }
  console.log(section)
}
