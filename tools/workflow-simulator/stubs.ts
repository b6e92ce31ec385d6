/**
 * The documented table of steps the simulator does not run, by `uses:` without its ref. Each stands in for a
 * third-party action with the least that the documented workflows rely on; any other `uses:` is refused.
 *
 * | uses                               | what the stub does                                                            |
 * | ---------------------------------- | ----------------------------------------------------------------------------- |
 * | actions/checkout                   | lays the repository's files out in the workspace (the run's commit)            |
 * | actions/setup-node                 | nothing (the simulator runs this action with the Node.js running the tests)   |
 * | actions/upload-artifact            | records each `path:` line and fails when one is not in the workspace          |
 * | peter-evans/create-pull-request    | records `add-paths` with each file's content, as the pull request would carry |
 * | actions/create-github-app-token    | outputs `token`: the simulation's GitHub token (the emulator's one token)     |
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Stub } from './types.js'

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)

export const STUBS: Readonly<Record<string, Stub>> = {
  'actions/checkout': ({ repository, workspace }) => {
    for (const [path, content] of Object.entries(repository.files)) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true })
      writeFileSync(join(workspace, path), content)
    }
    return { record: Object.keys(repository.files).sort() }
  },
  'actions/setup-node': () => ({}),
  'actions/upload-artifact': ({ with: inputs, workspace }) => {
    const paths = lines(inputs.path)
    const missing = paths.filter((path) => !existsSync(resolve(workspace, path)))
    return {
      outcome: missing.length === 0 && paths.length > 0 ? 'success' : 'failure',
      outputs: { 'artifact-id': '1' },
      record: { name: inputs.name ?? 'artifact', paths, missing }
    }
  },
  'peter-evans/create-pull-request': ({ with: inputs, workspace }) => {
    const files = Object.fromEntries(
      lines(inputs['add-paths']).map((path) => [
        path,
        existsSync(join(workspace, path)) ? readFileSync(join(workspace, path), 'utf8') : null
      ])
    )
    return { outputs: { 'pull-request-operation': 'created' }, record: { branch: inputs.branch ?? '', title: inputs.title ?? '', files } }
  },
  'actions/create-github-app-token': ({ githubToken }) => ({ outputs: { token: githubToken } })
}
