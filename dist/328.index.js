"use strict";
exports.id = 328;
exports.ids = [328];
exports.modules = {

/***/ 9328:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rollback: () => (/* binding */ rollback)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _promotion_lock_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(161);
/* harmony import */ var _promotion_run_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1160);
/* harmony import */ var _promotion_session_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7277);
/* harmony import */ var _report_fingerprint_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1938);






/** `rollback`: show what rolling back the last promotion would change, then lock, roll back, wait, report, unlock. */
async function rollback(context) {
    const { inputs } = context;
    const session = await (0,_promotion_session_js__WEBPACK_IMPORTED_MODULE_4__/* .openPromotionSession */ .yP)(context);
    const provisional = (0,_report_fingerprint_js__WEBPACK_IMPORTED_MODULE_5__/* .assessReport */ .vF)(await session.client.provisionalRollbackReport());
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Rolling back the last promotion: ${provisional.rows.length} change(s) expected`);
    for (const row of provisional.rows)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`  ${row.section} ${row.configItem}: ${row.kind} ${row.name}`);
    let assessed;
    try {
        assessed = await (0,_promotion_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .withLock */ .kK)(session.client, session.tenantUrl, inputs.waits, async (lease) => {
            const outcome = await (0,_promotion_run_js__WEBPACK_IMPORTED_MODULE_3__/* .runAndWait */ .o0)(session.client, 'the rollback', () => session.client.startRollback((0,_promotion_session_js__WEBPACK_IMPORTED_MODULE_4__/* .rollbackRequest */ .I6)(session, inputs.promotion.unlockAfter)), inputs.waits, { promotionId: lease.promotionId, type: 'rollback', dryRun: false });
            lease.keepOnSuccess = !inputs.promotion.unlockAfter;
            lease.unlocksItself = inputs.promotion.unlockAfter;
            return (0,_report_fingerprint_js__WEBPACK_IMPORTED_MODULE_5__/* .assessReport */ .vF)(outcome.report, outcome.progress);
        });
    }
    catch (error) {
        await (0,_promotion_session_js__WEBPACK_IMPORTED_MODULE_4__/* .publish */ .mk)(session, 'failed', provisional, 'clear', (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error));
        throw error;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Rolled back ${assessed.rows.length} change(s) in ${session.tenantUrl}`);
    await (0,_promotion_session_js__WEBPACK_IMPORTED_MODULE_4__/* .publish */ .mk)(session, 'rolled-back', assessed, 'clear');
}


/***/ })

};
;