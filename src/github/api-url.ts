/**
 * The one rule for where a GitHub token may go, for every GitHub call of every operation: https, or plain
 * http only to a loopback address (127.0.0.0/8, ::1: the emulator on this machine). Not a host name:
 * `localhost` is whatever name resolution says it is. A path is fine (GitHub Enterprise Server's /api/v3).
 */
export function githubApiUrlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'is not a URL'
  }
  if (url.username || url.password) return 'must not contain credentials'
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:' && isLoopbackAddress(url.hostname)) return undefined
  return 'must use https (http is allowed only to a loopback address, 127.0.0.0/8 or ::1)'
}

/** A loopback address as URL writes a host: 127.0.0.0/8 in dotted form, or [::1]. */
export function isLoopbackAddress(hostname: string): boolean {
  return hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}
