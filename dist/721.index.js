"use strict";
exports.id = 721;
exports.ids = [721];
exports.modules = {

/***/ 8723:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ CachedTokens)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7194);


/** Refresh this long before expiry so a token never dies in the middle of a request. */
const REFRESH_MARGIN_MS = 60_000;
/**
 * A token source that asks an OAuth token endpoint (through `request`),
 * masks what it gets, caches it until a minute before it expires, and keeps
 * one request in flight at a time. The grant is the subclass's business.
 */
class CachedTokens {
    endpointName;
    defaultLifetimeSeconds;
    now;
    refreshable = true;
    cached;
    inFlight;
    constructor(
    /** Who answered, for the error when the answer has no token. */
    endpointName, defaultLifetimeSeconds, now = Date.now) {
        this.endpointName = endpointName;
        this.defaultLifetimeSeconds = defaultLifetimeSeconds;
        this.now = now;
    }
    async token() {
        if (this.cached && this.now() < this.cached.expiresAt - REFRESH_MARGIN_MS)
            return this.cached.token;
        this.inFlight ??= this.fetchToken().finally(() => (this.inFlight = undefined));
        return this.inFlight;
    }
    invalidate(token) {
        if (this.cached?.token === token)
            this.cached = undefined;
    }
    async fetchToken() {
        const { access_token: token, token_type: tokenType, expires_in: expiresIn } = (await this.request()) ?? {};
        if (typeof token !== 'string' || token === '')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`${this.endpointName} answered without an access_token`);
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .maskSecret */ .$l)(token);
        // A DPoP or MAC token sent as a bearer would be refused, or worse, accepted by a proxy that logs it.
        if (tokenType !== undefined && !(typeof tokenType === 'string' && tokenType.toLowerCase() === 'bearer')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`${this.endpointName} issued a token of type ${JSON.stringify(String(tokenType)).slice(0, 40)}, not Bearer; the action sends bearer tokens only, so configure the client (or service account) to issue Bearer tokens`);
        }
        const lifetimeSeconds = typeof expiresIn === 'number' ? expiresIn : this.defaultLifetimeSeconds;
        this.cached = { token, expiresAt: this.now() + lifetimeSeconds * 1000 };
        return token;
    }
}


/***/ }),

/***/ 3329:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   mO: () => (/* binding */ JsonHttpClient)
/* harmony export */ });
/* unused harmony exports settleWindowMs, UnresolvedOutcomeError, MAX_ANSWER_BYTES, TOTAL_TIMEOUT_FACTOR, totalRequestLimitMs, readAnswer, apiErrorFields, SAFE_API_MESSAGES */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _actions_http_client__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9199);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _poller_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8105);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7194);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8902);
/* harmony import */ var _sleep_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6972);







const MIN_SETTLE_WINDOW_MS = 10_000;
const MIN_LOOK_INTERVAL_MS = 500;
const MAX_LOOK_INTERVAL_MS = 5_000;
/** How long a request whose answer was lost may take to show up: three request-timeouts, at least 10 s. */
function settleWindowMs(requestTimeoutMs) {
    return Math.max(MIN_SETTLE_WINDOW_MS, 3 * requestTimeoutMs);
}
/** An unknown outcome that looking over the settle window did not resolve: the step stops, the next run looks first. */
class UnresolvedOutcomeError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OutcomeUnknownError */ .Do {
    constructor(what, cause, windowMs, sends) {
        super(cause.method, cause.path, cause.message, cause.timedOut);
        const seen = cause.message.replace(/; the request may or may not have taken effect$/, '');
        this.message = `${what}: outcome unknown (${seen}); not found after looking for ${Math.round(windowMs / 1000)} s. ${sends > 1 ? `It was sent ${sends} times without a clear answer.` : 'It was not sent again, as a second one would be a duplicate.'} The next run looks for it first: run the step again`;
    }
}
/** No tenant or GitHub answer the action reads comes near this; an endless body stops here. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
/**
 * One attempt (connecting, sending, waiting, reading the whole answer) may take at most this many
 * request-timeouts: the idle timeout restarts on every byte, so a body dripped slowly never trips it.
 */
const TOTAL_TIMEOUT_FACTOR = 3;
/** A whole answer-read budget, in ms, for a request-timeout of `timeoutMs`. */
function totalRequestLimitMs(timeoutMs) {
    return timeoutMs * TOTAL_TIMEOUT_FACTOR;
}
/**
 * The one HTTP layer: JSON in and out, bearer auth with refresh on 401,
 * retries on 429/502/503/504 and network errors with backoff and Retry-After,
 * a request timeout, and errors that carry the API's code and message only.
 * Built on @actions/http-client so the runner's proxy settings apply.
 */
class JsonHttpClient {
    options;
    http;
    policy;
    sleep;
    baseUrl;
    constructor(options) {
        this.options = options;
        this.baseUrl = options.baseUrl.replace(/\/+$/, '');
        this.policy = options.policy ?? _retry_js__WEBPACK_IMPORTED_MODULE_5__/* .DEFAULT_RETRY_POLICY */ .cO;
        this.sleep = options.sleep ?? _sleep_js__WEBPACK_IMPORTED_MODULE_6__/* .sleep */ .y;
        this.http = new _actions_http_client__WEBPACK_IMPORTED_MODULE_1__/* .HttpClient */ .Qq(options.userAgent, [], {
            socketTimeout: options.timeoutMs,
            allowRedirects: false,
            allowRetries: false,
            keepAlive: true
        });
    }
    async request(req) {
        const idempotent = req.idempotent ?? (req.method !== 'POST' && req.method !== 'PATCH');
        const started = Date.now();
        let refreshedAfter401 = false;
        for (let attempt = 1;; attempt++) {
            const token = req.authenticate === false ? undefined : await this.options.tokens?.token();
            const outcome = await this.send(req, token);
            if (outcome.kind === 'response' && outcome.status === 401 && token && !refreshedAfter401 && this.options.tokens?.refreshable) {
                // A 401 was not acted upon: refreshing and sending again is safe for any method.
                refreshedAfter401 = true;
                this.options.tokens.invalidate(token);
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${this.options.label} answered 401 to ${req.method} ${req.path}; refreshing the access token`);
                attempt--;
                continue;
            }
            if (outcome.kind === 'tooLarge') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`${req.method} ${req.path}: the ${this.options.label}'s answer passed ${formatBytes(this.maxAnswerBytes)}, the limit of one answer the action reads; check the ${this.options.label} (or a proxy in between) and run the step again`);
            }
            if (outcome.kind === 'response' && outcome.status < 300) {
                const parsed = parseJsonBody(outcome.text);
                const empty = parsed.ok && (parsed.value === undefined || parsed.value === null);
                // 204 is empty by definition; otherwise only a request that says so may be answered with nothing.
                if (parsed.ok && (!empty || outcome.status === 204 || req.allowEmptyBody))
                    return { status: outcome.status, headers: outcome.headers, body: parsed.value };
                // A success answered with a broken or missing body is what a misbehaving proxy sends; treat it like a 502.
                const what = `HTTP ${outcome.status} with ${empty ? 'an empty body where an object was expected' : 'a body that is not JSON'}`;
                const failure = { kind: 'status', status: 502 };
                if (!idempotent)
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OutcomeUnknownError */ .Do(req.method, req.path, what);
                if (await this.backOff(req, failure, attempt, started, idempotent, what))
                    continue;
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UnavailableError */ .hG(`${req.method} ${req.path}: ${this.options.label} kept answering ${what}; check the ${this.options.label}'s status and run the step again`);
            }
            const failure = outcome.kind === 'response'
                ? { kind: 'status', status: outcome.status, retryAfter: headerValue(outcome.headers['retry-after']) }
                : { kind: 'network', sent: outcome.sent };
            const what = outcome.kind === 'response' ? `HTTP ${outcome.status}` : outcome.message;
            if (await this.backOff(req, failure, attempt, started, idempotent, what))
                continue;
            throw this.finalError(req, outcome, idempotent);
        }
    }
    /**
     * Sends a request that must not take effect twice (creating a secret version, a lock, an API client).
     * When its outcome is unknown (no answer, a gateway status, a broken body), the tenant may still
     * apply it late, so `look` is asked repeatedly over a settle window (request-timeout × 3, at least
     * 10 s) before the request counts as not taken. Then, only when `duplicateHarmless` (default true),
     * it is sent again after a back-off, up to the retry policy's attempts; a later unknown outcome is
     * looked for once more at once (the window has shown the tenant is not applying late, and a
     * duplicate is harmless). Otherwise the caller gets an OutcomeUnknownError saying that the next run
     * looks first.
     */
    async sendOnce(what, send, look, options = {}) {
        const duplicateHarmless = options.duplicateHarmless ?? true;
        const started = Date.now();
        const windowMs = settleWindowMs(this.options.timeoutMs);
        for (let attempt = 1;; attempt++) {
            let unknown;
            try {
                return await send();
            }
            catch (error) {
                if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OutcomeUnknownError */ .Do))
                    throw error;
                unknown = error;
            }
            const lookMs = attempt === 1 ? windowMs : 0;
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(lookMs > 0
                ? `${what} got no clear answer (${unknown.message}); looking for it for up to ${(lookMs / 1000).toFixed(0)} s, as the tenant may apply it late`
                : `${what} got no clear answer again (${unknown.message}); looking whether it took effect`);
            const found = await this.lookUntilSettled(what, look, lookMs);
            if (found !== undefined) {
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${what} did take effect`);
                return found;
            }
            const failure = { kind: 'status', status: 503 };
            const method = unknown.method;
            if (!duplicateHarmless || !(await this.backOff({ method, path: unknown.path }, failure, attempt, started, true, 'no effect')))
                throw new UnresolvedOutcomeError(what, unknown, windowMs, attempt);
        }
    }
    /** Looks at once, then every few seconds, until found or the window is over (undefined: not there). */
    async lookUntilSettled(what, look, windowMs) {
        // A clock that counts only the waits: the window is at least this long in real time, and a test's sleep can shorten it.
        let waitedMs = 0;
        try {
            const result = await (0,_poller_js__WEBPACK_IMPORTED_MODULE_3__/* .poll */ .w)({
                what: `the outcome of ${what.charAt(0).toLowerCase()}${what.slice(1)}`,
                intervalMs: Math.min(MAX_LOOK_INTERVAL_MS, Math.max(MIN_LOOK_INTERVAL_MS, windowMs / 10)),
                timeoutMs: windowMs,
                timeoutInput: 'request-timeout',
                check: look,
                describe: (found) => (found === undefined ? 'not there (yet)' : 'found'),
                done: (found) => found !== undefined,
                sleep: async (ms) => {
                    waitedMs += ms;
                    await this.sleep(ms);
                },
                now: () => waitedMs
            });
            return result.value;
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .TimeoutError */ .MU)
                return undefined;
            throw error;
        }
    }
    async backOff(req, failure, attempt, started, idempotent, what) {
        const decision = (0,_retry_js__WEBPACK_IMPORTED_MODULE_5__/* .decideRetry */ .tE)(failure, { attempt, elapsedMs: Date.now() - started, idempotent, nowMs: Date.now(), random: Math.random }, this.policy);
        if (!decision.retry)
            return false;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${this.options.label}: ${req.method} ${req.path} got ${what}; retrying in ${(decision.delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${this.policy.maxAttempts})`);
        await this.sleep(decision.delayMs);
        return true;
    }
    finalError(req, outcome, idempotent) {
        if (outcome.kind === 'network') {
            if (outcome.sent && !idempotent)
                return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OutcomeUnknownError */ .Do(req.method, req.path, outcome.message, outcome.timedOut);
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UnavailableError */ .hG(`${req.method} ${req.path}: ${this.options.label} unreachable (${outcome.message}) after retries; check the URL and network, then run the step again`);
        }
        // A gateway status on a request that is not idempotent says nothing of whether the tenant acted on it.
        if (!idempotent && _retry_js__WEBPACK_IMPORTED_MODULE_5__/* .GATEWAY_STATUSES */ .MB.has(outcome.status))
            return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OutcomeUnknownError */ .Do(req.method, req.path, `HTTP ${outcome.status}`);
        const fields = apiErrorFields(outcome.text);
        const { code, message } = req.carriesSecret ? withoutEcho(fields) : fields;
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ApiError */ .hD({
            method: req.method,
            path: req.path,
            status: outcome.status,
            code,
            apiMessage: message,
            transactionId: headerValue(outcome.headers['x-forgerock-transactionid'])
        }, req.hint?.(outcome.status, message));
    }
    async send(req, token) {
        const url = this.baseUrl + req.path + queryString(req.query);
        const headers = { accept: 'application/json', ...req.headers };
        if (token)
            headers.authorization = `Bearer ${token}`;
        let data = null;
        if (req.json !== undefined) {
            data = JSON.stringify(req.json);
            headers['content-type'] = 'application/json';
        }
        else if (req.form) {
            data = new URLSearchParams(req.form).toString();
            headers['content-type'] = 'application/x-www-form-urlencoded';
        }
        const t0 = Date.now();
        const deadline = t0 + totalRequestLimitMs(this.options.timeoutMs);
        try {
            const res = await beforeDeadline(this.http.request(req.method, url, data, headers), deadline);
            const status = res.message.statusCode ?? 0;
            const answer = await readAnswer(res.message, { maxBytes: this.maxAnswerBytes, idleMs: this.options.timeoutMs, deadline });
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`${this.options.label} ${req.method} ${req.path} -> ${status} (${answer.kind}) in ${Date.now() - t0} ms`);
            if (answer.kind === 'complete')
                return { kind: 'response', status, headers: res.message.headers, text: answer.text };
            if (answer.kind === 'tooLarge')
                return { kind: 'tooLarge' };
            // The server sent headers and then stopped or hung up: the request reached it, its outcome is unknown.
            const message = answer.kind === 'cut'
                ? 'the answer was cut off mid-body'
                : answer.kind === 'idle'
                    ? 'the answer stalled mid-body'
                    : 'the answer took longer than the whole-request limit';
            return { kind: 'network', sent: true, message, timedOut: answer.kind !== 'cut' };
        }
        catch (error) {
            if (error instanceof DeadlinePassed) {
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`${this.options.label} ${req.method} ${req.path} -> no answer within the whole-request limit in ${Date.now() - t0} ms`);
                return { kind: 'network', sent: true, message: 'no answer within the whole-request limit', timedOut: true };
            }
            const code = error.code;
            const sent = !NOT_SENT_CODES.has(code ?? '');
            const timedOut = code === undefined && error instanceof Error && /timeout/i.test(error.message);
            const message = code ?? (timedOut ? 'request timed out' : 'connection failed');
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`${this.options.label} ${req.method} ${req.path} -> ${message} in ${Date.now() - t0} ms`);
            return { kind: 'network', sent, message, timedOut };
        }
    }
    get maxAnswerBytes() {
        return this.options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
    }
}
class DeadlinePassed extends Error {
}
/**
 * The response headers, or DeadlinePassed once the whole-request limit is reached first; an answer that
 * comes after that is thrown away (its socket destroyed), so nothing keeps reading it.
 */
function beforeDeadline(pending, deadline) {
    return new Promise((resolve, reject) => {
        let late = false;
        const timer = setTimeout(() => {
            late = true;
            reject(new DeadlinePassed());
        }, Math.max(0, deadline - Date.now()));
        pending.then((res) => {
            clearTimeout(timer);
            if (late)
                res.message.destroy();
            else
                resolve(res);
        }, (error) => {
            clearTimeout(timer);
            if (!late)
                reject(error);
        });
    });
}
/**
 * Reads a whole answer body. Unlike `readBody` of @actions/http-client, which waits for `end` only
 * (a body cut mid-way then never settles, and node exits with the step unfinished), every way a body
 * can stop settles it: the end, a cut connection (`aborted`, `error`, `close`), no byte for `idleMs`,
 * the whole-request deadline, or more than `maxBytes`.
 */
function readAnswer(message, limits) {
    return new Promise((resolve) => {
        const chunks = [];
        let size = 0;
        let settled = false;
        const finish = (answer, stop = false) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(overdue);
            clearTimeout(idle);
            if (stop)
                message.destroy();
            resolve(answer);
        };
        const overdue = setTimeout(() => finish({ kind: 'overdue' }, true), Math.max(0, limits.deadline - Date.now()));
        let idle = setTimeout(() => finish({ kind: 'idle' }, true), limits.idleMs);
        message.on('data', (chunk) => {
            size += chunk.length;
            if (size > limits.maxBytes)
                return finish({ kind: 'tooLarge' }, true);
            chunks.push(chunk);
            clearTimeout(idle);
            idle = setTimeout(() => finish({ kind: 'idle' }, true), limits.idleMs);
        });
        message.on('end', () => finish({ kind: 'complete', text: Buffer.concat(chunks).toString('utf8') }));
        message.on('aborted', () => finish({ kind: 'cut' }));
        message.on('error', () => finish({ kind: 'cut' }));
        message.on('close', () => finish({ kind: 'cut' }));
    });
}
function formatBytes(bytes) {
    return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
/** Failures that happen before a single byte of the request left this machine. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
function queryString(query) {
    if (!query)
        return '';
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
        if (value !== undefined)
            params.set(key, String(value));
    const text = params.toString();
    return text ? `?${text}` : '';
}
function parseJsonBody(text) {
    if (text.trim() === '')
        return { ok: true, value: undefined };
    try {
        return { ok: true, value: JSON.parse(text) };
    }
    catch {
        return { ok: false };
    }
}
const MAX_API_MESSAGE = 300;
/**
 * The API's `code`/`message` (ESV, GitHub), `error`/`error_description` (OAuth)
 * or `messageId`/`messageDescription` (identity tenant); nothing else of the body.
 */
function apiErrorFields(text) {
    const parsed = parseJsonBody(text);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null)
        return {};
    const body = parsed.value;
    const code = typeof body.code === 'number' || typeof body.code === 'string'
        ? body.code
        : typeof body.error === 'string'
            ? body.error
            : typeof body.messageId === 'string'
                ? body.messageId
                : undefined;
    const raw = typeof body.message === 'string'
        ? body.message
        : typeof body.error_description === 'string'
            ? body.error_description
            : typeof body.messageDescription === 'string'
                ? body.messageDescription
                : undefined;
    const message = raw === undefined ? undefined : (0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(raw.replace(/\s+/g, ' ').slice(0, MAX_API_MESSAGE));
    return { code, message };
}
/**
 * Error messages a tenant, AM or the identity tenant sends that carry no request text, so they may be
 * shown even for a request that carried a secret. Anything else is withheld: gateways and validators
 * echo the request (`Invalid request: {"valueBase64": …}`), and a cut echo matches no mask.
 */
const SAFE_API_MESSAGES = [
    /^(Bad Request|Unauthorized|unauthorized|Forbidden|Not Found|Not found|Method not allowed|Conflict|Too Many Requests|Internal Server Error|Service Unavailable|Gateway Timeout|Bad Gateway)\.?$/,
    /^Forbidden: missing scope [\w:*.\- ]{1,200}$/,
    /^The client is not entitled to perform this operation(; it needs [\w:*. -]{1,200})?$/,
    /^Grant type is not (set|supported)$/,
    /^Client authentication failed$/,
    /^Invalid scope requested$/,
    /^Unsupported scope for service account: [\w:*.-]{1,100}$/,
    /^Missing parameter, '[a-z_]{1,40}'$/,
    /^Invalid JWT: "[a-z]{2,5}" claim [a-z ,"]{1,80}$/,
    /^(The )?secret (version )?(already exists|not found)\.?$/i,
    // A real tenant's answer to a PUT on an existing secret (reference README, "ESVs").
    /^Failed to create secret, the secret already exists$/
];
/** A short identifier-like code is no echo; anything longer or freer is dropped. */
const SAFE_CODE = /^[A-Za-z0-9_.:-]{1,64}$/;
function withoutEcho(fields) {
    const code = typeof fields.code === 'number' || (fields.code !== undefined && SAFE_CODE.test(fields.code)) ? fields.code : undefined;
    if (fields.message === undefined)
        return { code };
    const safe = SAFE_API_MESSAGES.some((pattern) => pattern.test(fields.message));
    return { code, message: safe ? fields.message : '(message withheld: the request carried secret material and the answer may echo it)' };
}
function headerValue(value) {
    return Array.isArray(value) ? value[0] : value;
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ USER_AGENT)
/* harmony export */ });
/* unused harmony export ACTION_VERSION */
/** Kept equal to package.json's version by a unit test; sent in the User-Agent. */
const ACTION_VERSION = '0.1.0';
const USER_AGENT = `tenant-pilot/${ACTION_VERSION} (+https://github.com/tenant-pilot/tenant-pilot)`;


/***/ })

};
;