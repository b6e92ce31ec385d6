/**
 * `npm run build`: src/index.ts bundled by ncc into dist/ (index.js, the chunks of its dynamic imports,
 * licenses.txt), with undici left out.
 *
 * undici is imported by @actions/http-client only for `ProxyAgent` in `getAgentDispatcher`, which the
 * action never calls: its requests go through `HttpClient` on node:http/https, and proxies through
 * http-client's own `https_proxy`/`no_proxy` handling (tunnel). Bundled, undici was more than half of
 * the bundle and of its start-up. It is mapped to a stub written next to the bundle, which fails loudly
 * should a future version ever reach it. Tests and the emulator still import the real package.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ncc from '@vercel/ncc'
// tsx's own bundler, present wherever this script can run (it runs under tsx): it strips the chunks' whitespace.
import { transform } from 'esbuild'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(ROOT, 'dist')
const UNDICI_STUB = 'undici-stub.js'

const STUB_SOURCE = `// Written by scripts/build.ts in place of undici, which the action never uses (see that script).
exports.ProxyAgent = class ProxyAgent {
  constructor() {
    throw new Error('tenant-pilot is built without undici: @actions/http-client getAgentDispatcher is not supported; requests use HttpClient')
  }
}
`

async function build(): Promise<void> {
  const { code, assets, stats } = await ncc(join(ROOT, 'src/index.ts'), {
    target: 'es2022',
    quiet: true,
    esm: false,
    minify: true,
    externals: { undici: `./${UNDICI_STUB}` }
  })
  mkdirSync(OUT, { recursive: true })
  // A chunk that a change made obsolete must not linger: dist/ is checked fresh as a whole.
  for (const name of readdirSync(OUT)) if (name.endsWith('.js')) rmSync(join(OUT, name))
  writeFileSync(join(OUT, 'index.js'), code)
  for (const [name, asset] of Object.entries(assets)) {
    const path = join(OUT, name)
    mkdirSync(dirname(path), { recursive: true })
    const source = /^\d+\.index\.js$/.test(name) ? await compactChunk(asset.source.toString()) : asset.source
    writeFileSync(path, source, asset.permissions === undefined ? {} : { mode: asset.permissions })
  }
  writeFileSync(join(OUT, UNDICI_STUB), STUB_SOURCE)
  writeFileSync(join(OUT, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`)
  writeFileSync(join(OUT, 'licenses.txt'), licenses(bundledPackages(stats.compilation.modules)))
  const files = readdirSync(OUT).sort()
  console.log(`dist/: ${files.join(', ')}`)
}

/**
 * ncc minifies the entry only (names kept); the chunks of the dynamic imports lose their whitespace and
 * comments here, nothing else (no renaming, no rewriting), so they read and behave as bundled.
 */
async function compactChunk(code: string): Promise<string> {
  return (await transform(code, { loader: 'js', minifyWhitespace: true, target: 'es2022', legalComments: 'none' })).code
}

/**
 * The packages whose code is in any file of dist/. ncc's own --license only sees the modules of one
 * chunk once the bundle is split, so the list is taken from the whole compilation instead.
 */
function bundledPackages(modules: Iterable<{ resource?: string }>): string[] {
  const names = new Set<string>()
  for (const { resource } of modules) {
    const name = resource?.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1]
    if (name) names.add(name)
  }
  return [...names].sort()
}

/** Each package's name, licence and licence text, as ncc's --license wrote them. */
function licenses(packages: string[]): string {
  return packages
    .map((name) => {
      const dir = join(ROOT, 'node_modules', name)
      const { license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { license?: string }
      const file = readdirSync(dir).find((entry) => /^licen[cs]e(\.(md|txt))?$/i.test(entry))
      const text = file && existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').trim() : ''
      return `${name}\n${license ?? 'UNKNOWN'}\n${text}\n`
    })
    .join('\n')
}

build().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
