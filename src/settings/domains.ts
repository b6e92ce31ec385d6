/** Problems with a DNS name used as a cookie domain or a custom domain; undefined when fine. */
export function domainProblem(value: string, kind: 'cookie domain' | 'custom domain'): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return `"${value}" is a URL; give the ${kind} alone, e.g. ${hostOf(value)}`
  if (kind === 'cookie domain' && value.startsWith('.')) return `"${value}": write the ${kind} without the leading dot`
  if (value.includes('*')) return `"${value}": a ${kind} cannot be a wildcard`
  if (/[:/]/.test(value)) return `"${value}": a ${kind} has no port or path`
  if (value.length > 253) return `"${value.slice(0, 40)}…" is longer than 253 characters`
  const labels = value.split('.')
  if (labels.length < 2 || !labels.every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label)))
    return `"${value}" is not a domain name (labels of letters, digits and hyphens, separated by dots, e.g. login.acme.example)`
  return undefined
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return 'login.acme.example'
  }
}

/** Lower case, without duplicates, sorted: how two domain lists are compared. */
export function canonicalDomains(domains: readonly string[]): string[] {
  return [...new Set(domains.map((domain) => domain.toLowerCase()))].sort()
}

export function sameDomains(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify(canonicalDomains(a)) === JSON.stringify(canonicalDomains(b))
}
