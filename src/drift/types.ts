/** What a drift run found for one file on one tenant. */
export interface DriftFinding {
  operation: 'set-esvs' | 'set-tenant-settings'
  /** The file's path as given (esv-file, settings-file). */
  file: string
  tenantUrl: string
  /** How many planned changes (and refusals) stand between the tenant and the file. */
  count: number
  /** The plan as markdown, as the job summary shows it. */
  planMarkdown: string
}
