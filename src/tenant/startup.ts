import type { JsonHttpClient } from '../http/client.js'
import type { RestartStatusResponse } from './types.js'
import { API_V1 } from './api-versions.js'

/** `/environment/startup`: the tenant's restart status and the restart action. */
export class StartupClient {
  constructor(private readonly http: JsonHttpClient) {}

  async status(): Promise<RestartStatusResponse> {
    const res = await this.http.request<RestartStatusResponse>({ method: 'GET', path: '/environment/startup', headers: API_V1 })
    return res.body
  }

  /**
   * Starting a restart twice is harmless (the tenant answers "restarting"),
   * so this POST may be retried.
   */
  async restart(): Promise<RestartStatusResponse> {
    const res = await this.http.request<RestartStatusResponse>({
      method: 'POST',
      path: '/environment/startup',
      query: { _action: 'restart' },
      headers: API_V1,
      idempotent: true
    })
    return res.body
  }
}
