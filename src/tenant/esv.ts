import * as core from '@actions/core'
import { ActionError, ApiError } from '../errors.js'
import type { JsonHttpClient } from '../http/client.js'
import { API_V1, API_V2 } from './api-versions.js'
import type {
  EsvSecret,
  EsvSecretVersion,
  EsvVariable,
  PagedList,
  SecretCreateRequest,
  SecretVersionStatusRequest,
  SetDescriptionRequest,
  VariableWriteRequest
} from './types.js'

const MAX_PAGE_SIZE = 100
/** A guard against a server that hands back the same cookie forever. */
const MAX_PAGES = 1000

/**
 * `/environment/variables` and `/environment/secrets`: the ESV client. Values
 * travel base64-encoded; secret values are never readable.
 */
export class EsvClient {
  constructor(private readonly http: JsonHttpClient) {}

  /**
   * Variables with their values. The v1 list is used because the paged v2
   * list omits `valueBase64`; should a tenant page v1 too, the cookie is followed.
   */
  listVariables(): Promise<EsvVariable[]> {
    return this.listAll<EsvVariable>('/environment/variables', API_V1, {})
  }

  /** Secrets' metadata, 100 a page. */
  listSecrets(): Promise<EsvSecret[]> {
    return this.listAll<EsvSecret>('/environment/secrets', API_V2, { _pageSize: MAX_PAGE_SIZE })
  }

  async getVariable(id: string): Promise<EsvVariable | undefined> {
    return this.getOrUndefined<EsvVariable>(`/environment/variables/${id}`)
  }

  async putVariable(id: string, body: VariableWriteRequest): Promise<EsvVariable> {
    return (await this.http.request<EsvVariable>({ method: 'PUT', path: `/environment/variables/${id}`, headers: API_V1, json: body })).body
  }

  async setVariableDescription(id: string, description: string): Promise<void> {
    await this.setDescription(`/environment/variables/${id}`, description)
  }

  async deleteVariable(id: string): Promise<void> {
    await this.deleteTolerating404(`/environment/variables/${id}`)
  }

  async getSecret(id: string): Promise<EsvSecret | undefined> {
    return this.getOrUndefined<EsvSecret>(`/environment/secrets/${id}`)
  }

  /**
   * Creates a secret with its first version. Not repeated blindly: a second
   * PUT on a secret the first one made answers "already exists", so when the
   * outcome is unknown this looks whether the secret now exists.
   */
  async createSecret(id: string, body: SecretCreateRequest): Promise<EsvSecret> {
    return this.http.sendOnce(
      `Creating ${id}`,
      () => this.putSecret(id, body),
      () => this.getSecret(id)
    )
  }

  async setSecretDescription(id: string, description: string): Promise<void> {
    await this.setDescription(`/environment/secrets/${id}`, description)
  }

  async deleteSecret(id: string): Promise<void> {
    await this.deleteTolerating404(`/environment/secrets/${id}`)
  }

  async listVersions(id: string): Promise<EsvSecretVersion[]> {
    return (await this.http.request<EsvSecretVersion[]>({ method: 'GET', path: `/environment/secrets/${id}/versions`, headers: API_V1 }))
      .body
  }

  /**
   * Adds a version. The tenant de-duplicates: a value equal to the latest
   * version's gives that version back (`created: false`). Never sent twice
   * blindly: when the outcome is unknown (no answer, or a gateway's 502/503/504,
   * which say nothing about whether the tenant acted), the versions are listed
   * to learn whether it was made; only when it was not is it sent again, and
   * each further unknown outcome is looked at the same way. Sending the same
   * value again is harmless even if a slow first attempt lands meanwhile: the
   * tenant de-duplicates it against that new latest version. `latestKnown`
   * is the latest version before the call, when the caller has it.
   */
  async createVersion(id: string, valueBase64: string, latestKnown?: number): Promise<{ version: EsvSecretVersion; created: boolean }> {
    // The latest version is the secret's activeVersion (it cannot be disabled), so a caller holding the secret need not list.
    const latestBefore = latestKnown ?? latestVersionNumber(await this.listVersions(id))
    const version = await this.http.sendOnce(
      `Creating a version of ${id}`,
      () => this.sendCreateVersion(id, valueBase64),
      async () => {
        const made = newVersionsSince(await this.listVersions(id), latestBefore)
        if (made.length > 1) core.warning(`${id} gained ${made.length} versions meanwhile; someone else is writing it too`)
        return made.at(-1)
      }
    )
    return { version, created: Number(version.version) > latestBefore }
  }

  async setVersionStatus(id: string, version: string, status: SecretVersionStatusRequest['status']): Promise<void> {
    const body: SecretVersionStatusRequest = { status }
    await this.http.request({
      method: 'POST',
      path: `/environment/secrets/${id}/versions/${version}`,
      query: { _action: 'changestatus' },
      headers: API_V1,
      json: body,
      // Setting a status twice leaves the same state.
      idempotent: true
    })
  }

  /**
   * Destroys a version. A DELETE resent after a lost answer may find the version
   * already destroyed, and how a tenant answers that is not recorded: an error
   * is success when the version now reads DESTROYED.
   */
  async deleteVersion(id: string, version: string): Promise<void> {
    try {
      await this.http.request({
        method: 'DELETE',
        path: `/environment/secrets/${id}/versions/${version}`,
        headers: API_V1,
        allowEmptyBody: true
      })
    } catch (error) {
      if (!(error instanceof ApiError && [400, 404, 409].includes(error.status))) throw error
      const now = (await this.listVersions(id)).find((v) => v.version === version)
      if (now?.status !== 'DESTROYED') throw error
    }
  }

  private async sendCreateVersion(id: string, valueBase64: string): Promise<EsvSecretVersion> {
    const res = await this.http.request<EsvSecretVersion>({
      method: 'POST',
      path: `/environment/secrets/${id}/versions`,
      query: { _action: 'create' },
      headers: API_V1,
      json: { valueBase64 },
      idempotent: false,
      carriesSecret: true
    })
    return res.body
  }

  private async putSecret(id: string, body: SecretCreateRequest): Promise<EsvSecret> {
    const res = await this.http.request<EsvSecret>({
      method: 'PUT',
      path: `/environment/secrets/${id}`,
      headers: API_V1,
      json: body,
      idempotent: false,
      carriesSecret: true
    })
    return res.body
  }

  private async setDescription(path: string, description: string): Promise<void> {
    const body: SetDescriptionRequest = { description }
    await this.http.request({
      method: 'POST',
      path,
      query: { _action: 'setDescription' },
      headers: API_V1,
      json: body,
      idempotent: true,
      // A real tenant answers 200 with no body (frodo-lib recordings VariablesApi/SecretsApi set…Description).
      allowEmptyBody: true
    })
  }

  private async getOrUndefined<T>(path: string): Promise<T | undefined> {
    try {
      return (await this.http.request<T>({ method: 'GET', path, headers: API_V1 })).body
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined
      throw error
    }
  }

  /** A DELETE retried after a lost answer finds the ESV gone: that is success. */
  private async deleteTolerating404(path: string): Promise<void> {
    try {
      await this.http.request({ method: 'DELETE', path, headers: API_V1, allowEmptyBody: true })
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error
    }
  }

  private async listAll<T>(path: string, headers: Record<string, string>, query: Record<string, number>): Promise<T[]> {
    const items: T[] = []
    let cookie: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await this.http.request<PagedList<T>>({ method: 'GET', path, headers, query: { ...query, _pagedResultsCookie: cookie } })
      items.push(...res.body.result)
      cookie = res.body.pagedResultsCookie ?? undefined
      // The API documents the last page's cookie as the text "null" too.
      if (!cookie || cookie === 'null' || res.body.result.length === 0 || res.body.remainingPagedResults === 0) return items
    }
    throw new ActionError(`${path}: more than ${MAX_PAGES} pages; stopping`)
  }
}

export function latestVersionNumber(versions: EsvSecretVersion[]): number {
  return versions.reduce((max, v) => Math.max(max, Number(v.version) || 0), 0)
}

/** Versions numbered above `latestBefore`, oldest first. */
export function newVersionsSince(versions: EsvSecretVersion[], latestBefore: number): EsvSecretVersion[] {
  return versions.filter((v) => Number(v.version) > latestBefore).sort(byVersion)
}

export function byVersion(a: EsvSecretVersion, b: EsvSecretVersion): number {
  return Number(a.version) - Number(b.version)
}
