/**
 * The project's GitHub workflows, wherever they live: the files under .github/workflows and
 * docs/workflows, and every ```yaml block of README.md and docs/*.md that is a workflow (it has `on:` and
 * `jobs:`). `npm run lint:workflows` runs actionlint over all of them; __tests__/unit/workflows.test.ts
 * checks their structure and, for the promotion examples, the security properties SECURITY.md promises.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

export interface WorkflowSource {
  /** Where it lives: a file, or a file and the line its block starts on. */
  name: string
  /** The file actionlint is told it lints (a block gets a .yml name of its own). */
  path: string
  text: string
  /** Added to a line number in `text` to give the line in the file it came from. */
  lineOffset: number
}

export const WORKFLOW_DIRS = ['.github/workflows', 'docs/workflows']

export function workflowSources(root: string): WorkflowSource[] {
  const files = WORKFLOW_DIRS.flatMap((dir) =>
    listed(join(root, dir))
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => `${dir}/${name}`)
  )
  const markdown = [
    'README.md',
    ...listed(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`)
  ]
  return [
    ...files.map((file) => ({ name: file, path: file, text: readFileSync(join(root, file), 'utf8'), lineOffset: 0 })),
    ...markdown.flatMap((file) => markdownWorkflows(readFileSync(join(root, file), 'utf8'), file))
  ]
}

/** Each ```yaml block that is a workflow, named by its file and the line of its first YAML line. */
export function markdownWorkflows(markdown: string, file: string): WorkflowSource[] {
  const blocks: WorkflowSource[] = []
  const fence = /^```ya?ml[^\n]*\n([\s\S]*?)^```/gm
  for (let match = fence.exec(markdown); match; match = fence.exec(markdown)) {
    const text = match[1] ?? ''
    if (!isWorkflow(text)) continue
    const line = markdown.slice(0, match.index).split('\n').length + 1
    blocks.push({ name: `${file}:${line}`, path: `${file.replace(/[/.]/g, '-')}-${line}.yml`, text, lineOffset: line - 1 })
  }
  return blocks
}

function isWorkflow(text: string): boolean {
  return /^on:/m.test(text) && /^jobs:/m.test(text)
}

function listed(dir: string): string[] {
  try {
    return readdirSync(dir).sort()
  } catch {
    return []
  }
}

// --- structure and security ---------------------------------------------------------------------------

type Mapping = Record<string, unknown>
const isMapping = (value: unknown): value is Mapping => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Events whose run a pull request's author can start, or whose data a fork's run can shape. */
const PR_EVENTS = ['pull_request', 'pull_request_target', 'workflow_run']
/** A job condition that names the head repository as this one (a fork's PR is skipped, not failed). */
const FORK_GUARD = /(pull_request\.head\.repo\.full_name|workflow_run\.head_repository\.full_name)\s*==\s*github\.repository/
/** A job that runs only on events a PR author cannot start needs no fork guard. */
const NON_PR_ONLY = /^\s*github\.event_name\s*==\s*'(push|workflow_dispatch|schedule|release)'\s*$/
/** A checkout of the PR's own code: never in a job that holds credentials. */
const PR_HEAD_REF = /pull_request\.head|github\.head_ref|refs\/pull\/|workflow_run\.head_(sha|branch|commit)|issue\.pull_request/
/**
 * One naming scheme: per upper tenant, promotes in one queue, dry runs in one per PR. The tenant is a name, or a
 * matrix value in a fleet (docs/fleet.md: one leg per tenant).
 */
const CONCURRENCY_GROUP = /^tenant-pilot-([a-z0-9]+(-[a-z0-9]+)*|\$\{\{ matrix\.[\w.-]+ \}\})-(promote|dry-run-pr-\$\{\{.+\}\})$/
/** The action majors the examples use (checkout and setup-node v6 are current). */
const CURRENT_MAJORS: Record<string, string> = { 'actions/checkout': 'v6', 'actions/setup-node': 'v6' }

/** Structural problems (what the workflow schema requires), one line each; [] when it is well formed. */
export function structureProblems(source: WorkflowSource): string[] {
  let doc: unknown
  try {
    doc = parse(source.text)
  } catch (error) {
    return [`${source.name}: not YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`]
  }
  if (!isMapping(doc)) return [`${source.name}: not a mapping`]
  const problems: string[] = []
  if (doc.on === undefined) problems.push(`${source.name}: no on:`)
  if (!isMapping(doc.jobs) || Object.keys(doc.jobs).length === 0) return [...problems, `${source.name}: no jobs:`]
  for (const [id, job] of Object.entries(doc.jobs)) {
    const where = `${source.name} job ${id}`
    if (!isMapping(job)) {
      problems.push(`${where}: not a mapping`)
      continue
    }
    if (job.uses !== undefined) continue // a reusable workflow's call has no runs-on or steps
    if (job['runs-on'] === undefined) problems.push(`${where}: no runs-on`)
    if (!Array.isArray(job.steps) || job.steps.length === 0) {
      problems.push(`${where}: no steps`)
      continue
    }
    job.steps.forEach((step: unknown, index) => {
      if (!isMapping(step) || (step.uses === undefined) === (step.run === undefined)) {
        problems.push(`${where} step ${index + 1}: needs exactly one of uses and run`)
      }
    })
  }
  return problems
}

/**
 * What SECURITY.md promises of a workflow that holds tenant credentials, one line per breach: explicit
 * permissions; on every job that reads a secret (other than GITHUB_TOKEN) an environment, a job-level
 * concurrency group (a promote's with cancel-in-progress: false) and no checkout of the PR's code; a fork
 * guard on jobs a PR event can start; a paths (or label) filter on PR and push triggers; current majors.
 */
export function securityProblems(source: WorkflowSource): string[] {
  const doc = parse(source.text) as Mapping
  const problems: string[] = []
  const say = (problem: string) => problems.push(`${source.name}: ${problem}`)
  const triggers = triggerMap(doc.on)
  const jobs = (isMapping(doc.jobs) ? doc.jobs : {}) as Record<string, Mapping>
  if (doc.permissions === undefined && Object.values(jobs).some((job) => job.permissions === undefined)) {
    say('no explicit permissions (set them on the workflow or on every job)')
  }
  for (const event of ['pull_request', 'pull_request_target', 'push']) {
    if (!(event in triggers)) continue
    const filter = triggers[event]
    const filtered = isMapping(filter) && (filter.paths !== undefined || hasLabelTypes(filter))
    if (!filtered) say(`the ${event} trigger has no paths (or label) filter, so any change locks two environments`)
  }
  const prTriggered = PR_EVENTS.some((event) => event in triggers)
  for (const [id, job] of Object.entries(jobs)) {
    const text = JSON.stringify(job)
    const condition = typeof job.if === 'string' ? job.if : ''
    for (const step of Array.isArray(job.steps) ? (job.steps as Mapping[]) : []) {
      const uses = typeof step.uses === 'string' ? step.uses : ''
      const [action, version] = uses.split('@')
      const current = action ? CURRENT_MAJORS[action] : undefined
      if (current && version !== current) say(`job ${id} uses ${uses}; the current major is ${current}`)
    }
    if (prTriggered && !NON_PR_ONLY.test(condition) && !FORK_GUARD.test(condition)) {
      say(`job ${id} can run on a pull request event without a fork guard (head repository == github.repository)`)
    }
    if (!holdsTenantCredentials(text)) continue
    if (job.environment === undefined) say(`job ${id} reads secrets without an environment`)
    const concurrency = job.concurrency
    if (!isMapping(concurrency) || typeof concurrency.group !== 'string')
      say(`job ${id} reads secrets without a job-level concurrency group`)
    else {
      if (runsOperation(job, 'promote') && concurrency['cancel-in-progress'] !== false) {
        say(`job ${id} promotes with cancel-in-progress other than false: a promotion must never be cancelled`)
      }
      if (!CONCURRENCY_GROUP.test(concurrency.group)) {
        say(`job ${id}'s concurrency group "${concurrency.group}" is not tenant-pilot-<upper tenant>-promote or -dry-run-pr-<PR>`)
      }
    }
    for (const step of Array.isArray(job.steps) ? (job.steps as Mapping[]) : []) {
      const uses = typeof step.uses === 'string' ? step.uses : ''
      if (!uses.startsWith('actions/checkout@')) continue
      const with_ = JSON.stringify(step.with ?? {})
      if (PR_HEAD_REF.test(with_) || /head\.repo/.test(with_)) say(`job ${id} reads secrets and checks out the pull request's code`)
    }
  }
  return problems
}

/** Jobs that run the action with a tenant credential: a secret other than the workflow's own token. */
function holdsTenantCredentials(jobText: string): boolean {
  return /secrets\.(?!GITHUB_TOKEN\b)[A-Za-z_]/.test(jobText)
}

function runsOperation(job: Mapping, operation: string): boolean {
  return (Array.isArray(job.steps) ? (job.steps as Mapping[]) : []).some(
    (step) => isMapping(step.with) && step.with.operation === operation
  )
}

function triggerMap(on: unknown): Mapping {
  if (typeof on === 'string') return { [on]: null }
  if (Array.isArray(on)) return Object.fromEntries(on.map((event) => [String(event), null]))
  return isMapping(on) ? on : {}
}

function hasLabelTypes(filter: Mapping): boolean {
  return Array.isArray(filter.types) && filter.types.includes('labeled')
}
