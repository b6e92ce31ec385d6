/**
 * The action's surface from one source, action.source.yml: the root
 * action.yml (every input, for compatibility), one sub-action per family
 * (`<family>/action.yml`, only the inputs its operations read, `required`
 * meaning required), docs/inputs.md and docs/outputs.md. `npm run docs`
 * writes them; a unit test fails when a written file drifts from the source.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { parse, stringify } from 'yaml'

export interface SourceInput {
  description: string
  /** Root action.yml only: `operation`. */
  required?: boolean
  default?: string
  /** The operations that read it; `all` for every operation. */
  operations?: 'all' | string[]
  /** The operations that cannot run without it; `all`: every operation that reads it but those in optional-for. */
  'required-for'?: 'all' | string[]
  'optional-for'?: string[]
}

export interface SourceOutput {
  description: string
  operations: 'all' | string[]
}

export interface SourceFamily {
  title: string
  description: string
  operations: string[]
  /** The family's documentation page, relative to the repository root. */
  page: string
}

export interface ActionSource {
  name: string
  description: string
  author: string
  branding: { icon: string; color: string }
  families: Record<string, SourceFamily>
  inputs: { group: string; inputs: Record<string, SourceInput> }[]
  outputs: Record<string, SourceOutput>
  runs: Record<string, string>
}

/** An action.yml's input or output as the runner reads it. */
interface ActionInput {
  description: string
  required: boolean
  default?: string
}
export interface ActionYaml {
  name: string
  description: string
  author: string
  branding?: { icon: string; color: string }
  inputs: Record<string, ActionInput>
  outputs: Record<string, { description: string }>
  runs: Record<string, string>
}

export const SOURCE_FILE = 'action.source.yml'
const GENERATED = `# Generated from ${SOURCE_FILE} by npm run docs: edit that file, not this one.\n`

export const parseSource = (text: string): ActionSource => parse(text) as ActionSource

const allInputs = (source: ActionSource): [string, SourceInput][] => source.inputs.flatMap((group) => Object.entries(group.inputs))

/** The operations that cannot run without the input, `all` resolved against the operations that read it. */
function requiredFor(input: SourceInput, operationNames: readonly string[]): string[] {
  const required = input['required-for'] ?? []
  if (required !== 'all') return required
  const optional = input['optional-for'] ?? []
  return operationNames.filter((op) => reads(input.operations, op) && !optional.includes(op))
}

const familyOperations = (source: ActionSource): string[] => Object.values(source.families).flatMap((family) => family.operations)

const reads = (operations: 'all' | string[] | undefined, operation: string): boolean =>
  operations === undefined || operations === 'all' || operations.includes(operation)

/** What is wrong with the source, one line each: names that are not operations, families that overlap or miss one. */
export function sourceProblems(source: ActionSource, operationNames: readonly string[]): string[] {
  const known = new Set(operationNames)
  const problems: string[] = []
  const familyOf = new Map<string, string>()
  for (const [family, spec] of Object.entries(source.families)) {
    for (const operation of spec.operations) {
      if (!known.has(operation)) problems.push(`family ${family}: ${operation} is not an operation`)
      const other = familyOf.get(operation)
      if (other) problems.push(`${operation} is in two families, ${other} and ${family}`)
      familyOf.set(operation, family)
    }
  }
  for (const operation of operationNames) if (!familyOf.has(operation)) problems.push(`${operation} is in no family`)
  const named: [string, 'all' | string[] | undefined, string[] | undefined][] = [
    ...allInputs(source).map(([name, input]): [string, 'all' | string[] | undefined, string[] | undefined] => [
      `input ${name}`,
      input.operations,
      [...requiredFor(input, operationNames), ...(input['optional-for'] ?? [])]
    ]),
    ...Object.entries(source.outputs).map(([name, output]): [string, 'all' | string[], undefined] => [
      `output ${name}`,
      output.operations,
      undefined
    ])
  ]
  for (const [what, operations, requiredFor] of named) {
    if (what !== 'input operation' && operations === undefined) problems.push(`${what}: say which operations read it (operations:)`)
    for (const operation of Array.isArray(operations) ? operations : [])
      if (!known.has(operation)) problems.push(`${what}: ${operation} is not an operation`)
    for (const operation of requiredFor ?? [])
      if (!reads(operations, operation)) problems.push(`${what}: required for ${operation}, which does not read it`)
  }
  return problems
}

function runnerInput(input: SourceInput, required: boolean): ActionInput {
  return { description: input.description.trim(), required, ...(input.default === undefined ? {} : { default: input.default }) }
}

/** The root action.yml: every input and output; only `operation` is required, so existing workflows keep working. */
export function rootAction(source: ActionSource): ActionYaml {
  return {
    name: source.name,
    description: source.description,
    author: source.author,
    branding: source.branding,
    inputs: Object.fromEntries(allInputs(source).map(([name, input]) => [name, runnerInput(input, input.required === true)])),
    outputs: Object.fromEntries(Object.entries(source.outputs).map(([name, output]) => [name, { description: output.description.trim() }])),
    runs: source.runs
  }
}

/** Paths in `runs` are relative to the action's folder: a sub-action one folder down runs the same bundle. */
const fromSubfolder = (runs: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(runs).map(([key, value]) => [key, /^(main|pre|post)$/.test(key) ? `../${value}` : value]))

/** `<family>/action.yml`: the family's inputs and outputs only, each input required when all its operations need it. */
export function familyAction(source: ActionSource, family: string): ActionYaml {
  const spec = source.families[family]
  if (!spec) throw new Error(`no family ${family} in ${SOURCE_FILE}`)
  const { operations } = spec
  const [only] = operations
  const operation: ActionInput =
    operations.length === 1 && only
      ? { description: `This action's one operation: ${only}.`, required: false, default: only }
      : { description: `What to do: ${operations.join(', ')}.`, required: true }
  const inputs = allInputs(source)
    .filter(([name, input]) => name !== 'operation' && operations.some((op) => reads(input.operations, op)))
    .map(([name, input]): [string, ActionInput] => {
      const required = requiredFor(input, familyOperations(source))
      const used = operations.filter((op) => reads(input.operations, op))
      return [name, runnerInput(input, used.length === operations.length && used.every((op) => required.includes(op)))]
    })
  const outputs = Object.entries(source.outputs)
    .filter(([, output]) => operations.some((op) => reads(output.operations, op)))
    .map(([name, output]) => [name, { description: output.description.trim() }])
  return {
    name: `${source.name} ${family}`,
    description: spec.description,
    author: source.author,
    branding: source.branding,
    inputs: { operation, ...Object.fromEntries(inputs) },
    outputs: Object.fromEntries(outputs),
    runs: fromSubfolder(source.runs)
  }
}

const cell = (text: string): string => text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')
const operationsCell = (operations: 'all' | string[] | undefined): string =>
  operations === undefined || operations === 'all' ? 'all' : operations.map((op) => `\`${op}\``).join(', ')
const familyLink = (source: ActionSource, family: string): string => {
  const spec = source.families[family]
  return spec ? `[\`tenant-pilot/tenant-pilot/${family}\`](${spec.page.replace(/^docs\//, '')})` : family
}

/** docs/inputs.md: each group's inputs, with the operations that read them and where they are required. */
export function inputsDoc(source: ActionSource): string {
  const groups = source.inputs.map((group) => {
    const rows = Object.entries(group.inputs).map(([name, input]) => {
      const required =
        name === 'operation'
          ? 'yes'
          : input['required-for'] === 'all'
            ? `all${input['optional-for'] ? ` but ${input['optional-for'].map((op) => `\`${op}\``).join(', ')}` : ''}`
            : requiredFor(input, familyOperations(source))
                .map((op) => `\`${op}\``)
                .join(', ')
      const fallback = input.default === undefined ? '' : `\`${cell(input.default)}\``
      return `| \`${name}\` | ${name === 'operation' ? '' : operationsCell(input.operations)} | ${required} | ${fallback} | ${cell(input.description)} |`
    })
    return [
      `## ${group.group}`,
      '',
      '| input | read by | required for | default | description |',
      '| --- | --- | --- | --- | --- |',
      ...rows
    ].join('\n')
  })
  const families = Object.entries(source.families).map(
    ([family, spec]) => `| ${familyLink(source, family)} | ${spec.operations.map((op) => `\`${op}\``).join(', ')} |`
  )
  return [
    '# Inputs',
    '',
    `Generated from [\`${SOURCE_FILE}\`](../${SOURCE_FILE}) by \`npm run docs\`. The root action`,
    '(`tenant-pilot/tenant-pilot@v0`) takes every input below and requires only `operation`. Each family also has',
    'its own action, which lists only the inputs its operations read and marks required the ones they all need:',
    '',
    '| action | operations |',
    '| --- | --- |',
    ...families,
    '',
    ...groups.flatMap((group) => [group, '']),
    'Outputs: [outputs.md](outputs.md).',
    ''
  ].join('\n')
}

/** docs/outputs.md: every output with the operations that set it. */
export function outputsDoc(source: ActionSource): string {
  const rows = Object.entries(source.outputs).map(
    ([name, output]) => `| \`${name}\` | ${operationsCell(output.operations)} | ${cell(output.description)} |`
  )
  return [
    '# Outputs',
    '',
    `Generated from [\`${SOURCE_FILE}\`](../${SOURCE_FILE}) by \`npm run docs\`. Read them as`,
    '`steps.<id>.outputs.<name>`; secret outputs are masked in the log. Inputs: [inputs.md](inputs.md).',
    '',
    '| output | set by | description |',
    '| --- | --- | --- |',
    ...rows,
    ''
  ].join('\n')
}

/** Every file the source generates, by path, with its text. */
export function generatedFiles(source: ActionSource): Map<string, string> {
  const files = new Map<string, string>()
  const yaml = (action: ActionYaml) => GENERATED + stringify(action, { lineWidth: 0 })
  files.set('action.yml', yaml(rootAction(source)))
  for (const family of Object.keys(source.families)) files.set(`${family}/action.yml`, yaml(familyAction(source, family)))
  files.set('docs/inputs.md', inputsDoc(source))
  files.set('docs/outputs.md', outputsDoc(source))
  return files
}

if (process.argv[1]?.endsWith('action-surface.ts')) {
  const source = parseSource(readFileSync(SOURCE_FILE, 'utf8'))
  const { OPERATIONS } = await import('../src/operations/names.js')
  const problems = sourceProblems(source, OPERATIONS)
  if (problems.length > 0) {
    console.error(`${SOURCE_FILE}:\n${problems.map((line) => `  ${line}`).join('\n')}`)
    process.exit(1)
  }
  for (const [path, text] of generatedFiles(source)) {
    mkdirSync(path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.', { recursive: true })
    writeFileSync(path, text)
  }
  console.log(`${[...generatedFiles(source).keys()].join(', ')}: regenerated from ${SOURCE_FILE}`)
}
