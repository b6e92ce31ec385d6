"use strict";
exports.id = 155;
exports.ids = [155];
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

/***/ 5155:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 19 modules
var core = __webpack_require__(8079);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/github/summary.ts
var github_summary = __webpack_require__(2935);
// EXTERNAL MODULE: ./src/inputs/index.ts + 9 modules
var src_inputs = __webpack_require__(1982);
;// CONCATENATED MODULE: ./src/operations/index.ts
/**
 * Every operation by name, each loaded when it runs: a step pays start-up only for the code (and the
 * yaml parser, the promotion machinery, ...) of its own operation. The type makes a missing one a compile error.
 */
const OPERATION_HANDLERS = {
    'set-esvs': async () => (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(96)]).then(__webpack_require__.bind(__webpack_require__, 1096))).setEsvs,
    'rotate-secret': async () => (await __webpack_require__.e(/* import() */ 294).then(__webpack_require__.bind(__webpack_require__, 2294))).rotateSecret,
    'create-api-client': async () => (await Promise.all(/* import() */[__webpack_require__.e(721), __webpack_require__.e(130)]).then(__webpack_require__.bind(__webpack_require__, 9130))).createApiClient,
    'dry-run-promote': async () => (await Promise.all(/* import() */[__webpack_require__.e(206), __webpack_require__.e(721), __webpack_require__.e(637), __webpack_require__.e(944), __webpack_require__.e(338)]).then(__webpack_require__.bind(__webpack_require__, 3338))).dryRunPromote,
    promote: async () => (await Promise.all(/* import() */[__webpack_require__.e(206), __webpack_require__.e(721), __webpack_require__.e(637), __webpack_require__.e(944), __webpack_require__.e(428)]).then(__webpack_require__.bind(__webpack_require__, 1428))).promote,
    rollback: async () => (await Promise.all(/* import() */[__webpack_require__.e(206), __webpack_require__.e(721), __webpack_require__.e(637), __webpack_require__.e(944), __webpack_require__.e(328)]).then(__webpack_require__.bind(__webpack_require__, 9328))).rollback,
    'promotion-report': async () => (await Promise.all(/* import() */[__webpack_require__.e(206), __webpack_require__.e(721), __webpack_require__.e(637), __webpack_require__.e(198)]).then(__webpack_require__.bind(__webpack_require__, 6198))).promotionReport,
    unlock: async () => (await __webpack_require__.e(/* import() */ 672).then(__webpack_require__.bind(__webpack_require__, 8672))).unlock,
    restart: async () => (await __webpack_require__.e(/* import() */ 537).then(__webpack_require__.bind(__webpack_require__, 1537))).restart,
    'set-tenant-settings': async () => (await Promise.all(/* import() */[__webpack_require__.e(206), __webpack_require__.e(815), __webpack_require__.e(721), __webpack_require__.e(574)]).then(__webpack_require__.bind(__webpack_require__, 574))).setTenantSettings,
    'create-csr': async () => (await __webpack_require__.e(/* import() */ 545).then(__webpack_require__.bind(__webpack_require__, 1545))).createCsr,
    'complete-csr': async () => (await __webpack_require__.e(/* import() */ 990).then(__webpack_require__.bind(__webpack_require__, 8990))).completeCsr
};

;// CONCATENATED MODULE: ./src/main.ts





async function run(summary = new github_summary/* JobSummary */.c3()) {
    try {
        const inputs = (0,src_inputs.parseInputs)((name) => core/* getInput */.V4(name));
        // Loaded once the inputs are valid: a bad input fails before the HTTP and signing code is even read.
        const [operation, { connectTenant }] = await Promise.all([OPERATION_HANDLERS[inputs.operation](), Promise.all(/* import() */[__webpack_require__.e(206), __webpack_require__.e(721), __webpack_require__.e(794)]).then(__webpack_require__.bind(__webpack_require__, 6810))]);
        const tenant = inputs.tenant && {
            url: inputs.tenant.url,
            client: connectTenant(inputs.tenant, { operation: inputs.operation, http: inputs.http })
        };
        await operation({ inputs, tenant, summary });
    }
    catch (error) {
        const message = (0,errors/* errorMessage */.gJ)(error);
        core/* setFailed */.C1(message);
        summary.add(`### tenant-pilot failed\n\n\`\`\`\n${message}\n\`\`\``);
    }
    finally {
        await summary.write().catch((error) => core/* warning */.$e(`Could not write the job summary: ${(0,errors/* errorMessage */.gJ)(error)}`));
    }
}


/***/ })

};
;