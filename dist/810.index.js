"use strict";
exports.id = 810;
exports.ids = [810];
exports.modules = {

/***/ 8902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MB: () => (/* binding */ GATEWAY_STATUSES),
/* harmony export */   cO: () => (/* binding */ DEFAULT_RETRY_POLICY),
/* harmony export */   tE: () => (/* binding */ decideRetry)
/* harmony export */ });
/* unused harmony exports RETRYABLE_STATUSES, parseRetryAfterMs */
const DEFAULT_RETRY_POLICY = {
    maxAttempts: 6,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    maxElapsedMs: 120_000
};
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
/** Answered by a proxy or load balancer: whether the tenant behind it acted on the request is unknown. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);
function decideRetry(failure, ctx, policy = DEFAULT_RETRY_POLICY) {
    if (!isRetryable(failure))
        return { retry: false, reason: 'not-retryable' };
    if (!ctx.idempotent && !isSafeToRepeat(failure))
        return { retry: false, reason: 'unsafe' };
    if (ctx.attempt >= policy.maxAttempts)
        return { retry: false, reason: 'exhausted' };
    const delayMs = nextDelayMs(failure, ctx, policy);
    if (ctx.elapsedMs + delayMs > policy.maxElapsedMs)
        return { retry: false, reason: 'exhausted' };
    return { retry: true, delayMs };
}
function isRetryable(failure) {
    return failure.kind === 'network' || RETRYABLE_STATUSES.has(failure.status);
}
/**
 * A request that is not idempotent is repeated only when the server surely did
 * not act on it: a 429 (rejected before processing) or a connection that never
 * carried the request.
 */
function isSafeToRepeat(failure) {
    return failure.kind === 'network' ? !failure.sent : failure.status === 429;
}
function nextDelayMs(failure, ctx, policy) {
    // The server's own word wins over the ceiling; a wait past the time budget ends the retries instead.
    const asked = failure.kind === 'status' ? parseRetryAfterMs(failure.retryAfter, ctx.nowMs) : undefined;
    if (asked !== undefined)
        return asked;
    // Full jitter: spread clients out so they do not come back in step.
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (ctx.attempt - 1));
    return Math.round(ceiling / 2 + (ctx.random() * ceiling) / 2);
}
/** `Retry-After` is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
function parseRetryAfterMs(value, nowMs) {
    if (value === undefined)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - nowMs);
}


/***/ }),

/***/ 5259:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B4: () => (/* binding */ DEFAULT_HTTP_SETTINGS),
/* harmony export */   Iv: () => (/* binding */ clientTiming)
/* harmony export */ });
/* unused harmony export retryPolicyFor */
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8902);

const DEFAULT_HTTP_SETTINGS = { requestTimeoutMs: 60_000, retryBaseDelayMs: _retry_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_RETRY_POLICY */ .cO.baseDelayMs };
function retryPolicyFor(settings) {
    return { ..._retry_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_RETRY_POLICY */ .cO, baseDelayMs: settings.retryBaseDelayMs };
}
/** The options a JsonHttpClient takes from the settings. */
function clientTiming(settings) {
    return { timeoutMs: settings.requestTimeoutMs, policy: retryPolicyFor(settings) };
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


/***/ }),

/***/ 19:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J0: () => (/* binding */ fullScopeOf),
/* harmony export */   lN: () => (/* binding */ scopesFor),
/* harmony export */   rX: () => (/* binding */ tenantSettingsScopes)
/* harmony export */ });
const ESV_READ = 'fr:idc:esv:read';
const ESV_UPDATE = 'fr:idc:esv:update';
const ESV_RESTART = 'fr:idc:esv:restart';
const PROMOTION = 'fr:idc:promotion:*';
const PROMOTION_READ = 'fr:idc:promotion:read';
const CERTIFICATE = 'fr:idc:certificate:*';
const CERTIFICATE_READ = 'fr:idc:certificate:read';
/**
 * Each settings area's full scope and its read scope (frodo-lib `src/shared/Constants.ts`); a dry run
 * asks only for the read ones. An account that holds only the full scope is asked again with it
 * (ServiceAccountTokens), as whether `:*` grants `:read` is not documented.
 */
const SETTINGS_SCOPES = {
    'content-security-policy': { write: 'fr:idc:content-security-policy:*', read: 'fr:idc:content-security-policy:read' },
    'cookie-domains': { write: 'fr:idc:cookie-domain:*', read: 'fr:idc:cookie-domain:read' },
    'custom-domains': { write: 'fr:idc:custom-domain:*', read: 'fr:idc:custom-domain:read' },
    'federation-enforcement': { write: 'fr:idc:federation:*', read: 'fr:idc:federation:read' },
    'sso-cookie': { write: 'fr:idc:sso-cookie:*', read: 'fr:idc:sso-cookie:read' },
    certificates: { write: CERTIFICATE, read: CERTIFICATE_READ }
};
const ALL_SETTINGS_SCOPES = Object.values(SETTINGS_SCOPES).map((scopes) => scopes.write);
/**
 * The least set of scopes each operation needs from the service account.
 * `create-api-client` talks to the tenant only to store the client secret.
 */
const SCOPES_BY_OPERATION = {
    restart: [ESV_READ, ESV_RESTART],
    'set-esvs': [ESV_READ, ESV_UPDATE, ESV_RESTART],
    'rotate-secret': [ESV_READ, ESV_UPDATE, ESV_RESTART],
    'create-api-client': [ESV_READ, ESV_UPDATE, ESV_RESTART],
    'dry-run-promote': [PROMOTION],
    promote: [PROMOTION],
    rollback: [PROMOTION],
    // Reads reports only (and, with lower-tenant-url, the lower tenant's provisional report).
    'promotion-report': [PROMOTION_READ],
    unlock: [PROMOTION],
    // Until the file is read: every area's; set-tenant-settings then asks only for the areas its file declares.
    'set-tenant-settings': ALL_SETTINGS_SCOPES,
    'create-csr': [CERTIFICATE],
    'complete-csr': [CERTIFICATE]
};
const RESTARTING_OPERATIONS = new Set(['set-esvs', 'rotate-secret', 'create-api-client']);
function scopesFor(operation, uses = {}) {
    if (operation === 'set-esvs' && uses.dryRun)
        return [ESV_READ];
    const scopes = [...SCOPES_BY_OPERATION[operation]];
    if (RESTARTING_OPERATIONS.has(operation) && uses.restart === 'never')
        return scopes.filter((scope) => scope !== ESV_RESTART);
    return scopes;
}
/** The least scopes for the areas a settings file declares; a dry run only reads. */
function tenantSettingsScopes(areas, dryRun) {
    return [...new Set(areas.map((area) => (dryRun ? SETTINGS_SCOPES[area].read : SETTINGS_SCOPES[area].write)))];
}
/** The full scope a read scope belongs to (`fr:idc:esv:read` → `fr:idc:esv:*`); undefined for any other scope. */
function fullScopeOf(scope) {
    return /^(.+):read$/.exec(scope)?.[1]?.concat(':*');
}


/***/ })

};
;