"use strict";
exports.id = 349;
exports.ids = [349];
exports.modules = {

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

/***/ 9349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PromotionClient: () => (/* binding */ PromotionClient)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _api_versions_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7404);


const BASE = '/environment/promotion';
function tenantDate(header) {
    const value = Array.isArray(header) ? header[0] : header;
    const ms = value === undefined ? Number.NaN : Date.parse(value);
    return Number.isFinite(ms) ? ms : undefined;
}
/**
 * `/environment/promotion`: every call goes to the upper tenant, which locks
 * and reads its lower partner itself. Starting calls are not idempotent: the
 * callers look at the state before sending one again.
 */
class PromotionClient {
    http;
    constructor(http) {
        this.http = http;
    }
    /** Sends a starting call at most once in effect; see JsonHttpClient.sendOnce. The callers know how to look. */
    sendOnce(what, send, look) {
        return this.http.sendOnce(what, send, look);
    }
    async lockState() {
        return this.get(`${BASE}/lock/state`);
    }
    /** 202 `locking` with the new promotion id; 409 when a lock or promotion exists. */
    async lock() {
        return (await this.http.request({ method: 'POST', path: `${BASE}/lock`, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h, idempotent: false })).body;
    }
    /** 202 while unlocking, 200 when already unlocked; 409 while locking, unlocking or running. Repeating it is harmless. */
    async unlock(promotionId) {
        const path = `${BASE}/lock/${encodeURIComponent(promotionId)}`;
        return (await this.http.request({ method: 'DELETE', path, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h })).body;
    }
    async startPromotion(request) {
        return this.post(`${BASE}/promote`, request);
    }
    async startRollback(request) {
        return this.post(`${BASE}/rollback`, request);
    }
    async progress() {
        return this.get(`${BASE}/promote`);
    }
    async lastReport() {
        return this.get(`${BASE}/report`);
    }
    /**
     * The last report (none: the tenant answers 404) and the tenant's own time of the answer (its `Date`
     * header, whole seconds), the tenant-side floor a later report's `createdDate` is held to.
     */
    async lastReportSeen() {
        try {
            const answer = await this.http.request({ method: 'GET', path: `${BASE}/report`, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h });
            return { report: answer.body, tenantTime: tenantDate(answer.headers.date) };
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD && error.status === 404)
                return { report: undefined, tenantTime: undefined };
            throw error;
        }
    }
    async report(reportId) {
        return this.get(`${BASE}/report/${encodeURIComponent(reportId)}`);
    }
    async provisionalReport() {
        return this.get(`${BASE}/report/provisional`);
    }
    async provisionalRollbackReport() {
        return this.get(`${BASE}/report/provisional-rollback`);
    }
    async reports() {
        return this.get(`${BASE}/reports`);
    }
    async get(path) {
        return (await this.http.request({ method: 'GET', path, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h })).body;
    }
    async post(path, json) {
        return (await this.http.request({ method: 'POST', path, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h, json, idempotent: false })).body;
    }
}


/***/ })

};
;