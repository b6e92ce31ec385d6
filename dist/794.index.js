"use strict";
exports.id = 794;
exports.ids = [794];
exports.modules = {

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

/***/ 5168:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A9: () => (/* binding */ StaticToken),
/* harmony export */   VU: () => (/* binding */ ServiceAccountTokens)
/* harmony export */ });
/* unused harmony exports TOKEN_PATH, tokenAudience, signAssertion */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8079);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3566);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7265);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _http_cached_tokens_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8723);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7194);
/* harmony import */ var _scopes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(19);







const TOKEN_PATH = '/am/oauth2/access_token';
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Real tenants reject assertions that live long; 3 minutes is what the Ping clients use. */
const ASSERTION_LIFETIME_SECONDS = 180;
/** Tenants issue tokens for about 15 minutes; assumed when the answer omits expires_in. */
const DEFAULT_LIFETIME_SECONDS = 900;
/** The audience the tenant's AM expects: the token endpoint with an explicit port. */
function tokenAudience(tenantUrl) {
    const url = new URL(tenantUrl);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return `${url.protocol}//${url.hostname}:${port}${TOKEN_PATH}`;
}
async function signAssertion(options, nowMs) {
    const key = await (0,jose__WEBPACK_IMPORTED_MODULE_6__/* .importJWK */ .Og)({ ...options.privateJwk, alg: 'RS256' }, 'RS256');
    const nowSeconds = Math.floor(nowMs / 1000);
    return new jose__WEBPACK_IMPORTED_MODULE_7__/* .SignJWT */ .P({})
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuer(options.serviceAccountId)
        .setSubject(options.serviceAccountId)
        .setAudience(tokenAudience(options.tenantUrl))
        .setIssuedAt(nowSeconds)
        .setExpirationTime(nowSeconds + ASSERTION_LIFETIME_SECONDS)
        .setJti((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)())
        .sign(key);
}
/**
 * Access tokens for a service account by the JWT-bearer grant, cached until a
 * minute before they expire; one request in flight at a time.
 */
class ServiceAccountTokens extends _http_cached_tokens_js__WEBPACK_IMPORTED_MODULE_3__/* .CachedTokens */ .X {
    options;
    /** The scopes asked for: the operation's, with a refused read scope replaced by its full scope. */
    scopes;
    /** Full scope asked for → the read scope it replaced. */
    widened = new Map();
    constructor(options) {
        super('The tenant token endpoint', DEFAULT_LIFETIME_SECONDS, options.now);
        this.options = options;
        this.scopes = [...options.scopes];
    }
    /**
     * Whether an account that holds only a full scope (`fr:idc:x:*`) is granted its `:read` child is not
     * documented: a read scope refused with invalid_scope is asked for once more as its full scope.
     */
    async request() {
        for (;;) {
            try {
                return await this.requestScopes(this.scopes);
            }
            catch (error) {
                const refused = refusedScope(error);
                const full = refused === undefined ? undefined : (0,_scopes_js__WEBPACK_IMPORTED_MODULE_5__/* .fullScopeOf */ .J0)(refused);
                if (refused === undefined || full === undefined || !this.scopes.includes(refused))
                    throw explainScopeError(error, this.options.operation, this.scopes, this.widened);
                _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`The service account was refused ${refused} (invalid_scope); asking once more with its full scope ${full}, which an account may hold without the read scope`);
                this.widened.set(full, refused);
                this.scopes = [...new Set(this.scopes.map((scope) => (scope === refused ? full : scope)))];
            }
        }
    }
    async requestScopes(scopes) {
        const assertion = await signAssertion(this.options, this.now());
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .maskSecret */ .$l)(assertion);
        const response = await this.options.http.request({
            method: 'POST',
            path: TOKEN_PATH,
            authenticate: false,
            // Asking for a token has no side effect, so it may be repeated.
            idempotent: true,
            carriesSecret: true,
            form: { grant_type: JWT_BEARER_GRANT, client_id: 'service-account', assertion, scope: scopes.join(' ') },
            hint: (status) => status === 400 || status === 401
                ? 'Check service-account-id and service-account-key, and that the account is enabled in the tenant.'
                : undefined
        });
        return response.body;
    }
}
/** The scope an invalid_scope answer names ("Unsupported scope for service account: …"). */
function refusedScope(error) {
    if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ApiError */ .hD) || error.details.code !== 'invalid_scope')
        return undefined;
    return /scope for service account:\s*(\S+)/i.exec(error.details.apiMessage ?? '')?.[1];
}
function explainScopeError(error, operation, scopes, widened) {
    if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ApiError */ .hD) || error.details.code !== 'invalid_scope')
        return error;
    const missing = refusedScope(error);
    const read = missing === undefined ? undefined : widened.get(missing);
    const which = missing === undefined
        ? `one of the scopes ${scopes.join(' ')}`
        : read
            ? `the scope ${read} (and its full scope ${missing}, asked for instead)`
            : `the scope ${missing}`;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`The service account lacks ${which}, which the operation ${operation} needs. Add it to the service account in the tenant's admin console, or set the scopes input.`);
}
/** A bearer token given by the user; it cannot be refreshed. */
class StaticToken {
    value;
    refreshable = false;
    constructor(value) {
        this.value = value;
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .maskSecret */ .$l)(value);
    }
    token() {
        return Promise.resolve(this.value);
    }
    invalidate() {
        // Nothing to refresh: a 401 then surfaces as an error that says to renew the token.
    }
}


/***/ }),

/***/ 6810:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   connectTenant: () => (/* binding */ connectTenant)
/* harmony export */ });
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3329);
/* harmony import */ var _http_settings_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5259);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(311);
/* harmony import */ var _auth_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5168);




/** An authenticated client for one tenant, from the validated connection inputs. */
function connectTenant(connection, options) {
    const base = {
        baseUrl: connection.url,
        userAgent: _version_js__WEBPACK_IMPORTED_MODULE_3__/* .USER_AGENT */ ._,
        ...(0,_http_settings_js__WEBPACK_IMPORTED_MODULE_1__/* .clientTiming */ .Iv)(options.http ?? _http_settings_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_HTTP_SETTINGS */ .B4),
        label: options.label ?? 'tenant'
    };
    const auth = connection.auth;
    const tokens = auth.kind === 'access-token'
        ? new _auth_js__WEBPACK_IMPORTED_MODULE_2__/* .StaticToken */ .A9(auth.accessToken)
        : new _auth_js__WEBPACK_IMPORTED_MODULE_2__/* .ServiceAccountTokens */ .VU({
            tenantUrl: connection.url,
            serviceAccountId: auth.serviceAccountId,
            privateJwk: auth.privateJwk,
            scopes: connection.scopes,
            operation: options.operation,
            http: new _http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .JsonHttpClient */ .mO(base)
        });
    return new _http_client_js__WEBPACK_IMPORTED_MODULE_0__/* .JsonHttpClient */ .mO({ ...base, tokens });
}


/***/ })

};
;