import { ActionError, ApiError } from '../errors.js'
import type { JsonHttpClient } from '../http/client.js'
import { API_V1 } from './api-versions.js'
import type {
  Certificate,
  CertificateSigningRequest,
  CompleteCsrRequest,
  CreateCertificateRequest,
  CreateCsrRequest,
  UpdateCertificateRequest
} from './types.js'

/**
 * `/environment/certificates` and `/environment/csrs`. Creating a certificate
 * or a CSR and completing a CSR are not safe to repeat blindly: after an
 * unknown outcome each looks at the tenant before sending again.
 */
export class CertificateClient {
  constructor(private readonly http: JsonHttpClient) {}

  async listCertificates(): Promise<Certificate[]> {
    return (await this.http.request<Certificate[]>({ method: 'GET', path: '/environment/certificates', headers: API_V1 })).body
  }

  /**
   * Uploads a certificate with its private key. When the outcome is unknown the
   * certificates are listed, and one that `isThisOne` recognises is the upload.
   */
  async uploadCertificate(body: CreateCertificateRequest, isThisOne: (certificate: Certificate) => boolean): Promise<Certificate> {
    return this.http.sendOnce(
      'Uploading a certificate',
      () => this.sendUpload(body),
      async () => (await this.listCertificates()).find(isThisOne),
      // A second copy would be a second certificate with the same key to manage.
      { duplicateHarmless: false }
    )
  }

  /** One certificate; undefined when the tenant answers 404 (with an empty body, as real tenants do). */
  async getCertificate(id: string): Promise<Certificate | undefined> {
    try {
      const path = `/environment/certificates/${encodeURIComponent(id)}`
      return (await this.http.request<Certificate>({ method: 'GET', path, headers: API_V1 })).body
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined
      throw error
    }
  }

  async setCertificateActive(id: string, active: boolean): Promise<Certificate> {
    const body: UpdateCertificateRequest = { active }
    const res = await this.http.request<Certificate>({
      method: 'PATCH',
      path: `/environment/certificates/${encodeURIComponent(id)}`,
      headers: API_V1,
      json: body,
      // Setting the same status twice leaves the same state.
      idempotent: true,
      hint: (status, message) =>
        status === 404 && message === undefined
          ? `The tenant has no certificate ${id} (it answered 404 with an empty body); someone removed it meanwhile: run the step again to plan afresh.`
          : undefined
    })
    return res.body
  }

  /**
   * The tenant deletes only an inactive certificate; it answers 200 with an empty body, also for
   * one already gone (so a DELETE repeated after a lost answer succeeds).
   */
  async deleteCertificate(id: string): Promise<void> {
    try {
      await this.http.request({
        method: 'DELETE',
        path: `/environment/certificates/${encodeURIComponent(id)}`,
        headers: API_V1,
        allowEmptyBody: true,
        hint: (status, message) =>
          status === 500 && message === undefined
            ? `The tenant answered 500 with an empty body, as it does while a deactivated certificate is still being taken off its load balancers; wait a minute and run the step again.`
            : undefined
      })
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error
    }
  }

  async listCsrs(): Promise<CertificateSigningRequest[]> {
    return (await this.http.request<CertificateSigningRequest[]>({ method: 'GET', path: '/environment/csrs', headers: API_V1 })).body
  }

  async getCsr(id: string): Promise<CertificateSigningRequest | undefined> {
    try {
      const path = `/environment/csrs/${encodeURIComponent(id)}`
      return (await this.http.request<CertificateSigningRequest>({ method: 'GET', path, headers: API_V1 })).body
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined
      throw error
    }
  }

  /**
   * Creates a CSR (the tenant makes and keeps its private key). When the
   * outcome is unknown, a new open CSR with the requested subject is the one
   * made; it is never sent twice (a second CSR would be a second key pair).
   */
  async createCsr(body: CreateCsrRequest, listed?: readonly CertificateSigningRequest[]): Promise<CertificateSigningRequest> {
    const before = new Set((listed ?? (await this.listCsrs())).map((csr) => csr.id))
    return this.http.sendOnce(
      'Creating the CSR',
      () => this.sendCreateCsr(body),
      async () => {
        const made = openCsrsFor(await this.listCsrs(), body).filter((csr) => !before.has(csr.id))
        if (made.length > 1)
          throw new ActionError(
            `Creating the CSR got no answer, and ${made.length} new CSRs with this subject appeared (${made.map((c) => c.id).join(', ')}); someone else is creating CSRs too. Pick one and run complete-csr with its id.`
          )
        return made[0]
      },
      { duplicateHarmless: false }
    )
  }

  /**
   * Uploads the signed certificate of a CSR. When the outcome is unknown the
   * CSR is read: a `certificateID` on it means the upload went through.
   */
  async completeCsr(id: string, certificate: string): Promise<CertificateSigningRequest> {
    const body: CompleteCsrRequest = { certificate }
    const send = async () =>
      (
        await this.http.request<CertificateSigningRequest>({
          method: 'PATCH',
          path: `/environment/csrs/${encodeURIComponent(id)}`,
          headers: API_V1,
          json: body,
          idempotent: false,
          hint: (status, message) =>
            status === 404 && message === undefined
              ? `The tenant has no CSR ${id} (it answered 404 with an empty body); check csr-id, or make a new one with create-csr.`
              : undefined
        })
      ).body
    return this.http.sendOnce(`Completing CSR ${id}`, send, async () => {
      const csr = await this.getCsr(id)
      return csr?.certificateID ? csr : undefined
    })
  }

  private async sendUpload(body: CreateCertificateRequest): Promise<Certificate> {
    const res = await this.http.request<Certificate>({
      method: 'POST',
      path: '/environment/certificates',
      headers: API_V1,
      json: body,
      idempotent: false,
      carriesSecret: true,
      hint: (status) =>
        status === 400 ? 'Check that the certificate is PEM, not expired, and that the private key belongs to it.' : undefined
    })
    return res.body
  }

  private async sendCreateCsr(body: CreateCsrRequest): Promise<CertificateSigningRequest> {
    const res = await this.http.request<CertificateSigningRequest>({
      method: 'POST',
      path: '/environment/csrs',
      headers: API_V1,
      json: body,
      idempotent: false
    })
    return res.body
  }
}

/** CSRs not yet completed whose subject and names are the ones `body` asks for. */
export function openCsrsFor(csrs: readonly CertificateSigningRequest[], body: CreateCsrRequest): CertificateSigningRequest[] {
  return csrs.filter((csr) => !csr.certificateID && sameCsrSubject(csr, body))
}

/** Subject fields a CSR's subject names by these attributes, as real tenants write them. */
const CSR_SUBJECT_ATTRIBUTES: readonly [field: keyof CreateCsrRequest, attribute: string][] = [
  ['commonName', 'CN'],
  ['organization', 'O'],
  ['organizationalUnit', 'OU'],
  ['country', 'C'],
  ['state', 'ST'],
  ['city', 'L']
]

/**
 * The same request: the same names (in any order) and the same common name, organisation, unit,
 * country, state and city where asked for. Real tenants write the subject `C=US/ST=…/CN=…`; Go's
 * `CN=…,O=…` is read too.
 */
function sameCsrSubject(csr: CertificateSigningRequest, body: CreateCsrRequest): boolean {
  const names = (list: readonly string[] | null | undefined): string =>
    [...(list ?? [])]
      .map((n) => n.toLowerCase())
      .sort()
      .join(',')
  if (names(csr.subjectAlternativeNames) !== names(body.subjectAlternativeNames)) return false
  // Split at each separator that starts another `TYPE=`: a value may hold a comma ("Acme, Inc").
  const attributes = new Map(
    (csr.subject ?? '')
      .split(/[,/](?=\s*[A-Za-z]+=)/)
      .map((part) => /^\s*([A-Za-z]+)=(.*)$/.exec(part))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1]!, match[2]!.trim().toLowerCase()] as const)
  )
  return CSR_SUBJECT_ATTRIBUTES.every(([field, attribute]) => {
    const wanted = body[field]
    return typeof wanted !== 'string' || wanted === '' || attributes.get(attribute) === wanted.toLowerCase()
  })
}
