/**
 * The promotable configuration of an emulated tenant (journeys, scripts, email
 * templates, IDM mappings), and the difference between two tenants' config
 * that promotion reports are made of.
 */
import type { ConfigChange, ConfigItemChanges, ConfigChangeItem } from '../src/tenant/types.js'

export type ConfigSection = 'AMConfig' | 'IDMConfig'

export interface ConfigEntry {
  section: ConfigSection
  /** The report's grouping, e.g. "Journeys", "Email > Templates". */
  configItem: string
  uid: string
  name: string
  realm?: string
  /** What the item holds; two tenants differ on an item when this differs. */
  body: string
  /** ESVs the item references (&{esv.…} placeholders): missing in the upper tenant, they block a promotion. */
  esvRefs: string[]
  /** Secrets stored encrypted in the item itself: they block a promotion unless ignored. */
  encryptedSecrets: string[]
}

/** Keyed by uid. */
export type TenantConfig = Map<string, ConfigEntry>

export interface ConfigDiff {
  report: Record<ConfigSection, ConfigItemChanges[]>
  /** Entries of the lower config that would be added or modified. */
  incoming: ConfigEntry[]
  changeCount: number
}

/** What promoting `source` over `target` would change in `target`. */
export function diffConfig(source: TenantConfig, target: TenantConfig): ConfigDiff {
  const groups = new Map<string, { section: ConfigSection; configItem: string; change: Required<ConfigChange> }>()
  const group = (entry: ConfigEntry): Required<ConfigChange> => {
    const key = `${entry.section}\u0000${entry.configItem}`
    let found = groups.get(key)
    if (!found) {
      found = { section: entry.section, configItem: entry.configItem, change: { added: [], modified: [], deleted: [] } }
      groups.set(key, found)
    }
    return found.change
  }
  const incoming: ConfigEntry[] = []
  let changeCount = 0
  for (const entry of source.values()) {
    const existing = target.get(entry.uid)
    if (!existing) group(entry).added.push(item(entry))
    else if (existing.body !== entry.body || existing.name !== entry.name) group(entry).modified.push(item(entry))
    else continue
    incoming.push(entry)
    changeCount++
  }
  for (const entry of target.values()) {
    if (source.has(entry.uid)) continue
    group(entry).deleted.push(item(entry))
    changeCount++
  }
  const report: Record<ConfigSection, ConfigItemChanges[]> = { AMConfig: [], IDMConfig: [] }
  for (const { section, configItem, change } of groups.values()) report[section].push({ configItem, configChange: change })
  return { report, incoming, changeCount }
}

function item(entry: ConfigEntry): ConfigChangeItem {
  return entry.realm === undefined ? { name: entry.name, uid: entry.uid } : { name: entry.name, realm: entry.realm, uid: entry.uid }
}

export function cloneConfig(config: TenantConfig): TenantConfig {
  return new Map(
    [...config].map(([uid, entry]) => [uid, { ...entry, esvRefs: [...entry.esvRefs], encryptedSecrets: [...entry.encryptedSecrets] }])
  )
}

export function configFrom(entries: readonly ConfigEntry[]): TenantConfig {
  return cloneConfig(new Map(entries.map((entry) => [entry.uid, entry])))
}

const amUid = (service: string, id: string, realm = 'alpha'): string =>
  `ou=${id},ou=${service},ou=default,ou=OrganizationConfig,ou=1.0,ou=${service},ou=services,o=${realm},ou=services,ou=am-config`

const journey = (name: string, body: string, esvRefs: string[] = []): ConfigEntry => ({
  section: 'AMConfig',
  configItem: 'Journeys',
  uid: amUid('authenticationTreesService', name),
  name,
  realm: '/alpha',
  body,
  esvRefs,
  encryptedSecrets: []
})

const script = (id: string, name: string, body: string, esvRefs: string[] = []): ConfigEntry => ({
  section: 'AMConfig',
  configItem: 'Scripts',
  uid: amUid('scriptConfigurations', id),
  name,
  realm: '/alpha',
  body,
  esvRefs,
  encryptedSecrets: []
})

const emailTemplate = (name: string, body: string, esvRefs: string[] = []): ConfigEntry => ({
  section: 'IDMConfig',
  configItem: 'Email > Templates',
  uid: `emailTemplate/${name}`,
  name,
  body,
  esvRefs,
  encryptedSecrets: []
})

const mapping = (name: string, body: string, esvRefs: string[] = []): ConfigEntry => ({
  section: 'IDMConfig',
  configItem: 'IDM > Mappings',
  uid: `sync/${name}`,
  name,
  body,
  esvRefs,
  encryptedSecrets: []
})

/**
 * The upper tenant runs last month's config; the lower one has moved on: a new
 * journey, a changed journey, a new script and email template, and a mapping
 * removed. Every ESV referenced exists in both tenants' ESV seed.
 */
export const UPPER_CONFIG_SEED: readonly ConfigEntry[] = [
  journey('Login', 'page-node,data-store-decision,success', ['esv-session-timeout']),
  journey('Registration', 'page-node,create-object,success'),
  script('9de3eb62-f131-4fac-a294-7bd170fd4acb', 'Decision node script', 'outcome = "true";'),
  emailTemplate('welcome', 'Welcome to {{object.givenName}}'),
  mapping('managedAlpha_user_systemLdapAccounts', 'source=managed/alpha_user,target=system/ldap/account', ['esv-trusted-networks'])
]

export const LOWER_CONFIG_SEED: readonly ConfigEntry[] = [
  journey('Login', 'page-node,data-store-decision,success', ['esv-session-timeout']),
  journey('Registration', 'page-node,create-object,email-verify,success', ['esv-mfa-enabled']),
  journey('ForgottenUsername', 'page-node,identify-existing-user,email-suspend,success'),
  script('9de3eb62-f131-4fac-a294-7bd170fd4acb', 'Decision node script', 'outcome = "true";'),
  script('4f7a1c9e-0b6d-4e2a-8c3f-5d9b2a7e6f10', 'Risk score', 'httpClient.send(systemEnv.getProperty("esv.api.base.url"))', [
    'esv-api-base-url'
  ]),
  emailTemplate('welcome', 'Welcome to {{object.givenName}}'),
  emailTemplate('otp', 'Your code is {{object.otp}}', ['esv-smtp-password'])
]
