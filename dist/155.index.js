export const id = 155;
export const ids = [155];
export const modules = {

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
    'create-api-client': async () => (await __webpack_require__.e(/* import() */ 130).then(__webpack_require__.bind(__webpack_require__, 9130))).createApiClient,
    'dry-run-promote': async () => (await Promise.all(/* import() */[__webpack_require__.e(277), __webpack_require__.e(944), __webpack_require__.e(338)]).then(__webpack_require__.bind(__webpack_require__, 3338))).dryRunPromote,
    promote: async () => (await Promise.all(/* import() */[__webpack_require__.e(277), __webpack_require__.e(944), __webpack_require__.e(428)]).then(__webpack_require__.bind(__webpack_require__, 1428))).promote,
    rollback: async () => (await Promise.all(/* import() */[__webpack_require__.e(277), __webpack_require__.e(944), __webpack_require__.e(328)]).then(__webpack_require__.bind(__webpack_require__, 9328))).rollback,
    'promotion-report': async () => (await Promise.all(/* import() */[__webpack_require__.e(277), __webpack_require__.e(198)]).then(__webpack_require__.bind(__webpack_require__, 6198))).promotionReport,
    unlock: async () => (await __webpack_require__.e(/* import() */ 672).then(__webpack_require__.bind(__webpack_require__, 8672))).unlock,
    restart: async () => (await __webpack_require__.e(/* import() */ 537).then(__webpack_require__.bind(__webpack_require__, 1537))).restart,
    'set-tenant-settings': async () => (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(574)]).then(__webpack_require__.bind(__webpack_require__, 574))).setTenantSettings,
    'create-csr': async () => (await __webpack_require__.e(/* import() */ 545).then(__webpack_require__.bind(__webpack_require__, 1545))).createCsr,
    'complete-csr': async () => (await __webpack_require__.e(/* import() */ 990).then(__webpack_require__.bind(__webpack_require__, 8990))).completeCsr
};

// EXTERNAL MODULE: ./src/tenant/connect.ts
var connect = __webpack_require__(6810);
;// CONCATENATED MODULE: ./src/main.ts






async function run(summary = new github_summary/* JobSummary */.c3()) {
    try {
        const inputs = (0,src_inputs/* parseInputs */.TL)((name) => core/* getInput */.V4(name));
        const operation = await OPERATION_HANDLERS[inputs.operation]();
        const tenant = inputs.tenant && {
            url: inputs.tenant.url,
            client: (0,connect/* connectTenant */.H)(inputs.tenant, { operation: inputs.operation, http: inputs.http })
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
