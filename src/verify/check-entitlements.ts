import { ENTITLEMENTS, findEntitlement, type Entitlement, type Offering } from './entitlements.js'
import { closestName } from './suggest.js'

export interface EntitlementCheck {
  /** The names to send, in the order given, each once. */
  entitlements: string[]
  /** One line each, naming the entitlement; the request must not be sent. */
  problems: string[]
  warnings: string[]
}

const NAMES = ENTITLEMENTS.map((e) => e.name)

/**
 * Checks entitlement names against the catalogue before anything is sent:
 * unknown names (with a suggestion), duplicates (dropped), and, when the
 * tenant's offerings are given, entitlements that need another offering.
 */
export function checkEntitlements(names: readonly string[], offerings: readonly Offering[] | undefined): EntitlementCheck {
  const entitlements: string[] = []
  const problems: string[] = []
  const warnings: string[] = []
  const duplicates = new Set<string>()
  for (const name of names) {
    if (entitlements.includes(name)) {
      duplicates.add(name)
      continue
    }
    const known = findEntitlement(name)
    if (!known) {
      problems.push(unknownProblem(name))
      continue
    }
    entitlements.push(name)
    if (!offerings) continue
    const missing = offeringProblem(known, offerings)
    if (missing) problems.push(missing)
    const limited = exceptionWarning(known, offerings)
    if (limited) warnings.push(limited)
  }
  if (duplicates.size > 0) warnings.push(`entitlements: ${[...duplicates].join(', ')} given more than once; each is sent once`)
  return { entitlements, problems, warnings }
}

function unknownProblem(name: string): string {
  const suggestion = closestName(name, NAMES)
  const hint = suggestion ? `; did you mean ${suggestion}?` : '; see the README for the entitlement names (they are case-sensitive)'
  return `unknown entitlement "${name}"${hint}`
}

function offeringProblem(entitlement: Entitlement, offerings: readonly Offering[]): string | undefined {
  if (entitlement.offerings.length === 0 || entitlement.offerings.some((o) => offerings.includes(o))) return undefined
  const needed = entitlement.offerings.join(' or ')
  return `${entitlement.name} needs the ${needed} offering, which the tenant's offerings (${offerings.join(', ')}) do not include`
}

function exceptionWarning(entitlement: Entitlement, offerings: readonly Offering[]): string | undefined {
  const { exception } = entitlement
  if (!exception || offerings.includes(exception.offering)) return undefined
  return `${entitlement.name}: ${exception.note} The tenant's offerings (${offerings.join(', ')}) do not include ${exception.offering}.`
}
