/**
 * Renders the README's input and output tables from action.yml, so the
 * README cannot drift from the action's real surface. `npm run docs` writes
 * them between the markers; a unit test fails when they are out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'

interface ActionSpec {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

export const BEGIN = '<!-- action-reference:begin (generated from action.yml by npm run docs) -->'
export const END = '<!-- action-reference:end -->'

const cell = (text: string): string => text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')

export function renderReference(actionYaml: string): string {
  const spec = parse(actionYaml) as ActionSpec
  const inputs = Object.entries(spec.inputs).map(
    ([name, input]) =>
      `| \`${name}\` | ${input.required ? 'yes' : ''} | ${input.default !== undefined ? `\`${cell(String(input.default))}\`` : ''} | ${cell(input.description)} |`
  )
  const outputs = Object.entries(spec.outputs).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`)
  return [
    BEGIN,
    '',
    '### Inputs',
    '',
    '| input | required | default | description |',
    '| --- | --- | --- | --- |',
    ...inputs,
    '',
    '### Outputs',
    '',
    '| output | description |',
    '| --- | --- |',
    ...outputs,
    '',
    END
  ].join('\n')
}

export function updateReadme(readme: string, reference: string): string {
  const start = readme.indexOf(BEGIN)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) throw new Error('README.md lacks the action-reference markers')
  return readme.slice(0, start) + reference + readme.slice(end + END.length)
}

if (process.argv[1]?.endsWith('readme-reference.ts')) {
  const readme = readFileSync('README.md', 'utf8')
  writeFileSync('README.md', updateReadme(readme, renderReference(readFileSync('action.yml', 'utf8'))))
  console.log('README.md: input and output tables regenerated from action.yml')
}
