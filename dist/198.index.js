"use strict";
exports.id = 198;
exports.ids = [198];
exports.modules = {

/***/ 6198:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   promotionReport: () => (/* binding */ promotionReport)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _promotion_session_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7277);
/* harmony import */ var _report_fingerprint_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1938);
/* harmony import */ var _tenant_connect_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6810);
/* harmony import */ var _tenant_promotion_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9349);





/**
 * `promotion-report`: no lock, no run. The provisional report (changes in the
 * lower environment since its last promotion; informational, a dry run is the
 * real check), a stored report by `report-id`, or the last one with
 * `report-id: last`. Peers read the provisional report from the lower tenant
 * (ForgeRock/fr-config-manager check-promotion-reports.js): with
 * lower-tenant-url so does this; without it the upper tenant is asked, and the
 * log and summary say which answered.
 */
async function promotionReport(context) {
    const session = await (0,_promotion_session_js__WEBPACK_IMPORTED_MODULE_1__/* .openPromotionSession */ .yP)(context);
    const { reportId } = context.inputs.promotion;
    let report;
    let source;
    if (reportId === undefined) {
        const lower = context.inputs.lowerTenant;
        const client = lower
            ? new _tenant_promotion_js__WEBPACK_IMPORTED_MODULE_4__.PromotionClient((0,_tenant_connect_js__WEBPACK_IMPORTED_MODULE_3__.connectTenant)(lower, { operation: context.inputs.operation, http: context.inputs.http, label: 'lower tenant' }))
            : session.client;
        report = await client.provisionalReport();
        source = lower
            ? `Provisional report read from the lower tenant \`${lower.url}\` (lower-tenant-url).`
            : `Provisional report read from the upper tenant \`${session.tenantUrl}\` (give lower-tenant-url to read it from the lower tenant).`;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(source.replace(/`/g, ''));
    }
    else {
        report = reportId === 'last' ? await session.client.lastReport() : await session.client.report(reportId);
    }
    const assessed = (0,_report_fingerprint_js__WEBPACK_IMPORTED_MODULE_2__/* .assessReport */ .vF)(report);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Report ${report.reportId}: ${assessed.rows.length} change(s); fingerprint ${(0,_report_fingerprint_js__WEBPACK_IMPORTED_MODULE_2__/* .displayFingerprint */ .LA)(assessed.fingerprint)}`);
    // Not a dry run, and no reason to forget one: the PR's approved dry run stays what promote checks.
    await (0,_promotion_session_js__WEBPACK_IMPORTED_MODULE_1__/* .publish */ .mk)(session, 'report', assessed, 'keep', undefined, source);
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