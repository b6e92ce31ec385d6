import { ActionError, ApiError } from '../errors.js'
import type { JsonHttpClient } from '../http/client.js'
import { API_V1 } from './api-versions.js'
import type {
  LockState,
  LockTransition,
  PromotionProgress,
  PromotionReport,
  PromotionReportMeta,
  PromotionRequest,
  PromotionStartResponse,
  RollbackRequest
} from './types.js'
import { CHANGE_KINDS } from './types.js'

const BASE = '/environment/promotion'

/** What GET …/report showed at one moment. */
export interface ReportSighting {
  report: PromotionReport | undefined
  /** The tenant's clock at the answer (epoch ms), when it sent a readable `Date` header. */
  tenantTime: number | undefined
}

function tenantDate(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  const ms = value === undefined ? Number.NaN : Date.parse(value)
  return Number.isFinite(ms) ? ms : undefined
}

/**
 * `/environment/promotion`: every call goes to the upper tenant, which locks
 * and reads its lower partner itself. Starting calls are not idempotent: the
 * callers look at the state before sending one again.
 */
export class PromotionClient {
  constructor(private readonly http: JsonHttpClient) {}

  /** Sends a starting call at most once in effect; see JsonHttpClient.sendOnce. The callers know how to look. */
  sendOnce<T>(what: string, send: () => Promise<T>, look: () => Promise<T | undefined>): Promise<T> {
    return this.http.sendOnce(what, send, look)
  }

  async lockState(): Promise<LockState> {
    return this.get<LockState>(`${BASE}/lock/state`)
  }

  /** 202 `locking` with the new promotion id; 409 when a lock or promotion exists. */
  async lock(): Promise<LockTransition> {
    return (await this.http.request<LockTransition>({ method: 'POST', path: `${BASE}/lock`, headers: API_V1, idempotent: false })).body
  }

  /** 202 while unlocking, 200 when already unlocked; 409 while locking, unlocking or running. Repeating it is harmless. */
  async unlock(promotionId: string): Promise<LockTransition> {
    const path = `${BASE}/lock/${encodeURIComponent(promotionId)}`
    return (await this.http.request<LockTransition>({ method: 'DELETE', path, headers: API_V1 })).body
  }

  async startPromotion(request: PromotionRequest): Promise<PromotionStartResponse> {
    return this.post(`${BASE}/promote`, request)
  }

  async startRollback(request: RollbackRequest): Promise<PromotionStartResponse> {
    return this.post(`${BASE}/rollback`, request)
  }

  async progress(): Promise<PromotionProgress> {
    return this.get<PromotionProgress>(`${BASE}/promote`)
  }

  async lastReport(): Promise<PromotionReport> {
    return this.getReport(`${BASE}/report`)
  }

  /**
   * The last report (none: the tenant answers 404) and the tenant's own time of the answer (its `Date`
   * header, whole seconds), the tenant-side floor a later report's `createdDate` is held to.
   */
  async lastReportSeen(): Promise<ReportSighting> {
    try {
      const path = `${BASE}/report`
      const answer = await this.http.request<unknown>({ method: 'GET', path, headers: API_V1 })
      return { report: checkedReport(answer.body, path), tenantTime: tenantDate(answer.headers.date) }
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return { report: undefined, tenantTime: undefined }
      throw error
    }
  }

  async report(reportId: string): Promise<PromotionReport> {
    return this.getReport(`${BASE}/report/${encodeURIComponent(reportId)}`)
  }

  async provisionalReport(): Promise<PromotionReport> {
    return this.getReport(`${BASE}/report/provisional`)
  }

  async provisionalRollbackReport(): Promise<PromotionReport> {
    return this.getReport(`${BASE}/report/provisional-rollback`)
  }

  async reports(): Promise<PromotionReportMeta[]> {
    return this.get<PromotionReportMeta[]>(`${BASE}/reports`)
  }

  private async getReport(path: string): Promise<PromotionReport> {
    return checkedReport(await this.get<unknown>(path), path)
  }

  private async get<T>(path: string): Promise<T> {
    return (await this.http.request<T>({ method: 'GET', path, headers: API_V1 })).body
  }

  private async post(path: string, json: PromotionRequest | RollbackRequest): Promise<PromotionStartResponse> {
    return (await this.http.request<PromotionStartResponse>({ method: 'POST', path, headers: API_V1, json, idempotent: false })).body
  }
}

/**
 * A report as the OpenAPI file documents it (`promotionReport`): an object with a `reportId` and a `report`
 * object whose sections (AMConfig, IDMConfig; an empty one may be left out) are lists of
 * `{configItem, configChange: {added, modified, deleted}}`, each kind (when there) a list of items. Any
 * other shape is an error that says so: a broken report must never read as "no change".
 */
export function checkedReport(body: unknown, path: string): PromotionReport {
  const problem = reportShapeProblem(body)
  if (problem === undefined) return body as PromotionReport
  throw new ActionError(
    `GET ${path} answered a report that is not the documented promotionReport (${problem}): it cannot say what changed, so it is not taken for "no change" and nothing was done on it. Check the tenant, then run the step again`
  )
}

function reportShapeProblem(body: unknown): string | undefined {
  if (!isObject(body)) return `the answer is ${kindOf(body)}, not an object`
  if (typeof body.reportId !== 'string' || body.reportId === '') return 'it has no reportId'
  if (!isObject(body.report)) return `its report is ${kindOf(body.report)}, not an object`
  for (const [section, groups] of Object.entries(body.report)) {
    if (!Array.isArray(groups)) return `report.${section} is ${kindOf(groups)}, not a list`
    for (const [index, group] of groups.entries()) {
      const where = `report.${section}[${index}]`
      if (!isObject(group)) return `${where} is ${kindOf(group)}, not an object`
      if (typeof group.configItem !== 'string') return `${where} has no configItem`
      if (!isObject(group.configChange)) return `${where}.configChange is ${kindOf(group.configChange)}, not an object`
      for (const kind of CHANGE_KINDS) {
        const items = group.configChange[kind]
        if (items === undefined) continue
        if (!Array.isArray(items) || !items.every(isObject)) return `${where}.configChange.${kind} is not a list of items`
      }
    }
  }
  return undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'missing'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
