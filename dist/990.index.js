"use strict";
exports.id = 990;
exports.ids = [990];
exports.modules = {

/***/ 5133:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DH: () => (/* binding */ resolveBeside),
/* harmony export */   EW: () => (/* binding */ readSmallFile),
/* harmony export */   H5: () => (/* binding */ readEnvValue),
/* harmony export */   Hp: () => (/* binding */ utf8Text),
/* harmony export */   pA: () => (/* binding */ readSmallFileBytes),
/* harmony export */   xI: () => (/* binding */ resolveInput),
/* harmony export */   z8: () => (/* binding */ NOT_UTF8_FILE)
/* harmony export */ });
/* unused harmony exports MAX_FILE_BYTES, ENV_NAME */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7194);



/** Declaration files and the files they point at are configuration, never bulk data. */
const MAX_FILE_BYTES = 1024 * 1024;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A file's text, or undefined after reporting why it cannot be read (missing, not a file, too big, not UTF-8). */
function readSmallFile(path, problem) {
    const bytes = readSmallFileBytes(path, problem);
    if (bytes === undefined)
        return undefined;
    const text = utf8Text(bytes);
    if (text === undefined)
        problem(NOT_UTF8_FILE);
    return text;
}
const NOT_UTF8_FILE = 'is not UTF-8 text (some bytes are not UTF-8); save it as UTF-8';
/** Bytes as UTF-8 text, or undefined when they are not UTF-8 (never U+FFFD in their place). */
function utf8Text(bytes) {
    try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    }
    catch {
        return undefined;
    }
}
/** A file's exact bytes, or undefined after reporting why it cannot be read (missing, not a file, too big). */
function readSmallFileBytes(path, problem) {
    let size;
    try {
        const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path);
        if (!stat.isFile()) {
            problem('not a file');
            return undefined;
        }
        size = stat.size;
    }
    catch {
        problem('file not found');
        return undefined;
    }
    if (size > MAX_FILE_BYTES) {
        problem(`the file is ${size} bytes; the limit is ${MAX_FILE_BYTES}`);
        return undefined;
    }
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path);
}
/**
 * A path written in a declaration file is relative to that file, and must stay inside the
 * workspace (or RUNNER_TEMP): the file may come from a pull request, whose author must not
 * point the action at the runner's own files. Symbolic links are followed before the check.
 */
function resolveBeside(declaringFile, relative, env = process.env) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(relative) ? relative : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(declaringFile), relative);
    let real = path;
    try {
        real = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(path);
    }
    catch {
        // A missing file is reported by the read; its path is still checked as written.
    }
    const roots = [env.GITHUB_WORKSPACE ?? process.cwd(), env.RUNNER_TEMP].filter((root) => Boolean(root));
    if (roots.some((root) => isInside(real, root)))
        return { ok: true, path };
    return { ok: false, problem: 'is outside the workspace; files a declaration file names must be in the repository' };
}
/**
 * A path given as an input (e.g. certificate-file), relative to the workspace; like a path a
 * declaration file names, it must stay inside the workspace (or RUNNER_TEMP).
 */
function resolveInput(relative, env = process.env) {
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    const resolved = resolveBeside((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, 'input'), relative, env);
    return resolved.ok
        ? resolved
        : { ok: false, problem: 'is outside the workspace; give a path to a file in the repository (or RUNNER_TEMP)' };
}
function isInside(path, root) {
    let realRoot = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(root);
    try {
        realRoot = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(realRoot);
    }
    catch {
        // compare as written
    }
    const fromRoot = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(realRoot, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path));
    return fromRoot === '' || (!fromRoot.startsWith('..') && !(0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(fromRoot));
}
/**
 * Reads an environment variable a declaration file names. A secret is masked
 * before anything else sees it, even when it is then refused.
 */
function readEnvValue(env, name, secret) {
    if (!ENV_NAME.test(name))
        return { ok: false, problem: `"${name}" is not an environment variable name` };
    const value = env[name];
    if (secret)
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .maskSecret */ .$l)(value);
    if (value?.includes('\uFFFD'))
        return {
            ok: false,
            problem: `the environment variable ${name} holds bytes that are not UTF-8 text (shown as U+FFFD); give the value as UTF-8`
        };
    if (value === undefined || value === '') {
        return {
            ok: false,
            problem: `the environment variable ${name} is ${value === undefined ? 'not set' : 'empty'}; set it in the step's env (e.g. from a GitHub secret)`
        };
    }
    return { ok: true, value };
}


/***/ }),

/***/ 8990:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   completeCsr: () => (/* binding */ completeCsr)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _files_source_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5133);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7729);
/* harmony import */ var _settings_pem_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2167);
/* harmony import */ var _tenant_certificates_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1646);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1137);







/**
 * `complete-csr`: installs the signed certificate of a CSR the tenant made.
 * The certificate file is checked before any request; a CSR already completed
 * is reported, not completed twice.
 */
async function completeCsr(context) {
    const inputs = context.inputs.tenantSettings.completeCsr;
    if (!inputs)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ('complete-csr: the inputs were not parsed for this operation');
    // The file is checked whole (inside the workspace, a certificate, not expired) before any request.
    const path = (0,_files_source_file_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveInput */ .xI)(inputs.certificateFile);
    if (!path.ok)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz([`certificate-file: ${inputs.certificateFile} ${path.problem}`]);
    const read = (0,_settings_pem_js__WEBPACK_IMPORTED_MODULE_4__/* .readCertificateFile */ .u)(path.path, Date.now());
    if (!read.ok)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz([`certificate-file: ${inputs.certificateFile}: ${read.problem}`]);
    const tenant = (0,_context_js__WEBPACK_IMPORTED_MODULE_6__/* .requireTenant */ .y)(context);
    const client = new _tenant_certificates_js__WEBPACK_IMPORTED_MODULE_5__/* .CertificateClient */ .d(tenant.client);
    const csr = await client.getCsr(inputs.csrId);
    if (!csr)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`CSR ${inputs.csrId} does not exist in ${tenant.url}; check csr-id (create-csr outputs it)`);
    if (csr.certificateID) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`CSR ${csr.id} is already completed: certificate ${csr.certificateID}`);
        (0,_outputs_js__WEBPACK_IMPORTED_MODULE_3__/* .setOutput */ .u)('certificate-id', csr.certificateID);
        context.summary.add(`### CSR \`${csr.id}\` was already completed\n\nCertificate id: \`${csr.certificateID}\`; nothing was uploaded.`);
        return;
    }
    const completed = await client.completeCsr(csr.id, read.pem);
    const certificateId = completed.certificateID;
    if (!certificateId) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`The tenant accepted the certificate for CSR ${csr.id} but named no certificate id; check Tenant settings → Certificates, then run the step again (it finds a completed CSR)`);
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Installed the signed certificate for CSR ${csr.id} (${read.leaf.subject.replace(/\n/g, ', ')}): certificate ${certificateId}`);
    (0,_outputs_js__WEBPACK_IMPORTED_MODULE_3__/* .setOutput */ .u)('certificate-id', certificateId);
    context.summary.add(`### CSR \`${csr.id}\` completed\n\nThe signed certificate (valid until ${read.leaf.validTo}) is installed as certificate \`${certificateId}\`. To manage it as code, declare it in a set-tenant-settings file with its certificate-file alone (the tenant holds its private key).`);
}


/***/ }),

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

/***/ 2167:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ readCertificateFile)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _files_source_file_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5133);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7194);



const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/g;
/**
 * Reads a PEM certificate file: the certificate first, then any chain. A
 * private key found in it is masked and refused (keys do not belong in git);
 * an expired certificate is refused.
 */
function readCertificateFile(path, now) {
    let failure = 'unreadable';
    const text = (0,_files_source_file_js__WEBPACK_IMPORTED_MODULE_1__/* .readSmallFile */ .EW)(path, (message) => (failure = message));
    if (text === undefined)
        return { ok: false, problem: failure };
    const keys = text.match(PEM_PRIVATE_KEY) ?? [];
    if (keys.length > 0) {
        keys.forEach(_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .maskSecret */ .$l);
        return { ok: false, problem: 'holds a private key; keep keys out of git and pass them with private-key-from-env' };
    }
    const blocks = text.match(PEM_CERTIFICATE) ?? [];
    if (blocks.length === 0)
        return { ok: false, problem: 'no PEM certificate (-----BEGIN CERTIFICATE-----) in it' };
    const parsed = [];
    for (const [index, block] of blocks.entries()) {
        try {
            parsed.push(new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(block));
        }
        catch {
            return { ok: false, problem: `certificate ${index + 1} is not a valid X.509 certificate` };
        }
    }
    const leaf = parsed[0];
    if (Date.parse(leaf.validTo) <= now)
        return { ok: false, problem: `the certificate expired on ${leaf.validTo}; renew it` };
    return { ok: true, pem: blocks.join('\n') + '\n', leaf };
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