/**
 * Which `uses:` is this action (the root action or a sub-action: `./`, `./promote`, `tenant-pilot/tenant-pilot@v0`,
 * `tenant-pilot/tenant-pilot/promote@v0`), and its inputs as the runner gives them: each declared input's
 * default, its expression (`${{ github.token }}`, `${{ github.api_url }}`) evaluated with the step's contexts,
 * then the step's `with:` over it. The action.yml is read with GitHub's action parser
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { NoOperationTraceWriter } from '@actions/workflow-parser'
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index'
import type { ActionTemplate } from '@actions/workflow-parser/actions/index'
import { asString, evaluateToken, type Contexts } from './expressions.js'

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** The action's repository, as users name it in `uses:`. */
export const ACTION_REPOSITORY = 'tenant-pilot/tenant-pilot'

export class RefusedStep extends Error {}

/** This action's folder for a `uses:` ('.' or a sub-action's), or undefined for any other action. */
export function thisActionFolder(uses: string): string | undefined {
  const local = /^\.\/?([a-z0-9-]*)\/?$/.exec(uses)
  const published = new RegExp(`^${ACTION_REPOSITORY}(?:/([a-z0-9-]+))?@[\\w.-]+$`).exec(uses)
  const folder = local ? local[1] || '.' : published ? (published[1] ?? '.') : undefined
  if (folder === undefined) return undefined
  if (!existsSync(join(PROJECT_ROOT, folder, 'action.yml'))) throw new RefusedStep(`${uses}: no action.yml in ${folder}`)
  return folder
}

const templates = new Map<string, ActionTemplate>()

/** The action.yml of a folder, parsed and converted once. */
export function actionTemplate(folder: string): ActionTemplate {
  const cached = templates.get(folder)
  if (cached) return cached
  const name = join(folder, 'action.yml')
  const parsed = parseAction({ name, content: readFileSync(join(PROJECT_ROOT, name), 'utf8') }, new NoOperationTraceWriter())
  const errors = parsed.context.errors.getErrors()
  if (errors.length > 0 || parsed.value === undefined) throw new RefusedStep(`${name}: ${errors.map((e) => e.message).join('; ')}`)
  const template = convertActionTemplate(parsed.context, parsed.value)
  templates.set(folder, template)
  return template
}

/** The inputs the runner gives the action: evaluated defaults, then `with:`; an undeclared input is refused. */
export function actionInputs(folder: string, given: Record<string, string>, contexts: Contexts): Record<string, string> {
  const declared = actionTemplate(folder).inputs ?? []
  const names = new Set(declared.map((input) => input.id))
  const unknown = Object.keys(given).filter((name) => !names.has(name))
  if (unknown.length > 0) throw new RefusedStep(`inputs ${unknown.join(', ')} are not declared in ${folder}/action.yml`)
  const inputs: Record<string, string> = {}
  for (const input of declared) if (input.default !== undefined) inputs[input.id] = asString(evaluateToken(input.default, contexts))
  return { ...inputs, ...given }
}

/** Whether the action has a post step (`runs.post`), run as its `post-if` says (ours: always()). */
export function hasPost(folder: string): boolean {
  const runs = actionTemplate(folder).runs
  return 'post' in runs && runs.post !== undefined
}
