import { escapeProse } from '../github/summary.js'
import type { Plan } from '../esvs/plan.js'
import type { SettingsPlan } from '../settings/plan.js'

/**
 * The ESV changes a plan would make, refusals included (a type or encoding change that cannot be made in
 * place differs all the same). A secret's value cannot be read back, so `check-value` alone is no drift:
 * only its description, encoding or placeholder use can be seen to differ.
 */
export function esvDriftCount(plan: Plan): number {
  const changes = plan.items.filter((item) => item.action !== 'unchanged' && !(item.action === 'check-value' && !item.setDescription))
  return changes.length + plan.refusals.length
}

/** The settings and certificate changes a plan would make, refusals included. */
export function settingsDriftCount(plan: SettingsPlan): number {
  const settings = plan.settings.filter((item) => item.action !== 'unchanged').length
  const certificates = plan.certificates.filter((item) => item.action !== 'unchanged').length
  return settings + certificates + plan.refusals.length
}

/** The refusals under the plan: they stop an apply, so a drift report shows them (they quote the tenant: escaped). */
export function refusalsMarkdown(refusals: readonly string[]): string {
  if (refusals.length === 0) return ''
  const items = refusals.map((r) => `- ${escapeProse(r).replace(/\s*\r?\n\s*/g, ' ')}`)
  return `\n\nCannot be applied as the file stands (an apply refuses before any write):\n\n${items.join('\n')}`
}
