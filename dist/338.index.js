"use strict";
exports.id = 338;
exports.ids = [338];
exports.modules = {

/***/ 3338:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dryRunPromote: () => (/* binding */ dryRunPromote),
/* harmony export */   warnAboutBlockers: () => (/* binding */ warnAboutBlockers)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _promotion_lock_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(161);
/* harmony import */ var _promotion_run_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1160);
/* harmony import */ var _promotion_session_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7277);
/* harmony import */ var _report_fingerprint_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1938);






/**
 * `dry-run-promote`: lock, dry-run a promotion from the lower environment,
 * unlock, and show the report (summary, sticky PR comment) with the
 * fingerprint that a later `promote` will hold the lower environment to.
 */
async function dryRunPromote(context) {
    const session = await (0,_promotion_session_js__WEBPACK_IMPORTED_MODULE_4__/* .openPromotionSession */ .yP)(context);
    // Kept outside the lock's callback so a failure after the dry run can still show its report.
    let assessed;
    let report;
    try {
        report = await (0,_promotion_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .withLock */ .kK)(session.client, session.tenantUrl, context.inputs.waits, async (lease) => {
            const outcome = await (0,_promotion_run_js__WEBPACK_IMPORTED_MODULE_3__/* .runAndWait */ .o0)(session.client, 'the dry run', () => session.client.startPromotion((0,_promotion_session_js__WEBPACK_IMPORTED_MODULE_4__/* .promotionRequest */ .vW)(session, true, false)), context.inputs.waits, { promotionId: lease.promotionId, type: 'promotion', dryRun: true });
            assessed = (0,_report_fingerprint_js__WEBPACK_IMPORTED_MODULE_5__/* .assessReport */ .vF)(outcome.report, outcome.progress);
            return assessed;
        });
    }
    catch (error) {
        await (0,_promotion_session_js__WEBPACK_IMPORTED_MODULE_4__/* .publish */ .mk)(session, 'failed', assessed, 'clear', (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error));
        throw error;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Dry run: ${report.rows.length} change(s); fingerprint ${(0,_report_fingerprint_js__WEBPACK_IMPORTED_MODULE_5__/* .displayFingerprint */ .LA)(report.fingerprint)}`);
    warnAboutBlockers(report);
    await (0,_promotion_session_js__WEBPACK_IMPORTED_MODULE_4__/* .publish */ .mk)(session, 'dry-run', report, 'set');
}
/** A dry run with blockers succeeds (it showed what it should), but says what a promotion would trip on. */
function warnAboutBlockers(report) {
    if (report.missingEsvs.length > 0)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Missing ESVs in the upper environment: ${report.missingEsvs.join(', ')}; promote will fail until they exist`);
    if (report.encryptedSecrets.length > 0)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Encrypted secrets in config: ${report.encryptedSecrets.join(', ')}; promote needs ignore-encrypted-secrets: true`);
}


/***/ })

};
;