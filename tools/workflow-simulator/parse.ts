/**
 * Reads a workflow with GitHub's own parser (@actions/workflow-parser: the workflow schema GitHub's editor
 * and language server use) and converts it to its job model. A workflow with any schema or conversion error is
 * refused, as GitHub refuses to run it. The converter leaves out `with:` and `permissions:`, so those are read
 * from the parsed (schema-checked) token tree of the same file.
 */
import { convertWorkflowTemplate, isMapping, isSequence, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import type { WorkflowTemplate } from '@actions/workflow-parser'
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token'
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token'
import type { FileReference } from '@actions/workflow-parser/workflows/file-reference'

/** Reads a called workflow's file (`./.github/workflows/x.yml`, or `owner/repo/path@ref`). */
export type WorkflowFileReader = (reference: FileReference) => string

export interface ParsedWorkflow {
  name: string
  template: WorkflowTemplate
  root: MappingToken
}

export class RefusedWorkflow extends Error {}

export async function parseWorkflowText(name: string, text: string, readCalled: WorkflowFileReader): Promise<ParsedWorkflow> {
  const parsed = parseWorkflow({ name, content: text }, new NoOperationTraceWriter())
  const parseErrors = parsed.context.errors.getErrors()
  if (parseErrors.length > 0 || parsed.value === undefined) {
    throw new RefusedWorkflow(`${name}: ${parseErrors.map((error) => error.message).join('; ') || 'empty workflow'}`)
  }
  const fileProvider = {
    getFileContent: async (reference: FileReference) => ({ name: referenceName(reference), content: readCalled(reference) })
  }
  const template = await convertWorkflowTemplate(parsed.context, parsed.value, fileProvider, { fetchReusableWorkflowDepth: 1 })
  const errors = [...(template.errors ?? []).map((error) => error.Message), ...parsed.context.errors.getErrors().map((e) => e.message)]
  if (errors.length > 0) throw new RefusedWorkflow(`${name}: ${[...new Set(errors)].join('; ')}`)
  if (!isMapping(parsed.value)) throw new RefusedWorkflow(`${name}: not a mapping`)
  return { name, template, root: parsed.value }
}

export function referenceName(reference: FileReference): string {
  return 'repository' in reference ? `${reference.owner}/${reference.repository}/${reference.path}@${reference.version}` : reference.path
}

/** A key of a mapping token, or undefined. */
export function member(token: TemplateToken | undefined, key: string): TemplateToken | undefined {
  return token !== undefined && isMapping(token) ? token.find(key) : undefined
}

/** The raw token of job `jobId` (for what the converter leaves out). */
export function rawJob(workflow: ParsedWorkflow, jobId: string): TemplateToken | undefined {
  return member(member(workflow.root, 'jobs'), jobId)
}

/** The raw token of a job's step by its position. */
export function rawStep(job: TemplateToken | undefined, index: number): TemplateToken | undefined {
  const steps = member(job, 'steps')
  if (steps === undefined || !isSequence(steps)) return undefined
  return steps.get(index)
}
