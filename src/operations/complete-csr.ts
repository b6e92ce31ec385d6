import * as core from '@actions/core'
import { ActionError, InputError } from '../errors.js'
import { resolveInput } from '../files/source-file.js'
import { setOutput } from '../outputs.js'
import { readCertificateFile } from '../settings/pem.js'
import { CertificateClient } from '../tenant/certificates.js'
import { requireTenant, type OperationContext } from './context.js'

/**
 * `complete-csr`: installs the signed certificate of a CSR the tenant made.
 * The certificate file is checked before any request; a CSR already completed
 * is reported, not completed twice.
 */
export async function completeCsr(context: OperationContext): Promise<void> {
  const inputs = context.inputs.tenantSettings.completeCsr
  if (!inputs) throw new ActionError('complete-csr: the inputs were not parsed for this operation')
  // The file is checked whole (inside the workspace, a certificate, not expired) before any request.
  const path = resolveInput(inputs.certificateFile)
  if (!path.ok) throw new InputError([`certificate-file: ${inputs.certificateFile} ${path.problem}`])
  const read = readCertificateFile(path.path, Date.now())
  if (!read.ok) throw new InputError([`certificate-file: ${inputs.certificateFile}: ${read.problem}`])
  const tenant = requireTenant(context)
  const client = new CertificateClient(tenant.client)

  const csr = await client.getCsr(inputs.csrId)
  if (!csr) throw new ActionError(`CSR ${inputs.csrId} does not exist in ${tenant.url}; check csr-id (create-csr outputs it)`)
  if (csr.certificateID) {
    core.info(`CSR ${csr.id} is already completed: certificate ${csr.certificateID}`)
    setOutput('certificate-id', csr.certificateID)
    context.summary.add(`### CSR \`${csr.id}\` was already completed\n\nCertificate id: \`${csr.certificateID}\`; nothing was uploaded.`)
    return
  }
  const completed = await client.completeCsr(csr.id, read.pem)
  const certificateId = completed.certificateID
  if (!certificateId) {
    throw new ActionError(
      `The tenant accepted the certificate for CSR ${csr.id} but named no certificate id; check Tenant settings → Certificates, then run the step again (it finds a completed CSR)`
    )
  }
  core.info(`Installed the signed certificate for CSR ${csr.id} (${read.leaf.subject.replace(/\n/g, ', ')}): certificate ${certificateId}`)
  setOutput('certificate-id', certificateId)
  context.summary.add(
    `### CSR \`${csr.id}\` completed\n\nThe signed certificate (valid until ${read.leaf.validTo}) is installed as certificate \`${certificateId}\`. To manage it as code, declare it in a set-tenant-settings file with its certificate-file alone (the tenant holds its private key).`
  )
}
