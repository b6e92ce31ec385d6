"use strict";
exports.id = 545;
exports.ids = [545];
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

/***/ 1545:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createCsr: () => (/* binding */ createCsr)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _github_summary_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2935);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7729);
/* harmony import */ var _tenant_certificates_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1646);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(1137);









/**
 * `create-csr`: the tenant makes a key pair and a certificate signing request
 * (the private key never leaves it). The CSR goes to a file under RUNNER_TEMP
 * and to the `csr` output, for a certificate authority to sign; `complete-csr`
 * then installs the signed certificate. An open CSR with the same subject is
 * handed out again instead of a second one made.
 */
async function createCsr(context) {
    const request = context.inputs.tenantSettings.createCsr;
    if (!request)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('create-csr: the inputs were not parsed for this operation');
    const tenant = (0,_context_js__WEBPACK_IMPORTED_MODULE_8__/* .requireTenant */ .y)(context);
    const client = new _tenant_certificates_js__WEBPACK_IMPORTED_MODULE_7__/* .CertificateClient */ .d(tenant.client);
    const listed = await client.listCsrs();
    const csr = openCsrMadeEarlier(listed, request) ?? (await client.createCsr(request, listed));
    if (!csr.request?.includes('-----BEGIN CERTIFICATE REQUEST-----'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ(`The tenant made CSR ${csr.id} but answered without its PEM; read it with GET /environment/csrs/${csr.id}`);
    const file = writeCsrFile(csr);
    _actions_core__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq(`Created CSR ${csr.id} (${csr.algorithm}) for ${csr.subject}; written to ${file}`);
    (0,_outputs_js__WEBPACK_IMPORTED_MODULE_6__/* .setOutput */ .u)('csr-id', csr.id);
    (0,_outputs_js__WEBPACK_IMPORTED_MODULE_6__/* .setOutput */ .u)('csr', csr.request);
    (0,_outputs_js__WEBPACK_IMPORTED_MODULE_6__/* .setOutput */ .u)('csr-file', file);
    context.summary.add(csrSummary(csr, file));
}
/**
 * A CSR with this subject that is still open: made by an earlier run (perhaps one whose answer was
 * lost), so it is handed out again rather than a second key pair made. The newest wins.
 */
function openCsrMadeEarlier(listed, request) {
    const open = (0,_tenant_certificates_js__WEBPACK_IMPORTED_MODULE_7__/* .openCsrsFor */ .n)(listed, request);
    const newest = open.sort((a, b) => (a.createdDate ?? '').localeCompare(b.createdDate ?? '')).at(-1);
    if (newest)
        _actions_core__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq(`CSR ${newest.id} for this subject is still open (made ${newest.createdDate ?? 'earlier'}, not yet completed): using it instead of making another; delete it in the tenant to get a new key pair`);
    return newest;
}
function writeCsrFile(csr, env = process.env) {
    const folder = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'tenant-pilot');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(folder, { recursive: true });
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(folder, `csr-${csr.id.replace(/[^A-Za-z0-9._-]/g, '_')}.pem`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(path, csr.request.endsWith('\n') ? csr.request : `${csr.request}\n`);
    return path;
}
function csrSummary(csr, file) {
    const rows = [
        ['CSR id', `\`${csr.id}\``],
        ['algorithm', csr.algorithm],
        ['subject', csr.subject],
        ['subject alternative names', (csr.subjectAlternativeNames ?? []).join(', ') || '(none)'],
        ['file', `\`${file}\``]
    ];
    return `### Certificate signing request created\n\n${(0,_github_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .markdownTable */ .Qj)(['', ''], rows)}\n\nHave it signed by your certificate authority, then run \`complete-csr\` with \`csr-id: ${csr.id}\` and the signed certificate.\n\n\`\`\`\n${csr.request.trim()}\n\`\`\``;
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

/***/ 1646:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ CertificateClient),
/* harmony export */   n: () => (/* binding */ openCsrsFor)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _api_versions_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7404);


/**
 * `/environment/certificates` and `/environment/csrs`. Creating a certificate
 * or a CSR and completing a CSR are not safe to repeat blindly: after an
 * unknown outcome each looks at the tenant before sending again.
 */
class CertificateClient {
    http;
    constructor(http) {
        this.http = http;
    }
    async listCertificates() {
        return (await this.http.request({ method: 'GET', path: '/environment/certificates', headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h })).body;
    }
    /**
     * Uploads a certificate with its private key. When the outcome is unknown the
     * certificates are listed, and one that `isThisOne` recognises is the upload.
     */
    async uploadCertificate(body, isThisOne) {
        return this.http.sendOnce('Uploading a certificate', () => this.sendUpload(body), async () => (await this.listCertificates()).find(isThisOne), 
        // A second copy would be a second certificate with the same key to manage.
        { duplicateHarmless: false });
    }
    /** One certificate; undefined when the tenant answers 404 (with an empty body, as real tenants do). */
    async getCertificate(id) {
        try {
            const path = `/environment/certificates/${encodeURIComponent(id)}`;
            return (await this.http.request({ method: 'GET', path, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h })).body;
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD && error.status === 404)
                return undefined;
            throw error;
        }
    }
    async setCertificateActive(id, active) {
        const body = { active };
        const res = await this.http.request({
            method: 'PATCH',
            path: `/environment/certificates/${encodeURIComponent(id)}`,
            headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h,
            json: body,
            // Setting the same status twice leaves the same state.
            idempotent: true,
            hint: (status, message) => status === 404 && message === undefined
                ? `The tenant has no certificate ${id} (it answered 404 with an empty body); someone removed it meanwhile: run the step again to plan afresh.`
                : undefined
        });
        return res.body;
    }
    /**
     * The tenant deletes only an inactive certificate; it answers 200 with an empty body, also for
     * one already gone (so a DELETE repeated after a lost answer succeeds).
     */
    async deleteCertificate(id) {
        try {
            await this.http.request({
                method: 'DELETE',
                path: `/environment/certificates/${encodeURIComponent(id)}`,
                headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h,
                allowEmptyBody: true,
                hint: (status, message) => status === 500 && message === undefined
                    ? `The tenant answered 500 with an empty body, as it does while a deactivated certificate is still being taken off its load balancers; wait a minute and run the step again.`
                    : undefined
            });
        }
        catch (error) {
            if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD && error.status === 404))
                throw error;
        }
    }
    async listCsrs() {
        return (await this.http.request({ method: 'GET', path: '/environment/csrs', headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h })).body;
    }
    async getCsr(id) {
        try {
            const path = `/environment/csrs/${encodeURIComponent(id)}`;
            return (await this.http.request({ method: 'GET', path, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h })).body;
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD && error.status === 404)
                return undefined;
            throw error;
        }
    }
    /**
     * Creates a CSR (the tenant makes and keeps its private key). When the
     * outcome is unknown, a new open CSR with the requested subject is the one
     * made; it is never sent twice (a second CSR would be a second key pair).
     */
    async createCsr(body, listed) {
        const before = new Set((listed ?? (await this.listCsrs())).map((csr) => csr.id));
        return this.http.sendOnce('Creating the CSR', () => this.sendCreateCsr(body), async () => {
            const made = openCsrsFor(await this.listCsrs(), body).filter((csr) => !before.has(csr.id));
            if (made.length > 1)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Creating the CSR got no answer, and ${made.length} new CSRs with this subject appeared (${made.map((c) => c.id).join(', ')}); someone else is creating CSRs too. Pick one and run complete-csr with its id.`);
            return made[0];
        }, { duplicateHarmless: false });
    }
    /**
     * Uploads the signed certificate of a CSR. When the outcome is unknown the
     * CSR is read: a `certificateID` on it means the upload went through.
     */
    async completeCsr(id, certificate) {
        const body = { certificate };
        const send = async () => (await this.http.request({
            method: 'PATCH',
            path: `/environment/csrs/${encodeURIComponent(id)}`,
            headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h,
            json: body,
            idempotent: false,
            hint: (status, message) => status === 404 && message === undefined
                ? `The tenant has no CSR ${id} (it answered 404 with an empty body); check csr-id, or make a new one with create-csr.`
                : undefined
        })).body;
        return this.http.sendOnce(`Completing CSR ${id}`, send, async () => {
            const csr = await this.getCsr(id);
            return csr?.certificateID ? csr : undefined;
        });
    }
    async sendUpload(body) {
        const res = await this.http.request({
            method: 'POST',
            path: '/environment/certificates',
            headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h,
            json: body,
            idempotent: false,
            carriesSecret: true,
            hint: (status) => status === 400 ? 'Check that the certificate is PEM, not expired, and that the private key belongs to it.' : undefined
        });
        return res.body;
    }
    async sendCreateCsr(body) {
        const res = await this.http.request({
            method: 'POST',
            path: '/environment/csrs',
            headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h,
            json: body,
            idempotent: false
        });
        return res.body;
    }
}
/** CSRs not yet completed whose subject and names are the ones `body` asks for. */
function openCsrsFor(csrs, body) {
    return csrs.filter((csr) => !csr.certificateID && sameCsrSubject(csr, body));
}
/** Subject fields a CSR's subject names by these attributes, as real tenants write them. */
const CSR_SUBJECT_ATTRIBUTES = [
    ['commonName', 'CN'],
    ['organization', 'O'],
    ['organizationalUnit', 'OU'],
    ['country', 'C'],
    ['state', 'ST'],
    ['city', 'L']
];
/**
 * The same request: the same names (in any order) and the same common name, organisation, unit,
 * country, state and city where asked for. Real tenants write the subject `C=US/ST=…/CN=…`; Go's
 * `CN=…,O=…` is read too.
 */
function sameCsrSubject(csr, body) {
    const names = (list) => [...(list ?? [])]
        .map((n) => n.toLowerCase())
        .sort()
        .join(',');
    if (names(csr.subjectAlternativeNames) !== names(body.subjectAlternativeNames))
        return false;
    // Split at each separator that starts another `TYPE=`: a value may hold a comma ("Acme, Inc").
    const attributes = new Map((csr.subject ?? '')
        .split(/[,/](?=\s*[A-Za-z]+=)/)
        .map((part) => /^\s*([A-Za-z]+)=(.*)$/.exec(part))
        .filter((match) => match !== null)
        .map((match) => [match[1], match[2].trim().toLowerCase()]));
    return CSR_SUBJECT_ATTRIBUTES.every(([field, attribute]) => {
        const wanted = body[field];
        return typeof wanted !== 'string' || wanted === '' || attributes.get(attribute) === wanted.toLowerCase();
    });
}


/***/ })

};
;