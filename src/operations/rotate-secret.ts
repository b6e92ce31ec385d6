import * as core from '@actions/core'
import { ActionError, errorMessage, InputError } from '../errors.js'
import type { RestartMode, Waits } from '../inputs/types.js'
import type { RotationSettings } from '../inputs/types.js'
import { setOutput, setSecretOutput } from '../outputs.js'
import { DuplicateValueError, RotationIncompleteError } from '../rotation/errors.js'
import { renderRotationReport } from '../rotation/report.js'
import { retireOldVersions, type RetiredState } from '../rotation/retire-versions.js'
import { generateSecretValue, PEM_NOT_GENERATED, secretValueProblem, toValueBase64, valueLengthProblem } from '../rotation/secret-values.js'
import { EsvClient, latestVersionNumber } from '../tenant/esv.js'
import { restartUntilLoaded } from '../tenant/load-secret.js'
import { StartupClient } from '../tenant/startup.js'
import type { EsvSecretVersion, SecretEncoding } from '../tenant/types.js'
import { requireTenant, type OperationContext } from './context.js'

/** Where the rotation stands once the new version exists (made now, or by an earlier run). */
interface RotationStart {
  before: EsvSecretVersion[]
  loadedBefore: string
  newVersion: string
  previousVersion: string
  resumed: boolean
  /** Only a value this run generated; a given one is the caller's already. */
  generatedValue: string | undefined
}

/**
 * `rotate-secret`: add a version to an ESV secret, restart until the tenant
 * has loaded it, then retire old versions. Each step can be finished by a
 * later run: a version newer than the loaded one means an earlier run died
 * after creating it, and (with resume) this run finishes instead of rotating twice.
 */
export async function rotateSecret(context: OperationContext): Promise<void> {
  const tenant = requireTenant(context)
  const settings = context.inputs.rotation
  if (!settings) throw new ActionError('rotate-secret needs its inputs (secret-id)')
  const esv = new EsvClient(tenant.client)
  const id = settings.secretId

  const start = await beginRotation(esv, settings, tenant.url)
  setOutput('secret-version', start.newVersion)
  setOutput('previous-version', start.previousVersion)
  writeValueOutput(settings, start)

  let restartStatus: string
  try {
    restartStatus = await loadNewVersion(
      esv,
      new StartupClient(tenant.client),
      id,
      start.newVersion,
      context.inputs.restart,
      context.inputs.waits
    )
  } catch (error) {
    throw new RotationIncompleteError(
      `${sentence(errorMessage(error))} Version ${start.newVersion} of ${id} exists but the tenant has not loaded it: run the step again; with resume: true (the default) it restarts and retires without making another version`
    )
  }
  setOutput('restart-status', restartStatus)

  const retired: string[] = []
  let after: RetiredState
  try {
    after = await retireOldVersions(esv, id, { mode: settings.retire, keep: settings.keepVersions }, retired)
  } catch (error) {
    throw new RotationIncompleteError(
      `${sentence(errorMessage(error))} Version ${start.newVersion} of ${id} is in place; retiring old versions failed after ${retired.length > 0 ? `retiring ${retired.join(', ')}` : 'retiring none'}: retire the rest in the admin console, or let the next rotation do it`
    )
  }
  setOutput('retired-versions', retired)

  context.summary.add(
    renderRotationReport({
      secretId: id,
      tenantUrl: tenant.url,
      before: start.before,
      loadedBefore: start.loadedBefore,
      after: after.versions,
      loadedAfter: after.secret.loadedVersion,
      newVersion: start.newVersion,
      previousVersion: start.previousVersion,
      resumed: start.resumed,
      restartStatus,
      retired,
      retireMode: settings.retire
    })
  )
}

async function beginRotation(esv: EsvClient, s: RotationSettings, tenantUrl: string): Promise<RotationStart> {
  const id = s.secretId
  const secret = await esv.getSecret(id)
  if (!secret) {
    if (!s.createIfMissing)
      throw new ActionError(`The secret ${id} does not exist in ${tenantUrl}; check secret-id, or set create-if-missing: true to create it`)
    return createMissingSecret(esv, s)
  }
  const before = await esv.listVersions(id)
  const loaded = secret.loadedVersion
  const resumed: RotationStart = {
    before,
    loadedBefore: loaded,
    newVersion: secret.activeVersion,
    previousVersion: loaded,
    resumed: true,
    generatedValue: undefined
  }
  const pending =
    secret.activeVersion !== loaded &&
    `${id} has version ${secret.activeVersion}, newer than the version the tenant has loaded (${loaded || 'none'})`
  // A given value decides below: the tenant de-duplicates it against the pending version when it is that version's value.
  if (pending && s.resume && s.secretValue === undefined) {
    core.info(
      `${pending}: an earlier rotation did not finish; finishing it (restart, retire) instead of rotating again (resume: false rotates anyway)`
    )
    return resumed
  }
  if (pending && !s.resume) core.warning(`${pending}; resume is false, so rotating again`)
  if (s.createIfMissing && s.encoding !== secret.encoding)
    core.info(`${id} exists with encoding ${secret.encoding}; the encoding input applies only to a secret create-if-missing creates`)
  const { value, generated } = valueFor(id, secret.encoding, s)
  const { version, created } = await esv.createVersion(id, toValueBase64(value), latestVersionNumber(before))
  if (!created && pending && s.resume) {
    core.info(`${pending}: secret-value is that version's value; finishing the earlier rotation (restart, retire)`)
    return resumed
  }
  if (!created) throw new DuplicateValueError(id, version.version)
  core.info(
    `${pending && s.resume ? `${pending}; secret-value differs from it, so created` : 'Created'} version ${version.version} of ${id} (was ${secret.activeVersion})`
  )
  return {
    before,
    loadedBefore: loaded,
    newVersion: version.version,
    previousVersion: secret.activeVersion,
    resumed: false,
    generatedValue: generated ? value : undefined
  }
}

async function createMissingSecret(esv: EsvClient, s: RotationSettings): Promise<RotationStart> {
  const id = s.secretId
  const { value, generated } = valueFor(id, s.encoding, s)
  core.info(`${id} does not exist; creating it (create-if-missing) with encoding ${s.encoding}`)
  const secret = await esv.createSecret(id, {
    encoding: s.encoding,
    useInPlaceholders: true,
    valueBase64: toValueBase64(value),
    description: 'Rotated by tenant-pilot'
  })
  core.info(`Created ${id} with version ${secret.activeVersion}`)
  return {
    before: [],
    loadedBefore: '',
    newVersion: secret.activeVersion,
    previousVersion: '',
    resumed: false,
    generatedValue: generated ? value : undefined
  }
}

/**
 * The given value, checked against the secret's real encoding, or a fresh one
 * fit for it. Runs before anything is written.
 */
function valueFor(id: string, encoding: SecretEncoding, s: RotationSettings): { value: string; generated: boolean } {
  const about = `(${id} is a ${encoding} secret)`
  if (s.secretValue !== undefined) {
    const problem = secretValueProblem(encoding, s.secretValue)
    if (problem) throw new InputError([`secret-value: ${problem} ${about}`])
    return { value: s.secretValue, generated: false }
  }
  if (encoding === 'pem') throw new InputError([`secret-value: required for ${id}; ${PEM_NOT_GENERATED}`])
  const lengthProblem = s.valueLength === undefined ? undefined : valueLengthProblem(encoding, s.valueLength)
  if (lengthProblem) throw new InputError([`value-length: ${lengthProblem} ${about}`])
  const value = generateSecretValue(encoding, s.valueLength)
  core.info(`Generated a new ${encoding} value for ${id}`)
  return { value, generated: true }
}

function writeValueOutput(s: RotationSettings, start: RotationStart): void {
  if (!s.outputValue) return
  if (start.generatedValue !== undefined) setSecretOutput('secret-value', start.generatedValue)
  else if (start.resumed)
    core.warning('output-value: no value to output; this run finished an earlier rotation, and a secret value can never be read back')
  else core.info('output-value: the value was given as secret-value, so it is not written to an output')
}

/** Restarts (unless never) and waits until the secret's loaded version is the new one, all within restart-timeout. */
async function loadNewVersion(
  esv: EsvClient,
  startup: StartupClient,
  id: string,
  target: string,
  mode: RestartMode,
  waits: Waits
): Promise<string> {
  if (mode === 'never') {
    core.info(
      `restart: never; version ${target} of ${id} stays pending until the tenant restarts (a later run with resume finishes the rotation)`
    )
    return 'skipped'
  }
  return (await restartUntilLoaded(esv, startup, id, target, waits)).status
}

/** Joins a cause and what to do next into one line. */
function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`
}
