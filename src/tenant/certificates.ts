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
      async () => (await this.listCertificates()).find(isThisOne)
    )
  }

  async setCertificateActive(id: string, active: boolean): Promise<Certificate> {
    const body: UpdateCertificateRequest = { active }
    const res = await this.http.request<Certificate>({
      method: 'PATCH',
      path: `/environment/certificates/${encodeURIComponent(id)}`,
      headers: API_V1,
      json: body,
      // Setting the same status twice leaves the same state.
      idempotent: true
    })
    return res.body
  }

  /** The tenant deletes only an inactive certificate. A DELETE repeated after a lost answer finds it gone: success. */
  async deleteCertificate(id: string): Promise<void> {
    try {
      await this.http.request({
        method: 'DELETE',
        path: `/environment/certificates/${encodeURIComponent(id)}`,
        headers: API_V1,
        allowEmptyBody: true
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
   * outcome is unknown, a CSR that was not there before and has the requested
   * subject alternative names is the one made; only when there is none is it
   * sent again.
   */
  async createCsr(body: CreateCsrRequest): Promise<CertificateSigningRequest> {
    const before = new Set((await this.listCsrs()).map((csr) => csr.id))
    const wanted = [...(body.subjectAlternativeNames ?? [])].sort().join(',')
    return this.http.sendOnce(
      'Creating the CSR',
      () => this.sendCreateCsr(body),
      async () => {
        const made = (await this.listCsrs()).filter(
          (csr) => !before.has(csr.id) && [...(csr.subjectAlternativeNames ?? [])].sort().join(',') === wanted
        )
        if (made.length > 1)
          throw new ActionError(
            `Creating the CSR got no answer, and ${made.length} new CSRs with these names appeared (${made.map((c) => c.id).join(', ')}); someone else is creating CSRs too. Pick one and run complete-csr with its id.`
          )
        return made[0]
      }
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
          idempotent: false
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
