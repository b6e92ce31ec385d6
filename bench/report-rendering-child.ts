/**
 * Child process of the report-rendering benchmark (run alone so its peak
 * memory is its own): builds a report with N changed items, fingerprints it
 * and renders it for the job summary and the PR comment, and prints one JSON line.
 */
import { COMMENT_LIMIT, SUMMARY_BYTE_LIMIT } from '../src/promotion/publish.js'
import { assessReport } from '../src/report/fingerprint.js'
import { renderReport, utf8Bytes, type ReportView } from '../src/report/render.js'
import { CHANGE_KINDS, type ConfigItemChanges, type PromotionReport } from '../src/tenant/types.js'

export interface RenderingResult {
  items: number
  fingerprintMs: number
  renderMs: number
  totalMs: number
  summaryChars: number
  commentChars: number
  /** Peak resident memory of this process, node itself included. */
  peakRssMb: number
  /** Resident memory before the report was built: node and the loaded modules. */
  baselineRssMb: number
}

const CONFIG_ITEMS_PER_SECTION = 40

/** A report spread over both sections, 40 config items each, all three kinds, with names as long as real ones. */
export function largeReport(items: number): PromotionReport {
  const sections: Record<string, ConfigItemChanges[]> = { AMConfig: [], IDMConfig: [] }
  const names = Object.keys(sections)
  for (let i = 0; i < items; i++) {
    const section = names[i % names.length]!
    const groups = sections[section]!
    const itemIndex = Math.floor(i / names.length) % CONFIG_ITEMS_PER_SECTION
    const group = (groups[itemIndex] ??= {
      configItem: `${section === 'AMConfig' ? 'Journeys' : 'Managed objects'} ${itemIndex}`,
      configChange: {}
    })
    const kind = CHANGE_KINDS[i % CHANGE_KINDS.length]!
    ;(group.configChange[kind] ??= []).push({
      name: `item-${String(i).padStart(5, '0')}-with-a-realistic-name`,
      realm: '/alpha',
      uid: `${section.toLowerCase()}/${itemIndex}/item-${i}`
    })
  }
  return {
    reportId: 'b6f0a7e2-2b4c-4d55-9a41-5d7f0f5b7a10',
    promotionId: 'da0c66a4-9f37-4f9a-9988-0786ad301b17',
    createdDate: '2025-01-01T00:00:00Z',
    dryRun: true,
    type: 'promotion',
    missingESVs: ['esv-missing-a'],
    report: sections
  }
}

function main(): void {
  const items = Number(process.argv[2] ?? '100000')
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20
  const report = largeReport(items)
  const t0 = performance.now()
  const assessed = assessReport(report)
  const t1 = performance.now()
  const view = (hint: string): ReportView => ({
    status: 'dry-run',
    tenantUrl: 'https://openam-acme-staging.forgeblocks.com',
    assessed,
    at: new Date(0),
    fullReportHint: hint
  })
  const summary = renderReport(view('The full report is in the report file.'), SUMMARY_BYTE_LIMIT, '', utf8Bytes)
  const comment = renderReport(view('The full report is in the job summary.'), COMMENT_LIMIT)
  const t2 = performance.now()
  if (assessed.rows.length !== items) throw new Error(`expected ${items} rows, got ${assessed.rows.length}`)
  const result: RenderingResult = {
    items,
    fingerprintMs: t1 - t0,
    renderMs: t2 - t1,
    totalMs: t2 - t0,
    summaryChars: summary.length,
    commentChars: comment.length,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    baselineRssMb
  }
  console.log(JSON.stringify(result))
}

main()
