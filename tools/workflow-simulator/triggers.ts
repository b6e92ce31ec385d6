/**
 * Whether an event starts a workflow: its `on:` entry, activity `types` and branch, tag and path filters, as
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#on documents them, with
 * the default activity types of https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows
 * (pull_request: opened, synchronize, reopened). Filter patterns follow the workflow syntax's "Filter pattern
 * cheat sheet" for `*`, `**` and a leading `!`; `?`, `+` and `[…]` are refused, not guessed.
 */
import type { EventsConfig } from '@actions/workflow-parser/model/workflow-template'
import type { WorkflowEvent } from './types.js'

export interface TriggerDecision {
  triggered: boolean
  reason?: string
}

/** GitHub's default activity types where a workflow gives none. */
const DEFAULT_TYPES: Partial<Record<string, string[]>> = { pull_request: ['opened', 'synchronize', 'reopened'] }

export class RefusedFilter extends Error {}

/** A filter pattern as a regular expression. */
function patternRegex(pattern: string): RegExp {
  if (/[?+[\]]/.test(pattern)) throw new RefusedFilter(`filter pattern ${pattern}: ?, + and [] are not modelled`)
  const source = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((text) => text.replace(/[.\\^$(){}|]/g, '\\$&'))
        .join('[^/]*')
    )
    .join('.*')
  return new RegExp(`^${source}$`)
}

/** Whether `value` passes an include list (with `!` exclusions, the last matching pattern deciding). */
export function matchesFilter(value: string, patterns: string[]): boolean {
  let matched = false
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!')
    if (patternRegex(negated ? pattern.slice(1) : pattern).test(value)) matched = !negated
  }
  return matched
}

interface Filters {
  types?: string[]
  branches?: string[]
  'branches-ignore'?: string[]
  tags?: string[]
  'tags-ignore'?: string[]
  paths?: string[]
  'paths-ignore'?: string[]
  workflows?: string[]
}

function refFilters(filters: Filters, ref: string): string | undefined {
  const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined
  const tag = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined
  const hasBranchFilter = filters.branches !== undefined || filters['branches-ignore'] !== undefined
  const hasTagFilter = filters.tags !== undefined || filters['tags-ignore'] !== undefined
  if (branch !== undefined) {
    // Only tag filters: a branch push does not run the workflow.
    if (hasTagFilter && !hasBranchFilter) return `branch ${branch}: the workflow filters tags only`
    if (filters.branches && !matchesFilter(branch, filters.branches)) return `branch ${branch} is not in branches`
    if (filters['branches-ignore'] && matchesFilter(branch, filters['branches-ignore'])) return `branch ${branch} is in branches-ignore`
  }
  if (tag !== undefined) {
    if (hasBranchFilter && !hasTagFilter) return `tag ${tag}: the workflow filters branches only`
    if (filters.tags && !matchesFilter(tag, filters.tags)) return `tag ${tag} is not in tags`
    if (filters['tags-ignore'] && matchesFilter(tag, filters['tags-ignore'])) return `tag ${tag} is in tags-ignore`
  }
  return undefined
}

function pathFilters(filters: Filters, changed: string[] | undefined): string | undefined {
  if (filters.paths === undefined && filters['paths-ignore'] === undefined) return undefined
  if (changed === undefined) throw new RefusedFilter('the workflow filters paths: the event must say which files changed')
  if (filters.paths && !changed.some((path) => matchesFilter(path, filters.paths!))) return 'no changed file matches paths'
  if (filters['paths-ignore'] && changed.every((path) => matchesFilter(path, filters['paths-ignore']!))) {
    return 'every changed file matches paths-ignore'
  }
  return undefined
}

function action(event: WorkflowEvent): string | undefined {
  return typeof event.payload.action === 'string' ? event.payload.action : undefined
}

export function decideTrigger(events: EventsConfig, event: WorkflowEvent): TriggerDecision {
  if (!(event.name in events)) return { triggered: false, reason: `the workflow is not on ${event.name}` }
  if (event.name === 'schedule' || event.name === 'workflow_dispatch' || event.name === 'workflow_call') return { triggered: true }
  const filters = (events[event.name] ?? {}) as Filters
  const types = filters.types ?? DEFAULT_TYPES[event.name]
  const activity = action(event)
  if (types !== undefined && (activity === undefined || !types.includes(activity))) {
    return { triggered: false, reason: `activity ${activity ?? '(none)'} is not in types ${types.join(', ')}` }
  }
  let reason: string | undefined
  if (event.name === 'push') reason = refFilters(filters, String(event.payload.ref)) ?? pathFilters(filters, event.changedFiles)
  if (event.name === 'pull_request') {
    const base = (event.payload.pull_request as { base?: { ref?: string } } | undefined)?.base?.ref ?? ''
    reason = refFilters(filters, `refs/heads/${base}`) ?? pathFilters(filters, event.changedFiles)
  }
  if (event.name === 'workflow_run') {
    const run = event.payload.workflow_run as { name?: string; head_branch?: string } | undefined
    if (filters.workflows && !filters.workflows.includes(run?.name ?? '')) reason = `workflow ${run?.name} is not in workflows`
    else reason = refFilters(filters, `refs/heads/${run?.head_branch ?? ''}`)
  }
  return reason === undefined ? { triggered: true } : { triggered: false, reason }
}
