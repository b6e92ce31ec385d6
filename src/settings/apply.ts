import * as core from '@actions/core'
import { ActionError, ApiError, TimeoutError } from '../errors.js'
import { formatDuration, poll } from '../poller.js'
import type { CertificateClient } from '../tenant/certificates.js'
import type { TenantSettingsClient } from '../tenant/settings.js'
import { identityOfTenantCertificate, sameIdentity } from './certificate-identity.js'
import type { CertificateItem, SettingItem, SettingWrite } from './plan.js'

export type AppliedAction = 'updated' | 'uploaded' | 'activated' | 'deactivated' | 'deleted' | 'unchanged'

/** One entry of the `changed` output: a setting, or a certificate by name. */
export interface SettingsChange {
  setting: string
  action: AppliedAction
  /** Certificates: subject, names and expiry. */
  name?: string
  /** Certificates: the tenant's id. */
  id?: string
}

export async function applySetting(client: TenantSettingsClient, item: SettingItem): Promise<SettingsChange> {
  if (item.action === 'update') await write(client, item.write)
  return { setting: item.setting, action: item.action === 'update' ? 'updated' : 'unchanged' }
}

async function write(client: TenantSettingsClient, target: SettingWrite): Promise<void> {
  switch (target.area) {
    case 'content-security-policy':
      await client.putContentSecurityPolicy(target.policy, target.body)
      return
    case 'cookie-domains':
      await client.putCookieDomains(target.body)
      return
    case 'custom-domains':
      await client.putCustomDomains(target.realm, target.body)
      return
    case 'federation-enforcement':
      await client.putFederationEnforcement(target.body)
      return
    case 'sso-cookie':
      await client.putSsoCookie(target.body)
      return
  }
}

/**
 * Carries out the certificate items in plan order, one at a time, and stops at
 * the first failure: deactivating or deleting the old certificate after the
 * new one failed to go live would leave the tenant without one. So before the
 * first deactivation or deletion, the certificates just activated are waited
 * for until they are live (a real tenant takes about a minute).
 */
export async function applyCertificates(
  client: CertificateClient,
  items: readonly CertificateItem[],
  waits: CertificateWaits
): Promise<{ changes: SettingsChange[]; failure?: { item: CertificateItem; error: unknown } }> {
  const changes: SettingsChange[] = []
  const goingLive = new Map<string, string>()
  for (const item of items) {
    try {
      if (TAKES_ONE_DOWN.has(item.action) && goingLive.size > 0) {
        await waitUntilLive(client, goingLive, waits)
        goingLive.clear()
      }
      const { action, id } = await applyCertificate(client, item, waits)
      if (id !== undefined && (action === 'activated' || (action === 'uploaded' && item.desired?.active))) goingLive.set(id, item.name)
      changes.push({ setting: 'certificate', name: item.name, id, action })
    } catch (error) {
      return { changes, failure: { item, error } }
    }
  }
  return { changes }
}

const TAKES_ONE_DOWN: ReadonlySet<CertificateItem['action']> = new Set(['deactivate', 'deactivate-and-delete', 'delete'])

/** The certificates (id → name) activated in this run are all `live`, or the wait times out naming them. */
async function waitUntilLive(client: CertificateClient, goingLive: ReadonlyMap<string, string>, waits: CertificateWaits): Promise<void> {
  const names = [...goingLive.values()].join(', ')
  try {
    await poll({
      what: `certificate(s) ${names} to go live before another is taken down`,
      intervalMs: waits.pollIntervalMs,
      timeoutMs: waits.timeoutMs,
      timeoutInput: 'poll-interval',
      check: async () => (await client.listCertificates()).filter((c) => goingLive.has(c.id) && !c.live).length,
      describe: (pending) => (pending === 0 ? 'live' : `${pending} not live yet`),
      done: (pending) => pending === 0
    })
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error
    throw new ActionError(
      `Certificate(s) ${names} did not go live within ${formatDuration(waits.timeoutMs)}, so no other certificate was deactivated or deleted; check them in the tenant and run the step again`
    )
  }
}

/** How often and how long to wait for a certificate to reach or leave the load balancers. */
export interface CertificateWaits {
  pollIntervalMs: number
  timeoutMs: number
}

async function applyCertificate(
  client: CertificateClient,
  item: CertificateItem,
  waits: CertificateWaits
): Promise<{ action: AppliedAction; id?: string }> {
  switch (item.action) {
    case 'upload': {
      const desired = item.desired!
      if (desired.privateKey === undefined || desired.pem === undefined) throw new Error(`${item.name}: no file and key to upload it with`)
      const made = await client.uploadCertificate(
        { certificate: desired.pem, privateKey: desired.privateKey, active: desired.active },
        (certificate) => sameIdentity(identityOfTenantCertificate(certificate), desired.identity)
      )
      // An upload found after a lost answer may not carry the declared status yet.
      if (made.active !== desired.active) await client.setCertificateActive(made.id, desired.active)
      return { action: 'uploaded', id: made.id }
    }
    case 'activate':
      await client.setCertificateActive(item.id!, true)
      return { action: 'activated', id: item.id }
    case 'deactivate':
      await client.setCertificateActive(item.id!, false)
      return { action: 'deactivated', id: item.id }
    case 'deactivate-and-delete':
      await client.setCertificateActive(item.id!, false)
      await deleteOnceOffline(client, item, waits)
      return { action: 'deleted', id: item.id }
    case 'delete':
      await deleteOnceOffline(client, item, waits)
      return { action: 'deleted', id: item.id }
    case 'unchanged':
      return { action: 'unchanged', id: item.id }
  }
}

type OfflineState = 'live' | 'refused' | 'deleted'

/**
 * A deactivated certificate stays `live` until the tenant has taken it off its load balancers (about
 * a minute), and its DELETE answers 500 with an empty body until a little after (frodo-lib's recorded
 * force delete). So: poll until it is no longer live, then try the DELETE at each poll until it goes.
 */
async function deleteOnceOffline(client: CertificateClient, item: CertificateItem, waits: CertificateWaits): Promise<void> {
  const id = item.id!
  let lastRefusal: ApiError | undefined
  const check = async (): Promise<OfflineState> => {
    const certificate = await client.getCertificate(id)
    if (certificate === undefined) return 'deleted'
    if (certificate.live) return 'live'
    try {
      await client.deleteCertificate(id)
      return 'deleted'
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 500)) throw error
      lastRefusal = error
      return 'refused'
    }
  }
  try {
    await poll<OfflineState>({
      what: `certificate ${item.name} (${id}) to go offline and be deleted`,
      intervalMs: waits.pollIntervalMs,
      timeoutMs: waits.timeoutMs,
      timeoutInput: 'poll-interval',
      check,
      describe: (state) =>
        state === 'live' ? 'deactivated, still live' : state === 'refused' ? 'offline, DELETE still answers HTTP 500' : 'deleted',
      done: (state) => state === 'deleted'
    })
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error
    const refusal = lastRefusal ? ` (the last DELETE: ${lastRefusal.message})` : ''
    throw new ActionError(
      `Certificate ${item.name} (${id}) is deactivated but was not deleted within ${formatDuration(waits.timeoutMs)}${refusal}; the tenant may still be taking it off its load balancers: run the step again later`
    )
  }
  core.info(`Certificate ${item.name} (${id}) deleted`)
}
