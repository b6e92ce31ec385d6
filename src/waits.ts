/**
 * Every wait the action makes, with its production default: the one place each is set.
 *
 * A wait that an input sets is declared in action.source.yml with the same default (a unit test keeps the
 * two equal) and read by the input parsers from `INPUT_WAITS`; every other wait is fixed here or follows
 * from those. A test shortens a wait only through one of these inputs or by the emulator answering sooner
 * (its declared timings: restartMs, promotionLockMs, promotionRunMs, dnsDelayMs, the certificate timings),
 * never through a branch of the action's code. docs/development.md lists them, with how the tests shorten each.
 */

/** A wait an input sets, in seconds as the input is written. */
export interface InputWait {
  input: string
  /** The default users get (the action.yml default); undefined: it follows from other inputs. */
  defaultSeconds: number | undefined
  minSeconds: number
  maxSeconds: number
}

/** A GitHub job's own limit: no wait of one step is longer. */
const JOB_LIMIT_SECONDS = 6 * 60 * 60

export const INPUT_WAITS = {
  /** How long a restart may take until the tenant is ready. */
  restartTimeout: { input: 'restart-timeout', defaultSeconds: 900, minSeconds: 1, maxSeconds: JOB_LIMIT_SECONDS },
  /** How long each promotion stage (lock, run, unlock) may take. */
  promotionTimeout: { input: 'promotion-timeout', defaultSeconds: 3600, minSeconds: 1, maxSeconds: JOB_LIMIT_SECONDS },
  /** The pause between two status checks of every wait. */
  pollInterval: { input: 'poll-interval', defaultSeconds: 10, minSeconds: 0.05, maxSeconds: 600 },
  /** How long a lock held by another promotion is waited for (0: fail at once). */
  lockTimeout: { input: 'lock-timeout', defaultSeconds: 0, minSeconds: 0, maxSeconds: JOB_LIMIT_SECONDS },
  /** How long a request may go without any answer. */
  requestTimeout: { input: 'request-timeout', defaultSeconds: 60, minSeconds: 0.1, maxSeconds: 600 },
  /** The first back-off of a retry; it doubles on each retry up to RETRY_MAX_DELAY_MS, with jitter. */
  retryDelay: { input: 'retry-delay', defaultSeconds: 0.5, minSeconds: 0.01, maxSeconds: 60 },
  /**
   * How long a request whose answer was lost is looked for before it counts as not taken. By default
   * three request-timeouts, at least SETTLE_WINDOW_FLOOR_MS: a tenant may apply a request that long after
   * its answer was lost.
   */
  settleWindow: { input: 'settle-window', defaultSeconds: undefined, minSeconds: 0.1, maxSeconds: JOB_LIMIT_SECONDS },
  /** How long a new service-account key may take to be accepted (rotate-service-account-key). */
  keyProofTimeout: { input: 'key-proof-timeout', defaultSeconds: 120, minSeconds: 1, maxSeconds: 3600 },
  /** How long a new custom domain's CNAME may take to verify; one minute, as Ping's Terraform provider waits. */
  domainVerifyTimeout: { input: 'domain-verify-timeout', defaultSeconds: 60, minSeconds: 0, maxSeconds: JOB_LIMIT_SECONDS },
  /** How long one GitHub request may wait out GitHub's rate limits (what GitHub asks for, up to this). */
  githubRateLimitTimeout: { input: 'github-rate-limit-timeout', defaultSeconds: 300, minSeconds: 0, maxSeconds: JOB_LIMIT_SECONDS },
  /** How long a hold-lock dry run's lock is held for its promote. */
  holdLockTimeout: { input: 'hold-lock-timeout', defaultSeconds: 24 * 60 * 60, minSeconds: 1, maxSeconds: 30 * 24 * 60 * 60 }
} as const satisfies Record<string, InputWait>

// ---- waits that follow from the inputs ---------------------------------------------------------------

/** The settle window without settle-window: this many request-timeouts, ... */
export const SETTLE_WINDOW_REQUEST_TIMEOUTS = 3
/** ... and at least this long. */
export const SETTLE_WINDOW_FLOOR_MS = 10_000

/** How long a request whose answer was lost is looked for: settle-window, or three request-timeouts, at least 10 s. */
export function settleWindowMs(settings: { requestTimeoutMs: number; settleWindowMs?: number | undefined }): number {
  return settings.settleWindowMs ?? Math.max(SETTLE_WINDOW_FLOOR_MS, SETTLE_WINDOW_REQUEST_TIMEOUTS * settings.requestTimeoutMs)
}

/** Looks within the settle window come every tenth of it, but not more often than this ... */
export const MIN_LOOK_INTERVAL_MS = 500
/** ... nor more seldom than this. */
export const MAX_LOOK_INTERVAL_MS = 5_000

/** The pause between two looks within a settle window of `windowMs`. */
export function lookIntervalMs(windowMs: number): number {
  return Math.min(MAX_LOOK_INTERVAL_MS, Math.max(MIN_LOOK_INTERVAL_MS, windowMs / 10))
}

const SELF_UNLOCK_FLOOR_MS = 60_000
const SELF_UNLOCK_POLLS = 6

/**
 * After a run that unlocks by itself, how long the action waits for it to do so before it unlocks: six
 * poll-intervals, at least a minute, at most promotion-timeout.
 */
export function selfUnlockBoundMs(waits: { pollIntervalMs: number; promotionTimeoutMs: number }): number {
  return Math.min(waits.promotionTimeoutMs, Math.max(SELF_UNLOCK_FLOOR_MS, SELF_UNLOCK_POLLS * waits.pollIntervalMs))
}

// ---- fixed waits -------------------------------------------------------------------------------------

/** Attempts of one request in all, the first included. */
export const RETRY_MAX_ATTEMPTS = 6
/** The longest back-off between two attempts (the tenant's Retry-After may ask for more). */
export const RETRY_MAX_DELAY_MS = 30_000
/** No retry starts once this much time has passed since a request's first attempt. */
export const RETRY_BUDGET_MS = 120_000

/** The longest pause between two unlock attempts answered 409; the first is one poll-interval, then it doubles. */
export const MAX_UNLOCK_BACKOFF_MS = 60_000

/** How long a cancelled step lets an in-flight lock request finish, to learn (and release) its lock. */
export const LOCK_REQUEST_GRACE_MS = 5_000

/**
 * How long a new certificate may take to go live, and an old one to go offline and be deleted: real tenants
 * take about a minute to put a certificate on or take it off their load balancers (and refuse its DELETE a
 * while after).
 */
export const CERTIFICATE_LIVE_TIMEOUT_MS = 10 * 60_000
