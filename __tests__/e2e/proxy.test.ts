/**
 * The bundle is built without undici (scripts/build.ts): @actions/http-client's own proxy path (tunnel over
 * an HTTP CONNECT proxy, https_proxy / no_proxy) must still carry every request. The tenant is given an
 * https name that only the proxy knows: the proxy below accepts CONNECT, ends TLS with a certificate for
 * that name (trusted by the step through NODE_EXTRA_CA_CERTS) and hands the plain requests to the emulator.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TLSSocket } from 'node:tls'
import { selfSignedCertificate } from '../../emulator/x509.js'
import { errorLines } from '../../tools/local-runner.js'
import { connectionInputs, FAST_WAITS, requestsTo, startE2e, type E2eContext } from '../helpers/e2e.js'

/** Resolvable by no DNS: a request that bypasses the proxy cannot reach it. */
const TENANT_HOST = 'openam-acme-proxied.tenant-pilot.test'

interface ConnectProxy {
  url: string
  /** The `host:port` of every CONNECT received. */
  tunnels: string[]
  close(): Promise<void>
}

async function startConnectProxy(targetPort: number, tls: { key: string; cert: string }): Promise<ConnectProxy> {
  const tunnels: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((_req, res) => res.writeHead(405).end())
  server.on('connect', (req, client: Socket) => {
    tunnels.push(req.url ?? '')
    sockets.add(client)
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n', () => {
      const decrypted = new TLSSocket(client, { isServer: true, key: tls.key, cert: tls.cert })
      const upstream = connect(targetPort, '127.0.0.1')
      sockets.add(upstream)
      decrypted.pipe(upstream).pipe(decrypted)
      const end = (): void => {
        decrypted.destroy()
        upstream.destroy()
      }
      decrypted.on('error', end).on('close', end)
      upstream.on('error', end).on('close', end)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

describe('proxy: requests go through @actions/http-client proxy handling, undici not bundled', () => {
  let e2e: E2eContext
  let proxy: ConnectProxy
  let scratch: string
  let caFile: string
  beforeEach(async () => {
    e2e = await startE2e({ restartMs: 100 })
    const { certificate, privateKey } = selfSignedCertificate({ commonName: TENANT_HOST })
    scratch = mkdtempSync(join(tmpdir(), 'tenant-pilot-proxy-'))
    caFile = join(scratch, 'ca.pem')
    writeFileSync(caFile, certificate)
    proxy = await startConnectProxy(Number(new URL(e2e.emulator.upper.url).port), { key: privateKey, cert: certificate })
  })
  afterEach(async () => {
    await proxy.close()
    await e2e.close()
    rmSync(scratch, { recursive: true, force: true })
  })

  const proxiedInputs = () => ({
    operation: 'restart',
    ...connectionInputs(e2e.emulator),
    'tenant-url': `https://${TENANT_HOST}`,
    ...FAST_WAITS
  })

  test('with https_proxy set, every request to the tenant goes through the CONNECT proxy', async () => {
    const run = await e2e.run({ inputs: proxiedInputs(), env: { https_proxy: proxy.url, NODE_EXTRA_CA_CERTS: caFile } })
    expect(errorLines(run.main)).toEqual([])
    expect(run.main.exitCode).toBe(0)
    expect(run.main.outputs['restart-status']).toBe('ready')
    const requests = requestsTo(e2e.emulator, 'upper')
    expect(requests[0]).toBe('POST /am/oauth2/access_token')
    expect(requests.filter((r) => r === 'POST /environment/startup?_action=restart')).toHaveLength(1)
    // Every request arrived through a tunnel to the tenant's name (the emulator has no other way to be reached by it).
    expect(proxy.tunnels.length).toBeGreaterThan(0)
    expect(new Set(proxy.tunnels)).toEqual(new Set([`${TENANT_HOST}:443`]))
  })

  test('with the tenant in no_proxy, no request goes through the proxy', async () => {
    // retry-delay 0.01: the unreachable name is tried the policy's six times without its production back-offs (about 11 s).
    const run = await e2e.run({
      inputs: { ...proxiedInputs(), 'request-timeout': '2', 'retry-delay': '0.01' },
      env: { https_proxy: proxy.url, no_proxy: `other.example,.tenant-pilot.test`, NODE_EXTRA_CA_CERTS: caFile }
    })
    // Sent directly, the request meets a name no DNS knows: the step fails, and the proxy saw nothing.
    expect(run.main.exitCode).not.toBe(0)
    expect(errorLines(run.main).join('\n')).toContain('tenant unreachable (ENOTFOUND)')
    expect(run.main.stdout).toMatch(/POST \/am\/oauth2\/access_token got ENOTFOUND; retrying in \d+\.\d s \(attempt 6 of 6\)/)
    expect(proxy.tunnels).toEqual([])
    expect(requestsTo(e2e.emulator, 'upper')).toEqual([])
  })
})
