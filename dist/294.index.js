"use strict";
exports.id = 294;
exports.ids = [294];
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

/***/ 2294:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  rotateSecret: () => (/* binding */ rotateSecret)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 19 modules
var core = __webpack_require__(8079);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/outputs.ts
var outputs = __webpack_require__(7729);
;// CONCATENATED MODULE: ./src/rotation/errors.ts

/** The tenant de-duplicated the value: it equals the latest version's, so no version was made. */
class DuplicateValueError extends errors/* ActionError */.lZ {
    name = 'DuplicateValueError';
    constructor(secretId, latestVersion) {
        super(`The value given for ${secretId} equals its latest version (${latestVersion}), so the tenant made no new version; give a different secret-value, or leave it empty to generate one`);
    }
}
/**
 * The new version exists but a later step (restart, wait, retirement) failed.
 * Says what was done and how to finish, so nobody rotates twice by hand.
 */
class RotationIncompleteError extends errors/* ActionError */.lZ {
    name = 'RotationIncompleteError';
}

// EXTERNAL MODULE: ./src/github/summary.ts
var summary = __webpack_require__(2935);
;// CONCATENATED MODULE: ./src/rotation/report.ts

/** The job summary: what happened in one line, and each version's state before and after. Never a value. */
function renderRotationReport(r) {
    const how = r.resumed
        ? `Finished the rotation to version **${r.newVersion}** that an earlier run began`
        : `Rotated to version **${r.newVersion}**${r.previousVersion ? ` (was ${r.previousVersion})` : ' (a new secret)'}`;
    const restart = r.restartStatus === 'skipped' ? 'not restarted (restart: never), so the new version is pending' : `restart: ${r.restartStatus}`;
    const retired = r.retired.length > 0 ? `${r.retireMode === 'delete' ? 'deleted' : 'disabled'} ${r.retired.join(', ')}` : 'nothing retired';
    return [`### Secret rotation: \`${r.secretId}\``, `${how} in \`${r.tenantUrl}\`; ${restart}; ${retired}.`, versionTable(r)].join('\n\n');
}
function versionTable(r) {
    const numbers = [...new Set([...r.before, ...r.after].map((v) => v.version))].sort((a, b) => Number(a) - Number(b));
    const rows = numbers.map((n) => [
        n === r.newVersion ? `${n} (new)` : n,
        describe(r.before.find((v) => v.version === n), n === r.loadedBefore),
        describe(r.after.find((v) => v.version === n), n === r.loadedAfter)
    ]);
    return (0,summary/* markdownTable */.Qj)(['version', 'before', 'after'], rows);
}
function describe(version, loaded) {
    if (!version)
        return '—';
    return loaded ? `${version.status}, loaded` : version.status;
}

;// CONCATENATED MODULE: ./src/rotation/retirement.ts
/**
 * Which versions to retire: every version beyond the newest `keep` ENABLED
 * ones — ENABLED ones to disable, or, when deleting, DISABLED ones too.
 * DESTROYED versions are already gone.
 */
function planRetirement(versions, rules) {
    if (rules.mode === 'none')
        return { retire: [], keptBecauseLoaded: undefined };
    const newestFirst = [...versions].sort((a, b) => Number(b.version) - Number(a.version));
    const kept = new Set(newestFirst
        .filter((v) => v.status === 'ENABLED')
        .slice(0, rules.keep)
        .map((v) => v.version));
    kept.add(rules.activeVersion);
    // Beyond keep-versions means older than the oldest version kept: a disabled version between kept ones stays.
    const oldestKept = Math.min(...[...kept].map(Number));
    const retirable = (v) => v.status === 'ENABLED' || (rules.mode === 'delete' && v.status === 'DISABLED' && Number(v.version) < oldestKept);
    const beyond = newestFirst.filter((v) => !kept.has(v.version) && retirable(v)).reverse();
    const loaded = beyond.find((v) => v.version === rules.loadedVersion && v.status === 'ENABLED');
    return { retire: beyond.filter((v) => v !== loaded), keptBecauseLoaded: loaded?.version };
}

// EXTERNAL MODULE: ./src/rotation/secret-values.ts
var secret_values = __webpack_require__(1851);
// EXTERNAL MODULE: ./src/tenant/esv.ts
var tenant_esv = __webpack_require__(1738);
// EXTERNAL MODULE: ./src/tenant/load-secret.ts
var load_secret = __webpack_require__(1359);
// EXTERNAL MODULE: ./src/tenant/startup.ts
var startup = __webpack_require__(3713);
// EXTERNAL MODULE: ./src/operations/context.ts
var operations_context = __webpack_require__(1137);
;// CONCATENATED MODULE: ./src/operations/rotate-secret.ts











/**
 * `rotate-secret`: add a version to an ESV secret, restart until the tenant
 * has loaded it, then retire old versions. Each step can be finished by a
 * later run: a version newer than the loaded one means an earlier run died
 * after creating it, and (with resume) this run finishes instead of rotating twice.
 */
async function rotateSecret(context) {
    const tenant = (0,operations_context/* requireTenant */.y)(context);
    const settings = context.inputs.rotation;
    if (!settings)
        throw new errors/* ActionError */.lZ('rotate-secret needs its inputs (secret-id)');
    const esv = new tenant_esv/* EsvClient */.eL(tenant.client);
    const id = settings.secretId;
    const start = await beginRotation(esv, settings, tenant.url);
    (0,outputs/* setOutput */.u)('secret-version', start.newVersion);
    (0,outputs/* setOutput */.u)('previous-version', start.previousVersion);
    writeValueOutput(settings, start);
    let restartStatus;
    try {
        restartStatus = await loadNewVersion(esv, new startup/* StartupClient */.h(tenant.client), id, start.newVersion, context.inputs.restart, context.inputs.waits);
    }
    catch (error) {
        throw new RotationIncompleteError(`${sentence((0,errors/* errorMessage */.gJ)(error))} Version ${start.newVersion} of ${id} exists but the tenant has not loaded it: run the step again; with resume: true (the default) it restarts and retires without making another version`);
    }
    (0,outputs/* setOutput */.u)('restart-status', restartStatus);
    const retired = [];
    let after;
    try {
        after = await retireOldVersions(esv, id, settings, retired);
    }
    catch (error) {
        throw new RotationIncompleteError(`${sentence((0,errors/* errorMessage */.gJ)(error))} Version ${start.newVersion} of ${id} is in place; retiring old versions failed after ${retired.length > 0 ? `retiring ${retired.join(', ')}` : 'retiring none'}: retire the rest in the admin console, or let the next rotation do it`);
    }
    (0,outputs/* setOutput */.u)('retired-versions', retired);
    context.summary.add(renderRotationReport({
        secretId: id,
        tenantUrl: tenant.url,
        before: start.before,
        loadedBefore: start.loadedBefore,
        after: after.versions,
        loadedAfter: after.secret.loadedVersion,
        newVersion: start.newVersion,
        previousVersion: start.previousVersion,
        resumed: start.resumed,
        restartStatus,
        retired,
        retireMode: settings.retire
    }));
}
async function beginRotation(esv, s, tenantUrl) {
    const id = s.secretId;
    const secret = await esv.getSecret(id);
    if (!secret) {
        if (!s.createIfMissing)
            throw new errors/* ActionError */.lZ(`The secret ${id} does not exist in ${tenantUrl}; check secret-id, or set create-if-missing: true to create it`);
        return createMissingSecret(esv, s);
    }
    const before = await esv.listVersions(id);
    const loaded = secret.loadedVersion;
    const resumed = {
        before,
        loadedBefore: loaded,
        newVersion: secret.activeVersion,
        previousVersion: loaded,
        resumed: true,
        generatedValue: undefined
    };
    const pending = secret.activeVersion !== loaded &&
        `${id} has version ${secret.activeVersion}, newer than the version the tenant has loaded (${loaded || 'none'})`;
    // A given value decides below: the tenant de-duplicates it against the pending version when it is that version's value.
    if (pending && s.resume && s.secretValue === undefined) {
        core/* info */.pq(`${pending}: an earlier rotation did not finish; finishing it (restart, retire) instead of rotating again (resume: false rotates anyway)`);
        return resumed;
    }
    if (pending && !s.resume)
        core/* warning */.$e(`${pending}; resume is false, so rotating again`);
    if (s.createIfMissing && s.encoding !== secret.encoding)
        core/* info */.pq(`${id} exists with encoding ${secret.encoding}; the encoding input applies only to a secret create-if-missing creates`);
    const { value, generated } = valueFor(id, secret.encoding, s);
    const { version, created } = await esv.createVersion(id, (0,secret_values/* toValueBase64 */.GP)(value), (0,tenant_esv/* latestVersionNumber */.$O)(before));
    if (!created && pending && s.resume) {
        core/* info */.pq(`${pending}: secret-value is that version's value; finishing the earlier rotation (restart, retire)`);
        return resumed;
    }
    if (!created)
        throw new DuplicateValueError(id, version.version);
    core/* info */.pq(`${pending && s.resume ? `${pending}; secret-value differs from it, so created` : 'Created'} version ${version.version} of ${id} (was ${secret.activeVersion})`);
    return {
        before,
        loadedBefore: loaded,
        newVersion: version.version,
        previousVersion: secret.activeVersion,
        resumed: false,
        generatedValue: generated ? value : undefined
    };
}
async function createMissingSecret(esv, s) {
    const id = s.secretId;
    const { value, generated } = valueFor(id, s.encoding, s);
    core/* info */.pq(`${id} does not exist; creating it (create-if-missing) with encoding ${s.encoding}`);
    const secret = await esv.createSecret(id, {
        encoding: s.encoding,
        useInPlaceholders: true,
        valueBase64: (0,secret_values/* toValueBase64 */.GP)(value),
        description: 'Rotated by tenant-pilot'
    });
    core/* info */.pq(`Created ${id} with version ${secret.activeVersion}`);
    return {
        before: [],
        loadedBefore: '',
        newVersion: secret.activeVersion,
        previousVersion: '',
        resumed: false,
        generatedValue: generated ? value : undefined
    };
}
/**
 * The given value, checked against the secret's real encoding, or a fresh one
 * fit for it. Runs before anything is written.
 */
function valueFor(id, encoding, s) {
    const about = `(${id} is a ${encoding} secret)`;
    if (s.secretValue !== undefined) {
        const problem = (0,secret_values/* secretValueProblem */.dI)(encoding, s.secretValue);
        if (problem)
            throw new errors/* InputError */.dz([`secret-value: ${problem} ${about}`]);
        return { value: s.secretValue, generated: false };
    }
    if (encoding === 'pem')
        throw new errors/* InputError */.dz([`secret-value: required for ${id}; ${secret_values/* PEM_NOT_GENERATED */.XB}`]);
    const lengthProblem = s.valueLength === undefined ? undefined : (0,secret_values/* valueLengthProblem */.Pb)(encoding, s.valueLength);
    if (lengthProblem)
        throw new errors/* InputError */.dz([`value-length: ${lengthProblem} ${about}`]);
    const value = (0,secret_values/* generateSecretValue */.xV)(encoding, s.valueLength);
    core/* info */.pq(`Generated a new ${encoding} value for ${id}`);
    return { value, generated: true };
}
function writeValueOutput(s, start) {
    if (!s.outputValue)
        return;
    if (start.generatedValue !== undefined)
        (0,outputs/* setSecretOutput */.g)('secret-value', start.generatedValue);
    else if (start.resumed)
        core/* warning */.$e('output-value: no value to output; this run finished an earlier rotation, and a secret value can never be read back');
    else
        core/* info */.pq('output-value: the value was given as secret-value, so it is not written to an output');
}
/** Restarts (unless never) and waits until the secret's loaded version is the new one, all within restart-timeout. */
async function loadNewVersion(esv, startup, id, target, mode, waits) {
    if (mode === 'never') {
        core/* info */.pq(`restart: never; version ${target} of ${id} stays pending until the tenant restarts (a later run with resume finishes the rotation)`);
        return 'skipped';
    }
    return (await (0,load_secret/* restartUntilLoaded */.N)(esv, startup, id, target, waits)).status;
}
async function retireOldVersions(esv, id, s, retired) {
    const secret = await (0,load_secret/* existingSecret */.k)(esv, id);
    const versions = await esv.listVersions(id);
    const plan = planRetirement(versions, {
        mode: s.retire,
        keep: s.keepVersions,
        activeVersion: secret.activeVersion,
        loadedVersion: secret.loadedVersion
    });
    if (plan.keptBecauseLoaded)
        core/* info */.pq(`Kept version ${plan.keptBecauseLoaded} of ${id} beyond keep-versions: the tenant still runs it until it restarts; a later run retires it`);
    for (const version of plan.retire) {
        if (s.retire === 'delete')
            await esv.deleteVersion(id, version.version);
        else
            await esv.setVersionStatus(id, version.version, 'DISABLED');
        retired.push(version.version);
        core/* info */.pq(`${s.retire === 'delete' ? 'Deleted' : 'Disabled'} version ${version.version} of ${id}`);
    }
    const status = retiredStatus(s.retire);
    return { secret, versions: versions.map((v) => (retired.includes(v.version) ? { ...v, status } : v)) };
}
/** Joins a cause and what to do next into one line. */
function sentence(message) {
    return /[.!?]$/.test(message) ? message : `${message}.`;
}
function retiredStatus(mode) {
    return mode === 'delete' ? 'DESTROYED' : 'DISABLED';
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

/***/ 1738:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $O: () => (/* binding */ latestVersionNumber),
/* harmony export */   eL: () => (/* binding */ EsvClient)
/* harmony export */ });
/* unused harmony exports newVersionsSince, byVersion */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _api_versions_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7404);



const MAX_PAGE_SIZE = 100;
/** A guard against a server that hands back the same cookie forever. */
const MAX_PAGES = 1000;
/**
 * `/environment/variables` and `/environment/secrets`: the ESV client. Values
 * travel base64-encoded; secret values are never readable.
 */
class EsvClient {
    http;
    constructor(http) {
        this.http = http;
    }
    /**
     * Variables with their values. The v1 list is used because the paged v2
     * list omits `valueBase64`; should a tenant page v1 too, the cookie is followed.
     */
    listVariables() {
        return this.listAll('/environment/variables', _api_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .API_V1 */ .h, {});
    }
    /** Secrets' metadata, 100 a page. */
    listSecrets() {
        return this.listAll('/environment/secrets', _api_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .API_V2 */ .a, { _pageSize: MAX_PAGE_SIZE });
    }
    async getVariable(id) {
        return this.getOrUndefined(`/environment/variables/${id}`);
    }
    async putVariable(id, body) {
        return (await this.http.request({ method: 'PUT', path: `/environment/variables/${id}`, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .API_V1 */ .h, json: body })).body;
    }
    async setVariableDescription(id, description) {
        await this.setDescription(`/environment/variables/${id}`, description);
    }
    async deleteVariable(id) {
        await this.deleteTolerating404(`/environment/variables/${id}`);
    }
    async getSecret(id) {
        return this.getOrUndefined(`/environment/secrets/${id}`);
    }
    /**
     * Creates a secret with its first version. Not repeated blindly: a second
     * PUT on a secret the first one made answers "already exists", so when the
     * outcome is unknown this looks whether the secret now exists.
     */
    async createSecret(id, body) {
        return this.http.sendOnce(`Creating ${id}`, () => this.putSecret(id, body), () => this.getSecret(id));
    }
    async setSecretDescription(id, description) {
        await this.setDescription(`/environment/secrets/${id}`, description);
    }
    async deleteSecret(id) {
        await this.deleteTolerating404(`/environment/secrets/${id}`);
    }
    async listVersions(id) {
        return (await this.http.request({ method: 'GET', path: `/environment/secrets/${id}/versions`, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .API_V1 */ .h }))
            .body;
    }
    /**
     * Adds a version. The tenant de-duplicates: a value equal to the latest
     * version's gives that version back (`created: false`). Never sent twice
     * blindly: when the outcome is unknown (no answer, or a gateway's 502/503/504,
     * which say nothing about whether the tenant acted), the versions are listed
     * to learn whether it was made; only when it was not is it sent again, and
     * each further unknown outcome is looked at the same way. Sending the same
     * value again is harmless even if a slow first attempt lands meanwhile: the
     * tenant de-duplicates it against that new latest version. `latestKnown`
     * is the latest version before the call, when the caller has it.
     */
    async createVersion(id, valueBase64, latestKnown) {
        // The latest version is the secret's activeVersion (it cannot be disabled), so a caller holding the secret need not list.
        const latestBefore = latestKnown ?? latestVersionNumber(await this.listVersions(id));
        const version = await this.http.sendOnce(`Creating a version of ${id}`, () => this.sendCreateVersion(id, valueBase64), async () => {
            const made = newVersionsSince(await this.listVersions(id), latestBefore);
            if (made.length > 1)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`${id} gained ${made.length} versions meanwhile; someone else is writing it too`);
            return made.at(-1);
        });
        return { version, created: Number(version.version) > latestBefore };
    }
    async setVersionStatus(id, version, status) {
        const body = { status };
        await this.http.request({
            method: 'POST',
            path: `/environment/secrets/${id}/versions/${version}`,
            query: { _action: 'changestatus' },
            headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .API_V1 */ .h,
            json: body,
            // Setting a status twice leaves the same state.
            idempotent: true
        });
    }
    /**
     * Destroys a version. A DELETE resent after a lost answer may find the version
     * already destroyed, and how a tenant answers that is not recorded: an error
     * is success when the version now reads DESTROYED.
     */
    async deleteVersion(id, version) {
        try {
            await this.http.request({
                method: 'DELETE',
                path: `/environment/secrets/${id}/versions/${version}`,
                headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .API_V1 */ .h,
                allowEmptyBody: true
            });
        }
        catch (error) {
            if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ApiError */ .hD && [400, 404, 409].includes(error.status)))
                throw error;
            const now = (await this.listVersions(id)).find((v) => v.version === version);
            if (now?.status !== 'DESTROYED')
                throw error;
        }
    }
    async sendCreateVersion(id, valueBase64) {
        const res = await this.http.request({
            method: 'POST',
            path: `/environment/secrets/${id}/versions`,
            query: { _action: 'create' },
            headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .API_V1 */ .h,
            json: { valueBase64 },
            idempotent: false,
            carriesSecret: true
        });
        return res.body;
    }
    async putSecret(id, body) {
        const res = await this.http.request({
            method: 'PUT',
            path: `/environment/secrets/${id}`,
            headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .API_V1 */ .h,
            json: body,
            idempotent: false,
            carriesSecret: true
        });
        return res.body;
    }
    async setDescription(path, description) {
        const body = { description };
        await this.http.request({
            method: 'POST',
            path,
            query: { _action: 'setDescription' },
            headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .API_V1 */ .h,
            json: body,
            idempotent: true,
            // A real tenant answers 200 with no body (frodo-lib recordings VariablesApi/SecretsApi set…Description).
            allowEmptyBody: true
        });
    }
    async getOrUndefined(path) {
        try {
            return (await this.http.request({ method: 'GET', path, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .API_V1 */ .h })).body;
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ApiError */ .hD && error.status === 404)
                return undefined;
            throw error;
        }
    }
    /** A DELETE retried after a lost answer finds the ESV gone: that is success. */
    async deleteTolerating404(path) {
        try {
            await this.http.request({ method: 'DELETE', path, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .API_V1 */ .h, allowEmptyBody: true });
        }
        catch (error) {
            if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ApiError */ .hD && error.status === 404))
                throw error;
        }
    }
    async listAll(path, headers, query) {
        const items = [];
        let cookie;
        for (let page = 0; page < MAX_PAGES; page++) {
            const res = await this.http.request({ method: 'GET', path, headers, query: { ...query, _pagedResultsCookie: cookie } });
            items.push(...res.body.result);
            cookie = res.body.pagedResultsCookie ?? undefined;
            // The API documents the last page's cookie as the text "null" too.
            if (!cookie || cookie === 'null' || res.body.result.length === 0 || res.body.remainingPagedResults === 0)
                return items;
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${path}: more than ${MAX_PAGES} pages; stopping`);
    }
}
function latestVersionNumber(versions) {
    return versions.reduce((max, v) => Math.max(max, Number(v.version) || 0), 0);
}
/** Versions numbered above `latestBefore`, oldest first. */
function newVersionsSince(versions, latestBefore) {
    return versions.filter((v) => Number(v.version) > latestBefore).sort(byVersion);
}
function byVersion(a, b) {
    return Number(a.version) - Number(b.version);
}


/***/ }),

/***/ 1359:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ restartUntilLoaded),
/* harmony export */   k: () => (/* binding */ existingSecret)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _poller_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8105);
/* harmony import */ var _restart_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3199);




/**
 * Restarts and waits until the tenant has loaded `target` as the secret's version, all within
 * restart-timeout. A restart that was already running may have read its configuration before
 * the version existed: then one more restart loads it.
 */
async function restartUntilLoaded(esv, startup, id, target, waits) {
    const deadline = Date.now() + waits.restartTimeoutMs;
    const remaining = () => ({ ...waits, restartTimeoutMs: Math.max(0, deadline - Date.now()) });
    let outcome = await (0,_restart_js__WEBPACK_IMPORTED_MODULE_3__/* .restartAndWait */ .G)(startup, remaining());
    if (outcome.joined && (await existingSecret(esv, id)).loadedVersion !== target) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`The restart that was already running did not load version ${target} of ${id}; starting another`);
        outcome = await (0,_restart_js__WEBPACK_IMPORTED_MODULE_3__/* .restartAndWait */ .G)(startup, remaining());
    }
    await (0,_poller_js__WEBPACK_IMPORTED_MODULE_2__/* .poll */ .w)({
        what: `${id} to load version ${target}`,
        intervalMs: waits.pollIntervalMs,
        timeoutMs: remaining().restartTimeoutMs,
        timeoutInput: 'restart-timeout',
        check: () => existingSecret(esv, id),
        describe: (secret) => `loaded version ${secret.loadedVersion || 'none'}`,
        done: (secret) => secret.loadedVersion === target
    });
    return outcome;
}
async function existingSecret(esv, id) {
    const secret = await esv.getSecret(id);
    if (!secret)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`The secret ${id} disappeared from the tenant while the action was working on it; check who else changes it`);
    return secret;
}


/***/ }),

/***/ 3199:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ restartAndWait)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _poller_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8105);



/**
 * Restarts the tenant's services and waits until they are ready. A restart
 * already under way is waited for rather than stacked with another.
 */
async function restartAndWait(startup, waits, options = {}) {
    const started = Date.now();
    const remaining = () => Math.max(0, waits.restartTimeoutMs - (Date.now() - started));
    const before = await startup.status();
    let joined = before.restartStatus === 'restarting';
    if (joined && options.fresh) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('A restart is already running; waiting for it to end, then restarting again so the new changes load');
        await waitUntilReady(startup, waits.pollIntervalMs, remaining(), 'the restart already running', before);
        joined = false;
    }
    let seen = before;
    if (joined) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('A restart is already running; waiting for it instead of starting another');
    }
    else {
        seen = await requestRestart(startup);
    }
    const status = await waitUntilReady(startup, waits.pollIntervalMs, remaining(), 'the restart', seen);
    return { status, joined, elapsedMs: Date.now() - started };
}
/**
 * Asks for a restart. A 409 "Restart already in progress" (what a resend gets when the first request's
 * answer was lost, or when another client started one since the status was read as ready) means a
 * restart is running that began after this run's writes: it is this run's restart.
 */
async function requestRestart(startup) {
    try {
        const seen = await startup.restart();
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Restart requested; the tenant says "${seen.restartStatus}"`);
        return seen;
    }
    catch (error) {
        if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ApiError */ .hD && error.status === 409))
            throw error;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Restart requested; the tenant answered 409 (${error.details.apiMessage ?? 'a restart is in progress'}): a restart is running`);
        return { restartStatus: 'restarting' };
    }
}
/** `seen`: the status just read or answered; while it says restarting, asking again at once would only repeat it. */
async function waitUntilReady(startup, intervalMs, timeoutMs, what, seen) {
    const result = await (0,_poller_js__WEBPACK_IMPORTED_MODULE_2__/* .poll */ .w)({
        what,
        intervalMs,
        timeoutMs,
        timeoutInput: 'restart-timeout',
        check: () => startup.status(),
        describe: (status) => status.restartStatus,
        done: (status) => status.restartStatus === 'ready',
        initial: seen.restartStatus === 'restarting' ? seen : undefined
    });
    return result.value.restartStatus;
}


/***/ }),

/***/ 3713:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ StartupClient)
/* harmony export */ });
/* harmony import */ var _api_versions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7404);

/** `/environment/startup`: the tenant's restart status and the restart action. */
class StartupClient {
    http;
    constructor(http) {
        this.http = http;
    }
    async status() {
        const res = await this.http.request({ method: 'GET', path: '/environment/startup', headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_0__/* .API_V1 */ .h });
        return res.body;
    }
    /**
     * Starting a restart twice is harmless (the tenant answers "restarting"),
     * so this POST may be retried.
     */
    async restart() {
        const res = await this.http.request({
            method: 'POST',
            path: '/environment/startup',
            query: { _action: 'restart' },
            headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_0__/* .API_V1 */ .h,
            idempotent: true
        });
        return res.body;
    }
}


/***/ })

};
;