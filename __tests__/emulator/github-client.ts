/** Calls to the emulated GitHub over real sockets, as a client of its REST API, for the emulator's GitHub tests. */
import type { Emulator } from '../../emulator/index.js'

export interface Answer<T> {
  status: number
  headers: Headers
  body: T
}

/** A body given as a string is sent as it is (a test of what GitHub answers to a broken one). */
export async function callGitHub<T = Record<string, unknown>>(
  emulator: Emulator,
  method: string,
  path: string,
  body?: unknown,
  token = emulator.github.token
): Promise<Answer<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${emulator.github.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  })
  return { status: response.status, headers: response.headers, body: (await response.json()) as T }
}
