"use strict";
exports.id = 130;
exports.ids = [130];
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

/***/ 9130:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createApiClient: () => (/* binding */ createApiClient)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 19 modules
var core = __webpack_require__(8079);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/github/summary.ts
var summary = __webpack_require__(2935);
// EXTERNAL MODULE: ./src/outputs.ts
var outputs = __webpack_require__(7729);
// EXTERNAL MODULE: ./src/poller.ts
var poller = __webpack_require__(8105);
// EXTERNAL MODULE: ./src/tenant/esv.ts
var tenant_esv = __webpack_require__(1738);
// EXTERNAL MODULE: ./src/tenant/load-secret.ts
var load_secret = __webpack_require__(1359);
// EXTERNAL MODULE: ./src/tenant/startup.ts
var startup = __webpack_require__(3713);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
// EXTERNAL MODULE: ./src/verify/entitlements.ts
var entitlements = __webpack_require__(4041);
;// CONCATENATED MODULE: ./src/verify/location.ts

/**
 * Resolves the `Location` of a created API client against the identity
 * tenant's URL, and refuses one on any other origin: the admin bearer token
 * is sent with the GET that follows, so it must never leave the tenant.
 * Returns the path (and query) to GET.
 */
function resolveClientLocation(location, tenantUrl, clientName) {
    const tenant = new URL(tenantUrl);
    if (!location) {
        throw new errors/* ActionError */.lZ(`The identity tenant created the API client "${clientName}" but answered without a Location header, so its id and secret cannot be read; find the client in the identity tenant's admin console and delete it, then run the step again`);
    }
    let resolved;
    try {
        resolved = new URL(location, tenant);
    }
    catch {
        throw new errors/* ActionError */.lZ(`The identity tenant answered the creation of "${clientName}" with a Location that is not a URL; nothing more was sent`);
    }
    if (resolved.origin !== tenant.origin) {
        throw new errors/* ActionError */.lZ(`Refused to follow the Location of the new API client "${clientName}": it points at ${resolved.origin}, not the identity tenant ${tenant.origin}, and the admin token must not be sent elsewhere. The client was created: delete it in the identity tenant's admin console and check for a proxy rewriting Location headers`);
    }
    return resolved.pathname + resolved.search;
}

;// CONCATENATED MODULE: ./src/verify/api-clients.ts




const API_CLIENTS_PATH = '/v1.0/apiclients';
/** What to do when the identity tenant refuses the admin client. */
const adminHint = (status) => {
    if (status === 401)
        return 'Check verify-client-id and verify-client-secret, and that the admin API client is enabled.';
    if (status === 403)
        return `The admin API client (verify-client-id) lacks the ${entitlements/* MANAGE_API_CLIENTS */.CH} entitlement; grant it in the identity tenant's admin console (Security → API access → API clients).`;
    return undefined;
};
/** `/v1.0/apiclients` of the identity tenant. Every client secret read is masked at once. */
class ApiClientsClient {
    http;
    constructor(http) {
        this.http = http;
    }
    /** The clients named exactly `name` (the search itself may match more loosely). */
    async findByName(name) {
        const res = await this.http.request({
            method: 'GET',
            path: API_CLIENTS_PATH,
            query: { search: `clientName = "${name.replace(/["\\]/g, '\\$&')}"` },
            hint: adminHint
        });
        const clients = res.body?.apiClients ?? [];
        for (const client of clients)
            (0,secrets/* maskSecret */.$l)(client.clientSecret);
        return clients.filter((client) => client.clientName === name);
    }
    /**
     * Creates a client and reads it back from its `Location` (on the tenant's
     * origin only). The POST is never repeated: when its outcome is unknown,
     * the name is looked up over the settle window; still absent, the step
     * fails and the next run's lookup by name finds a client made late.
     */
    async create(request) {
        const path = await this.http.sendOnce(`Creating the API client "${request.clientName}"`, () => this.post(request), async () => {
            const [made] = await this.findByName(request.clientName);
            return made && `${API_CLIENTS_PATH}/${encodeURIComponent(made.id)}`;
        }, 
        // A second client would be a second live secret.
        { duplicateHarmless: false });
        return this.getWithSecret(path);
    }
    async post(request) {
        const res = await this.http.request({
            method: 'POST',
            path: API_CLIENTS_PATH,
            json: request,
            idempotent: false,
            // 201 Created with an empty body and a Location: the answer is the header.
            allowEmptyBody: true,
            hint: adminHint
        });
        if (res.status !== 201) {
            throw new errors/* ActionError */.lZ(`POST ${API_CLIENTS_PATH} answered HTTP ${res.status} instead of 201 Created; check in the identity tenant whether "${request.clientName}" was created`);
        }
        const location = res.headers.location;
        return resolveClientLocation(Array.isArray(location) ? location[0] : location, this.http.baseUrl, request.clientName);
    }
    async getWithSecret(path) {
        const client = (await this.http.request({ method: 'GET', path, hint: adminHint })).body;
        (0,secrets/* maskSecret */.$l)(client?.clientSecret);
        if (!client || typeof client.id !== 'string' || typeof client.clientId !== 'string') {
            throw new errors/* ActionError */.lZ(`GET ${path} answered without the API client's id and clientId`);
        }
        if (typeof client.clientSecret !== 'string' || client.clientSecret === '') {
            throw new errors/* ActionError */.lZ(`The identity tenant created the API client "${client.clientName}" (id ${client.id}) but did not show its secret: only the ${entitlements/* SHOWS_CLIENT_SECRETS */.hb.join(' or ')} entitlement shows it (readAPIClients does not). Grant one to the admin API client (verify-client-id), delete the new client, and run the step again`);
        }
        return { ...client, clientSecret: client.clientSecret };
    }
}

// EXTERNAL MODULE: ./src/http/client.ts
var client = __webpack_require__(3329);
// EXTERNAL MODULE: ./src/http/settings.ts
var settings = __webpack_require__(5259);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/http/cached-tokens.ts
var cached_tokens = __webpack_require__(8723);
;// CONCATENATED MODULE: ./src/verify/tokens.ts


const VERIFY_TOKEN_PATH = '/v1.0/endpoint/default/token';
const DEFAULT_LIFETIME_SECONDS = 7200;
/**
 * Access tokens for the identity tenant's admin API client by the
 * client-credentials grant, cached until shortly before they expire.
 */
class ClientCredentialsTokens extends cached_tokens/* CachedTokens */.X {
    options;
    constructor(options) {
        super('The identity tenant token endpoint', DEFAULT_LIFETIME_SECONDS, options.now);
        this.options = options;
        (0,secrets/* maskSecret */.$l)(options.clientSecret);
    }
    async request() {
        const response = await this.options.http.request({
            method: 'POST',
            path: VERIFY_TOKEN_PATH,
            authenticate: false,
            // Asking for a token has no side effect, so it may be repeated.
            idempotent: true,
            carriesSecret: true,
            form: { grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: this.options.clientSecret },
            hint: (status) => status === 400 || status === 401
                ? 'Check verify-client-id and verify-client-secret, and that the admin API client is enabled in the identity tenant.'
                : undefined
        });
        return response.body;
    }
}

;// CONCATENATED MODULE: ./src/verify/connect.ts




/** An authenticated client for the identity tenant, as its admin API client. */
function connectIdentityTenant(inputs, http) {
    const base = { baseUrl: inputs.verifyTenantUrl, userAgent: version/* USER_AGENT */._, ...(0,settings/* clientTiming */.Iv)(http), label: 'identity tenant' };
    const tokens = new ClientCredentialsTokens({
        clientId: inputs.adminClientId,
        clientSecret: inputs.adminClientSecret,
        http: new client/* JsonHttpClient */.mO(base)
    });
    return new client/* JsonHttpClient */.mO({ ...base, tokens });
}

;// CONCATENATED MODULE: ./src/verify/store-in-esv.ts


/**
 * Looks at the ESV secret before anything is created elsewhere: it proves
 * the credentials and scopes work, and refuses a secret whose encoding
 * cannot hold a client secret.
 */
async function checkSecretTarget(esv, secretId) {
    const existing = await esv.getSecret(secretId);
    if (existing && existing.encoding !== 'generic') {
        throw new errors/* ActionError */.lZ(`store-in-secret: ${secretId} exists with encoding ${existing.encoding}; a client secret needs a generic secret. Choose another secret id, or delete ${secretId} first`);
    }
    return existing;
}
/** Writes the value as a new generic secret, or as a new version of the existing one. */
async function storeSecretValue(esv, secretId, value, existing, description) {
    const valueBase64 = Buffer.from(value, 'utf8').toString('base64');
    if (!existing) {
        const created = await esv.createSecret(secretId, { encoding: 'generic', useInPlaceholders: true, valueBase64, description });
        core/* info */.pq(`Created the ESV secret ${secretId} (version ${created.activeVersion})`);
        return { secretId, version: created.activeVersion, createdSecret: true, changed: true };
    }
    const { version, created } = await esv.createVersion(secretId, valueBase64);
    core/* info */.pq(created
        ? `Added version ${version.version} to the ESV secret ${secretId}`
        : `${secretId} already holds this value (version ${version.version})`);
    return { secretId, version: version.version, createdSecret: false, changed: created };
}

// EXTERNAL MODULE: ./src/operations/context.ts
var operations_context = __webpack_require__(1137);
;// CONCATENATED MODULE: ./src/operations/create-api-client.ts












/**
 * `create-api-client`: creates a least-privilege API client in the identity
 * tenant and hands its secret to one place only: the ESV secret given by
 * store-in-secret (then restarts per `restart`), or the masked output.
 */
async function createApiClient(context) {
    const inputs = context.inputs.apiClient;
    if (!inputs)
        throw new errors/* ActionError */.lZ('create-api-client: the API client inputs were not parsed');
    for (const warning of inputs.warnings)
        core/* warning */.$e(warning);
    const clients = new ApiClientsClient(connectIdentityTenant(inputs, context.inputs.http));
    const esv = inputs.storeInSecret ? new tenant_esv/* EsvClient */.eL((0,operations_context/* requireTenant */.y)(context).client) : undefined;
    // Before anything is created: the ESV tenant answers and the secret can hold the value.
    const target = esv && inputs.storeInSecret ? await checkSecretTarget(esv, inputs.storeInSecret) : undefined;
    const [existing] = await clients.findByName(inputs.clientName);
    if (existing)
        return reuseExisting(context, inputs, existing);
    const client = await clients.create({
        clientName: inputs.clientName,
        enabled: inputs.enabled,
        entitlements: inputs.entitlements,
        ...(inputs.description ? { description: inputs.description } : {})
    });
    core/* info */.pq(`Created the API client "${client.clientName}" (id ${client.id}, client id ${client.clientId})`);
    (0,outputs/* setOutput */.u)('client-id', client.clientId);
    (0,outputs/* setOutput */.u)('api-client-id', client.id);
    if (!inputs.storeInSecret || inputs.outputSecret)
        (0,outputs/* setSecretOutput */.g)('client-secret', client.clientSecret);
    const rows = clientRows(client);
    if (esv && inputs.storeInSecret)
        rows.push(...(await storeAndRestart(context, esv, inputs.storeInSecret, client, target)));
    else
        rows.push(['Secret', 'in the masked output `client-secret`']);
    context.summary.add(`### API client created\n\n${(0,summary/* markdownTable */.Qj)(['API client', ''], rows)}`);
}
function reuseExisting(context, inputs, existing) {
    if (inputs.ifExists === 'fail') {
        throw new errors/* ActionError */.lZ(`An API client named "${inputs.clientName}" already exists (id ${existing.id}); set if-exists: skip to keep it, or choose another client-name`);
    }
    core/* info */.pq(`An API client named "${inputs.clientName}" already exists (id ${existing.id}); if-exists is skip, so nothing was created and no secret is output`);
    (0,outputs/* setOutput */.u)('client-id', existing.clientId);
    (0,outputs/* setOutput */.u)('api-client-id', existing.id);
    const rows = [...clientRows(existing), ['Secret', 'unchanged; not output (the client already existed)']];
    context.summary.add(`### API client already exists\n\n${(0,summary/* markdownTable */.Qj)(['API client', ''], rows)}`);
}
function clientRows(client) {
    return [
        ['Name', client.clientName],
        ['API client id', `\`${client.id}\``],
        ['Client id', `\`${client.clientId}\``],
        ['Entitlements', client.entitlements.map((e) => `\`${e}\``).join(', ')],
        ['Enabled', String(client.enabled)]
    ];
}
/** Stores the secret, then restarts per `restart`; a failure says the client exists and what to do. */
async function storeAndRestart(context, esv, secretId, client, target) {
    let stored;
    try {
        stored = await storeSecretValue(esv, secretId, client.clientSecret, target, `Secret of the API client ${client.clientName} (${client.clientId})`);
    }
    catch (error) {
        throw new errors/* ActionError */.lZ(`The API client "${client.clientName}" (id ${client.id}) was created, but storing its secret in ${secretId} failed: ${(0,errors/* errorMessage */.gJ)(error)}. Delete the client in the identity tenant and run the step again`);
    }
    const rows = [['Secret', `stored in \`${secretId}\` (version ${stored.version}${stored.createdSecret ? ', new secret' : ''})`]];
    const mode = context.inputs.restart;
    if (mode === 'never' || (mode === 'auto' && !stored.changed && !isPending(target))) {
        core/* info */.pq(`Not restarting (restart: ${mode}); ${secretId} takes effect after the next restart`);
        rows.push(['Restart', `not done (restart: ${mode}); the secret takes effect after the next restart`]);
        return rows;
    }
    const tenant = (0,operations_context/* requireTenant */.y)(context);
    let outcome;
    try {
        outcome = await (0,load_secret/* restartUntilLoaded */.N)(esv, new startup/* StartupClient */.h(tenant.client), secretId, stored.version, context.inputs.waits);
    }
    catch (error) {
        throw new errors/* ActionError */.lZ(`The API client "${client.clientName}" (id ${client.id}) was created and its secret stored in ${secretId} (version ${stored.version}), but the tenant did not load it: ${(0,errors/* errorMessage */.gJ)(error)}. Restart the tenant (operation: restart) for the secret to take effect`);
    }
    (0,outputs/* setOutput */.u)('restart-status', outcome.status);
    core/* info */.pq(`The tenant is ${outcome.status} after ${(0,poller/* formatDuration */.a)(outcome.elapsedMs)}`);
    rows.push([
        'Restart',
        `${outcome.joined ? 'joined a running restart' : 'restarted'} \`${tenant.url}\`: **${outcome.status}** after ${(0,poller/* formatDuration */.a)(outcome.elapsedMs)}`
    ]);
    return rows;
}
function isPending(secret) {
    return secret !== undefined && (!secret.loaded || secret.loadedVersion !== secret.activeVersion);
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