"use strict";
exports.id = 661;
exports.ids = [661];
exports.modules = {

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Do: () => (/* binding */ OutcomeUnknownError),
/* harmony export */   MU: () => (/* binding */ TimeoutError),
/* harmony export */   Rk: () => (/* binding */ LockHeldError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   g1: () => (/* binding */ PromotionError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   hD: () => (/* binding */ ApiError),
/* harmony export */   hG: () => (/* binding */ UnavailableError),
/* harmony export */   lZ: () => (/* binding */ ActionError)
/* harmony export */ });
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7194);

/**
 * Errors the action raises on purpose. Each message is one line that says what
 * went wrong and what to do next; `main` prints it with `core.setFailed`.
 */
class ActionError extends Error {
    name = 'ActionError';
    constructor(message) {
        super((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(message));
    }
}
/** One or more inputs are invalid; raised before anything is sent. */
class InputError extends ActionError {
    problems;
    name = 'InputError';
    constructor(problems) {
        // One line, whatever the count: the runner shows the first line of a failure as its title.
        const unique = [...new Set(problems.map((problem) => problem.replace(/\s*\r?\n\s*/g, ' ')))];
        super(unique.length === 1 ? `Invalid input: ${unique[0]}` : `Invalid inputs (${unique.length}): ${unique.join('; ')}`);
        this.problems = problems;
    }
}
/**
 * A request the tenant (or GitHub) answered with an error, or never answered.
 * Carries the API's code and message, never the request's body or headers.
 */
class ApiError extends ActionError {
    details;
    name = 'ApiError';
    constructor(details, hint) {
        super(describeApiError(details, hint));
        this.details = details;
    }
    get status() {
        return this.details.status;
    }
}
/**
 * The request may or may not have taken effect (a reset or a timeout after it
 * was sent). Callers of non-idempotent requests must look before they retry.
 */
class OutcomeUnknownError extends ActionError {
    method;
    path;
    timedOut;
    name = 'OutcomeUnknownError';
    constructor(method, path, cause, 
    /** No answer came within request-timeout: the tenant may still be acting on the request. */
    timedOut = false) {
        super(`${method} ${path}: no answer (${cause}); the request may or may not have taken effect`);
        this.method = method;
        this.path = path;
        this.timedOut = timedOut;
    }
}
/** The service was unreachable or kept failing after every retry. */
class UnavailableError extends ActionError {
    name = 'UnavailableError';
}
class TimeoutError extends ActionError {
    name = 'TimeoutError';
}
function describeApiError(d, hint) {
    const apiPart = d.apiMessage ? `: ${d.apiMessage}` : '';
    const code = d.code !== undefined && String(d.code) !== String(d.status) ? ` (code ${d.code})` : '';
    const tx = d.transactionId ? ` [transaction ${d.transactionId}]` : '';
    const next = hint ?? defaultHint(d.status);
    return `${d.method} ${d.path} failed with HTTP ${d.status}${code}${apiPart}${tx}${next ? `. ${next}` : ''}`;
}
function defaultHint(status) {
    switch (status) {
        case 401:
            return 'Check the service account id and key, or the access token.';
        case 403:
            return 'The credentials lack a permission or scope this operation needs; see the README section "Required scopes".';
        case 404:
            return undefined;
        case 409:
            return 'The tenant is busy with a conflicting operation; retry when it has finished.';
        case 429:
            return 'The tenant kept rate-limiting after every retry; run the step again later.';
        default:
            return status >= 500 ? 'The tenant kept failing after every retry; check its status and run the step again.' : undefined;
    }
}
function errorMessage(error) {
    if (error instanceof ActionError)
        return error.message;
    if (error instanceof Error)
        return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(`${error.name}: ${error.message}`);
    return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(String(error));
}
/** Another promotion holds the lock: the action never touches someone else's lock. */
class LockHeldError extends ActionError {
    name = 'LockHeldError';
}
/** A promotion, dry run or rollback ended in ERROR, or the action refused to promote. */
class PromotionError extends ActionError {
    name = 'PromotionError';
}


/***/ }),

/***/ 8105:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ formatDuration),
/* harmony export */   w: () => (/* binding */ poll)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _sleep_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6972);



const DEFAULT_MAX_CONSECUTIVE_ERRORS = 3;
const DEFAULT_HEARTBEAT_MS = 60_000;
/**
 * The one poller every wait uses: bounded by a timeout, tolerant of a few
 * transient failures, and logging one line per state change plus a heartbeat.
 */
async function poll(options) {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? _sleep_js__WEBPACK_IMPORTED_MODULE_2__/* .sleep */ .y;
    const maxErrors = options.maxConsecutiveErrors ?? DEFAULT_MAX_CONSECUTIVE_ERRORS;
    const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    const started = now();
    let lastState;
    let lastLog = started;
    let consecutiveErrors = 0;
    let checks = 0;
    if (options.initial !== undefined) {
        lastState = options.describe(options.initial);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Waiting for ${options.what}: ${lastState} (${formatDuration(0)} elapsed)`);
        await sleep(Math.min(options.intervalMs, options.timeoutMs));
    }
    for (;;) {
        checks++;
        try {
            const value = await options.check();
            consecutiveErrors = 0;
            const state = options.describe(value);
            const elapsed = now() - started;
            if (state !== lastState || now() - lastLog >= heartbeatMs) {
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Waiting for ${options.what}: ${state} (${formatDuration(elapsed)} elapsed)`);
                lastState = state;
                lastLog = now();
            }
            if (options.done(value))
                return { value, elapsedMs: elapsed, checks };
        }
        catch (error) {
            if (!isTransient(error) || ++consecutiveErrors > maxErrors)
                throw error;
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Checking ${options.what} failed (${consecutiveErrors} of ${maxErrors} tolerated): ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`);
        }
        const remaining = options.timeoutMs - (now() - started);
        if (remaining <= 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TimeoutError */ .MU(`Timed out after ${formatDuration(now() - started)} waiting for ${options.what} (last state: ${lastState ?? 'unknown'}); raise ${options.timeoutInput} or check the tenant`);
        }
        await sleep(Math.min(options.intervalMs, remaining));
    }
}
function isTransient(error) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UnavailableError */ .hG)
        return true;
    return error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ApiError */ .hD && (error.status >= 500 || error.status === 429);
}
function formatDuration(ms) {
    const seconds = ms / 1000;
    if (seconds < 60)
        return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
    const minutes = Math.floor(seconds / 60);
    return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}


/***/ }),

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runPost: () => (/* binding */ runPost)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _poller_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8105);
/* harmony import */ var _promotion_lock_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(161);
/* harmony import */ var _promotion_saved_lock_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(104);





/**
 * The `post:` step runs after the job's steps even when the job was cancelled.
 * A promotion operation saves the lock it holds; if main ended (killed,
 * cancelled) without releasing it, it is released here.
 */
async function runPost() {
    try {
        const saved = (0,_promotion_saved_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .readSavedLock */ .lH)();
        if (!saved) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz('post: no saved locks to release');
            return;
        }
        const ours = saved.promotionId;
        if (ours)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`post: the main step ended while holding the lock of promotion ${ours}; releasing it`);
        else
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('post: the main step ended while its lock request was in flight, before the answer named a promotion; reading the lock');
        // Only a step with a lock to release reads its inputs and connects: most post steps stop above.
        const [{ parseInputs }, { PromotionClient }, { connectTenant }] = await Promise.all([
            __webpack_require__.e(/* import() */ 982).then(__webpack_require__.bind(__webpack_require__, 1982)),
            __webpack_require__.e(/* import() */ 349).then(__webpack_require__.bind(__webpack_require__, 9349)),
            Promise.all(/* import() */[__webpack_require__.e(206), __webpack_require__.e(721), __webpack_require__.e(810)]).then(__webpack_require__.bind(__webpack_require__, 6810))
        ]);
        const inputs = parseInputs((name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name));
        if (!inputs.tenant || inputs.tenant.url !== saved.tenantUrl) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(`post: cannot reach ${saved.tenantUrl} with this step's inputs; ` +
                (ours ? `release the lock with the unlock operation and promotion-id: ${ours}` : 'check the promotion lock in the admin console'));
            return;
        }
        const client = new PromotionClient(connectTenant(inputs.tenant, { operation: inputs.operation, http: inputs.http }));
        if (ours) {
            await (0,_promotion_lock_js__WEBPACK_IMPORTED_MODULE_3__/* .releaseLock */ .x_)(client, ours, inputs.waits);
            return;
        }
        await reportUnprovenLock(client, inputs);
    }
    catch (error) {
        // The post step must never fail the job for cleanup it could not do; it says so loudly instead.
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(`post step: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`);
    }
}
/**
 * A lock request was in flight when main ended: a lock may now be held whose id this run never
 * received. It cannot be proven this run's, so it is never released here; the holder is named instead.
 * The request may still be acted on late, so an unlocked state is watched for one request-timeout.
 */
async function reportUnprovenLock(client, inputs) {
    const { value: state } = await (0,_poller_js__WEBPACK_IMPORTED_MODULE_2__/* .poll */ .w)({
        what: 'a lock from the request in flight',
        intervalMs: inputs.waits.pollIntervalMs,
        timeoutMs: Math.min(inputs.http.requestTimeoutMs, inputs.waits.promotionTimeoutMs),
        timeoutInput: 'request-timeout',
        check: () => client.lockState(),
        describe: _promotion_lock_js__WEBPACK_IMPORTED_MODULE_3__/* .describeLock */ .FD,
        done: (lock) => lock.result !== 'unlocked'
    }).catch((error) => {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .TimeoutError */ .MU)
            return { value: undefined };
        throw error;
    });
    (0,_promotion_saved_lock_js__WEBPACK_IMPORTED_MODULE_4__/* .clearSavedLock */ .Kz)();
    if (!state) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('post: the environments stayed unlocked; nothing to release');
        return;
    }
    const holder = (0,_promotion_lock_js__WEBPACK_IMPORTED_MODULE_3__/* .lockHolder */ .ms)(state);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(`post: the lock state reads ${(0,_promotion_lock_js__WEBPACK_IMPORTED_MODULE_3__/* .describeLock */ .FD)(state)}${holder ? `, held by promotion ${holder}` : ''}, and this run never received the id of the lock it requested, so it leaves that lock alone. ` +
        (holder
            ? `If no other promotion is running, it is this run's own: release it with the unlock operation and promotion-id: ${holder}`
            : 'Check the lock in the admin console, then release it with the unlock operation'));
}


/***/ }),

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


/***/ }),

/***/ 6972:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}


/***/ })

};
;