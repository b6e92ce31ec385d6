import { createPrivateKey, type KeyObject, type X509Certificate } from 'node:crypto'
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml'
import { readEnvValue, resolveBeside, type FileProblem, type Position } from '../files/source-file.js'
import { loadYamlMapping, type YamlMappingFile } from '../files/yaml-file.js'
import { maskSecret } from '../secrets.js'
import {
  CSP_POLICIES,
  CUSTOM_DOMAIN_REALMS,
  FEDERATION_ENFORCEMENT_GROUPS,
  SSO_COOKIE_NAME_PATTERN,
  type ContentSecurityPolicy,
  type CspPolicy,
  type CustomDomainRealm,
  type FederationEnforcementGroups,
  type SsoCookie
} from '../tenant/types.js'
import { identityKey, identityOfX509, normaliseDn, normaliseNames, type CertificateIdentity } from './certificate-identity.js'
import { directiveProblems } from './csp.js'
import { canonicalDomains, domainProblem } from './domains.js'
import { readCertificateFile } from './pem.js'

export const SETTINGS_AREAS = [
  'content-security-policy',
  'cookie-domains',
  'custom-domains',
  'federation-enforcement',
  'sso-cookie',
  'certificates'
] as const
export type SettingsArea = (typeof SETTINGS_AREAS)[number]

export interface DesiredCertificate {
  /** The certificate file as written in the settings file; absent for one named by subject and validity. */
  file?: string
  /** The PEM text as uploaded (the certificate, then any chain); absent for one named by subject and validity. */
  pem?: string
  /** Masked the moment it was read; absent for a certificate the tenant already holds (made from a CSR). */
  privateKey: string | undefined
  active: boolean
  identity: CertificateIdentity
  position: Position
}

/** What a settings file declares; an area left out is not managed. */
export interface TenantSettingsFile {
  path: string
  contentSecurityPolicy?: Partial<Record<CspPolicy, ContentSecurityPolicy>>
  cookieDomains?: string[]
  customDomains?: Partial<Record<CustomDomainRealm, string[]>>
  federationEnforcement?: FederationEnforcementGroups
  ssoCookie?: SsoCookie
  certificates?: DesiredCertificate[]
}

export function declaredAreas(file: TenantSettingsFile): SettingsArea[] {
  const declared: Record<SettingsArea, boolean> = {
    'content-security-policy': file.contentSecurityPolicy !== undefined,
    'cookie-domains': file.cookieDomains !== undefined,
    'custom-domains': file.customDomains !== undefined,
    'federation-enforcement': file.federationEnforcement !== undefined,
    'sso-cookie': file.ssoCookie !== undefined,
    certificates: file.certificates !== undefined
  }
  return SETTINGS_AREAS.filter((area) => declared[area])
}

const CERTIFICATE_FIELDS = [
  'certificate-file',
  'private-key-from-env',
  'active',
  'subject',
  'subject-alternative-names',
  'valid-from',
  'valid-to'
] as const
/** A certificate the tenant holds, named by what it certifies (as export-tenant-settings writes it), instead of by its file. */
const IDENTITY_FIELDS = ['subject', 'subject-alternative-names', 'valid-from', 'valid-to'] as const

/**
 * Reads and validates a whole settings file, collecting every problem with its
 * line and column. Private keys are masked as they are read. Nothing here
 * talks to the tenant.
 */
export function loadSettingsFile(
  path: string,
  env: NodeJS.ProcessEnv,
  now: number = Date.now()
): { file: TenantSettingsFile | undefined; problems: FileProblem[] } {
  const problems: FileProblem[] = []
  const loaded = loadYamlMapping(path, problems, `any of ${SETTINGS_AREAS.join(', ')}`)
  if (!loaded) return { file: undefined, problems }
  const reader = new SettingsReader(loaded, env, now, problems)
  const file = reader.read()
  if (problems.length === 0 && declaredAreas(file).length === 0)
    reader.at(loaded.positionOf(loaded.root), `the file declares no setting; expected any of ${SETTINGS_AREAS.join(', ')}`)
  return { file: problems.length === 0 ? file : undefined, problems }
}

class SettingsReader {
  constructor(
    private readonly source: YamlMappingFile,
    private readonly env: NodeJS.ProcessEnv,
    private readonly now: number,
    private readonly problems: FileProblem[]
  ) {}

  at(position: Position, message: string): void {
    this.problems.push({ ...position, message })
  }

  private atNode(node: Node | null | undefined, message: string): void {
    this.at(this.source.positionOf(node), message)
  }

  read(): TenantSettingsFile {
    const file: TenantSettingsFile = { path: this.source.path }
    for (const pair of this.source.root.items) {
      const area = keyOf(pair)
      const node = valueNode(pair)
      if (!(SETTINGS_AREAS as readonly string[]).includes(area)) {
        this.atNode(pair.key as Node, `unknown setting "${area}"; expected one of ${SETTINGS_AREAS.join(', ')}`)
        continue
      }
      if (node === undefined) {
        this.atNode(pair.key as Node, `${area}: no value; leave the setting out to keep the tenant's as it is`)
        continue
      }
      switch (area as SettingsArea) {
        case 'content-security-policy':
          file.contentSecurityPolicy = this.contentSecurityPolicy(node)
          break
        case 'cookie-domains':
          file.cookieDomains = this.domains(node, 'cookie-domains', 'cookie domain')
          break
        case 'custom-domains':
          file.customDomains = this.customDomains(node)
          break
        case 'federation-enforcement':
          file.federationEnforcement = this.federationEnforcement(node)
          break
        case 'sso-cookie':
          file.ssoCookie = this.ssoCookie(node)
          break
        case 'certificates':
          file.certificates = this.certificates(node)
          break
      }
    }
    return file
  }

  private contentSecurityPolicy(node: Node): Partial<Record<CspPolicy, ContentSecurityPolicy>> | undefined {
    const fields = this.mapping(node, 'content-security-policy', CSP_POLICIES)
    if (!fields) return undefined
    const policies: Partial<Record<CspPolicy, ContentSecurityPolicy>> = {}
    for (const [name, field] of fields) {
      const policy = this.policy(field, `content-security-policy.${name}`)
      if (policy) policies[name as CspPolicy] = policy
    }
    if (fields.size === 0) this.atNode(node, 'content-security-policy: declare enforced and/or report-only')
    return policies
  }

  private policy(node: Node, where: string): ContentSecurityPolicy | undefined {
    const fields = this.mapping(node, where, ['active', 'directives'])
    if (!fields) return undefined
    const active = this.boolean(fields.get('active'), `${where}.active`, undefined)
    const directivesNode = fields.get('directives')
    if (active === undefined && !fields.has('active')) this.atNode(node, `${where}: active (true or false) is required`)
    if (!directivesNode) {
      this.atNode(node, `${where}: directives is required (a mapping of directive names to lists of sources; {} for none)`)
      return undefined
    }
    if (!isMap(directivesNode)) {
      this.atNode(directivesNode, `${where}.directives: expected a mapping of directive names to lists of sources`)
      return undefined
    }
    const directives: Record<string, string[]> = {}
    let valid = true
    for (const pair of directivesNode.items) {
      const name = keyOf(pair)
      const values = this.stringList(valueNode(pair) ?? (pair.key as Node), `${where}.directives.${name}`, true)
      if (!values) {
        valid = false
        continue
      }
      const problems = directiveProblems(name, values)
      for (const problem of problems) this.atNode(valueNode(pair) ?? (pair.key as Node), `${where}: ${problem}`)
      if (problems.length > 0) valid = false
      else directives[name] = values
    }
    return active === undefined || !valid ? undefined : { active, directives }
  }

  private domains(node: Node, where: string, kind: 'cookie domain' | 'custom domain'): string[] | undefined {
    const values = this.stringList(node, where, true)
    if (!values) return undefined
    let valid = true
    const seen = new Set<string>()
    for (const value of values) {
      const problem = domainProblem(value, kind)
      if (problem) this.atNode(node, `${where}: ${problem}`)
      else if (seen.has(value.toLowerCase())) this.atNode(node, `${where}: "${value}" is listed twice`)
      valid &&= problem === undefined && !seen.has(value.toLowerCase())
      seen.add(value.toLowerCase())
    }
    return valid ? canonicalDomains(values) : undefined
  }

  private customDomains(node: Node): Partial<Record<CustomDomainRealm, string[]>> | undefined {
    const fields = this.mapping(node, 'custom-domains', CUSTOM_DOMAIN_REALMS)
    if (!fields) return undefined
    const realms: Partial<Record<CustomDomainRealm, string[]>> = {}
    const owner = new Map<string, string>()
    for (const [realm, field] of fields) {
      const domains = this.domains(field, `custom-domains.${realm}`, 'custom domain')
      if (!domains) continue
      for (const domain of domains) {
        const other = owner.get(domain)
        if (other) this.atNode(field, `custom-domains.${realm}: "${domain}" is also listed under ${other}; a domain serves one realm`)
        owner.set(domain, realm)
      }
      realms[realm as CustomDomainRealm] = domains
    }
    if (fields.size === 0) this.atNode(node, 'custom-domains: declare alpha and/or bravo')
    return realms
  }

  private federationEnforcement(node: Node): FederationEnforcementGroups | undefined {
    const value = isScalar(node) ? node.value : undefined
    if (typeof value === 'string' && (FEDERATION_ENFORCEMENT_GROUPS as readonly string[]).includes(value))
      return value as FederationEnforcementGroups
    this.atNode(node, `federation-enforcement: "${String(value ?? '')}" is not one of ${FEDERATION_ENFORCEMENT_GROUPS.join(', ')}`)
    return undefined
  }

  private ssoCookie(node: Node): SsoCookie | undefined {
    const fields = this.mapping(node, 'sso-cookie', ['name'])
    if (!fields) return undefined
    const nameNode = fields.get('name')
    const name = nameNode && isScalar(nameNode) ? nameNode.value : undefined
    if (typeof name !== 'string' || !SSO_COOKIE_NAME_PATTERN.test(name)) {
      this.atNode(
        nameNode ?? node,
        `sso-cookie.name: expected 1 to 32 letters and digits (^[a-zA-Z0-9]{1,32}$), got "${String(name ?? '')}"`
      )
      return undefined
    }
    return { name }
  }

  private certificates(node: Node): DesiredCertificate[] | undefined {
    if (!isSeq(node)) {
      this.atNode(
        node,
        'certificates: expected a list of {certificate-file, private-key-from-env, active} or, for one the tenant holds, {subject, subject-alternative-names, valid-from, valid-to, active}'
      )
      return undefined
    }
    const certificates: DesiredCertificate[] = []
    const seen = new Map<string, string>()
    for (const [index, item] of node.items.entries()) {
      const where = `certificates[${index}]`
      const certificate = this.certificate(item as Node, where)
      if (!certificate) continue
      const key = identityKey(certificate.identity)
      const other = seen.get(key)
      if (other) {
        this.at(certificate.position, `${where}: the same certificate as ${other} (subject, names and validity); declare it once`)
        continue
      }
      seen.set(key, where)
      certificates.push(certificate)
    }
    return certificates
  }

  private certificate(node: Node, where: string): DesiredCertificate | undefined {
    if (isMap(node) && node.items.some((pair) => ['private-key', 'privateKey'].includes(keyOf(pair)))) {
      const pair = node.items.find((p) => ['private-key', 'privateKey'].includes(keyOf(p)))!
      maskSecret(isScalar(pair.value) ? String(pair.value.value) : undefined)
      this.atNode(
        pair.key as Node,
        `${where}: a private key never sits in the file; use private-key-from-env with a GitHub secret in the step's env`
      )
      return undefined
    }
    const fields = this.mapping(node, where, CERTIFICATE_FIELDS)
    if (!fields) return undefined
    const position = this.source.positionOf(node)
    const active = this.boolean(fields.get('active'), `${where}.active`, true)
    if (IDENTITY_FIELDS.some((name) => fields.has(name))) return this.heldCertificate(node, fields, where, active, position)
    const fileNode = fields.get('certificate-file')
    const keyNode = fields.get('private-key-from-env')
    if (!fileNode)
      this.atNode(
        node,
        `${where}: certificate-file is required (a PEM file, relative to the settings file), or subject, valid-from and valid-to for a certificate the tenant holds`
      )
    const leaf = fileNode ? this.certificateFile(fileNode, where) : undefined
    // No key: the tenant must hold the certificate already (e.g. installed by complete-csr); the plan checks.
    const key = keyNode ? this.privateKey(keyNode, where) : undefined
    if (!leaf || (keyNode && !key) || active === undefined) return undefined
    if (key && !leaf.x509.checkPrivateKey(key.object)) {
      this.atNode(keyNode, `${where}: the private key in ${key.variable} does not belong to ${leaf.file} (their public keys differ)`)
      return undefined
    }
    return { file: leaf.file, pem: leaf.pem, privateKey: key?.pem, active, identity: identityOfX509(leaf.x509), position }
  }

  /**
   * A certificate named by subject, names and validity: one the tenant must already hold (the plan
   * refuses it otherwise), since no file or key comes with it.
   */
  private heldCertificate(
    node: Node,
    fields: Map<string, Node>,
    where: string,
    active: boolean | undefined,
    position: Position
  ): DesiredCertificate | undefined {
    const other = ['certificate-file', 'private-key-from-env'].find((name) => fields.has(name))
    if (other) {
      this.atNode(fields.get(other), `${where}: give either certificate-file (and private-key-from-env) or subject and validity, not both`)
      return undefined
    }
    const subjectNode = fields.get('subject')
    const subject = subjectNode && isScalar(subjectNode) ? subjectNode.value : undefined
    if (typeof subject !== 'string' || subject.trim() === '')
      this.atNode(subjectNode ?? node, `${where}.subject: expected the subject, e.g. CN=login.acme.example`)
    const namesNode = fields.get('subject-alternative-names')
    const names = namesNode ? this.stringList(namesNode, `${where}.subject-alternative-names`, true) : []
    const time = (name: 'valid-from' | 'valid-to'): number | undefined => {
      const valueNode = fields.get(name)
      const value = valueNode && isScalar(valueNode) ? valueNode.value : undefined
      const seconds = typeof value === 'string' ? Math.floor(Date.parse(value) / 1000) : NaN
      if (Number.isFinite(seconds)) return seconds
      this.atNode(valueNode ?? node, `${where}.${name}: expected a date and time, e.g. "2026-01-01T00:00:00Z"`)
      return undefined
    }
    const validFrom = time('valid-from')
    const validTo = time('valid-to')
    if (
      typeof subject !== 'string' ||
      subject.trim() === '' ||
      !names ||
      validFrom === undefined ||
      validTo === undefined ||
      active === undefined
    )
      return undefined
    const identity: CertificateIdentity = {
      subject: normaliseDn(subject),
      subjectAlternativeNames: normaliseNames(names),
      validFrom,
      validTo
    }
    return { privateKey: undefined, active, identity, position }
  }

  private certificateFile(node: Node, where: string): { file: string; pem: string; x509: X509Certificate } | undefined {
    const file = isScalar(node) ? node.value : undefined
    if (typeof file !== 'string' || file === '') {
      this.atNode(node, `${where}.certificate-file: expected a path`)
      return undefined
    }
    const resolved = resolveBeside(this.source.path, file)
    if (!resolved.ok) {
      this.atNode(node, `${where}.certificate-file ${file} ${resolved.problem}`)
      return undefined
    }
    const read = readCertificateFile(resolved.path, this.now)
    if (!read.ok) {
      this.atNode(node, `${where}.certificate-file ${file}: ${read.problem}`)
      return undefined
    }
    return { file, pem: read.pem, x509: read.leaf }
  }

  private privateKey(node: Node, where: string): { variable: string; pem: string; object: KeyObject } | undefined {
    const variable = isScalar(node) ? node.value : undefined
    if (typeof variable !== 'string' || variable === '') {
      this.atNode(node, `${where}.private-key-from-env: expected an environment variable name`)
      return undefined
    }
    const read = readEnvValue(this.env, variable, true)
    if (!read.ok) {
      this.atNode(node, `${where}.private-key-from-env: ${read.problem}`)
      return undefined
    }
    try {
      // Parser messages may quote the text: none reaches the log.
      return { variable, pem: read.value, object: createPrivateKey(read.value) }
    } catch {
      this.atNode(node, `${where}.private-key-from-env: ${variable} does not hold a PEM private key (PKCS#8, PKCS#1 or SEC1, unencrypted)`)
      return undefined
    }
  }

  /** The fields of a mapping, each at most once and known; undefined (reported) if the node is no mapping. */
  private mapping(node: Node, where: string, allowed: readonly string[]): Map<string, Node> | undefined {
    if (!isMap(node)) {
      this.atNode(node, `${where}: expected a mapping with ${allowed.join(', ')}`)
      return undefined
    }
    const fields = new Map<string, Node>()
    for (const pair of (node as YAMLMap).items) {
      const name = keyOf(pair)
      if (!allowed.includes(name)) {
        this.atNode(pair.key as Node, `${where}: unknown setting "${name}"; expected one of ${allowed.join(', ')}`)
        continue
      }
      fields.set(name, valueNode(pair) ?? (pair.key as Node))
    }
    return fields
  }

  private boolean(node: Node | undefined, where: string, fallback: boolean | undefined): boolean | undefined {
    if (!node) return fallback
    const value = isScalar(node) ? node.value : undefined
    if (typeof value === 'boolean') return value
    this.atNode(node, `${where}: expected true or false`)
    return undefined
  }

  private stringList(node: Node, where: string, allowEmpty: boolean): string[] | undefined {
    if (!isSeq(node)) {
      this.atNode(node, `${where}: expected a list${allowEmpty ? ' ([] for none)' : ''}`)
      return undefined
    }
    const values: string[] = []
    for (const item of node.items) {
      const value = isScalar(item) ? item.value : undefined
      if (typeof value !== 'string' || value === '') {
        this.atNode(item as Node, `${where}: every item must be text`)
        return undefined
      }
      values.push(value)
    }
    return values
  }
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : ''
}

/** The value node of a pair; undefined for `key:` with nothing after it. */
function valueNode(pair: Pair): Node | undefined {
  const value = pair.value as Node | null
  if (value === null || (isScalar(value) && value.value === null)) return undefined
  return value
}
