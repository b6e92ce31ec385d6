/**
 * The catalogue of API-client entitlements of the identity tenant (IBM Security
 * Verify's `/v1.0/apiclients`), with the offering each needs, as the API-client
 * documentation lists them. Names are case-sensitive. A unit test checks every
 * entry against the documentation; an entry that table lacks names its source.
 */

export const OFFERINGS = ['CIC', 'CIV', 'CIA', 'CIG', 'ISC'] as const
export type Offering = (typeof OFFERINGS)[number]

/** A part of an entitlement that works only on one offering, e.g. exporting application usage reports. */
export interface EntitlementException {
  note: string
  offering: Offering
}

export interface Entitlement {
  name: string
  /** Empty where the documentation gives none. */
  description: string
  /** The offerings that grant it, any one is enough; empty means every offering. */
  offerings: readonly Offering[]
  exception?: EntitlementException
  /** Where an entry comes from when the API-client documentation's table does not list it. */
  source?: string
}

function entitlement(
  name: string,
  description: string,
  offerings: readonly Offering[] = [],
  exception?: EntitlementException
): Entitlement {
  return exception ? { name, description, offerings, exception } : { name, description, offerings }
}

/** The entitlement an admin client needs to create API clients. */
export const MANAGE_API_CLIENTS = 'manageAPIClients'

/** Reads API clients with their secrets; `readAPIClients` alone no longer shows a secret. */
export const READ_API_CLIENTS_AND_SECRET = 'readAPIClientsAndClientSecret'

/** The entitlements under which the identity tenant shows a client's secret. */
export const SHOWS_CLIENT_SECRETS: readonly string[] = [MANAGE_API_CLIENTS, READ_API_CLIENTS_AND_SECRET]

/**
 * The read entitlements that show client secrets, added after the seed documentation's table: the
 * plain read entitlements (readAPIClients, readAppConfig, readSTSClients, readExternalAgents) no
 * longer show them.
 */
const SECURITY_UPDATES_FOR_ENTITLEMENTS =
  'IBM Security Verify documentation "Security updates for entitlements" (https://www.ibm.com/docs/en/security-verify?topic=access-security-updates-entitlements)'

/** An entitlement from that page: offered wherever its plain read entitlement is (any offering). */
function secretReader(name: string, description: string): Entitlement {
  return { name, description, offerings: [], source: SECURITY_UPDATES_FOR_ENTITLEMENTS }
}

export const ENTITLEMENTS: readonly Entitlement[] = [
  entitlement('manageDeployment', 'Manage deployment'),
  entitlement('manageCerts', 'Manage certificates'),
  entitlement('readCerts', 'Read certificates'),
  entitlement('manageAPIClients', 'Manage API clients'),
  entitlement('readAPIClients', 'Read API clients'),
  secretReader(READ_API_CLIENTS_AND_SECRET, 'Read API clients and their client secrets'),
  entitlement('manageIdentitySources', 'Manage identity providers'),
  entitlement('readIdentitySources', 'Read identity providers'),
  entitlement('manageMFAMethods', 'Manage second-factor authentication method configuration', ['CIC']),
  entitlement('readMFAMethods', 'Read second-factor authentication method configuration', ['CIC']),
  entitlement('manageEnrollMFAMethodAnyUser', 'Manage second-factor authentication enrollment for all users', ['CIV']),
  entitlement('readEnrollMFAMethodAnyUser', 'Read second-factor authentication enrollment for all users', ['CIV']),
  entitlement('authnAnyUser', 'Authenticate any user', ['CIV']),
  entitlement('manageAuthenticatorsConfig', 'Manage authenticator configuration', ['CIV']),
  entitlement('readAuthenticatorsConfig', 'Read authenticator configuration', ['CIV']),
  entitlement('manageAuthenticatorsAnyUser', 'Manage authenticator registrations for all users', ['CIV']),
  entitlement('readAuthenticatorsAnyUser', 'Read authenticator registrations for all users', ['CIV']),
  entitlement('manageUserGroups', 'Manage users and groups'),
  entitlement('readUserGroups', 'Read users and groups'),
  entitlement('manageAllUserGroups', 'Synchronize users and groups'),
  entitlement('manageUsersPwdReset', 'Manage users and their pwdReset attribute'),
  entitlement('manageUserStandardGroups', 'Manage users and standard groups'),
  entitlement('manageAdminGroup', 'Manage administrator group'),
  entitlement('readAdminGroup', 'Read administrator group'),
  entitlement('managePwdPolicy', 'Manage password policy'),
  entitlement('readPwdPolicy', 'Read password policy'),
  entitlement('AnalyticsDataSyncToCloud', '', ['CIA']),
  entitlement('AnalyticsSatelliteOnBoard', '', ['CIA']),
  entitlement('manageOIDCGrants', 'Manage OAuth tokens'),
  entitlement('readOIDCGrants', 'Read OAuth tokens'),
  entitlement('recoverUsername', 'Recover user name'),
  entitlement('manageFederations', 'Manage federations'),
  entitlement('readFederations', 'Read federations'),
  entitlement('resetPassword', 'Reset password'),
  entitlement('manageAppAccessAdmin', 'Manage application lifecycle'),
  entitlement('manageAppAccessOwner', 'Manage application entitlements'),
  entitlement('manageSubscriptions', 'Manage subscriptions', ['ISC']),
  entitlement('manageAccessPolicies', 'Manage access policies'),
  entitlement('readAccessPolicies', 'Read access policies'),
  entitlement('managePushCreds', 'Manage Push notification credentials'),
  entitlement('readPushCreds', 'Read Push notification credentials'),
  entitlement('manageAccessRequest', 'Manage access request', ['CIG']),
  entitlement('manageAccessWorkflow', 'Manage access request work flows', ['CIG']),
  entitlement('manageOIDCConsents', 'Manage OAuth consents'),
  entitlement('readOIDCConsents', 'Read OAuth consents'),
  entitlement('manageReports', 'Manage reports', [], { note: 'application usage reports can only be exported by CIC.', offering: 'CIC' }),
  entitlement('readReports', 'Read reports', [], { note: 'application usage reports can only be accessed by CIC.', offering: 'CIC' }),
  entitlement('updateAnyUser', 'Update any user'),
  entitlement('resetPasswordAnyUser', 'Reset password of any user'),
  entitlement('readTenantProperties', 'Read tenant properties'),
  entitlement('manageTenantProperties', 'Manage tenant properties'),
  entitlement('manageAttributes', 'Manage attribute sources'),
  entitlement('readAttributes', 'Read attribute sources'),
  entitlement('generateOTP', 'Generate OTP', ['CIV']),
  entitlement('readAppConfig', 'Read application configuration'),
  secretReader('readAppConfigAndClientSecret', 'Read application configuration and client secrets'),
  entitlement('manageTemplates', 'Manage templates and themes'),
  entitlement('readTemplates', 'Read templates and themes'),
  entitlement('reviewCertRecords', 'Review certification records', ['CIG']),
  entitlement('readEntitlements', 'Read configurable entitlements'),
  entitlement('manageNotificationProviders', 'Manage notification providers'),
  entitlement('readNotificationProviders', 'Read notification providers'),
  entitlement('manageCertifications', 'Manage certifications', ['CIG']),
  entitlement('readExternalAgents', 'Read external agents'),
  secretReader('readExternalAgentsAndClientSecret', 'Read external agents and their client secrets'),
  entitlement('manageExternalAgents', 'Manage external agents'),
  entitlement('runExternalAgent', 'Enable external agent runtime functions'),
  entitlement('manageOidcDynamicClient', 'Manage OIDC client registration dynamically'),
  entitlement('readPurpose', 'Read privacy purposes and EULA'),
  entitlement('managePurpose', 'Manage privacy purposes and EULA'),
  entitlement('manageAppPurpose', 'Manage application privacy purposes'),
  entitlement('readPrivacyConsent', 'Read privacy consents'),
  entitlement('managePrivacyConsent', 'Manage privacy consents'),
  entitlement('readPrivacyPolicy', 'Read privacy rules and policy'),
  entitlement('managePrivacyPolicy', 'Manage privacy rules and policy'),
  entitlement('createPrivacyConsent', 'Create privacy consent records'),
  entitlement('performDSP', "Retrieve privacy purposes and associated user's consent"),
  entitlement('performDUA', 'Check for data usage approval'),
  entitlement('certCampaignSupervisor', 'Monitor certification campaigns', ['CIG']),
  entitlement('managePwdVaultAnyUser', 'Manage password vault for all users', ['CIC', 'CIV']),
  entitlement('managePwdVault', 'Manage own password vault', ['CIC', 'CIV']),
  entitlement('readPwdVaultAnyUser', 'Read password vault for all users', ['CIC', 'CIV']),
  entitlement('readPwdVault', 'Read own password vault', ['CIC', 'CIV']),
  entitlement('managePwdVaultConfig', 'Manage password vault configuration', ['CIC', 'CIV']),
  entitlement('readPwdVaultConfig', 'Read password vault configuration', ['CIC', 'CIV']),
  entitlement('mfaPush', 'Send second-factor push notifications', ['CIV']),
  entitlement('readPrivacyProfile', 'Read privacy profiles'),
  entitlement('managePrivacyProfile', 'Manage privacy profiles'),
  entitlement('manageEntitlements', 'Manage entitlements'),
  entitlement('manageDevicesAnyUser', 'Manage devices for all users'),
  entitlement('readDevicesAnyUser', 'Read devices for all users'),
  entitlement('manageDevices', 'Manage only your devices'),
  entitlement('readDevices', 'Read only your devices'),
  entitlement('manageRecaptcha', 'Manage reCAPTCHA configuration'),
  entitlement('readRecaptcha', 'Read reCAPTCHA configuration'),
  entitlement('manageLoginSessions', 'Manage login sessions'),
  entitlement('manageRelyingParty', 'Manage relying party configuration'),
  entitlement('readRelyingParty', 'Read relying party configuration'),
  entitlement('manageWebhooks', 'Manage webhooks'),
  entitlement('readWebhooks', 'Read webhooks'),
  entitlement('readSTSClients', 'Read STS clients and token types'),
  secretReader('readSTSClientsAndClientSecret', 'Read STS clients, token types and client secrets'),
  entitlement('manageSTSClients', 'Manage STS clients and token types'),
  entitlement('manageVerifiableLinks', 'Manage verifiable links configuration'),
  entitlement('readSelfOidcGrants', 'Read your OIDC and OAuth grants'),
  entitlement('manageSelfOidcGrants', 'Manage your OIDC and OAuth grants'),
  entitlement('diManageAgency', 'Manage Decentralized Identity Agency Configuration'),
  entitlement('diReadAgency', 'Read Decentralized Identity Agency Configuration'),
  entitlement('diManageAgentsAny', 'Manage Decentralized Identity Agents'),
  entitlement('diReadAgentsAny', 'Read Decentralized Identity Agents'),
  entitlement('manageMyOrg', 'Manage my organization', ['CIG']),
  entitlement('diIssueCredentials', 'Issue Decentralized Identity Verifiable Credentials', ['CIV']),
  entitlement('diVerifyCredentials', 'Verify Decentralized Identity Verifiable Credentials', ['CIV'])
]

const BY_NAME: ReadonlyMap<string, Entitlement> = new Map(ENTITLEMENTS.map((e) => [e.name, e]))

export function findEntitlement(name: string): Entitlement | undefined {
  return BY_NAME.get(name)
}
