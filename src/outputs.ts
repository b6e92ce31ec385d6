import * as core from '@actions/core'
import { maskSecret, redact } from './secrets.js'

/** Step outputs. Ordinary outputs are scrubbed of any known secret; a secret output is masked first. */
export function setOutput(name: string, value: string | number | boolean | object): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  core.setOutput(name, redact(text))
}

/** The only way a secret leaves the action: a declared secret output, masked before it is set. */
export function setSecretOutput(name: string, value: string): void {
  maskSecret(value)
  core.setOutput(name, value)
}
