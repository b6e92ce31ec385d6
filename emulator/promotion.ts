/**
 * Promotions, as the upper tenant of a pair runs them (pull model): one lock
 * across both tenants (unlocked -> locking -> locked -> unlocking -> unlocked,
 * each step taking lockMs), promotion and rollback runs that are RUNNING for
 * runMs and end READY or ERROR, and reports computed from the real difference
 * between the lower and upper tenants' config. The progress status is UNLOCKED
 * whenever no lock is held and READY only while locked; a run that unlocks by
 * itself goes from RUNNING straight to UNLOCKED. Each behaviour is a row of
 * evidence/promotion-lock.md (LOCK-nn) or evidence/promotion-runs.md (RUN-nn);
 * where the evidence is silent the default is the hardest plausible one and
 * `configure` offers the others.
 */
import { randomUUID } from 'node:crypto'
import type {
  EnvironmentLock,
  LockResult,
  LockState,
  LockTransition,
  PromotionProgress,
  PromotionReport,
  PromotionReportMeta,
  PromotionRequest,
  RollbackRequest
} from '../src/tenant/types.js'
import { cloneConfig, configFrom, diffConfig, LOWER_CONFIG_SEED, UPPER_CONFIG_SEED } from './config.js'
import type { ConfigDiff, TenantConfig } from './config.js'
import { ApiError, json } from './respond.js'
import type { ApiResponse } from './respond.js'
import type { Handler, RequestContext, Route } from './router.js'
import type { TenantState } from './state.js'
import { isoSeconds } from './state.js'
import type { TenantName } from './types.js'

export const PROMOTION_SCOPES = ['fr:idc:promotion:*'] as const
/** Reads (lock state, progress, reports) also accept the read scope (reference README "Scopes", from frodo-lib Constants.ts). */
export const PROMOTION_READ_SCOPES = ['fr:idc:promotion:*', 'fr:idc:promotion:read'] as const

export type PausableStage = 'locking' | 'unlocking' | 'run'

export type RunKind = 'dry-run' | 'promotion' | 'rollback' | 'any'

/**
 * Where the evidence is silent about reports (evidence/promotion-reports.md),
 * the emulator takes the hardest choice; each option is the other plausible one.
 */
export interface ReportOptions {
  /** REPORT-12: the promotion GETs accept fr:idc:promotion:read (default true; false: only fr:idc:promotion:*). */
  readScope: boolean
  /** REPORT-04: a run that ends in ERROR stores a report too (default false). */
  errorRunStoresReport: boolean
  /** REPORT-08: the upper tenant stores each provisional report it answers, so its id can be read back (default false). */
  storeProvisional: boolean
  /** REPORT-09: the lower tenant's provisional report names the ESVs the upper tenant lacks (default false: none). */
  lowerKnowsMissingEsvs: boolean
  /** REPORT-10: the lower tenant answers /report, /report/{id} and /reports from the pair's store (default false: 404). */
  lowerServesStoredReports: boolean
}

const DEFAULT_REPORT_OPTIONS: ReportOptions = {
  readScope: true,
  errorRunStoresReport: false,
  storeProvisional: false,
  lowerKnowsMissingEsvs: false,
  lowerServesStoredReports: false
}

/** A run as the emulator received it: what tests assert on (bodies never reach the request log). */
export interface PromotionRun {
  type: 'promotion' | 'rollback'
  dryRun: boolean
  promotionId: string
  ignoreEncryptedSecrets: boolean
  unlockAfter: boolean
  promoter: string | undefined
  /** The run's own state: RUNNING, then READY (completed: RUN-08) or ERROR. GET …/promote shows more (RUN-02, RUN-06). */
  status: 'RUNNING' | 'READY' | 'ERROR'
  message: string
  blockingError: boolean
  missingESVs: string[]
  encryptedSecrets: string[]
  startedAt: number
  endsAt: number
  reportId?: string
}

/** The behaviours the evidence leaves open (see the ledger rows named); defaults are the adversarial ones. */
export interface PromotionBehaviour {
  /**
   * [RUN-06] What GET …/promote reads between a self-unlocking run's end and the unlock completing:
   * 'UNLOCKED' (default: straight from RUNNING to UNLOCKED) or 'READY' ("Promotion completed").
   */
  selfUnlockWindow: 'UNLOCKED' | 'READY'
  /** [RUN-07] A run with unlockEnvironmentsAfterPromotion unlocks by itself (default true; false: a tenant that does not). */
  selfUnlock: boolean
  /** [RUN-09] After a run ended in ERROR, the ERROR stays shown (default) until the next run starts, or UNLOCKED once unlocked. */
  errorAfterUnlock: 'ERROR' | 'UNLOCKED'
  /** [RUN-04] The progress timeStamp: the time of the read (default: never evidence of a change) or of the last change. */
  timeStamp: 'read' | 'last-change'
  /**
   * [RUN-10] What shows while a lock is being taken ('UNLOCKED', default: not held yet; or 'READY') and while the
   * caller's unlock settles ('previous', default: the last status stays; or 'UNLOCKED').
   */
  lockingStatus: 'UNLOCKED' | 'READY'
  unlockingStatus: 'previous' | 'UNLOCKED'
  /** [RUN-11] The tenant's clock runs this far ahead of the runner's (negative: behind): Date headers, timeStamp, createdDate. */
  clockSkewMs: number
}

const DEFAULT_BEHAVIOUR: PromotionBehaviour = {
  selfUnlockWindow: 'UNLOCKED',
  selfUnlock: true,
  errorAfterUnlock: 'ERROR',
  timeStamp: 'read',
  lockingStatus: 'UNLOCKED',
  unlockingStatus: 'previous',
  clockSkewMs: 0
}

/** Test controls and views of the promotion machinery (on `emulator.promotion`). */
export interface PromotionEmulator {
  /** Chooses among the behaviours the evidence leaves open. */
  configure(behaviour: Partial<PromotionBehaviour>): void
  /** The lock as GET /environment/promotion/lock/state shows it now. */
  lockState(): LockState
  /** Each tenant's live config; tests change the lower one to make a report differ. */
  config(tenant: TenantName): TenantConfig
  setLockMs(ms: number): void
  setRunMs(ms: number): void
  /** Keep the stage from completing until resumed (a stuck lock, a hung run: of this kind only, for 'run'). */
  pause(stage: PausableStage, kind?: RunKind): void
  resume(stage: PausableStage): void
  /**
   * As if another promotion (not this action) holds the lock [LOCK-09]. With `releaseAfterReads`, that
   * promotion releases it by itself after that many more reads of the lock state [LOCK-12]: those reads
   * still show it held, the next one shows it unlocked (a release that depends on no clock).
   */
  holdLock(promotionId: string, options?: { releaseAfterReads?: number }): void
  /**
   * The next POST lock loses the race to another promotion: that one holds the lock from then on,
   * and the request is answered 409 (combine with a `handleThenDrop` fault to lose that answer too).
   */
  giveNextLockTo(promotionId: string): void
  /** The next run of this kind ends in ERROR with this message. */
  failNextRun(message: string, kind?: RunKind): void
  /** As if a promotion had completed earlier: the upper config becomes the lower's, the old one kept for a rollback. */
  promoteNow(): void
  /** The report behaviours the evidence leaves open (see ReportOptions); unset ones keep their default. */
  setReportOptions(options: Partial<ReportOptions>): void
  readonly runs: readonly PromotionRun[]
  readonly reports: readonly PromotionReport[]
}

interface LockRecord {
  result: LockResult
  promotionId: string | undefined
  /** When locking or unlocking completes (epoch ms). */
  until: number
}

const READY_MESSAGE = 'Environment ready for promotion'
const UNLOCKED_MESSAGE = 'Environment unlocked'

export class PromotionController implements PromotionEmulator {
  private lock: LockRecord = { result: 'unlocked', promotionId: undefined, until: 0 }
  private readonly configs: Record<TenantName, TenantConfig> = {
    lower: configFrom(LOWER_CONFIG_SEED),
    upper: configFrom(UPPER_CONFIG_SEED)
  }
  /** The upper config before each promotion, newest last: what a rollback restores. */
  private readonly history: TenantConfig[] = []
  /**
   * The lower config as it was last promoted: what the lower tenant's own
   * provisional report counts changes from. Before any promotion, the upper
   * seed (as if the upper tenant were the last promotion's result).
   */
  private lowerAtLastPromotion: TenantConfig = configFrom(UPPER_CONFIG_SEED)
  private readonly paused = new Set<PausableStage>()
  private pausedRunKind: RunKind = 'any'
  private failure: { message: string; kind: RunKind } | undefined
  private behaviour: PromotionBehaviour = { ...DEFAULT_BEHAVIOUR }
  private nextLockHolder: string | undefined
  /** Another promotion's lock that it releases by itself after `reads` more lock-state reads [LOCK-12]. */
  private otherRelease: { promotionId: string; reads: number } | undefined
  /** When the progress last changed (epoch ms, the runner's clock): its timeStamp under 'last-change'. */
  private lastChange = Date.now()
  /** The unlock under way was started by a run that unlocks by itself. */
  private selfUnlocking = false
  readonly runs: PromotionRun[] = []
  readonly reports: PromotionReport[] = []
  private reportOptions: ReportOptions = { ...DEFAULT_REPORT_OPTIONS }
  /** The scopes every promotion GET accepts: one array the routes share, so setReportOptions can narrow it. */
  private readonly readScopes: string[] = [...PROMOTION_READ_SCOPES]

  constructor(
    private lockMs: number,
    private runMs: number,
    /** The upper tenant's ESVs, to find the ones config references but the upper tenant lacks. */
    private readonly upperEsvs: () => TenantState
  ) {}

  lockState(now = Date.now()): LockState {
    this.settle(now)
    const { result, promotionId } = this.lock
    const env: EnvironmentLock = { state: result, proxyState: result.toUpperCase() }
    if (promotionId !== undefined) env.promotionId = promotionId
    const state: LockState = { result, lowerEnv: env, upperEnv: { ...env } }
    if (promotionId !== undefined) state.promotionId = promotionId
    return state
  }

  configure(behaviour: Partial<PromotionBehaviour>): void {
    this.behaviour = { ...this.behaviour, ...behaviour }
  }

  giveNextLockTo(promotionId: string): void {
    this.nextLockHolder = promotionId
  }

  config(tenant: TenantName): TenantConfig {
    return this.configs[tenant]
  }

  setLockMs(ms: number): void {
    this.lockMs = ms
  }

  setRunMs(ms: number): void {
    this.runMs = ms
  }

  pause(stage: PausableStage, kind: RunKind = 'any'): void {
    this.paused.add(stage)
    if (stage === 'run') this.pausedRunKind = kind
  }

  resume(stage: PausableStage): void {
    this.paused.delete(stage)
  }

  holdLock(promotionId: string, options: { releaseAfterReads?: number } = {}): void {
    this.lock = { result: 'locked', promotionId, until: 0 }
    this.lastChange = Date.now()
    this.otherRelease = options.releaseAfterReads === undefined ? undefined : { promotionId, reads: options.releaseAfterReads }
  }

  /** A read of the lock state through the API: another promotion's timed-by-reads release happens here [LOCK-12]. */
  private stateRead(now: number): LockState {
    const pending = this.otherRelease
    if (pending) {
      if (this.lock.result !== 'locked' || this.lock.promotionId !== pending.promotionId) this.otherRelease = undefined
      else if (pending.reads <= 0) {
        this.lock = { result: 'unlocked', promotionId: undefined, until: 0 }
        this.lastChange = now
        this.otherRelease = undefined
      } else pending.reads--
    }
    return this.lockState(now)
  }

  failNextRun(message: string, kind: RunKind = 'any'): void {
    this.failure = { message, kind }
  }

  setReportOptions(options: Partial<ReportOptions>): void {
    this.reportOptions = { ...this.reportOptions, ...options }
    this.readScopes.splice(0, this.readScopes.length, ...(this.reportOptions.readScope ? PROMOTION_READ_SCOPES : PROMOTION_SCOPES))
  }

  promoteNow(): void {
    this.lastChange = Date.now()
    this.applyPromotion()
  }

  private applyPromotion(): void {
    this.history.push(cloneConfig(this.configs.upper))
    this.configs.upper = cloneConfig(this.configs.lower)
    this.lowerAtLastPromotion = cloneConfig(this.configs.lower)
  }

  /** The tenant's clock as its Date header shows it, skewed when a test asks [RUN-11]. */
  private readonly tenantDate = (): string => new Date(Date.now() + this.behaviour.clockSkewMs).toUTCString()

  routes(): Route[] {
    const route = (method: string, path: string, handle: (ctx: RequestContext) => ApiResponse): Route => ({
      method,
      path,
      scopes: method === 'GET' ? this.readScopes : PROMOTION_SCOPES,
      handle: promotionApi(handle, this.tenantDate)
    })
    return [
      route('POST', '/environment/promotion/lock', (ctx) => this.startLocking(ctx.now)),
      route('DELETE', '/environment/promotion/lock/{promotionId}', (ctx) => this.startUnlocking(ctx.params.promotionId ?? '', ctx.now)),
      route('GET', '/environment/promotion/lock/state', (ctx) => json(200, this.stateRead(ctx.now))),
      route('POST', '/environment/promotion/promote', (ctx) => this.startPromotion(parseBody<PromotionRequest>(ctx.body), ctx.now)),
      route('GET', '/environment/promotion/promote', (ctx) => json(200, this.progress(ctx.now))),
      route('POST', '/environment/promotion/rollback', (ctx) => this.startRollback(parseBody<RollbackRequest>(ctx.body), ctx.now)),
      route('GET', '/environment/promotion/report/provisional', (ctx) => json(200, this.provisionalReport(ctx.now))),
      route('GET', '/environment/promotion/report/provisional-rollback', (ctx) => json(200, this.provisionalRollbackReport(ctx.now))),
      ...this.storedReportRoutes(() => true)
    ]
  }

  /** `/report` (the last), `/report/{reportId}` and `/reports`, answered while `enabled()`, else 404. */
  private storedReportRoutes(enabled: () => boolean): Route[] {
    const stored = (path: string, handle: (ctx: RequestContext) => ApiResponse): Route => ({
      method: 'GET',
      path,
      scopes: this.readScopes,
      handle: promotionApi((ctx) => (enabled() ? handle(ctx) : json(404, { code: 404, message: 'Not Found' })), this.tenantDate)
    })
    return [
      stored('/environment/promotion/report', () => {
        const last = this.reports.at(-1)
        return last ? json(200, last) : json(404, { code: 404, message: 'No promotion report found' })
      }),
      stored('/environment/promotion/report/{reportId}', (ctx) => {
        const found = this.reports.find((report) => report.reportId === ctx.params.reportId)
        return found ? json(200, found) : json(404, { code: 404, message: 'report not found for given id' })
      }),
      stored('/environment/promotion/reports', () => json(200, this.reports.map(meta)))
    ]
  }

  /**
   * The lower tenant's own promotion routes: its provisional report, which
   * peers read from the lower environment (ForgeRock/fr-config-manager
   * check-promotion-reports.js reads report/provisional from TENANT_BASE_URL
   * and every other report from the upper FQDN). Nothing else by default:
   * other promotion paths on the lower tenant answer 404 (REPORT-10).
   */
  lowerRoutes(): Route[] {
    return [
      {
        method: 'GET',
        path: '/environment/promotion/report/provisional',
        scopes: this.readScopes,
        handle: promotionApi((ctx) => json(200, this.lowerProvisionalReport(ctx.now)), this.tenantDate)
      },
      ...this.storedReportRoutes(() => this.reportOptions.lowerServesStoredReports)
    ]
  }

  // ---- lock -------------------------------------------------------------------

  private startLocking(now: number): ApiResponse {
    this.settle(now)
    if (this.lock.result !== 'unlocked') return conflict('A promotion lock already exists on the environment')
    if (this.nextLockHolder !== undefined) {
      // Another promotion's lock request got there first.
      this.holdLock(this.nextLockHolder)
      this.nextLockHolder = undefined
      return conflict('A promotion lock already exists on the environment')
    }
    const promotionId = randomUUID()
    this.lock = { result: 'locking', promotionId, until: now + this.lockMs }
    const body: LockTransition = { description: 'Environment lock in progress', promotionId, result: 'locking' }
    return json(202, body)
  }

  private startUnlocking(promotionId: string, now: number): ApiResponse {
    this.settle(now)
    if (this.lock.result === 'unlocked') {
      const body: LockTransition = { description: 'Environment unlocked', promotionId, result: 'unlocked' }
      return json(200, body)
    }
    if (this.lock.result === 'locking' || this.lock.result === 'unlocking') return conflict('Environment is currently locking or unlocking')
    if (this.currentRun()?.status === 'RUNNING') return conflict('A promotion is running on the environment')
    if (this.lock.promotionId !== promotionId) return conflict(`The environment is locked by another promotion`)
    this.lock = { result: 'unlocking', promotionId, until: now + this.lockMs }
    this.selfUnlocking = false
    const body: LockTransition = { description: 'Environment unlocking in progress', promotionId, result: 'unlocking' }
    return json(202, body)
  }

  // ---- runs -------------------------------------------------------------------

  private startPromotion(request: PromotionRequest, now: number): ApiResponse {
    if (typeof request.dryRun !== 'boolean') throw new ApiError(400, 'dryRun is required')
    const blocked = this.runBlocker(now)
    if (blocked) return blocked
    const diff = diffConfig(this.configs.lower, this.configs.upper)
    const encryptedSecrets = unique(diff.incoming.flatMap((entry) => entry.encryptedSecrets))
    this.begin(
      {
        type: 'promotion',
        dryRun: request.dryRun,
        ignoreEncryptedSecrets: request.ignoreEncryptedSecrets === true,
        unlockAfter: request.unlockEnvironmentsAfterPromotion === true,
        promoter: request.promoter,
        missingESVs: this.missingEsvs(),
        encryptedSecrets
      },
      now
    )
    return json(202, { result: 'Promotion process initiated successfully' })
  }

  private startRollback(request: RollbackRequest, now: number): ApiResponse {
    const blocked = this.runBlocker(now)
    if (blocked) return blocked
    if (this.history.length === 0) return conflict('There is no promotion to roll back')
    this.begin(
      {
        type: 'rollback',
        dryRun: false,
        ignoreEncryptedSecrets: false,
        unlockAfter: request.unlockEnvironmentsAfterPromotion === true,
        promoter: request.promoter,
        missingESVs: [],
        encryptedSecrets: []
      },
      now
    )
    return json(202, { result: 'Rollback process initiated successfully' })
  }

  private runBlocker(now: number): ApiResponse | undefined {
    this.settle(now)
    if (this.lock.result !== 'locked') return conflict('Environment is not in locked state')
    if (this.currentRun()?.status === 'RUNNING') return conflict('A promotion is already running')
    return undefined
  }

  private begin(
    run: Pick<PromotionRun, 'type' | 'dryRun' | 'ignoreEncryptedSecrets' | 'unlockAfter' | 'promoter' | 'missingESVs' | 'encryptedSecrets'>,
    now: number
  ): void {
    this.lastChange = now
    this.runs.push({
      ...run,
      promotionId: this.lock.promotionId ?? '',
      status: 'RUNNING',
      message: 'Update configuration',
      blockingError: false,
      startedAt: now,
      endsAt: now + this.runMs
    })
  }

  private currentRun(): PromotionRun | undefined {
    return this.runs.at(-1)
  }

  private progress(now: number): PromotionProgress {
    this.settle(now)
    const view = this.progressView(now)
    const timeStamp = this.tenantTime(this.behaviour.timeStamp === 'read' ? now : this.lastChange)
    const globalLock = this.lock.result === 'locked' || this.lock.result === 'unlocking' ? 'LOCKED' : 'UNLOCKED'
    const progress: PromotionProgress = { status: view.status, message: view.message, blockingError: false, globalLock }
    if (view.run) {
      progress.promotionId = view.run.promotionId
      progress.blockingError = view.run.blockingError
      if (view.run.missingESVs.length > 0) progress.missingESVs = view.run.missingESVs
      if (view.run.encryptedSecrets.length > 0) progress.encryptedSecrets = view.run.encryptedSecrets
    } else if (view.status === 'READY') {
      progress.promotionId = this.lock.promotionId
    }
    progress.type = view.run?.type ?? 'promotion'
    progress.timeStamp = timeStamp
    return progress
  }

  /** What GET …/promote shows now: the run it is about, if any, and its status and message. */
  private progressView(now: number): { status: string; message: string; run?: PromotionRun } {
    const run = this.currentRun()
    if (run?.status === 'RUNNING') return { status: 'RUNNING', message: runningMessage(run, now), run }
    const staleError = run?.status === 'ERROR' && this.behaviour.errorAfterUnlock === 'ERROR'
    const { result } = this.lock
    const readyWhileLocking = result === 'locking' && this.behaviour.lockingStatus === 'READY'
    const unlockedWhileUnlocking = result === 'unlocking' && !this.selfUnlocking && this.behaviour.unlockingStatus === 'UNLOCKED'
    const held = (result === 'locked' || result === 'unlocking') && !unlockedWhileUnlocking
    if (readyWhileLocking) return { status: 'READY', message: READY_MESSAGE }
    if (!held) {
      // [RUN-02] [RUN-09] No lock (or one still being taken): UNLOCKED, unless the last run's ERROR stays shown.
      if (staleError) return { status: 'ERROR', message: run.message, run }
      return { status: 'UNLOCKED', message: UNLOCKED_MESSAGE }
    }
    const ofThisLock = run !== undefined && run.promotionId === this.lock.promotionId
    if (!ofThisLock) {
      if (staleError) return { status: 'ERROR', message: run.message, run }
      return { status: 'READY', message: READY_MESSAGE }
    }
    if (this.selfUnlocking && this.behaviour.selfUnlockWindow === 'UNLOCKED') return { status: 'UNLOCKED', message: UNLOCKED_MESSAGE }
    return { status: run.status, message: run.message, run }
  }

  /** A tenant-side time (its clock may be skewed against the runner's), to the second as the tenant writes it. */
  private tenantTime(ms: number): string {
    return isoSeconds(ms + this.behaviour.clockSkewMs)
  }

  private complete(run: PromotionRun, now: number): void {
    this.lastChange = now
    const injected = this.failure && matchesKind(run, this.failure.kind) ? this.failure.message : undefined
    if (injected !== undefined) this.failure = undefined
    const failure = injected ?? this.validationFailure(run)
    if (failure !== undefined) {
      Object.assign(run, { status: 'ERROR', message: failure, blockingError: true })
      if (this.reportOptions.errorRunStoresReport) {
        const report = this.report(diffConfig(this.configs.lower, this.configs.upper), run, now)
        this.reports.push(report)
        run.reportId = report.reportId
      }
      return
    }
    const diff =
      run.type === 'rollback'
        ? diffConfig(this.history.at(-1) ?? new Map(), this.configs.upper)
        : diffConfig(this.configs.lower, this.configs.upper)
    const report = this.report(diff, run, now)
    this.reports.push(report)
    run.reportId = report.reportId
    if (!run.dryRun) {
      if (run.type === 'rollback') this.configs.upper = this.history.pop() ?? this.configs.upper
      else this.applyPromotion()
    }
    const done = run.type === 'rollback' ? 'Rollback completed' : run.dryRun ? 'Dry run completed' : 'Promotion completed'
    Object.assign(run, { status: 'READY', message: done })
    // [RUN-07] Only a successful run unlocks by itself; after a failure the caller must unlock.
    if (run.unlockAfter && !run.dryRun && this.behaviour.selfUnlock && this.lock.result === 'locked') {
      this.lock = { result: 'unlocking', promotionId: this.lock.promotionId, until: now + this.lockMs }
      this.selfUnlocking = true
    }
  }

  private validationFailure(run: PromotionRun): string | undefined {
    if (run.dryRun || run.type === 'rollback') return undefined
    if (run.missingESVs.length > 0) return `Missing ESVs in the upper environment: ${run.missingESVs.join(', ')}`
    if (run.encryptedSecrets.length > 0 && !run.ignoreEncryptedSecrets)
      return `Encrypted secrets found in config: ${run.encryptedSecrets.join(', ')}`
    return undefined
  }

  private report(diff: ConfigDiff, run: PromotionRun, now: number): PromotionReport {
    const reportId = randomUUID()
    const createdDate = this.tenantTime(now)
    return {
      reportId,
      promotionId: run.promotionId,
      createdDate,
      dryRun: run.dryRun,
      type: run.type,
      promoter: run.promoter ?? '',
      promotionDescription: '',
      reportName: `Report_${createdDate}_dryrun=${run.dryRun}_${reportId}`,
      missingESVs: run.missingESVs,
      previouslyIgnoredEncryptedSecrets: run.ignoreEncryptedSecrets ? run.encryptedSecrets : [],
      report: diff.report
    }
  }

  private provisionalReport(now: number): PromotionReport {
    const diff = diffConfig(this.configs.lower, this.configs.upper)
    const reportId = randomUUID()
    const report: PromotionReport = {
      reportId,
      createdDate: isoSeconds(now),
      dryRun: true,
      type: 'promotion',
      missingESVs: this.missingEsvs(),
      previouslyIgnoredEncryptedSecrets: [],
      report: diff.report
    }
    if (this.reportOptions.storeProvisional) this.reports.push(report)
    return report
  }

  /**
   * The lower side's view: its config against what was last promoted from it.
   * It cannot see the upper tenant's ESVs, so it names no missing ones.
   */
  private lowerProvisionalReport(now: number): PromotionReport {
    const diff = diffConfig(this.configs.lower, this.lowerAtLastPromotion)
    return {
      reportId: randomUUID(),
      createdDate: isoSeconds(now),
      dryRun: true,
      type: 'promotion',
      missingESVs: this.reportOptions.lowerKnowsMissingEsvs ? this.missingEsvs() : [],
      previouslyIgnoredEncryptedSecrets: [],
      report: diff.report
    }
  }

  private provisionalRollbackReport(now: number): PromotionReport {
    const diff = diffConfig(this.history.at(-1) ?? this.configs.upper, this.configs.upper)
    return {
      reportId: randomUUID(),
      createdDate: isoSeconds(now),
      dryRun: true,
      type: 'rollback',
      missingESVs: [],
      previouslyIgnoredEncryptedSecrets: [],
      report: diff.report
    }
  }

  private missingEsvs(): string[] {
    const upper = this.upperEsvs()
    const referenced = unique([...this.configs.lower.values()].flatMap((entry) => entry.esvRefs))
    return referenced.filter((id) => !upper.variables.has(id) && !upper.secrets.has(id))
  }

  /** Moves every stage whose time is up along, in order (a run that ends may start the unlock). */
  private settle(now: number): void {
    const lock = this.lock
    if (lock.result === 'locking' && !this.paused.has('locking') && now >= lock.until) {
      lock.result = 'locked'
      this.lastChange = now
    }
    const run = this.currentRun()
    const runPaused = run !== undefined && this.paused.has('run') && matchesKind(run, this.pausedRunKind)
    if (run?.status === 'RUNNING' && !runPaused && now >= run.endsAt) this.complete(run, now)
    if (this.lock.result === 'unlocking' && !this.paused.has('unlocking') && now >= this.lock.until) {
      this.lock = { result: 'unlocked', promotionId: undefined, until: 0 }
      this.selfUnlocking = false
      this.lastChange = now
    }
  }
}

function matchesKind(run: PromotionRun, kind: RunKind): boolean {
  if (kind === 'any') return true
  if (kind === 'rollback') return run.type === 'rollback'
  return run.type === 'promotion' && run.dryRun === (kind === 'dry-run')
}

function runningMessage(run: PromotionRun, now: number): string {
  if (run.dryRun || now < run.startedAt + (run.endsAt - run.startedAt) / 2) return 'Update configuration'
  return 'Restart workloads'
}

function meta(report: PromotionReport): PromotionReportMeta {
  const { reportId, promotionId, createdDate, dryRun, promoter, type } = report
  return { reportId, promotionId, createdDate, dryRun, promoter, type }
}

/** `promotionConflictingLockState`: a 409 with a bare message. */
function conflict(message: string): ApiResponse {
  return json(409, { message })
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort()
}

function parseBody<T>(body: string): T {
  try {
    const parsed: unknown = JSON.parse(body || '{}')
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as T
  } catch {
    // answered below
  }
  throw new ApiError(400, 'The request body must be a JSON object')
}

/** Every promotion call requires `Accept-API-Version: protocol=1.0,resource=1.0`; answers carry the tenant's Date [RUN-11]. */
function promotionApi(handle: (ctx: RequestContext) => ApiResponse, date: () => string): Handler {
  return (ctx) => {
    const header = ctx.headers['accept-api-version']
    if (typeof header !== 'string' || !/resource=1\.0/.test(header)) {
      throw new ApiError(400, 'Accept-API-Version: protocol=1.0,resource=1.0 is required')
    }
    return { ...handle(ctx), headers: { 'Content-API-Version': 'protocol=1.0,resource=1.0', Date: date() } }
  }
}
