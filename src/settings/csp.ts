import type { ContentSecurityPolicy } from '../tenant/types.js'

/** Directives that take a source list (CSP Level 3). */
const SOURCE_LIST_DIRECTIVES = [
  'default-src',
  'script-src',
  'script-src-elem',
  'script-src-attr',
  'style-src',
  'style-src-elem',
  'style-src-attr',
  'img-src',
  'font-src',
  'connect-src',
  'media-src',
  'object-src',
  'frame-src',
  'child-src',
  'worker-src',
  'manifest-src',
  'fenced-frame-src',
  'prefetch-src',
  'base-uri',
  'form-action'
] as const

/** Directives whose values are not source lists, each checked its own way. */
const OTHER_DIRECTIVES = [
  'frame-ancestors',
  'sandbox',
  'report-uri',
  'report-to',
  'upgrade-insecure-requests',
  'block-all-mixed-content',
  'require-trusted-types-for',
  'trusted-types',
  'plugin-types',
  'webrtc'
] as const

export const CSP_DIRECTIVES: readonly string[] = [...SOURCE_LIST_DIRECTIVES, ...OTHER_DIRECTIVES]

const KEYWORDS = [
  'self',
  'none',
  'unsafe-inline',
  'unsafe-eval',
  'unsafe-hashes',
  'strict-dynamic',
  'report-sample',
  'wasm-unsafe-eval',
  'unsafe-allow-redirects',
  'inline-speculation-rules'
]
const QUOTED_KEYWORD = new RegExp(`^'(${KEYWORDS.join('|')})'$`)
const NONCE = /^'nonce-[A-Za-z0-9+/_-]+={0,2}'$/
const HASH = /^'sha(256|384|512)-[A-Za-z0-9+/_-]+={0,2}'$/
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:$/
const HOST = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:\/\/)?(?:\*|(?:\*\.)?[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)(?::(?:\d{1,5}|\*))?(?:\/[^\s;,']*)?$/
const SANDBOX_TOKENS = [
  'allow-downloads',
  'allow-forms',
  'allow-modals',
  'allow-orientation-lock',
  'allow-pointer-lock',
  'allow-popups',
  'allow-popups-to-escape-sandbox',
  'allow-presentation',
  'allow-same-origin',
  'allow-scripts',
  'allow-storage-access-by-user-activation',
  'allow-top-navigation',
  'allow-top-navigation-by-user-activation',
  'allow-top-navigation-to-custom-protocols'
]

/** Problems with one directive and its values; [] when it is valid. */
export function directiveProblems(name: string, values: readonly string[]): string[] {
  if (!CSP_DIRECTIVES.includes(name)) {
    const guess = closest(name.toLowerCase(), CSP_DIRECTIVES)
    return [`unknown directive "${name}"${guess ? `; did you mean "${guess}"?` : ''}`]
  }
  const problems: string[] = []
  const each = (check: (value: string) => string | undefined) => {
    for (const value of values) {
      const problem = /[\s;,]/.test(value) ? 'one source per list item (no spaces, commas or semicolons)' : check(value)
      if (problem) problems.push(`${name}: "${value}": ${problem}`)
    }
  }
  switch (name) {
    case 'upgrade-insecure-requests':
    case 'block-all-mixed-content':
      if (values.length > 0) problems.push(`${name} takes no values; use an empty list []`)
      break
    case 'sandbox':
      each((value) => (SANDBOX_TOKENS.includes(value) ? undefined : `not a sandbox flag; expected one of ${SANDBOX_TOKENS.join(', ')}`))
      break
    case 'report-uri':
      each((value) => (/^(https?:\/\/[^\s]+|\/[^\s]*)$/.test(value) ? undefined : 'expected an https:// URL or a path'))
      break
    case 'report-to':
      if (values.length !== 1) problems.push(`${name} takes exactly one reporting group name`)
      each((value) => (/^[A-Za-z0-9_-]+$/.test(value) ? undefined : 'expected a reporting group name'))
      break
    case 'require-trusted-types-for':
      each((value) => (value === "'script'" ? undefined : `the only value is "'script'"`))
      break
    case 'trusted-types':
      each((value) =>
        ["'none'", "'allow-duplicates'", '*'].includes(value) || /^[A-Za-z0-9\-#=_/@.%]+$/.test(value) ? undefined : 'not a policy name'
      )
      break
    case 'plugin-types':
      each((value) => (/^[a-z]+\/[a-z0-9.+-]+$/i.test(value) ? undefined : 'expected a MIME type'))
      break
    case 'webrtc':
      each((value) => (["'allow'", "'block'"].includes(value) ? undefined : `expected "'allow'" or "'block'"`))
      break
    case 'frame-ancestors':
      each((value) => (["'self'", "'none'"].includes(value) || isSchemeOrHost(value) ? undefined : sourceProblem(value, true)))
      break
    default:
      each((value) => sourceProblem(value, false))
  }
  if (values.includes("'none'") && values.length > 1) problems.push(`${name}: "'none'" must be the only source`)
  return problems
}

function isSchemeOrHost(value: string): boolean {
  return SCHEME.test(value) || (HOST.test(value) && !value.startsWith("'"))
}

function sourceProblem(value: string, ancestorsOnly: boolean): string | undefined {
  if (!ancestorsOnly && (QUOTED_KEYWORD.test(value) || NONCE.test(value) || HASH.test(value))) return undefined
  if (isSchemeOrHost(value) && !KEYWORDS.includes(value)) return undefined
  const bare = value.replace(/^["']|["']$/g, '')
  if (KEYWORDS.includes(bare) || /^(nonce|sha256|sha384|sha512)-/.test(bare))
    return ancestorsOnly && !['self', 'none'].includes(bare)
      ? "frame-ancestors allows only hosts, schemes, 'self' and 'none'"
      : `keywords, nonces and hashes keep their single quotes: write "'${bare}'" (in YAML, "'${bare}'" in double quotes)`
  return ancestorsOnly
    ? "not a host, scheme, 'self' or 'none'"
    : 'not a CSP source (a host, a scheme like https:, a quoted keyword, nonce or hash)'
}

/** Equal policies: the same active flag, the same directives with the same sources in any order. */
export function samePolicy(a: ContentSecurityPolicy, b: ContentSecurityPolicy): boolean {
  return a.active === b.active && canonicalDirectives(a.directives) === canonicalDirectives(b.directives)
}

function canonicalDirectives(directives: Record<string, string[]> | undefined): string {
  const entries = Object.entries(directives ?? {})
    .map(([name, values]) => [name, [...new Set(values)].sort()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return JSON.stringify(entries)
}

/** One line per policy for plans: "active, 3 directives: default-src 'self'; …". */
export function describePolicy(policy: ContentSecurityPolicy): string {
  const directives = Object.entries(policy.directives ?? {})
  const text = directives.map(([name, values]) => [name, ...values].join(' ')).join('; ')
  return `${policy.active ? 'active' : 'inactive'}${directives.length > 0 ? `: ${text}` : ', no directives'}`
}

/** The known name nearest to a misspelt one (edit distance at most 3), for "did you mean". */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined
  for (const name of known) {
    const distance = editDistance(word, name)
    if (distance <= 3 && (!best || distance < best.distance)) best = { name, distance }
  }
  return best?.name
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}
