"use strict";
exports.id = 574;
exports.ids = [574,794];
exports.modules = {

/***/ 1532:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ runBounded)
/* harmony export */ });
/**
 * Runs `task` over `items` with at most `limit` in flight. Every item runs to
 * its end even when others fail, so one failure never hides another.
 */
async function runBounded(items, limit, task) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            const item = items[index];
            try {
                results[index] = { item, ok: true, value: await task(item) };
            }
            catch (error) {
                results[index] = { item, ok: false, error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}


/***/ }),

/***/ 3827:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HN: () => (/* binding */ planLines),
/* harmony export */   MM: () => (/* binding */ planSummary),
/* harmony export */   Tr: () => (/* binding */ countBy)
/* harmony export */ });
/* harmony import */ var _github_summary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2935);

const SYMBOL = {
    create: '+',
    update: '~',
    'update-description': '~',
    'check-value': '?',
    replace: '±',
    delete: '-',
    unchanged: '='
};
const LABEL = {
    create: 'create',
    update: 'update value',
    'update-description': 'update description',
    'check-value': 'push value (unchanged if equal)',
    replace: 'replace',
    delete: 'delete',
    unchanged: 'unchanged'
};
/** One log line per ESV, Terraform-style. Never a secret value; variable values only when asked. */
function planLines(plan, showValues) {
    const lines = plan.items.map((item) => `${SYMBOL[item.action]} ${item.kind.padEnd(8)} ${item.id}: ${describe(item, showValues)}`);
    for (const id of plan.unmanaged)
        lines.push(`  (kept)   ${id}: in the tenant, not in the file (prune is off)`);
    return lines;
}
function describe(item, showValues) {
    const parts = [LABEL[item.action]];
    if (item.setDescription && item.action !== 'update-description')
        parts.push('and description');
    if (item.reason)
        parts.push(`(${item.reason})`);
    if (showValues && item.desired?.kind === 'variable' && ['create', 'update', 'replace'].includes(item.action))
        parts.push(`= ${item.desired.text}`);
    return parts.join(' ');
}
function planSummary(plan, options) {
    const applied = new Map(options.changes?.map((c) => [c.id, c.action]));
    const headers = ['ESV', 'kind', options.dryRun ? 'plan' : 'result', ...(options.showValues ? ['value'] : [])];
    const rows = plan.items.map((item) => [
        `\`${item.id}\``,
        item.kind,
        options.dryRun ? LABEL[item.action] : (applied.get(item.id) ?? 'failed'),
        ...(options.showValues ? [item.desired?.kind === 'variable' ? `\`${item.desired.text}\`` : ''] : [])
    ]);
    const counts = countBy(options.dryRun ? plan.items.map((i) => LABEL[i.action]) : [...applied.values()]);
    const heading = options.dryRun
        ? `### ESV plan for \`${options.file}\` (dry run: nothing written)`
        : `### ESV sync from \`${options.file}\``;
    const unmanaged = plan.unmanaged.length > 0
        ? `\n\nIn the tenant but not in the file (kept; \`prune: true\` deletes them): ${plan.unmanaged.map((id) => `\`${id}\``).join(', ')}`
        : '';
    return `${heading}\n\n${counts}\n\n${(0,_github_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownTable */ .Qj)(headers, rows)}${unmanaged}`;
}
/** "2 update, 1 unchanged": how many rows of each label a summary table holds. */
function countBy(labels) {
    const counts = new Map();
    for (const label of labels)
        counts.set(label, (counts.get(label) ?? 0) + 1);
    return [...counts].map(([label, n]) => `${n} ${label}`).join(', ') || 'nothing declared';
}


/***/ }),

/***/ 5141:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ failOnFileProblems)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);


/**
 * Reports each problem of a declaration file as an error annotation on its
 * line and column; when there is any, fails the step before a request is sent.
 */
function failOnFileProblems(input, path, problems, title) {
    for (const problem of problems) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(problem.message, { title, file: problem.file, startLine: problem.line, startColumn: problem.column });
    }
    if (problems.length === 0)
        return;
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${input} ${path}: ${count} (annotated above); nothing was sent to the tenant`);
}


/***/ }),

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

/***/ 9071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ loadYamlMapping)
/* harmony export */ });
/* unused harmony export MAX_ALIASES */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var _source_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5133);



/** Aliases beyond this are a "billion laughs" bomb, not configuration. */
const MAX_ALIASES = 50;
/**
 * Reads a YAML (.yaml, .yml) or JSON (.json) file whose top level must be a
 * mapping: size-limited, duplicate keys refused, aliases bounded. Problems
 * are appended with their line and column; undefined when the file is unusable.
 */
function loadYamlMapping(path, problems, expected) {
    const top = { file: path, line: 1, column: 1 };
    const at = (position, message) => problems.push({ ...position, message });
    const text = (0,_source_file_js__WEBPACK_IMPORTED_MODULE_2__/* .readSmallFile */ .EW)(path, (message) => at(top, message));
    if (text === undefined)
        return undefined;
    const extension = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.extname)(path).toLowerCase();
    if (!['.yaml', '.yml', '.json'].includes(extension)) {
        at(top, `unsupported file type "${extension}"; use .yaml, .yml or .json`);
        return undefined;
    }
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_1__/* .LineCounter */ .HN();
    // yaml's own uniqueKeys compares every key with every other (quadratic in a map's size); duplicateKeys is one pass.
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)(text, { lineCounter, uniqueKeys: false, schema: extension === '.json' ? 'json' : 'core', prettyErrors: false });
    const positionOf = (node) => {
        const offset = node?.range?.[0] ?? 0;
        const { line, col } = lineCounter.linePos(offset);
        return { file: path, line, column: col };
    };
    const { duplicateKeyOffsets, hasAliases } = scanDocument(doc);
    const errors = [
        ...doc.errors.map((error) => ({ offset: error.pos[0], message: error.message.split('\n')[0] ?? 'invalid YAML' })),
        ...duplicateKeyOffsets.map((offset) => ({ offset, message: DUPLICATE_KEY_MESSAGE }))
    ].sort((a, b) => a.offset - b.offset);
    for (const error of errors) {
        const { line, col } = lineCounter.linePos(error.offset);
        at({ file: path, line, column: col }, error.message);
    }
    if (errors.length > 0)
        return undefined;
    if (!aliasesWithinLimit(doc, hasAliases)) {
        at(top, `more than ${MAX_ALIASES} YAML aliases; refusing a file that expands like a bomb`);
        return undefined;
    }
    const root = doc.contents;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(root)) {
        at(positionOf(root), `expected a mapping with ${expected}`);
        return undefined;
    }
    return { path, root, positionOf, toJs: (node) => node.toJS(doc, { maxAliasCount: MAX_ALIASES }) };
}
/** The words yaml itself uses, so an annotation reads the same as before. */
const DUPLICATE_KEY_MESSAGE = 'Map keys must be unique';
/**
 * One pass over the document: the offsets of every key that repeats an earlier key of its mapping, as yaml's
 * uniqueKeys judges them (scalars equal by ===, other keys only by identity), and whether any alias occurs.
 */
function scanDocument(doc) {
    const duplicateKeyOffsets = [];
    let hasAliases = false;
    (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .visit */ .YR)(doc, {
        Alias() {
            hasAliases = true;
        },
        Map(_key, map) {
            const seen = new Set();
            for (const pair of map.items) {
                if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(pair.key) || Number.isNaN(pair.key.value))
                    continue;
                const value = pair.key.value;
                const identity = `${value === null ? 'null' : typeof value}:${String(value)}`;
                if (seen.has(identity))
                    duplicateKeyOffsets.push(pair.key.range?.[0] ?? 0);
                else
                    seen.add(identity);
            }
        }
    });
    return { duplicateKeyOffsets, hasAliases };
}
/** Without an alias nothing can expand, so only a document with aliases is expanded (bounded) to judge it. */
function aliasesWithinLimit(doc, hasAliases) {
    if (!hasAliases)
        return true;
    try {
        doc.toJS({ maxAliasCount: MAX_ALIASES });
        return true;
    }
    catch {
        return false;
    }
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

/***/ 574:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  setTenantSettings: () => (/* binding */ setTenantSettings)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 19 modules
var core = __webpack_require__(8079);
// EXTERNAL MODULE: ./src/concurrency.ts
var concurrency = __webpack_require__(1532);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/files/annotations.ts
var annotations = __webpack_require__(5141);
// EXTERNAL MODULE: ./src/outputs.ts
var outputs = __webpack_require__(7729);
// EXTERNAL MODULE: ./src/poller.ts
var poller = __webpack_require__(8105);
;// CONCATENATED MODULE: ./src/settings/certificate-identity.ts
/** One text that is equal exactly when the identities are. */
function identityKey(identity) {
    return JSON.stringify([identity.subject, identity.subjectAlternativeNames, identity.validFrom, identity.validTo]);
}
function sameIdentity(a, b) {
    return identityKey(a) === identityKey(b);
}
function identityOfX509(certificate) {
    return {
        subject: normaliseDn(certificate.subject),
        subjectAlternativeNames: dnsNames(certificate.subjectAltName),
        validFrom: epochSeconds(certificate.validFrom),
        validTo: epochSeconds(certificate.validTo)
    };
}
function identityOfTenantCertificate(certificate) {
    return {
        subject: normaliseDn(certificate.subject ?? ''),
        subjectAlternativeNames: normaliseNames(certificate.subjectAlternativeNames ?? []),
        validFrom: epochSeconds(certificate.validFromTime ?? ''),
        validTo: epochSeconds(certificate.expireTime ?? '')
    };
}
/** "CN=login.acme.example (+1 SAN), expires 2026-01-01", for plans and summaries. */
function describeIdentity(identity) {
    const cn = /(?:^|,)CN=([^,]*)/.exec(identity.subject)?.[1];
    const name = cn ? `CN=${cn}` : identity.subject || '(no subject)';
    const others = identity.subjectAlternativeNames.filter((san) => san !== cn?.toLowerCase());
    const sans = others.length > 0 ? ` +${others.length} SAN${others.length === 1 ? '' : 's'}` : '';
    const expiry = Number.isFinite(identity.validTo) ? `, expires ${new Date(identity.validTo * 1000).toISOString().slice(0, 10)}` : '';
    return `${name}${sans}${expiry}`;
}
/**
 * Splits a distinguished name written one attribute a line (Node) or comma
 * separated (RFC 4514, most APIs), honouring backslash escapes, into sorted
 * `TYPE=value` pairs.
 */
function normaliseDn(dn) {
    const parts = [];
    let current = '';
    for (let i = 0; i < dn.length; i++) {
        const char = dn[i];
        if (char === '\\' && i + 1 < dn.length) {
            current += char + dn[++i];
        }
        else if (char === ',' || char === '\n' || char === '+') {
            parts.push(current);
            current = '';
        }
        else {
            current += char;
        }
    }
    parts.push(current);
    return parts
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => {
        const equals = part.indexOf('=');
        return equals < 0 ? part : `${part.slice(0, equals).trim().toUpperCase()}=${part.slice(equals + 1).trim()}`;
    })
        .sort()
        .join(',');
}
/** The DNS names of Node's `subjectAltName` ("DNS:a.example, IP Address:10.0.0.1"). */
function dnsNames(subjectAltName) {
    if (!subjectAltName)
        return [];
    const names = subjectAltName
        .split(/,\s*/)
        .filter((entry) => entry.startsWith('DNS:'))
        .map((entry) => entry.slice(4));
    return normaliseNames(names);
}
function normaliseNames(names) {
    return [...new Set(names.map((name) => name.trim().toLowerCase()))].sort();
}
function epochSeconds(time) {
    return Math.floor(Date.parse(time) / 1000);
}

;// CONCATENATED MODULE: ./src/settings/apply.ts




async function applySetting(client, item) {
    if (item.action === 'update')
        await write(client, item.write);
    return { setting: item.setting, action: item.action === 'update' ? 'updated' : 'unchanged' };
}
async function write(client, target) {
    switch (target.area) {
        case 'content-security-policy':
            await client.putContentSecurityPolicy(target.policy, target.body);
            return;
        case 'cookie-domains':
            await client.putCookieDomains(target.body);
            return;
        case 'custom-domains':
            await client.putCustomDomains(target.realm, target.body);
            return;
        case 'federation-enforcement':
            await client.putFederationEnforcement(target.body);
            return;
        case 'sso-cookie':
            await client.putSsoCookie(target.body);
            return;
    }
}
/**
 * Carries out the certificate items in plan order, one at a time, and stops at
 * the first failure: deactivating or deleting the old certificate after the
 * new one failed to go live would leave the tenant without one. So before the
 * first deactivation or deletion, the certificates just activated are waited
 * for until they are live (a real tenant takes about a minute).
 */
async function applyCertificates(client, items, waits) {
    const changes = [];
    const goingLive = new Map();
    for (const item of items) {
        try {
            if (TAKES_ONE_DOWN.has(item.action) && goingLive.size > 0) {
                await waitUntilLive(client, goingLive, waits);
                goingLive.clear();
            }
            const { action, id } = await applyCertificate(client, item, waits);
            if (id !== undefined && (action === 'activated' || (action === 'uploaded' && item.desired?.active)))
                goingLive.set(id, item.name);
            changes.push({ setting: 'certificate', name: item.name, id, action });
        }
        catch (error) {
            return { changes, failure: { item, error } };
        }
    }
    return { changes };
}
const TAKES_ONE_DOWN = new Set(['deactivate', 'deactivate-and-delete', 'delete']);
/** The certificates (id → name) activated in this run are all `live`, or the wait times out naming them. */
async function waitUntilLive(client, goingLive, waits) {
    const names = [...goingLive.values()].join(', ');
    try {
        await (0,poller/* poll */.w)({
            what: `certificate(s) ${names} to go live before another is taken down`,
            intervalMs: waits.pollIntervalMs,
            timeoutMs: waits.timeoutMs,
            timeoutInput: 'poll-interval',
            check: async () => (await client.listCertificates()).filter((c) => goingLive.has(c.id) && !c.live).length,
            describe: (pending) => (pending === 0 ? 'live' : `${pending} not live yet`),
            done: (pending) => pending === 0
        });
    }
    catch (error) {
        if (!(error instanceof errors/* TimeoutError */.MU))
            throw error;
        throw new errors/* ActionError */.lZ(`Certificate(s) ${names} did not go live within ${(0,poller/* formatDuration */.a)(waits.timeoutMs)}, so no other certificate was deactivated or deleted; check them in the tenant and run the step again`);
    }
}
/** Real tenants take about a minute to put a certificate on or take it off their load balancers (and refuse its DELETE a while after). */
const CERTIFICATE_LIVE_TIMEOUT_MS = 10 * 60_000;
async function applyCertificate(client, item, waits) {
    switch (item.action) {
        case 'upload': {
            const desired = item.desired;
            if (desired.privateKey === undefined)
                throw new Error(`${item.name}: no private key to upload it with`);
            const made = await client.uploadCertificate({ certificate: desired.pem, privateKey: desired.privateKey, active: desired.active }, (certificate) => sameIdentity(identityOfTenantCertificate(certificate), desired.identity));
            // An upload found after a lost answer may not carry the declared status yet.
            if (made.active !== desired.active)
                await client.setCertificateActive(made.id, desired.active);
            return { action: 'uploaded', id: made.id };
        }
        case 'activate':
            await client.setCertificateActive(item.id, true);
            return { action: 'activated', id: item.id };
        case 'deactivate':
            await client.setCertificateActive(item.id, false);
            return { action: 'deactivated', id: item.id };
        case 'deactivate-and-delete':
            await client.setCertificateActive(item.id, false);
            await deleteOnceOffline(client, item, waits);
            return { action: 'deleted', id: item.id };
        case 'delete':
            await deleteOnceOffline(client, item, waits);
            return { action: 'deleted', id: item.id };
        case 'unchanged':
            return { action: 'unchanged', id: item.id };
    }
}
/**
 * A deactivated certificate stays `live` until the tenant has taken it off its load balancers (about
 * a minute), and its DELETE answers 500 with an empty body until a little after (frodo-lib's recorded
 * force delete). So: poll until it is no longer live, then try the DELETE at each poll until it goes.
 */
async function deleteOnceOffline(client, item, waits) {
    const id = item.id;
    let lastRefusal;
    const check = async () => {
        const certificate = await client.getCertificate(id);
        if (certificate === undefined)
            return 'deleted';
        if (certificate.live)
            return 'live';
        try {
            await client.deleteCertificate(id);
            return 'deleted';
        }
        catch (error) {
            if (!(error instanceof errors/* ApiError */.hD && error.status === 500))
                throw error;
            lastRefusal = error;
            return 'refused';
        }
    };
    try {
        await (0,poller/* poll */.w)({
            what: `certificate ${item.name} (${id}) to go offline and be deleted`,
            intervalMs: waits.pollIntervalMs,
            timeoutMs: waits.timeoutMs,
            timeoutInput: 'poll-interval',
            check,
            describe: (state) => state === 'live' ? 'deactivated, still live' : state === 'refused' ? 'offline, DELETE still answers HTTP 500' : 'deleted',
            done: (state) => state === 'deleted'
        });
    }
    catch (error) {
        if (!(error instanceof errors/* TimeoutError */.MU))
            throw error;
        const refusal = lastRefusal ? ` (the last DELETE: ${lastRefusal.message})` : '';
        throw new errors/* ActionError */.lZ(`Certificate ${item.name} (${id}) is deactivated but was not deleted within ${(0,poller/* formatDuration */.a)(waits.timeoutMs)}${refusal}; the tenant may still be taking it off its load balancers: run the step again later`);
    }
    core/* info */.pq(`Certificate ${item.name} (${id}) deleted`);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/files/source-file.ts
var source_file = __webpack_require__(5133);
// EXTERNAL MODULE: ./src/files/yaml-file.ts
var yaml_file = __webpack_require__(9071);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
// EXTERNAL MODULE: ./src/tenant/types.ts
var types = __webpack_require__(589);
;// CONCATENATED MODULE: ./src/settings/csp.ts
/** Directives that take a source list (CSP Level 3). */
const SOURCE_LIST_DIRECTIVES = [
    'default-src',
    'script-src',
    'script-src-elem',
    'script-src-attr',
    'style-src',
    'style-src-elem',
    'style-src-attr',
    'img-src',
    'font-src',
    'connect-src',
    'media-src',
    'object-src',
    'frame-src',
    'child-src',
    'worker-src',
    'manifest-src',
    'fenced-frame-src',
    'prefetch-src',
    'base-uri',
    'form-action'
];
/** Directives whose values are not source lists, each checked its own way. */
const OTHER_DIRECTIVES = [
    'frame-ancestors',
    'sandbox',
    'report-uri',
    'report-to',
    'upgrade-insecure-requests',
    'block-all-mixed-content',
    'require-trusted-types-for',
    'trusted-types',
    'plugin-types',
    'webrtc'
];
const CSP_DIRECTIVES = [...SOURCE_LIST_DIRECTIVES, ...OTHER_DIRECTIVES];
const KEYWORDS = [
    'self',
    'none',
    'unsafe-inline',
    'unsafe-eval',
    'unsafe-hashes',
    'strict-dynamic',
    'report-sample',
    'wasm-unsafe-eval',
    'unsafe-allow-redirects',
    'inline-speculation-rules'
];
const QUOTED_KEYWORD = new RegExp(`^'(${KEYWORDS.join('|')})'$`);
const NONCE = /^'nonce-[A-Za-z0-9+/_-]+={0,2}'$/;
const HASH = /^'sha(256|384|512)-[A-Za-z0-9+/_-]+={0,2}'$/;
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:$/;
const HOST = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:\/\/)?(?:\*|(?:\*\.)?[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)(?::(?:\d{1,5}|\*))?(?:\/[^\s;,']*)?$/;
const SANDBOX_TOKENS = [
    'allow-downloads',
    'allow-forms',
    'allow-modals',
    'allow-orientation-lock',
    'allow-pointer-lock',
    'allow-popups',
    'allow-popups-to-escape-sandbox',
    'allow-presentation',
    'allow-same-origin',
    'allow-scripts',
    'allow-storage-access-by-user-activation',
    'allow-top-navigation',
    'allow-top-navigation-by-user-activation',
    'allow-top-navigation-to-custom-protocols'
];
/** Problems with one directive and its values; [] when it is valid. */
function directiveProblems(name, values) {
    if (!CSP_DIRECTIVES.includes(name)) {
        const guess = closest(name.toLowerCase(), CSP_DIRECTIVES);
        return [`unknown directive "${name}"${guess ? `; did you mean "${guess}"?` : ''}`];
    }
    const problems = [];
    const each = (check) => {
        for (const value of values) {
            const problem = /[\s;,]/.test(value) ? 'one source per list item (no spaces, commas or semicolons)' : check(value);
            if (problem)
                problems.push(`${name}: "${value}": ${problem}`);
        }
    };
    switch (name) {
        case 'upgrade-insecure-requests':
        case 'block-all-mixed-content':
            if (values.length > 0)
                problems.push(`${name} takes no values; use an empty list []`);
            break;
        case 'sandbox':
            each((value) => (SANDBOX_TOKENS.includes(value) ? undefined : `not a sandbox flag; expected one of ${SANDBOX_TOKENS.join(', ')}`));
            break;
        case 'report-uri':
            each((value) => (/^(https?:\/\/[^\s]+|\/[^\s]*)$/.test(value) ? undefined : 'expected an https:// URL or a path'));
            break;
        case 'report-to':
            if (values.length !== 1)
                problems.push(`${name} takes exactly one reporting group name`);
            each((value) => (/^[A-Za-z0-9_-]+$/.test(value) ? undefined : 'expected a reporting group name'));
            break;
        case 'require-trusted-types-for':
            each((value) => (value === "'script'" ? undefined : `the only value is "'script'"`));
            break;
        case 'trusted-types':
            each((value) => ["'none'", "'allow-duplicates'", '*'].includes(value) || /^[A-Za-z0-9\-#=_/@.%]+$/.test(value) ? undefined : 'not a policy name');
            break;
        case 'plugin-types':
            each((value) => (/^[a-z]+\/[a-z0-9.+-]+$/i.test(value) ? undefined : 'expected a MIME type'));
            break;
        case 'webrtc':
            each((value) => (["'allow'", "'block'"].includes(value) ? undefined : `expected "'allow'" or "'block'"`));
            break;
        case 'frame-ancestors':
            each((value) => (["'self'", "'none'"].includes(value) || isSchemeOrHost(value) ? undefined : sourceProblem(value, true)));
            break;
        default:
            each((value) => sourceProblem(value, false));
    }
    if (values.includes("'none'") && values.length > 1)
        problems.push(`${name}: "'none'" must be the only source`);
    return problems;
}
function isSchemeOrHost(value) {
    return SCHEME.test(value) || (HOST.test(value) && !value.startsWith("'"));
}
function sourceProblem(value, ancestorsOnly) {
    if (!ancestorsOnly && (QUOTED_KEYWORD.test(value) || NONCE.test(value) || HASH.test(value)))
        return undefined;
    if (isSchemeOrHost(value) && !KEYWORDS.includes(value))
        return undefined;
    const bare = value.replace(/^["']|["']$/g, '');
    if (KEYWORDS.includes(bare) || /^(nonce|sha256|sha384|sha512)-/.test(bare))
        return ancestorsOnly && !['self', 'none'].includes(bare)
            ? "frame-ancestors allows only hosts, schemes, 'self' and 'none'"
            : `keywords, nonces and hashes keep their single quotes: write "'${bare}'" (in YAML, "'${bare}'" in double quotes)`;
    return ancestorsOnly
        ? "not a host, scheme, 'self' or 'none'"
        : 'not a CSP source (a host, a scheme like https:, a quoted keyword, nonce or hash)';
}
/** Equal policies: the same active flag, the same directives with the same sources in any order. */
function samePolicy(a, b) {
    return a.active === b.active && canonicalDirectives(a.directives) === canonicalDirectives(b.directives);
}
function canonicalDirectives(directives) {
    const entries = Object.entries(directives ?? {})
        .map(([name, values]) => [name, [...new Set(values)].sort()])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return JSON.stringify(entries);
}
/** One line per policy for plans: "active, 3 directives: default-src 'self'; …". */
function describePolicy(policy) {
    const directives = Object.entries(policy.directives ?? {});
    const text = directives.map(([name, values]) => [name, ...values].join(' ')).join('; ');
    return `${policy.active ? 'active' : 'inactive'}${directives.length > 0 ? `: ${text}` : ', no directives'}`;
}
/** The known name nearest to a misspelt one (edit distance at most 3), for "did you mean". */
function closest(word, known) {
    let best;
    for (const name of known) {
        const distance = editDistance(word, name);
        if (distance <= 3 && (!best || distance < best.distance))
            best = { name, distance };
    }
    return best?.name;
}
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

// EXTERNAL MODULE: ./src/settings/domains.ts
var domains = __webpack_require__(2428);
// EXTERNAL MODULE: ./src/settings/pem.ts
var pem = __webpack_require__(2167);
;// CONCATENATED MODULE: ./src/settings/file.ts










const SETTINGS_AREAS = [
    'content-security-policy',
    'cookie-domains',
    'custom-domains',
    'federation-enforcement',
    'sso-cookie',
    'certificates'
];
function declaredAreas(file) {
    const declared = {
        'content-security-policy': file.contentSecurityPolicy !== undefined,
        'cookie-domains': file.cookieDomains !== undefined,
        'custom-domains': file.customDomains !== undefined,
        'federation-enforcement': file.federationEnforcement !== undefined,
        'sso-cookie': file.ssoCookie !== undefined,
        certificates: file.certificates !== undefined
    };
    return SETTINGS_AREAS.filter((area) => declared[area]);
}
const CERTIFICATE_FIELDS = ['certificate-file', 'private-key-from-env', 'active'];
/**
 * Reads and validates a whole settings file, collecting every problem with its
 * line and column. Private keys are masked as they are read. Nothing here
 * talks to the tenant.
 */
function loadSettingsFile(path, env, now = Date.now()) {
    const problems = [];
    const loaded = (0,yaml_file/* loadYamlMapping */.O)(path, problems, `any of ${SETTINGS_AREAS.join(', ')}`);
    if (!loaded)
        return { file: undefined, problems };
    const reader = new SettingsReader(loaded, env, now, problems);
    const file = reader.read();
    if (problems.length === 0 && declaredAreas(file).length === 0)
        reader.at(loaded.positionOf(loaded.root), `the file declares no setting; expected any of ${SETTINGS_AREAS.join(', ')}`);
    return { file: problems.length === 0 ? file : undefined, problems };
}
class SettingsReader {
    source;
    env;
    now;
    problems;
    constructor(source, env, now, problems) {
        this.source = source;
        this.env = env;
        this.now = now;
        this.problems = problems;
    }
    at(position, message) {
        this.problems.push({ ...position, message });
    }
    atNode(node, message) {
        this.at(this.source.positionOf(node), message);
    }
    read() {
        const file = { path: this.source.path };
        for (const pair of this.source.root.items) {
            const area = keyOf(pair);
            const node = valueNode(pair);
            if (!SETTINGS_AREAS.includes(area)) {
                this.atNode(pair.key, `unknown setting "${area}"; expected one of ${SETTINGS_AREAS.join(', ')}`);
                continue;
            }
            if (node === undefined) {
                this.atNode(pair.key, `${area}: no value; leave the setting out to keep the tenant's as it is`);
                continue;
            }
            switch (area) {
                case 'content-security-policy':
                    file.contentSecurityPolicy = this.contentSecurityPolicy(node);
                    break;
                case 'cookie-domains':
                    file.cookieDomains = this.domains(node, 'cookie-domains', 'cookie domain');
                    break;
                case 'custom-domains':
                    file.customDomains = this.customDomains(node);
                    break;
                case 'federation-enforcement':
                    file.federationEnforcement = this.federationEnforcement(node);
                    break;
                case 'sso-cookie':
                    file.ssoCookie = this.ssoCookie(node);
                    break;
                case 'certificates':
                    file.certificates = this.certificates(node);
                    break;
            }
        }
        return file;
    }
    contentSecurityPolicy(node) {
        const fields = this.mapping(node, 'content-security-policy', types/* CSP_POLICIES */.wx);
        if (!fields)
            return undefined;
        const policies = {};
        for (const [name, field] of fields) {
            const policy = this.policy(field, `content-security-policy.${name}`);
            if (policy)
                policies[name] = policy;
        }
        if (fields.size === 0)
            this.atNode(node, 'content-security-policy: declare enforced and/or report-only');
        return policies;
    }
    policy(node, where) {
        const fields = this.mapping(node, where, ['active', 'directives']);
        if (!fields)
            return undefined;
        const active = this.boolean(fields.get('active'), `${where}.active`, undefined);
        const directivesNode = fields.get('directives');
        if (active === undefined && !fields.has('active'))
            this.atNode(node, `${where}: active (true or false) is required`);
        if (!directivesNode) {
            this.atNode(node, `${where}: directives is required (a mapping of directive names to lists of sources; {} for none)`);
            return undefined;
        }
        if (!(0,dist/* isMap */.jh)(directivesNode)) {
            this.atNode(directivesNode, `${where}.directives: expected a mapping of directive names to lists of sources`);
            return undefined;
        }
        const directives = {};
        let valid = true;
        for (const pair of directivesNode.items) {
            const name = keyOf(pair);
            const values = this.stringList(valueNode(pair) ?? pair.key, `${where}.directives.${name}`, true);
            if (!values) {
                valid = false;
                continue;
            }
            const problems = directiveProblems(name, values);
            for (const problem of problems)
                this.atNode(valueNode(pair) ?? pair.key, `${where}: ${problem}`);
            if (problems.length > 0)
                valid = false;
            else
                directives[name] = values;
        }
        return active === undefined || !valid ? undefined : { active, directives };
    }
    domains(node, where, kind) {
        const values = this.stringList(node, where, true);
        if (!values)
            return undefined;
        let valid = true;
        const seen = new Set();
        for (const value of values) {
            const problem = (0,domains/* domainProblem */.iu)(value, kind);
            if (problem)
                this.atNode(node, `${where}: ${problem}`);
            else if (seen.has(value.toLowerCase()))
                this.atNode(node, `${where}: "${value}" is listed twice`);
            valid &&= problem === undefined && !seen.has(value.toLowerCase());
            seen.add(value.toLowerCase());
        }
        return valid ? (0,domains/* canonicalDomains */.ih)(values) : undefined;
    }
    customDomains(node) {
        const fields = this.mapping(node, 'custom-domains', types/* CUSTOM_DOMAIN_REALMS */.A1);
        if (!fields)
            return undefined;
        const realms = {};
        const owner = new Map();
        for (const [realm, field] of fields) {
            const domains = this.domains(field, `custom-domains.${realm}`, 'custom domain');
            if (!domains)
                continue;
            for (const domain of domains) {
                const other = owner.get(domain);
                if (other)
                    this.atNode(field, `custom-domains.${realm}: "${domain}" is also listed under ${other}; a domain serves one realm`);
                owner.set(domain, realm);
            }
            realms[realm] = domains;
        }
        if (fields.size === 0)
            this.atNode(node, 'custom-domains: declare alpha and/or bravo');
        return realms;
    }
    federationEnforcement(node) {
        const value = (0,dist/* isScalar */.jn)(node) ? node.value : undefined;
        if (typeof value === 'string' && types/* FEDERATION_ENFORCEMENT_GROUPS */.Ol.includes(value))
            return value;
        this.atNode(node, `federation-enforcement: "${String(value ?? '')}" is not one of ${types/* FEDERATION_ENFORCEMENT_GROUPS */.Ol.join(', ')}`);
        return undefined;
    }
    ssoCookie(node) {
        const fields = this.mapping(node, 'sso-cookie', ['name']);
        if (!fields)
            return undefined;
        const nameNode = fields.get('name');
        const name = nameNode && (0,dist/* isScalar */.jn)(nameNode) ? nameNode.value : undefined;
        if (typeof name !== 'string' || !types/* SSO_COOKIE_NAME_PATTERN */.W1.test(name)) {
            this.atNode(nameNode ?? node, `sso-cookie.name: expected 1 to 32 letters and digits (^[a-zA-Z0-9]{1,32}$), got "${String(name ?? '')}"`);
            return undefined;
        }
        return { name };
    }
    certificates(node) {
        if (!(0,dist/* isSeq */.oP)(node)) {
            this.atNode(node, 'certificates: expected a list of {certificate-file, private-key-from-env, active}');
            return undefined;
        }
        const certificates = [];
        const seen = new Map();
        for (const [index, item] of node.items.entries()) {
            const where = `certificates[${index}]`;
            const certificate = this.certificate(item, where);
            if (!certificate)
                continue;
            const key = identityKey(certificate.identity);
            const other = seen.get(key);
            if (other) {
                this.at(certificate.position, `${where}: the same certificate as ${other} (subject, names and validity); declare it once`);
                continue;
            }
            seen.set(key, where);
            certificates.push(certificate);
        }
        return certificates;
    }
    certificate(node, where) {
        if ((0,dist/* isMap */.jh)(node) && node.items.some((pair) => ['private-key', 'privateKey'].includes(keyOf(pair)))) {
            const pair = node.items.find((p) => ['private-key', 'privateKey'].includes(keyOf(p)));
            (0,secrets/* maskSecret */.$l)((0,dist/* isScalar */.jn)(pair.value) ? String(pair.value.value) : undefined);
            this.atNode(pair.key, `${where}: a private key never sits in the file; use private-key-from-env with a GitHub secret in the step's env`);
            return undefined;
        }
        const fields = this.mapping(node, where, CERTIFICATE_FIELDS);
        if (!fields)
            return undefined;
        const position = this.source.positionOf(node);
        const active = this.boolean(fields.get('active'), `${where}.active`, true);
        const fileNode = fields.get('certificate-file');
        const keyNode = fields.get('private-key-from-env');
        if (!fileNode)
            this.atNode(node, `${where}: certificate-file is required (a PEM file, relative to the settings file)`);
        const leaf = fileNode ? this.certificateFile(fileNode, where) : undefined;
        // No key: the tenant must hold the certificate already (e.g. installed by complete-csr); the plan checks.
        const key = keyNode ? this.privateKey(keyNode, where) : undefined;
        if (!leaf || (keyNode && !key) || active === undefined)
            return undefined;
        if (key && !leaf.x509.checkPrivateKey(key.object)) {
            this.atNode(keyNode, `${where}: the private key in ${key.variable} does not belong to ${leaf.file} (their public keys differ)`);
            return undefined;
        }
        return { file: leaf.file, pem: leaf.pem, privateKey: key?.pem, active, identity: identityOfX509(leaf.x509), position };
    }
    certificateFile(node, where) {
        const file = (0,dist/* isScalar */.jn)(node) ? node.value : undefined;
        if (typeof file !== 'string' || file === '') {
            this.atNode(node, `${where}.certificate-file: expected a path`);
            return undefined;
        }
        const resolved = (0,source_file/* resolveBeside */.DH)(this.source.path, file);
        if (!resolved.ok) {
            this.atNode(node, `${where}.certificate-file ${file} ${resolved.problem}`);
            return undefined;
        }
        const read = (0,pem/* readCertificateFile */.u)(resolved.path, this.now);
        if (!read.ok) {
            this.atNode(node, `${where}.certificate-file ${file}: ${read.problem}`);
            return undefined;
        }
        return { file, pem: read.pem, x509: read.leaf };
    }
    privateKey(node, where) {
        const variable = (0,dist/* isScalar */.jn)(node) ? node.value : undefined;
        if (typeof variable !== 'string' || variable === '') {
            this.atNode(node, `${where}.private-key-from-env: expected an environment variable name`);
            return undefined;
        }
        const read = (0,source_file/* readEnvValue */.H5)(this.env, variable, true);
        if (!read.ok) {
            this.atNode(node, `${where}.private-key-from-env: ${read.problem}`);
            return undefined;
        }
        try {
            // Parser messages may quote the text: none reaches the log.
            return { variable, pem: read.value, object: (0,external_node_crypto_.createPrivateKey)(read.value) };
        }
        catch {
            this.atNode(node, `${where}.private-key-from-env: ${variable} does not hold a PEM private key (PKCS#8, PKCS#1 or SEC1, unencrypted)`);
            return undefined;
        }
    }
    /** The fields of a mapping, each at most once and known; undefined (reported) if the node is no mapping. */
    mapping(node, where, allowed) {
        if (!(0,dist/* isMap */.jh)(node)) {
            this.atNode(node, `${where}: expected a mapping with ${allowed.join(', ')}`);
            return undefined;
        }
        const fields = new Map();
        for (const pair of node.items) {
            const name = keyOf(pair);
            if (!allowed.includes(name)) {
                this.atNode(pair.key, `${where}: unknown setting "${name}"; expected one of ${allowed.join(', ')}`);
                continue;
            }
            fields.set(name, valueNode(pair) ?? pair.key);
        }
        return fields;
    }
    boolean(node, where, fallback) {
        if (!node)
            return fallback;
        const value = (0,dist/* isScalar */.jn)(node) ? node.value : undefined;
        if (typeof value === 'boolean')
            return value;
        this.atNode(node, `${where}: expected true or false`);
        return undefined;
    }
    stringList(node, where, allowEmpty) {
        if (!(0,dist/* isSeq */.oP)(node)) {
            this.atNode(node, `${where}: expected a list${allowEmpty ? ' ([] for none)' : ''}`);
            return undefined;
        }
        const values = [];
        for (const item of node.items) {
            const value = (0,dist/* isScalar */.jn)(item) ? item.value : undefined;
            if (typeof value !== 'string' || value === '') {
                this.atNode(item, `${where}: every item must be text`);
                return undefined;
            }
            values.push(value);
        }
        return values;
    }
}
function keyOf(pair) {
    return (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : '';
}
/** The value node of a pair; undefined for `key:` with nothing after it. */
function valueNode(pair) {
    const value = pair.value;
    if (value === null || ((0,dist/* isScalar */.jn)(value) && value.value === null))
        return undefined;
    return value;
}

;// CONCATENATED MODULE: ./src/settings/plan.ts




const CERTIFICATE_ORDER = {
    upload: 0,
    activate: 1,
    unchanged: 2,
    deactivate: 3,
    'deactivate-and-delete': 4,
    delete: 5
};
/** Compares what the file declares with what the tenant has. Pure. */
function planSettings(file, current, options) {
    const settings = [];
    const domainsToVerify = [];
    const item = (setting, same, from, to, write) => ({
        kind: 'setting',
        setting,
        action: same ? 'unchanged' : 'update',
        from,
        to,
        write
    });
    for (const policy of types/* CSP_POLICIES */.wx) {
        const desired = file.contentSecurityPolicy?.[policy];
        if (!desired)
            continue;
        const now = current.contentSecurityPolicy[policy] ?? { active: false, directives: {} };
        settings.push(item(`content-security-policy.${policy}`, samePolicy(now, desired), describePolicy(now), describePolicy(desired), {
            area: 'content-security-policy',
            policy,
            body: desired
        }));
    }
    if (file.cookieDomains) {
        const now = current.cookieDomains ?? [];
        settings.push(item('cookie-domains', (0,domains/* sameDomains */.cF)(now, file.cookieDomains), listText(now), listText(file.cookieDomains), {
            area: 'cookie-domains',
            body: { domains: file.cookieDomains }
        }));
    }
    for (const realm of types/* CUSTOM_DOMAIN_REALMS */.A1) {
        const desired = file.customDomains?.[realm];
        if (!desired)
            continue;
        const now = (0,domains/* canonicalDomains */.ih)(current.customDomains[realm] ?? []);
        const same = (0,domains/* sameDomains */.cF)(now, desired);
        if (!same)
            domainsToVerify.push(...desired.filter((domain) => !now.includes(domain)));
        settings.push(item(`custom-domains.${realm}`, same, listText(now), listText(desired), { area: 'custom-domains', realm, body: { domains: desired } }));
    }
    if (file.federationEnforcement) {
        const now = current.federationEnforcement ?? '';
        settings.push(item('federation-enforcement', now === file.federationEnforcement, now || '(unset)', file.federationEnforcement, {
            area: 'federation-enforcement',
            body: { groups: file.federationEnforcement }
        }));
    }
    if (file.ssoCookie) {
        const now = current.ssoCookie?.name ?? '';
        settings.push(item('sso-cookie', now === file.ssoCookie.name, now ? `name ${now}` : '(unset)', `name ${file.ssoCookie.name}`, {
            area: 'sso-cookie',
            body: file.ssoCookie
        }));
    }
    const { certificates, unmanaged } = file.certificates
        ? planCertificates(file.certificates, current.certificates ?? [], options.prune)
        : { certificates: [], unmanaged: [] };
    const refusals = certificates
        .filter((c) => c.action === 'upload' && c.desired?.privateKey === undefined)
        .map((c) => `certificate ${c.name} from ${c.desired.file} is not in the tenant and has no private-key-from-env to upload it with (only a certificate the tenant already holds, e.g. from complete-csr, may leave it out)`);
    return { settings, certificates, domainsToVerify, unmanagedCertificates: unmanaged, refusals };
}
function planCertificates(declared, current, prune) {
    const unmatched = [...current];
    const items = [];
    for (const desired of declared) {
        const candidates = unmatched.filter((c) => sameIdentity(identityOfTenantCertificate(c), desired.identity));
        // Of two uploads of one certificate, keep the one already in the declared state.
        const match = candidates.find((c) => c.active === desired.active) ?? candidates[0];
        const name = describeIdentity(desired.identity);
        if (!match) {
            items.push({ kind: 'certificate', name, action: 'upload', id: undefined, desired });
            continue;
        }
        unmatched.splice(unmatched.indexOf(match), 1);
        const action = match.active === desired.active ? 'unchanged' : desired.active ? 'activate' : 'deactivate';
        items.push({ kind: 'certificate', name, action, id: match.id, desired });
    }
    const undeclared = unmatched.map((c) => ({ certificate: c, name: `${describeIdentity(identityOfTenantCertificate(c))} (id ${c.id})` }));
    if (prune) {
        for (const { certificate, name } of undeclared) {
            const action = certificate.active ? 'deactivate-and-delete' : 'delete';
            items.push({ kind: 'certificate', name, action, id: certificate.id, desired: undefined });
        }
    }
    items.sort((a, b) => CERTIFICATE_ORDER[a.action] - CERTIFICATE_ORDER[b.action]);
    return { certificates: items, unmanaged: prune ? [] : undeclared.map((u) => u.name) };
}
function listText(values) {
    return values.length === 0 ? '(none)' : values.join(', ');
}
function hasChanges(plan) {
    return plan.settings.some((s) => s.action !== 'unchanged') || plan.certificates.some((c) => c.action !== 'unchanged');
}

// EXTERNAL MODULE: ./src/esvs/render.ts
var render = __webpack_require__(3827);
// EXTERNAL MODULE: ./src/github/summary.ts
var summary = __webpack_require__(2935);
;// CONCATENATED MODULE: ./src/settings/render.ts


const CERTIFICATE_LABEL = {
    upload: 'upload',
    activate: 'activate',
    deactivate: 'deactivate',
    delete: 'delete',
    'deactivate-and-delete': 'deactivate, then delete',
    unchanged: 'unchanged'
};
const CERTIFICATE_SYMBOL = {
    upload: '+',
    activate: '~',
    deactivate: '~',
    delete: '-',
    'deactivate-and-delete': '-',
    unchanged: '='
};
/** One log line per setting and certificate, Terraform-style. Never a private key. */
function settingsPlanLines(plan) {
    const lines = [
        ...plan.settings.map((item) => `${item.action === 'update' ? '~' : '='} ${item.setting}: ${settingText(item)}`),
        ...plan.certificates.map((item) => `${CERTIFICATE_SYMBOL[item.action]} certificate ${item.name}: ${certificateText(item)}`)
    ];
    for (const domain of plan.domainsToVerify)
        lines.push(`  (verify) custom domain ${domain}: its CNAME is checked before any write`);
    for (const name of plan.unmanagedCertificates)
        lines.push(`  (kept)   certificate ${name}: in the tenant, not in the file (prune is off)`);
    return lines;
}
function settingText(item) {
    return item.action === 'update' ? `update (${item.from} → ${item.to})` : `unchanged (${item.to})`;
}
function certificateText(item) {
    const status = item.desired ? (item.desired.active ? ' (active)' : ' (inactive)') : '';
    return `${CERTIFICATE_LABEL[item.action]}${item.action === 'upload' ? status : ''}`;
}
function settingsSummary(plan, options) {
    const results = new Map(options.changes?.map((c) => [c.name ?? c.setting, c.action]));
    const rows = [
        ...plan.settings.map((item) => [
            `\`${item.setting}\``,
            options.dryRun ? (item.action === 'update' ? 'update' : 'unchanged') : (results.get(item.setting) ?? 'failed'),
            item.action === 'update' ? `${item.from} → ${item.to}` : item.to
        ]),
        ...plan.certificates.map((item) => [
            'certificate',
            options.dryRun ? CERTIFICATE_LABEL[item.action] : (results.get(item.name) ?? 'not done'),
            `${item.name}${item.desired ? ` from \`${item.desired.file}\`` : ''}`
        ])
    ];
    const heading = options.dryRun
        ? `### Tenant settings plan for \`${options.file}\` (dry run: nothing written)`
        : `### Tenant settings from \`${options.file}\``;
    const counts = (0,render/* countBy */.Tr)(rows.map((row) => row[1]));
    const verify = plan.domainsToVerify.length > 0 ? `\n\nCustom domains verified (CNAME): ${plan.domainsToVerify.map((d) => `\`${d}\``).join(', ')}` : '';
    const kept = plan.unmanagedCertificates.length > 0
        ? `\n\nCertificates in the tenant but not in the file (kept; \`prune: true\` deletes them): ${plan.unmanagedCertificates.join('; ')}`
        : '';
    return `${heading}\n\n${counts}\n\n${(0,summary/* markdownTable */.Qj)(['setting', options.dryRun ? 'plan' : 'result', 'detail'], rows)}${verify}${kept}`;
}

// EXTERNAL MODULE: ./src/tenant/certificates.ts
var tenant_certificates = __webpack_require__(1646);
// EXTERNAL MODULE: ./src/tenant/connect.ts
var connect = __webpack_require__(6810);
// EXTERNAL MODULE: ./src/tenant/scopes.ts
var tenant_scopes = __webpack_require__(19);
// EXTERNAL MODULE: ./src/tenant/api-versions.ts
var api_versions = __webpack_require__(7404);
;// CONCATENATED MODULE: ./src/tenant/settings.ts

/**
 * The tenant's environment settings: content security policies, cookie and
 * custom domains, federation enforcement and the SSO cookie. Each is read and
 * replaced whole with GET and PUT, so every write may be repeated.
 */
class TenantSettingsClient {
    http;
    constructor(http) {
        this.http = http;
    }
    getContentSecurityPolicy(policy) {
        return this.get(`/environment/content-security-policy/${policy}`);
    }
    putContentSecurityPolicy(policy, body) {
        return this.put(`/environment/content-security-policy/${policy}`, body);
    }
    getCookieDomains() {
        return this.get('/environment/cookie-domains');
    }
    putCookieDomains(body) {
        return this.put('/environment/cookie-domains', body);
    }
    getCustomDomains(realm) {
        return this.get(`/environment/custom-domains/${realm}`);
    }
    putCustomDomains(realm, body) {
        return this.put(`/environment/custom-domains/${realm}`, body);
    }
    /** Checks that the domain's CNAME record points at the tenant; a 400 means it does not (yet). */
    async verifyCustomDomain(domain) {
        const body = { name: domain };
        await this.http.request({
            method: 'POST',
            path: '/environment/custom-domains',
            query: { _action: 'verify' },
            headers: api_versions/* API_V1 */.h,
            json: body,
            // A DNS lookup changes nothing: asking twice is harmless.
            idempotent: true,
            allowEmptyBody: true
        });
    }
    getFederationEnforcement() {
        return this.get('/environment/federation/enforcement');
    }
    putFederationEnforcement(body) {
        return this.put('/environment/federation/enforcement', body);
    }
    getSsoCookie() {
        return this.get('/environment/sso-cookie');
    }
    putSsoCookie(body) {
        return this.put('/environment/sso-cookie', body);
    }
    async get(path) {
        return (await this.http.request({ method: 'GET', path, headers: api_versions/* API_V1 */.h })).body;
    }
    async put(path, body) {
        return (await this.http.request({ method: 'PUT', path, headers: api_versions/* API_V1 */.h, json: body })).body;
    }
}

// EXTERNAL MODULE: ./src/operations/context.ts
var operations_context = __webpack_require__(1137);
;// CONCATENATED MODULE: ./src/operations/set-tenant-settings.ts
















/** Settings are a handful of independent PUTs; a few at once is plenty and spares the tenant. */
const SETTING_WRITES_IN_FLIGHT = 4;
/**
 * `set-tenant-settings`: make the tenant's settings match a file. Validates
 * the whole file before any request, reads only the areas it declares (with
 * only their scopes), verifies new custom domains, then writes only what
 * differs: settings concurrently, certificates in order.
 */
async function setTenantSettings(context) {
    const options = context.inputs.tenantSettings.settings;
    if (!options)
        throw new errors/* ActionError */.lZ('set-tenant-settings: the inputs were not parsed for this operation');
    const { file, problems } = loadSettingsFile(options.file, process.env);
    (0,annotations/* failOnFileProblems */.m)('settings-file', options.file, problems, 'Tenant settings file');
    if (!file)
        throw new errors/* ActionError */.lZ(`settings-file ${options.file}: unusable; nothing was sent to the tenant`);
    const tenant = (0,operations_context/* requireTenant */.y)(context);
    const http = leastPrivilegeClient(context, file, options.dryRun) ?? tenant.client;
    const settings = new TenantSettingsClient(http);
    const certificates = new tenant_certificates/* CertificateClient */.d(http);
    const plan = planSettings(file, await readCurrent(file, settings, certificates), options);
    core/* info */.pq(`Plan for ${options.file} against ${tenant.url}:`);
    for (const line of settingsPlanLines(plan))
        core/* info */.pq(`  ${line}`);
    if (plan.refusals.length > 0) {
        throw new errors/* ActionError */.lZ(`Refused before any write:\n${plan.refusals.map((r) => `  - ${r}`).join('\n')}`);
    }
    await verifyCustomDomains(settings, plan.domainsToVerify, {
        pollIntervalMs: context.inputs.waits.pollIntervalMs,
        timeoutMs: options.domainVerifyTimeoutMs,
        dryRun: options.dryRun
    });
    if (options.dryRun) {
        const planned = [
            ...plan.settings.filter((s) => s.action !== 'unchanged').map((s) => ({ setting: s.setting, action: s.action })),
            ...plan.certificates.filter((c) => c.action !== 'unchanged').map((c) => ({ setting: 'certificate', name: c.name, action: c.action }))
        ];
        (0,outputs/* setOutput */.u)('changed', planned);
        context.summary.add(settingsSummary(plan, { file: options.file, dryRun: true }));
        core/* info */.pq('Dry run: nothing was written');
        return;
    }
    if (!hasChanges(plan)) {
        (0,outputs/* setOutput */.u)('changed', []);
        context.summary.add(settingsSummary(plan, { file: options.file, dryRun: false, changes: unchangedResults(plan) }));
        core/* info */.pq('The tenant already matches the file: nothing to write');
        return;
    }
    const changes = await applyPlan(plan, settings, certificates, {
        pollIntervalMs: context.inputs.waits.pollIntervalMs,
        timeoutMs: CERTIFICATE_LIVE_TIMEOUT_MS
    });
    (0,outputs/* setOutput */.u)('changed', changes.filter((c) => c.action !== 'unchanged'));
    context.summary.add(settingsSummary(plan, { file: options.file, dryRun: false, changes }));
}
/**
 * Without a `scopes` input the token asks only for the scopes of the areas the
 * file declares (undefined: keep the session's client, the scopes were given).
 */
function leastPrivilegeClient(context, file, dryRun) {
    const connection = context.inputs.tenant;
    if (!connection || connection.auth.kind !== 'service-account')
        return undefined;
    const defaults = (0,tenant_scopes/* scopesFor */.lN)('set-tenant-settings');
    const given = connection.scopes.length !== defaults.length || connection.scopes.some((scope, i) => scope !== defaults[i]);
    if (given)
        return undefined;
    const scopes = (0,tenant_scopes/* tenantSettingsScopes */.rX)(declaredAreas(file), dryRun);
    return (0,connect.connectTenant)({ ...connection, scopes }, { operation: 'set-tenant-settings', http: context.inputs.http });
}
/** Reads only what the file declares, all at once. */
async function readCurrent(file, settings, certificates) {
    const current = { contentSecurityPolicy: {}, customDomains: {} };
    const reads = [];
    for (const policy of types/* CSP_POLICIES */.wx) {
        if (file.contentSecurityPolicy?.[policy])
            reads.push(settings.getContentSecurityPolicy(policy).then((value) => void (current.contentSecurityPolicy[policy] = value)));
    }
    for (const realm of types/* CUSTOM_DOMAIN_REALMS */.A1) {
        if (file.customDomains?.[realm])
            reads.push(settings.getCustomDomains(realm).then((value) => void (current.customDomains[realm] = value.domains ?? [])));
    }
    if (file.cookieDomains)
        reads.push(settings.getCookieDomains().then((value) => void (current.cookieDomains = value.domains ?? [])));
    if (file.federationEnforcement)
        reads.push(settings.getFederationEnforcement().then((value) => void (current.federationEnforcement = value.groups)));
    if (file.ssoCookie)
        reads.push(settings.getSsoCookie().then((value) => void (current.ssoCookie = value)));
    if (file.certificates)
        reads.push(certificates.listCertificates().then((value) => void (current.certificates = value)));
    await Promise.all(reads);
    return current;
}
/** The tenant's answer while a CNAME does not (yet) point at it, as Ping's Terraform provider matches it. */
const CNAME_NOT_VERIFIED = /CNAME (validation|verification) failed/i;
/**
 * Each new custom domain's CNAME must point at the tenant before the domain is set. While DNS
 * propagates the tenant answers 400 "CNAME validation failed", so each is asked again at
 * poll-interval until domain-verify-timeout, as Ping's Terraform provider does
 * (pingidentity/terraform-provider-identitycloud internal/resource/customdomains/custom_domain_verify_resource.go);
 * every domain still failing is named, and nothing is written when there is one.
 */
async function verifyCustomDomains(settings, domains, waits) {
    // All at once: DNS propagates for each in parallel, so the grace is domain-verify-timeout, not a multiple of it.
    const results = await Promise.all(domains.map(async (domain) => ({ domain, failure: await verifyCustomDomain(settings, domain, waits) })));
    const failures = results.filter((r) => r.failure !== undefined).map((r) => `  - ${r.domain}: ${r.failure}`);
    if (failures.length === 0)
        return;
    throw new errors/* ActionError */.lZ(`Custom domain verification failed after ${(0,poller/* formatDuration */.a)(waits.timeoutMs)} (domain-verify-timeout); nothing was written. Point each domain's CNAME record at the tenant (see the tenant's custom domain settings), wait for DNS to update (or raise domain-verify-timeout), and run again:\n${failures.join('\n')}`);
}
/** Undefined once verified; else why it still fails. */
async function verifyCustomDomain(settings, domain, waits) {
    let lastFailure = 'verification failed';
    const attempt = async () => {
        try {
            await settings.verifyCustomDomain(domain);
            return true;
        }
        catch (error) {
            if (!(error instanceof errors/* ApiError */.hD && error.status === 400 && CNAME_NOT_VERIFIED.test(error.details.apiMessage ?? '')))
                throw error;
            lastFailure = error.details.apiMessage ?? lastFailure;
            return false;
        }
    };
    try {
        await (0,poller/* poll */.w)({
            what: `the CNAME of custom domain ${domain} to verify`,
            intervalMs: waits.pollIntervalMs,
            timeoutMs: waits.timeoutMs,
            timeoutInput: 'domain-verify-timeout',
            check: attempt,
            describe: (verified) => (verified ? 'verified' : 'not verified yet'),
            done: (verified) => verified
        });
        core/* info */.pq(`Custom domain ${domain}: CNAME verified`);
        return undefined;
    }
    catch (error) {
        if (error instanceof errors/* TimeoutError */.MU)
            return lastFailure;
        // Another refusal is no DNS delay: named at once, not asked again.
        if (error instanceof errors/* ApiError */.hD && error.status === 400)
            return error.details.apiMessage ?? 'verification failed (HTTP 400)';
        // A read-only (plan) account may not verify: the real run verifies before it writes.
        if (waits.dryRun && error instanceof errors/* ApiError */.hD && error.status === 403) {
            core/* warning */.$e(`Custom domain ${domain}: not verified in this dry run, as the read-only scopes do not allow POST /environment/custom-domains?_action=verify; the run that applies the file verifies it first`);
            return undefined;
        }
        throw error;
    }
}
/** Settings run concurrently beside the certificates' ordered sequence; every failure is reported together. */
async function applyPlan(plan, settings, certificates, waits) {
    const [settingResults, certificateResult] = await Promise.all([
        (0,concurrency/* runBounded */.B)(plan.settings, SETTING_WRITES_IN_FLIGHT, (item) => applySetting(settings, item)),
        applyCertificates(certificates, plan.certificates, waits)
    ]);
    const changes = [...settingResults.filter((r) => r.ok).map((r) => r.value), ...certificateResult.changes];
    const failures = settingResults.filter((r) => !r.ok).map((f) => `  - ${f.item.setting}: ${(0,errors/* errorMessage */.gJ)(f.error)}`);
    const certificateFailure = certificateResult.failure;
    if (certificateFailure) {
        const skipped = plan.certificates.length - certificateResult.changes.length - 1;
        failures.push(`  - certificate ${certificateFailure.item.name} (${certificateFailure.item.action}): ${(0,errors/* errorMessage */.gJ)(certificateFailure.error)}${skipped > 0 ? `; the ${skipped} certificate step(s) after it were not run` : ''}`);
    }
    if (failures.length > 0) {
        const applied = changes.filter((c) => c.action !== 'unchanged').length;
        throw new errors/* ActionError */.lZ(`${failures.length} setting(s) failed; ${applied} other change(s) were applied (run again to finish):\n${failures.join('\n')}`);
    }
    return changes;
}
function unchangedResults(plan) {
    return [
        ...plan.settings.map((s) => ({ setting: s.setting, action: 'unchanged' })),
        ...plan.certificates.map((c) => ({ setting: 'certificate', name: c.name, action: 'unchanged' }))
    ];
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

/***/ 5168:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A9: () => (/* binding */ StaticToken),
/* harmony export */   VU: () => (/* binding */ ServiceAccountTokens)
/* harmony export */ });
/* unused harmony exports TOKEN_PATH, tokenAudience, signAssertion */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8079);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3566);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7265);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _http_cached_tokens_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8723);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7194);
/* harmony import */ var _scopes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(19);







const TOKEN_PATH = '/am/oauth2/access_token';
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Real tenants reject assertions that live long; 3 minutes is what the Ping clients use. */
const ASSERTION_LIFETIME_SECONDS = 180;
/** Tenants issue tokens for about 15 minutes; assumed when the answer omits expires_in. */
const DEFAULT_LIFETIME_SECONDS = 900;
/** The audience the tenant's AM expects: the token endpoint with an explicit port. */
function tokenAudience(tenantUrl) {
    const url = new URL(tenantUrl);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return `${url.protocol}//${url.hostname}:${port}${TOKEN_PATH}`;
}
async function signAssertion(options, nowMs) {
    const key = await (0,jose__WEBPACK_IMPORTED_MODULE_6__/* .importJWK */ .Og)({ ...options.privateJwk, alg: 'RS256' }, 'RS256');
    const nowSeconds = Math.floor(nowMs / 1000);
    return new jose__WEBPACK_IMPORTED_MODULE_7__/* .SignJWT */ .P({})
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuer(options.serviceAccountId)
        .setSubject(options.serviceAccountId)
        .setAudience(tokenAudience(options.tenantUrl))
        .setIssuedAt(nowSeconds)
        .setExpirationTime(nowSeconds + ASSERTION_LIFETIME_SECONDS)
        .setJti((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)())
        .sign(key);
}
/**
 * Access tokens for a service account by the JWT-bearer grant, cached until a
 * minute before they expire; one request in flight at a time.
 */
class ServiceAccountTokens extends _http_cached_tokens_js__WEBPACK_IMPORTED_MODULE_3__/* .CachedTokens */ .X {
    options;
    /** The scopes asked for: the operation's, with a refused read scope replaced by its full scope. */
    scopes;
    /** Full scope asked for → the read scope it replaced. */
    widened = new Map();
    constructor(options) {
        super('The tenant token endpoint', DEFAULT_LIFETIME_SECONDS, options.now);
        this.options = options;
        this.scopes = [...options.scopes];
    }
    /**
     * Whether an account that holds only a full scope (`fr:idc:x:*`) is granted its `:read` child is not
     * documented: a read scope refused with invalid_scope is asked for once more as its full scope.
     */
    async request() {
        for (;;) {
            try {
                return await this.requestScopes(this.scopes);
            }
            catch (error) {
                const refused = refusedScope(error);
                const full = refused === undefined ? undefined : (0,_scopes_js__WEBPACK_IMPORTED_MODULE_5__/* .fullScopeOf */ .J0)(refused);
                if (refused === undefined || full === undefined || !this.scopes.includes(refused))
                    throw explainScopeError(error, this.options.operation, this.scopes, this.widened);
                _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`The service account was refused ${refused} (invalid_scope); asking once more with its full scope ${full}, which an account may hold without the read scope`);
                this.widened.set(full, refused);
                this.scopes = [...new Set(this.scopes.map((scope) => (scope === refused ? full : scope)))];
            }
        }
    }
    async requestScopes(scopes) {
        const assertion = await signAssertion(this.options, this.now());
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .maskSecret */ .$l)(assertion);
        const response = await this.options.http.request({
            method: 'POST',
            path: TOKEN_PATH,
            authenticate: false,
            // Asking for a token has no side effect, so it may be repeated.
            idempotent: true,
            carriesSecret: true,
            form: { grant_type: JWT_BEARER_GRANT, client_id: 'service-account', assertion, scope: scopes.join(' ') },
            hint: (status) => status === 400 || status === 401
                ? 'Check service-account-id and service-account-key, and that the account is enabled in the tenant.'
                : undefined
        });
        return response.body;
    }
}
/** The scope an invalid_scope answer names ("Unsupported scope for service account: …"). */
function refusedScope(error) {
    if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ApiError */ .hD) || error.details.code !== 'invalid_scope')
        return undefined;
    return /scope for service account:\s*(\S+)/i.exec(error.details.apiMessage ?? '')?.[1];
}
function explainScopeError(error, operation, scopes, widened) {
    if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ApiError */ .hD) || error.details.code !== 'invalid_scope')
        return error;
    const missing = refusedScope(error);
    const read = missing === undefined ? undefined : widened.get(missing);
    const which = missing === undefined
        ? `one of the scopes ${scopes.join(' ')}`
        : read
            ? `the scope ${read} (and its full scope ${missing}, asked for instead)`
            : `the scope ${missing}`;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`The service account lacks ${which}, which the operation ${operation} needs. Add it to the service account in the tenant's admin console, or set the scopes input.`);
}
/** A bearer token given by the user; it cannot be refreshed. */
class StaticToken {
    value;
    refreshable = false;
    constructor(value) {
        this.value = value;
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .maskSecret */ .$l)(value);
    }
    token() {
        return Promise.resolve(this.value);
    }
    invalidate() {
        // Nothing to refresh: a 401 then surfaces as an error that says to renew the token.
    }
}


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