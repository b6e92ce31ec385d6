/**
 * The documented workflows (scripts/workflows.ts: .github/workflows, docs/workflows and the workflow blocks of
 * README.md and docs/*.md), each under one scenario key: a file by its path; a markdown block that repeats a
 * file (the docs show docs/workflows files whole) by that file's path; any other block by its file and its
 * `name:` (`docs/esvs.md#sync ESVs`), which stays when lines move.
 */
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { workflowSources, type WorkflowSource } from '../../../scripts/workflows.js'

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

const SOURCES = workflowSources(ROOT)

export function scenarioKey(source: WorkflowSource): string {
  if (!source.name.includes(':')) return source.name
  const file = SOURCES.find((other) => !other.name.includes(':') && other.text === source.text)
  if (file) return file.name
  const name = (parse(source.text) as { name?: string }).name ?? '(unnamed)'
  return `${source.name.replace(/:\d+$/, '')}#${name}`
}

/** Every documented workflow with its key. */
export function documentedWorkflows(): Array<{ key: string; source: WorkflowSource }> {
  return SOURCES.map((source) => ({ key: scenarioKey(source), source }))
}

/** The documented workflow a scenario runs, by its key; throws when the docs no longer have it. */
export function documentedWorkflow(key: string): { name: string; text: string } {
  const found = documentedWorkflows().find((entry) => entry.key === key)
  if (!found) throw new Error(`no documented workflow ${key}`)
  return { name: found.source.name, text: found.source.text }
}
