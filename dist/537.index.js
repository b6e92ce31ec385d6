"use strict";
exports.id = 537;
exports.ids = [537];
exports.modules = {

/***/ 1137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ requireTenant)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

function requireTenant(context) {
    if (!context.tenant)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`The operation ${context.inputs.operation} needs tenant-url and credentials`);
    return context.tenant;
}


/***/ }),

/***/ 1537:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   restart: () => (/* binding */ restart)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7729);
/* harmony import */ var _poller_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8105);
/* harmony import */ var _tenant_restart_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3199);
/* harmony import */ var _tenant_startup_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3713);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1137);






/** `restart`: restart the tenant's services (or join a running restart) and wait until ready. */
async function restart(context) {
    const tenant = (0,_context_js__WEBPACK_IMPORTED_MODULE_5__/* .requireTenant */ .y)(context);
    const outcome = await (0,_tenant_restart_js__WEBPACK_IMPORTED_MODULE_3__/* .restartAndWait */ .G)(new _tenant_startup_js__WEBPACK_IMPORTED_MODULE_4__/* .StartupClient */ .h(tenant.client), context.inputs.waits);
    (0,_outputs_js__WEBPACK_IMPORTED_MODULE_1__/* .setOutput */ .u)('restart-status', outcome.status);
    const how = outcome.joined ? 'An already running restart finished' : 'Restarted';
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${how}: the tenant is ${outcome.status} after ${(0,_poller_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(outcome.elapsedMs)}`);
    context.summary.add(`### Tenant restart\n\n${how} \`${tenant.url}\`: **${outcome.status}** after ${(0,_poller_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(outcome.elapsedMs)}.`);
}


/***/ }),

/***/ 7729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ setSecretOutput),
/* harmony export */   u: () => (/* binding */ setOutput)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7194);


/** Step outputs. Ordinary outputs are scrubbed of any known secret; a secret output is masked first. */
function setOutput(name, value) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(text));
}
/** The only way a secret leaves the action: a declared secret output, masked before it is set. */
function setSecretOutput(name, value) {
    (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .maskSecret */ .$l)(value);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, value);
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

/***/ 6972:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}


/***/ }),

/***/ 7404:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ API_V2),
/* harmony export */   h: () => (/* binding */ API_V1)
/* harmony export */ });
/** `Accept-API-Version` values; real tenants accept resource=1.0 on every ESV, startup and promotion call. */
const API_V1 = { 'accept-api-version': 'protocol=1.0,resource=1.0' };
/** Needed for paged ESV lists (`_pageSize`, `_pagedResultsCookie`). */
const API_V2 = { 'accept-api-version': 'protocol=1.0,resource=2.0' };


/***/ }),

/***/ 3199:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ restartAndWait)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _poller_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8105);



/**
 * Restarts the tenant's services and waits until they are ready. A restart
 * already under way is waited for rather than stacked with another.
 */
async function restartAndWait(startup, waits, options = {}) {
    const started = Date.now();
    const remaining = () => Math.max(0, waits.restartTimeoutMs - (Date.now() - started));
    const before = await startup.status();
    let joined = before.restartStatus === 'restarting';
    if (joined && options.fresh) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('A restart is already running; waiting for it to end, then restarting again so the new changes load');
        await waitUntilReady(startup, waits.pollIntervalMs, remaining(), 'the restart already running', before);
        joined = false;
    }
    let seen = before;
    if (joined) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('A restart is already running; waiting for it instead of starting another');
    }
    else {
        seen = await requestRestart(startup);
    }
    const status = await waitUntilReady(startup, waits.pollIntervalMs, remaining(), 'the restart', seen);
    return { status, joined, elapsedMs: Date.now() - started };
}
/**
 * Asks for a restart. A 409 "Restart already in progress" (what a resend gets when the first request's
 * answer was lost, or when another client started one since the status was read as ready) means a
 * restart is running that began after this run's writes: it is this run's restart.
 */
async function requestRestart(startup) {
    try {
        const seen = await startup.restart();
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Restart requested; the tenant says "${seen.restartStatus}"`);
        return seen;
    }
    catch (error) {
        if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ApiError */ .hD && error.status === 409))
            throw error;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Restart requested; the tenant answered 409 (${error.details.apiMessage ?? 'a restart is in progress'}): a restart is running`);
        return { restartStatus: 'restarting' };
    }
}
/** `seen`: the status just read or answered; while it says restarting, asking again at once would only repeat it. */
async function waitUntilReady(startup, intervalMs, timeoutMs, what, seen) {
    const result = await (0,_poller_js__WEBPACK_IMPORTED_MODULE_2__/* .poll */ .w)({
        what,
        intervalMs,
        timeoutMs,
        timeoutInput: 'restart-timeout',
        check: () => startup.status(),
        describe: (status) => status.restartStatus,
        done: (status) => status.restartStatus === 'ready',
        initial: seen.restartStatus === 'restarting' ? seen : undefined
    });
    return result.value.restartStatus;
}


/***/ }),

/***/ 3713:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ StartupClient)
/* harmony export */ });
/* harmony import */ var _api_versions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7404);

/** `/environment/startup`: the tenant's restart status and the restart action. */
class StartupClient {
    http;
    constructor(http) {
        this.http = http;
    }
    async status() {
        const res = await this.http.request({ method: 'GET', path: '/environment/startup', headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_0__/* .API_V1 */ .h });
        return res.body;
    }
    /**
     * Starting a restart twice is harmless (the tenant answers "restarting"),
     * so this POST may be retried.
     */
    async restart() {
        const res = await this.http.request({
            method: 'POST',
            path: '/environment/startup',
            query: { _action: 'restart' },
            headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_0__/* .API_V1 */ .h,
            idempotent: true
        });
        return res.body;
    }
}


/***/ })

};
;