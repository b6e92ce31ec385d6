/**
 * docs/performance.md, written by `npm run bench -- --write docs/performance.md`
 * so the numbers kept in the repository are always those of a real run.
 */
import { describeMachine, markdownTable, seconds, type Machine, type Row } from './results.js'

export interface DocInput {
  rows: Row[]
  notes: string[]
  machine: Machine
  totalMs: number
  only: string[]
  all: string[]
}

export function performanceDoc(input: DocInput): string {
  const partial = input.only.length < input.all.length ? ` (only: ${input.only.join(', ')})` : ''
  return `# Performance

<!-- Written by \`npm run bench -- --write docs/performance.md\`; edit bench/doc.ts, not this file. -->

Every benchmark runs the built action (\`dist/index.js\`, started as the GitHub runner starts it, by
\`tools/local-runner.ts\`) against the tenant emulator on loopback. CI does not run them and no test asserts a time:
the numbers are this machine's, and the CPU-bound ones (cold start, report rendering, the whole step's start-up)
move with whatever else the machine is doing: the load average at the start is given below.

Run on ${new Date().toISOString().slice(0, 10)}${partial}: ${describeMachine(input.machine)}. The whole run took ${seconds(input.totalMs)}.

${markdownTable(input.rows)}

## Notes

${input.notes.map((note) => `- ${note}`).join('\n')}

## How each is measured

- **ESV sync** creates 200 variables and 20 secrets (secrets from environment variables, as in CI) on a fresh
  emulated tenant answering every request after 50 ms (\`latencyMs\`), with \`restart: never\` so that only the sync is
  timed. *Ours* is the whole step, from starting \`node dist/index.js\` to its exit (process start included); *requests*
  is from the first request's arrival to the last one's answer. The **bound** is what the API allows at that
  concurrency: \`ceil(writes / concurrency) × latency\` plus the round trips before the first write (the token, then the
  two lists, read side by side). With **429s**, a seeded fault rule answers 10 % of the tenant's requests 429; the
  retries' back-off is the HTTP layer's.
- **frodo-lib** (\`@rockcarver/frodo-lib\`, a devDependency for this benchmark only, loaded with \`createRequire\`) writes
  the same ESVs through its public API with a bearer token set by \`state.setBearerTokenMeta\`, one call after another
  as its CLI and import functions do: \`createVariable\` (a GET to check the variable is new, then a PUT) or
  \`importVariables\` (one PUT each), and \`createSecret\` (one PUT each). Its time starts at the token request and
  leaves out loading the library.
- **No-op re-run**: after a restart has loaded everything, the same file again, with the default \`restart: auto\`.
  Secrets cannot be read back, so each existing secret costs one version create that the tenant de-duplicates
  (it answers with the existing version and nothing changes): those are the only requests besides reads.
- **Polling**: \`restart\` against a tenant whose restart takes 20 s, and \`dry-run-promote\` against one whose dry run
  takes 60 s, at the default \`poll-interval\` (10 s) and 50 ms per request. The delay is from the real end (the
  emulator's clock) to the status request that saw it; the status requests are those from the start of the work
  until then. The fixed-interval poller checks at the start and then every interval: \`ceil(duration / interval) + 1\`.
- **ESV sync scaling**: the same at 50, 200, 1,000 and 3,000 variables (no secrets) at the default concurrency,
  each on a fresh tenant: requests against the bound, the count against N + 3 (N writes, the token, the two lists),
  and the step's peak resident memory (written at exit by a \`--require\` preload). The 1,000-variable file is then
  run again after a restart as the no-op re-run.
- **ESV file validation**: the largest file the action accepts (9,500 variables, just under the 1 MiB cap) loaded
  by \`loadEsvFile\` in this process, alternated with the check it replaced (yaml's \`uniqueKeys\`, quadratic in a
  map's size, and a full expansion for the alias bound; commit 803a5bd), after one warm-up of both.
- **Cold start**: bare Node.js (\`node -e 0\`), the main step failing on a bad \`tenant-url\` (no network) and the
  post step with nothing to release, one after another, several times, each with an environment emptied to PATH and
  HOME; medians. Then the median of several runs of \`restart\` from spawning \`node dist/index.js\` to the emulator
  receiving its first request (the token request); loading is \`import()\` of the bundle. The bundle is every file of
  \`dist/\`: the entry every step loads and the chunks of the dynamic imports (built by \`scripts/build.ts\`).
- **Report rendering**: a promotion report with 100,000 changed items in two sections, fingerprinted
  (\`src/report/fingerprint.ts\`) and rendered for the job summary and the PR comment (\`src/report/render.ts\`), each
  run in a fresh process; peak memory is that process's maximum resident set.

## Reproduce

\`\`\`sh
npm ci
npm run bench                                  # builds, runs everything (about 3 minutes on 2 cores), prints the table
npm run bench -- --write docs/performance.md   # and rewrites this file
npm run bench -- --only esv,report             # a subset: ${input.all.join(', ')}
\`\`\`
`
}
