import { ActionError } from '../errors.js'
import type { HttpRequest, JsonHttpClient } from '../http/client.js'
import { maskSecret } from '../secrets.js'
import type { ApiClient, ApiClientCreateRequest, ApiClientList } from '../tenant/types.js'
import { MANAGE_API_CLIENTS, SHOWS_CLIENT_SECRETS } from './entitlements.js'
import { resolveClientLocation } from './location.js'

export const API_CLIENTS_PATH = '/v1.0/apiclients'

/** An API client whose secret was read and masked. */
export type ApiClientWithSecret = ApiClient & { clientSecret: string }

/** What to do when the identity tenant refuses the admin client. */
const adminHint: HttpRequest['hint'] = (status) => {
  if (status === 401) return 'Check verify-client-id and verify-client-secret, and that the admin API client is enabled.'
  if (status === 403)
    return `The admin API client (verify-client-id) lacks the ${MANAGE_API_CLIENTS} entitlement; grant it in the identity tenant's admin console (Security → API access → API clients).`
  return undefined
}

/** `/v1.0/apiclients` of the identity tenant. Every client secret read is masked at once. */
export class ApiClientsClient {
  constructor(private readonly http: JsonHttpClient) {}

  /** The clients named exactly `name` (the search itself may match more loosely). */
  async findByName(name: string): Promise<ApiClient[]> {
    const res = await this.http.request<ApiClientList>({
      method: 'GET',
      path: API_CLIENTS_PATH,
      query: { search: `clientName = "${name.replace(/["\\]/g, '\\$&')}"` },
      hint: adminHint
    })
    const clients = res.body?.apiClients ?? []
    for (const client of clients) maskSecret(client.clientSecret)
    return clients.filter((client) => client.clientName === name)
  }

  /**
   * Creates a client and reads it back from its `Location` (on the tenant's
   * origin only). The POST is never repeated: when its outcome is unknown,
   * the name is looked up over the settle window; still absent, the step
   * fails and the next run's lookup by name finds a client made late.
   */
  async create(request: ApiClientCreateRequest): Promise<ApiClientWithSecret> {
    const path = await this.http.sendOnce(
      `Creating the API client "${request.clientName}"`,
      () => this.post(request),
      async () => {
        const [made] = await this.findByName(request.clientName)
        return made && `${API_CLIENTS_PATH}/${encodeURIComponent(made.id)}`
      },
      // A second client would be a second live secret.
      { duplicateHarmless: false }
    )
    return this.getWithSecret(path)
  }

  private async post(request: ApiClientCreateRequest): Promise<string> {
    const res = await this.http.request<unknown>({
      method: 'POST',
      path: API_CLIENTS_PATH,
      json: request,
      idempotent: false,
      // 201 Created with an empty body and a Location: the answer is the header.
      allowEmptyBody: true,
      hint: adminHint
    })
    if (res.status !== 201) {
      throw new ActionError(
        `POST ${API_CLIENTS_PATH} answered HTTP ${res.status} instead of 201 Created; check in the identity tenant whether "${request.clientName}" was created`
      )
    }
    const location = res.headers.location
    return resolveClientLocation(Array.isArray(location) ? location[0] : location, this.http.baseUrl, request.clientName)
  }

  private async getWithSecret(path: string): Promise<ApiClientWithSecret> {
    const client = (await this.http.request<ApiClient>({ method: 'GET', path, hint: adminHint })).body
    maskSecret(client?.clientSecret)
    if (!client || typeof client.id !== 'string' || typeof client.clientId !== 'string') {
      throw new ActionError(`GET ${path} answered without the API client's id and clientId`)
    }
    if (typeof client.clientSecret !== 'string' || client.clientSecret === '') {
      throw new ActionError(
        `The identity tenant created the API client "${client.clientName}" (id ${client.id}) but did not show its secret: only the ${SHOWS_CLIENT_SECRETS.join(' or ')} entitlement shows it (readAPIClients does not). Grant one to the admin API client (verify-client-id), delete the new client, and run the step again`
      )
    }
    return { ...client, clientSecret: client.clientSecret }
  }
}
