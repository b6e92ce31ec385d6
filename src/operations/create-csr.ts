import * as core from '@actions/core'
import { ActionError } from '../errors.js'
import { markdownTable } from '../github/summary.js'
import { setOutput } from '../outputs.js'
import { CertificateClient, openCsrsFor } from '../tenant/certificates.js'
import type { CertificateSigningRequest, CreateCsrRequest } from '../tenant/types.js'
import { requireTenant, type OperationContext } from './context.js'
import { writeActionTempFile } from '../files/temp-folder.js'

/**
 * `create-csr`: the tenant makes a key pair and a certificate signing request
 * (the private key never leaves it). The CSR goes to a file under RUNNER_TEMP
 * and to the `csr` output, for a certificate authority to sign; `complete-csr`
 * then installs the signed certificate. An open CSR with the same subject is
 * handed out again instead of a second one made.
 */
export async function createCsr(context: OperationContext): Promise<void> {
  const request = context.inputs.tenantSettings.createCsr
  if (!request) throw new ActionError('create-csr: the inputs were not parsed for this operation')
  const tenant = requireTenant(context)
  const client = new CertificateClient(tenant.client)
  const listed = await client.listCsrs()
  const csr = openCsrMadeEarlier(listed, request) ?? (await client.createCsr(request, listed))
  if (!csr.request?.includes('-----BEGIN CERTIFICATE REQUEST-----'))
    throw new ActionError(`The tenant made CSR ${csr.id} but answered without its PEM; read it with GET /environment/csrs/${csr.id}`)
  const file = writeCsrFile(csr)
  core.info(`Created CSR ${csr.id} (${csr.algorithm}) for ${csr.subject}; written to ${file}`)
  setOutput('csr-id', csr.id)
  setOutput('csr', csr.request)
  setOutput('csr-file', file)
  context.summary.add(csrSummary(csr, file))
}

/**
 * A CSR with this subject that is still open: made by an earlier run (perhaps one whose answer was
 * lost), so it is handed out again rather than a second key pair made. The newest wins.
 */
function openCsrMadeEarlier(
  listed: readonly CertificateSigningRequest[],
  request: CreateCsrRequest
): CertificateSigningRequest | undefined {
  const open = openCsrsFor(listed, request)
  const newest = open.sort((a, b) => (a.createdDate ?? '').localeCompare(b.createdDate ?? '')).at(-1)
  if (newest)
    core.info(
      `CSR ${newest.id} for this subject is still open (made ${newest.createdDate ?? 'earlier'}, not yet completed): using it instead of making another; delete it in the tenant to get a new key pair`
    )
  return newest
}

function writeCsrFile(csr: CertificateSigningRequest, env: NodeJS.ProcessEnv = process.env): string {
  const name = `csr-${csr.id.replace(/[^A-Za-z0-9._-]/g, '_')}.pem`
  return writeActionTempFile(name, csr.request.endsWith('\n') ? csr.request : `${csr.request}\n`, env)
}

function csrSummary(csr: CertificateSigningRequest, file: string): string {
  const rows = [
    ['CSR id', `\`${csr.id}\``],
    ['algorithm', csr.algorithm],
    ['subject', csr.subject],
    ['subject alternative names', (csr.subjectAlternativeNames ?? []).join(', ') || '(none)'],
    ['file', `\`${file}\``]
  ]
  return `### Certificate signing request created\n\n${markdownTable(['', ''], rows)}\n\nHave it signed by your certificate authority, then run \`complete-csr\` with \`csr-id: ${csr.id}\` and the signed certificate.\n\n\`\`\`\n${csr.request.trim()}\n\`\`\``
}
