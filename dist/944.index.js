"use strict";
exports.id = 944;
exports.ids = [944];
exports.modules = {

/***/ 161:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FD: () => (/* binding */ describeLock),
  ms: () => (/* binding */ lockHolder),
  x_: () => (/* binding */ releaseLock),
  kK: () => (/* binding */ withLock)
});

// UNUSED EXPORTS: acquireLock, confirmSelfUnlock, heldError, unprovenLockError

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 19 modules
var core = __webpack_require__(8079);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/poller.ts
var poller = __webpack_require__(8105);
// EXTERNAL MODULE: ./src/promotion/saved-lock.ts
var saved_lock = __webpack_require__(104);
;// CONCATENATED MODULE: ./src/promotion/signal-hold.ts

const SIGNALS = ['SIGINT', 'SIGTERM'];
/**
 * Holds off a cancellation (SIGINT or SIGTERM, as the runner sends them) while
 * a request whose answer must be known is in flight, e.g. POST lock: the answer
 * carries the promotion id that lets the lock be released. The hold is bounded:
 * after `graceMs`, or at a second signal, the process ends as the signal would
 * have ended it, and the post step takes over with the saved state.
 */
class SignalHold {
    graceMs;
    received;
    timer;
    onSignal = (signal) => {
        if (this.received)
            return this.die(signal);
        this.received = signal;
        core/* info */.pq(`Received ${signal} while a request is in flight; letting it finish (at most ${Math.round(this.graceMs / 1000)} s)`);
        this.timer = setTimeout(() => this.die(signal), this.graceMs);
    };
    constructor(graceMs) {
        this.graceMs = graceMs;
        for (const signal of SIGNALS)
            process.on(signal, this.onSignal);
    }
    /** The signal received during the hold, if any. */
    get signal() {
        return this.received;
    }
    /** Ends the hold; with a signal received, the process then ends as that signal would have ended it. */
    end() {
        this.stopListening();
        if (this.received)
            this.die(this.received);
    }
    stopListening() {
        if (this.timer)
            clearTimeout(this.timer);
        for (const signal of SIGNALS)
            process.removeListener(signal, this.onSignal);
    }
    die(signal) {
        this.stopListening();
        process.kill(process.pid, signal);
    }
}

;// CONCATENATED MODULE: ./src/promotion/lock.ts





/** How long a cancelled step lets an in-flight lock request finish, to learn (and release) its lock. */
const LOCK_REQUEST_GRACE_MS = 5_000;
/** The longest pause between two unlock attempts answered 409 (the first pause is one poll-interval). */
const MAX_UNLOCK_BACKOFF_MS = 60_000;
/**
 * Runs `work` under the promotion lock and releases the lock whatever happens
 * (error, timeout); a cancelled job is covered by the post step, which finds
 * the lock in the saved state. Someone else's lock is never touched.
 */
async function withLock(client, tenantUrl, waits, work) {
    let lease;
    let result;
    try {
        lease = await acquireLock(client, tenantUrl, waits);
        result = await work(lease);
    }
    catch (error) {
        if (lease)
            await releaseAfterFailure(client, lease.promotionId, waits, error);
        throw error;
    }
    if (lease.keepOnSuccess) {
        core/* notice */.lm(`The environments stay locked by promotion ${lease.promotionId} (unlock-after: false); release them with the unlock operation and promotion-id: ${lease.promotionId}`);
        (0,saved_lock/* clearSavedLock */.Kz)();
    }
    else if (lease.unlocksItself) {
        await confirmSelfUnlock(client, lease.promotionId, waits);
    }
    else {
        await releaseLock(client, lease.promotionId, waits);
    }
    return result;
}
/** Locks both environments and waits until they are locked. */
async function acquireLock(client, tenantUrl, waits) {
    const before = await client.lockState();
    if (before.result !== 'unlocked')
        throw heldError(before);
    const promotionId = await requestLockHeld(client, tenantUrl, waits);
    core/* info */.pq(`Locking the lower and upper environments for promotion ${promotionId}`);
    const lease = { promotionId, keepOnSuccess: false, unlocksItself: false };
    try {
        await (0,poller/* poll */.w)({
            what: 'the lock',
            intervalMs: waits.pollIntervalMs,
            timeoutMs: waits.promotionTimeoutMs,
            timeoutInput: 'promotion-timeout',
            check: () => client.lockState(),
            describe: describeLock,
            done: (state) => {
                if (state.result === 'error')
                    throw new errors/* ActionError */.lZ(`Locking the environments failed: ${state.description ?? 'the tenant reports an error'}`);
                if (state.promotionId !== undefined && state.promotionId !== promotionId)
                    throw heldError(state);
                return state.result === 'locked';
            }
        });
    }
    catch (error) {
        await releaseAfterFailure(client, promotionId, waits, error);
        throw error;
    }
    return lease;
}
/**
 * Sends POST lock with the step state saying a lock request is in flight, and a cancellation held off
 * until its answer (bounded): then the promotion id is known and saved, and a cancelled step releases
 * that lock before it ends.
 */
async function requestLockHeld(client, tenantUrl, waits) {
    (0,saved_lock/* saveLockRequestInFlight */.$h)(tenantUrl);
    const hold = new SignalHold(LOCK_REQUEST_GRACE_MS);
    let promotionId;
    try {
        core/* info */.pq('Requesting the promotion lock');
        promotionId = await requestLock(client);
    }
    catch (error) {
        // The error says what the tenant holds; but after an unknown outcome a lock may still appear: the post step looks.
        if (!(error instanceof errors/* OutcomeUnknownError */.Do))
            (0,saved_lock/* clearSavedLock */.Kz)();
        hold.end();
        throw error;
    }
    (0,saved_lock/* saveLock */.RB)({ tenantUrl, promotionId });
    if (hold.signal) {
        core/* warning */.$e(`Cancelled (${hold.signal}) while the lock request was in flight; it took promotion ${promotionId}: releasing it`);
        try {
            await releaseLock(client, promotionId, waits);
        }
        catch (error) {
            core/* error */.z3(`${(0,errors/* errorMessage */.gJ)(error)}; the post step will release the lock of promotion ${promotionId}`);
        }
        hold.end();
        await new Promise(() => undefined); // the signal ends the process
    }
    hold.end();
    return promotionId;
}
/**
 * POST lock is not idempotent: when its answer is lost, the state says whether a lock appeared. A lock
 * whose promotion id this run did not receive is never taken as its own, even if it may be.
 */
async function requestLock(client) {
    let answer;
    try {
        answer = await client.sendOnce('The lock request', () => client.lock(), async () => {
            const after = await client.lockState();
            if (after.result === 'unlocked')
                return undefined;
            throw unprovenLockError(after);
        });
    }
    catch (error) {
        if (error instanceof errors/* ApiError */.hD && error.status === 409) {
            const state = await client.lockState();
            if (state.result !== 'unlocked')
                throw heldError(state);
            throw new errors/* ActionError */.lZ(`POST /environment/promotion/lock failed with HTTP 409 (${error.details.apiMessage ?? 'conflict'}) although the lock state reads unlocked: another promotion may be starting. Nothing was locked; wait for it, then run the step again`);
        }
        throw error;
    }
    if (!answer.promotionId)
        throw new errors/* ActionError */.lZ('The tenant answered the lock request without a promotionId; check the lock state in the admin console');
    return answer.promotionId;
}
/** A lock appeared while this run's lock request had no answer: it cannot tell whose it is. */
function unprovenLockError(state) {
    const holder = lockHolder(state);
    const who = holder ? `promotion ${holder}` : 'a promotion the tenant does not name';
    return new errors/* LockHeldError */.Rk(`The lock request got no answer, and now ${who} holds the lock (lock state: ${state.result}); this run never received that id, so it does not take the lock as its own and leaves it alone. ` +
        (holder
            ? `If no other promotion is running, it is this run's own: release it with the unlock operation and promotion-id: ${holder}`
            : 'Check the lock in the admin console'));
}
/**
 * After a successful run with unlockEnvironmentsAfterPromotion, the tenant unlocks by itself: this
 * waits for it (bounded) without sending an unlock. If the tenant does not, the lock is still the one
 * whose id this run received, so releasing it is right.
 */
async function confirmSelfUnlock(client, promotionId, waits) {
    const boundMs = Math.min(waits.promotionTimeoutMs, Math.max(60_000, 6 * waits.pollIntervalMs));
    try {
        const { value } = await (0,poller/* poll */.w)({
            what: 'the environments to unlock by themselves',
            intervalMs: waits.pollIntervalMs,
            timeoutMs: boundMs,
            timeoutInput: 'promotion-timeout',
            check: () => client.lockState(),
            describe: describeLock,
            done: (state) => state.result === 'unlocked' || (lockHolder(state) !== undefined && lockHolder(state) !== promotionId)
        });
        (0,saved_lock/* clearSavedLock */.Kz)();
        if (value.result === 'unlocked')
            core/* info */.pq(`The environments unlocked by themselves after the run (promotion ${promotionId})`);
        else
            core/* info */.pq(`The environments unlocked after the run; promotion ${lockHolder(value)} has locked them since, and is left alone`);
    }
    catch (error) {
        if (!(error instanceof errors/* TimeoutError */.MU))
            throw error;
        core/* warning */.$e(`The environments did not unlock by themselves within ${(0,poller/* formatDuration */.a)(boundMs)} after the run; the lock is still this run's (promotion ${promotionId}, the id it received), so it releases it`);
        await releaseLock(client, promotionId, waits);
    }
}
/**
 * Unlocks and waits until unlocked, reading the state before each attempt (it
 * may change only after a read). A 409 (locking, unlocking, a run still going)
 * or a 404 is tried again after a pause that starts at poll-interval and doubles, the
 * state read in between; all bounded by promotion-timeout.
 */
async function releaseLock(client, promotionId, waits, now = Date.now) {
    let pauseMs = waits.pollIntervalMs;
    let nextAttemptAt = 0;
    let attempts = 0;
    await (0,poller/* poll */.w)({
        what: 'the unlock',
        intervalMs: waits.pollIntervalMs,
        timeoutMs: waits.promotionTimeoutMs,
        timeoutInput: 'promotion-timeout',
        now,
        check: async () => {
            const state = await client.lockState();
            if (state.result === 'unlocked')
                return state;
            if (state.promotionId !== undefined && state.promotionId !== promotionId)
                throw heldError(state);
            if ((state.result === 'locked' || state.result === 'error') && now() >= nextAttemptAt) {
                attempts++;
                try {
                    await client.unlock(promotionId);
                }
                catch (error) {
                    // 409: not possible yet. 404: the lock went between the read and the unlock (Ping's Terraform provider
                    // takes it as done); the next read says which.
                    if (!(error instanceof errors/* ApiError */.hD && (error.status === 409 || error.status === 404)))
                        throw error;
                    nextAttemptAt = now() + pauseMs;
                    core/* info */.pq(`Unlock not possible yet (${error.details.apiMessage ?? 'conflict'}, attempt ${attempts}); trying again in ${(0,poller/* formatDuration */.a)(pauseMs)}`);
                    pauseMs = Math.min(pauseMs * 2, MAX_UNLOCK_BACKOFF_MS);
                }
            }
            return state;
        },
        describe: describeLock,
        done: (state) => state.result === 'unlocked'
    });
    (0,saved_lock/* clearSavedLock */.Kz)();
    core/* info */.pq(`Unlocked the environments (promotion ${promotionId})`);
}
/** After a failure the lock still goes; if that fails too, both are said, and the post step will try again. */
async function releaseAfterFailure(client, promotionId, waits, cause) {
    core/* info */.pq(`Releasing the lock of promotion ${promotionId} after: ${(0,errors/* errorMessage */.gJ)(cause)}`);
    try {
        await releaseLock(client, promotionId, waits);
    }
    catch (releaseError) {
        throw new errors/* ActionError */.lZ(`${(0,errors/* errorMessage */.gJ)(cause)}. The lock of promotion ${promotionId} could not be released either (${(0,errors/* errorMessage */.gJ)(releaseError)}); ` +
            `the post step will try again; if it stays locked, run the unlock operation with promotion-id: ${promotionId}`);
    }
}
/** The promotion holding the lock: the state's own id, or (as the OpenAPI shape allows) an environment's. */
function lockHolder(state) {
    return state.promotionId ?? state.upperEnv?.promotionId ?? state.lowerEnv?.promotionId;
}
function heldError(state) {
    const holder = lockHolder(state);
    return new errors/* LockHeldError */.Rk(`The promotion lock is held by another promotion${holder ? ` (promotion ${holder})` : ''} (lock state: ${state.result}); this run leaves that lock alone. ` +
        'Wait for it to finish, or if it was left behind by this action, release it with the unlock operation and that promotion-id');
}
function describeLock(state) {
    const envs = [state.lowerEnv?.state && `lower ${state.lowerEnv.state}`, state.upperEnv?.state && `upper ${state.upperEnv.state}`].filter(Boolean);
    return envs.length > 0 ? `${state.result} (${envs.join(', ')})` : state.result;
}


/***/ }),

/***/ 1160:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o0: () => (/* binding */ runAndWait)
/* harmony export */ });
/* unused harmony exports runEnd, timeStampMoved, ownReport, isNewReport */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _poller_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8105);



/**
 * Reports of this run may be dated up to this much before the tenant's `Date` header read before the
 * start: the header and `createdDate` come from different tenant servers, each to the second. The
 * report id must differ from the last one before the start in any case.
 */
const TENANT_CLOCK_ALLOWANCE_MS = 2_000;
/**
 * Starts a run (dry run, promotion or rollback), waits until it ends, and
 * fetches its report. A run counts as started and ended only on evidence that
 * it is this run (seen RUNNING, or a time stamp that moved, then a report newer
 * than the last one before the start); never is an older report taken for it.
 * ERROR or a blocking error fails; a status the action does not know counts as
 * still running, until promotion-timeout.
 */
async function runAndWait(client, what, start, waits, expected) {
    const before = await readBeforeStart(client);
    await startOnce(client, what, start, before, expected);
    let sawRunning = false;
    const { value } = await (0,_poller_js__WEBPACK_IMPORTED_MODULE_2__/* .poll */ .w)({
        what,
        intervalMs: waits.pollIntervalMs,
        timeoutMs: waits.promotionTimeoutMs,
        timeoutInput: 'promotion-timeout',
        check: async () => {
            const progress = await client.progress();
            if (progress.status === 'RUNNING' && !otherRun(progress, expected))
                sawRunning = true;
            const end = runEnd(progress, before.progress, expected, sawRunning);
            if (end === 'not-yet' || end === 'failed')
                return { progress, end };
            return { progress, end, report: ownReport(await client.lastReportSeen(), before, expected, what) };
        },
        describe: (c) => `${c.progress.status ?? 'no status'}${c.progress.message ? ` (${c.progress.message})` : ''}${c.end === 'ended' && !c.report ? ', waiting for its report' : ''}`,
        done: (c) => c.end === 'failed' || c.report !== undefined
    });
    const { progress } = value;
    if (value.end === 'failed') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PromotionError */ .g1(`${capitalise(what)} ended in ${progress.status ?? 'a blocking error'}: ${progress.message ?? 'no message'}${blockingDetail(progress)}`);
    }
    if (!sawRunning) {
        const moved = timeStampMoved(progress, before.progress) ? 'its time stamp moved and ' : '';
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${capitalise(what)} ended between two checks: ${moved}its report ${value.report.reportId} is new`);
    }
    return { progress, report: value.report };
}
/** The state and the last report just before the start, with the tenant's time of that moment. */
async function readBeforeStart(client) {
    const progress = await client.progress();
    const seen = await client.lastReportSeen();
    const floor = seen.tenantTime ?? tenantMs(progress.timeStamp);
    return { progress, report: seen.report, floorMs: floor === undefined ? undefined : floor - TENANT_CLOCK_ALLOWANCE_MS };
}
/**
 * Whether this run has ended, by the progress: READY or UNLOCKED (a run that unlocks by itself goes from
 * RUNNING straight to UNLOCKED), ERROR or a blocking error, once the run was seen RUNNING or the time stamp
 * moved past the one before the start. READY or UNLOCKED without that sign may still be the state from
 * before the start (or a run that began and ended in the same second): its report decides. An ERROR
 * without it, or a state naming another promotion, is not this run's.
 */
function runEnd(progress, before, expected, sawRunning) {
    if (otherRun(progress, expected))
        return 'not-yet';
    const thisRun = sawRunning || timeStampMoved(progress, before);
    if (progress.status === 'ERROR' || progress.blockingError === true)
        return thisRun ? 'failed' : 'not-yet';
    if (progress.status !== 'READY' && progress.status !== 'UNLOCKED')
        return 'not-yet';
    return thisRun ? 'ended' : 'maybe-ended';
}
/** The progress names another promotion: a state left by an earlier lock, not this run's. */
function otherRun(progress, expected) {
    return progress.promotionId !== undefined && progress.promotionId !== expected.promotionId;
}
function timeStampMoved(progress, before) {
    if (progress.timeStamp === undefined || progress.timeStamp === before.timeStamp)
        return false;
    const now = tenantMs(progress.timeStamp);
    const then = tenantMs(before.timeStamp);
    return now === undefined || then === undefined ? true : now > then;
}
/**
 * The last report, if it is this run's: not the last one before the start, dated no earlier than the
 * tenant's time before the start. One of another promotion or kind is a contradiction, not a wait.
 */
function ownReport(seen, before, expected, what) {
    const report = seen.report;
    if (!report || !isNewReport(report, before))
        return undefined;
    if (report.promotionId !== undefined && report.promotionId !== expected.promotionId) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PromotionError */ .g1(`The tenant's newest report (${report.reportId}) belongs to promotion ${report.promotionId}, not to this run's ${expected.promotionId}; ` +
            `${what} cannot be told apart from another promotion's. Check the reports in the admin console`);
    }
    if ((report.dryRun !== undefined && report.dryRun !== expected.dryRun) || (report.type !== undefined && report.type !== expected.type)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PromotionError */ .g1(`The tenant's newest report (${report.reportId}) is a ${report.dryRun ? 'dry-run ' : ''}${report.type ?? 'run'} report, not the report of ${what}; check the reports in the admin console`);
    }
    return report;
}
function isNewReport(report, before) {
    if (before.report && report.reportId === before.report.reportId)
        return false;
    const created = tenantMs(report.createdDate);
    // A date the action cannot read proves nothing either way; the new report id is then the evidence.
    return created === undefined || before.floorMs === undefined || created >= before.floorMs;
}
/**
 * Starting is not idempotent: after a lost answer, the look asks only "did this start take effect?",
 * on evidence that it is this run (RUNNING, this run's ERROR, or a report newer than the last before
 * the start); the previous run's state is no such evidence. Safe to call repeatedly.
 */
async function startOnce(client, what, start, before, expected) {
    await client.sendOnce(`Starting ${what}`, async () => {
        await start();
        return true;
    }, async () => {
        const now = await client.progress();
        if (otherRun(now, expected))
            return undefined;
        if (now.status === 'RUNNING')
            return true;
        if ((now.status === 'ERROR' || now.blockingError === true) && timeStampMoved(now, before.progress))
            return true;
        return ownReport(await client.lastReportSeen(), before, expected, what) ? true : undefined;
    });
}
/** A tenant time stamp (ISO 8601, the tenant's clock) in epoch ms, if readable. */
function tenantMs(stamp) {
    const ms = stamp === undefined ? Number.NaN : Date.parse(stamp);
    return Number.isFinite(ms) ? ms : undefined;
}
function blockingDetail(progress) {
    const parts = [];
    if (progress.missingESVs?.length)
        parts.push(`missing ESVs: ${progress.missingESVs.join(', ')}`);
    if (progress.encryptedSecrets?.length)
        parts.push(`encrypted secrets: ${progress.encryptedSecrets.join(', ')}`);
    return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}
function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}


/***/ }),

/***/ 104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $h: () => (/* binding */ saveLockRequestInFlight),
/* harmony export */   Kz: () => (/* binding */ clearSavedLock),
/* harmony export */   RB: () => (/* binding */ saveLock),
/* harmony export */   lH: () => (/* binding */ readSavedLock)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);

/**
 * The lock this run holds, saved for the `post:` step the moment it is taken
 * and cleared once it is released: a cancelled job (SIGTERM) skips every
 * `finally`, but the runner still runs the post step with this state. Before
 * the lock request is sent, the state says a request is in flight (no id yet),
 * so a step killed before the answer came still tells the post step to look.
 */
const SAVED_LOCK = 'promotionLock';
function saveLock(lock) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(SAVED_LOCK, JSON.stringify(lock));
}
/** Saved before POST lock is sent: a lock may appear whose id this run never learns. */
function saveLockRequestInFlight(tenantUrl) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(SAVED_LOCK, JSON.stringify({ tenantUrl, inFlight: true }));
}
function clearSavedLock() {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(SAVED_LOCK, '');
}
function readSavedLock() {
    const text = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(SAVED_LOCK);
    if (!text)
        return undefined;
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed.tenantUrl === 'string' && typeof parsed.promotionId === 'string')
            return { tenantUrl: parsed.tenantUrl, promotionId: parsed.promotionId };
        if (typeof parsed.tenantUrl === 'string' && parsed.inFlight === true)
            return { tenantUrl: parsed.tenantUrl };
    }
    catch {
        // fall through: a state we cannot read is reported by the caller
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e('post step: the saved promotion lock state is unreadable; check the lock with the unlock operation');
    return undefined;
}


/***/ })

};
;