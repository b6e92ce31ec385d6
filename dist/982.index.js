"use strict";
exports.id = 982;
exports.ids = [982];
exports.modules = {

/***/ 8902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MB: () => (/* binding */ GATEWAY_STATUSES),
/* harmony export */   cO: () => (/* binding */ DEFAULT_RETRY_POLICY),
/* harmony export */   tE: () => (/* binding */ decideRetry)
/* harmony export */ });
/* unused harmony exports RETRYABLE_STATUSES, parseRetryAfterMs */
const DEFAULT_RETRY_POLICY = {
    maxAttempts: 6,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    maxElapsedMs: 120_000
};
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
/** Answered by a proxy or load balancer: whether the tenant behind it acted on the request is unknown. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);
function decideRetry(failure, ctx, policy = DEFAULT_RETRY_POLICY) {
    if (!isRetryable(failure))
        return { retry: false, reason: 'not-retryable' };
    if (!ctx.idempotent && !isSafeToRepeat(failure))
        return { retry: false, reason: 'unsafe' };
    if (ctx.attempt >= policy.maxAttempts)
        return { retry: false, reason: 'exhausted' };
    const delayMs = nextDelayMs(failure, ctx, policy);
    if (ctx.elapsedMs + delayMs > policy.maxElapsedMs)
        return { retry: false, reason: 'exhausted' };
    return { retry: true, delayMs };
}
function isRetryable(failure) {
    return failure.kind === 'network' || RETRYABLE_STATUSES.has(failure.status);
}
/**
 * A request that is not idempotent is repeated only when the server surely did
 * not act on it: a 429 (rejected before processing) or a connection that never
 * carried the request.
 */
function isSafeToRepeat(failure) {
    return failure.kind === 'network' ? !failure.sent : failure.status === 429;
}
function nextDelayMs(failure, ctx, policy) {
    // The server's own word wins over the ceiling; a wait past the time budget ends the retries instead.
    const asked = failure.kind === 'status' ? parseRetryAfterMs(failure.retryAfter, ctx.nowMs) : undefined;
    if (asked !== undefined)
        return asked;
    // Full jitter: spread clients out so they do not come back in step.
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (ctx.attempt - 1));
    return Math.round(ceiling / 2 + (ctx.random() * ceiling) / 2);
}
/** `Retry-After` is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
function parseRetryAfterMs(value, nowMs) {
    if (value === undefined)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - nowMs);
}


/***/ }),

/***/ 5259:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B4: () => (/* binding */ DEFAULT_HTTP_SETTINGS),
/* harmony export */   Iv: () => (/* binding */ clientTiming)
/* harmony export */ });
/* unused harmony export retryPolicyFor */
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8902);

const DEFAULT_HTTP_SETTINGS = { requestTimeoutMs: 60_000, retryBaseDelayMs: _retry_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_RETRY_POLICY */ .cO.baseDelayMs };
function retryPolicyFor(settings) {
    return { ..._retry_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_RETRY_POLICY */ .cO, baseDelayMs: settings.retryBaseDelayMs };
}
/** The options a JsonHttpClient takes from the settings. */
function clientTiming(settings) {
    return { timeoutMs: settings.requestTimeoutMs, policy: retryPolicyFor(settings) };
}


/***/ }),

/***/ 1982:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Parser: () => (/* reexport */ parser/* Parser */.iX),
  SECRET_INPUTS: () => (/* binding */ SECRET_INPUTS),
  isLoopback: () => (/* reexport */ parser/* isLoopback */.U9),
  parseInputs: () => (/* binding */ parseInputs),
  parsePrivateJwk: () => (/* reexport */ parsePrivateJwk),
  tenantUrlProblem: () => (/* reexport */ parser/* tenantUrlProblem */.x0)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http/settings.ts
var settings = __webpack_require__(5259);
;// CONCATENATED MODULE: ./src/operations/names.ts
const OPERATIONS = [
    'set-esvs',
    'rotate-secret',
    'restart',
    'dry-run-promote',
    'promote',
    'rollback',
    'promotion-report',
    'unlock',
    'create-api-client',
    'set-tenant-settings',
    'create-csr',
    'complete-csr'
];
const PROMOTION_OPERATIONS = new Set([
    'dry-run-promote',
    'promote',
    'rollback',
    'promotion-report',
    'unlock'
]);

// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
// EXTERNAL MODULE: ./src/tenant/scopes.ts
var scopes = __webpack_require__(19);
// EXTERNAL MODULE: ./src/tenant/types.ts
var types = __webpack_require__(589);
// EXTERNAL MODULE: ./src/verify/entitlements.ts
var verify_entitlements = __webpack_require__(4041);
;// CONCATENATED MODULE: ./src/verify/suggest.ts
/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}
/**
 * The known name a mistyped one most likely meant: the same name in another
 * case first, else the nearest by edit distance (case ignored) when it is
 * close enough to be a typo rather than a different word.
 */
function closestName(typed, known) {
    const lower = typed.toLowerCase();
    const sameLetters = known.find((name) => name.toLowerCase() === lower);
    if (sameLetters)
        return sameLetters;
    const limit = Math.max(2, Math.floor(typed.length / 4));
    let best;
    for (const name of known) {
        const distance = editDistance(lower, name.toLowerCase());
        if (distance <= limit && (!best || distance < best.distance))
            best = { name, distance };
    }
    return best?.name;
}

;// CONCATENATED MODULE: ./src/verify/check-entitlements.ts


const NAMES = verify_entitlements/* ENTITLEMENTS */.PR.map((e) => e.name);
/**
 * Checks entitlement names against the catalogue before anything is sent:
 * unknown names (with a suggestion), duplicates (dropped), and, when the
 * tenant's offerings are given, entitlements that need another offering.
 */
function checkEntitlements(names, offerings) {
    const entitlements = [];
    const problems = [];
    const warnings = [];
    const duplicates = new Set();
    for (const name of names) {
        if (entitlements.includes(name)) {
            duplicates.add(name);
            continue;
        }
        const known = (0,verify_entitlements/* findEntitlement */.Ni)(name);
        if (!known) {
            problems.push(unknownProblem(name));
            continue;
        }
        entitlements.push(name);
        if (!offerings)
            continue;
        const missing = offeringProblem(known, offerings);
        if (missing)
            problems.push(missing);
        const limited = exceptionWarning(known, offerings);
        if (limited)
            warnings.push(limited);
    }
    if (duplicates.size > 0)
        warnings.push(`entitlements: ${[...duplicates].join(', ')} given more than once; each is sent once`);
    return { entitlements, problems, warnings };
}
function unknownProblem(name) {
    const suggestion = closestName(name, NAMES);
    const hint = suggestion ? `; did you mean ${suggestion}?` : '; see the README for the entitlement names (they are case-sensitive)';
    return `unknown entitlement "${name}"${hint}`;
}
function offeringProblem(entitlement, offerings) {
    if (entitlement.offerings.length === 0 || entitlement.offerings.some((o) => offerings.includes(o)))
        return undefined;
    const needed = entitlement.offerings.join(' or ');
    return `${entitlement.name} needs the ${needed} offering, which the tenant's offerings (${offerings.join(', ')}) do not include`;
}
function exceptionWarning(entitlement, offerings) {
    const { exception } = entitlement;
    if (!exception || offerings.includes(exception.offering))
        return undefined;
    return `${entitlement.name}: ${exception.note} The tenant's offerings (${offerings.join(', ')}) do not include ${exception.offering}.`;
}

// EXTERNAL MODULE: ./src/inputs/parser.ts
var parser = __webpack_require__(2750);
;// CONCATENATED MODULE: ./src/inputs/api-client.ts





const CLIENT_ID_PATTERN = /^[A-Za-z0-9._~-]{1,256}$/;
const MAX_CLIENT_NAME_LENGTH = 255;
function parseApiClientInputs(p, operation) {
    if (operation !== 'create-api-client')
        return undefined;
    const verifyTenantUrl = parseVerifyTenantUrl(p);
    const adminClientId = p.required('verify-client-id', "an admin API client's id, holding manageAPIClients");
    if (adminClientId && !CLIENT_ID_PATTERN.test(adminClientId))
        p.problem('verify-client-id', 'expected an API client id, got an invalid value');
    const adminClientSecret = p.required('verify-client-secret', "that admin client's secret");
    (0,secrets/* maskSecret */.$l)(adminClientSecret);
    const clientName = parseClientName(p);
    const offerings = parseOfferings(p);
    const checked = parseEntitlements(p, offerings);
    const description = p.raw('description') || undefined;
    const enabled = p.boolean('enabled', true);
    const ifExists = p.oneOf('if-exists', ['fail', 'skip']) ?? 'fail';
    const storeInSecret = parseStoreInSecret(p);
    const outputSecret = p.boolean('output-secret', false);
    if (!verifyTenantUrl || !adminClientId || !adminClientSecret || !clientName || !checked)
        return undefined;
    return {
        verifyTenantUrl,
        adminClientId,
        adminClientSecret,
        clientName,
        entitlements: checked.entitlements,
        description,
        enabled,
        ifExists,
        storeInSecret,
        outputSecret,
        warnings: checked.warnings
    };
}
/** The same rule as tenant-url: https, or http to a loopback address (the emulator); an origin only. */
function parseVerifyTenantUrl(p) {
    const value = p.raw('verify-tenant-url');
    if (!value) {
        p.problem('verify-tenant-url', 'required, e.g. https://acme.verify.ibm.com');
        return undefined;
    }
    const problem = (0,parser/* tenantUrlProblem */.x0)(value);
    if (problem) {
        p.problem('verify-tenant-url', problem);
        return undefined;
    }
    return new URL(value).origin;
}
function parseClientName(p) {
    const name = p.required('client-name', 'the name of the API client to create');
    if (!name)
        return undefined;
    if (name.length > MAX_CLIENT_NAME_LENGTH)
        p.problem('client-name', `at most ${MAX_CLIENT_NAME_LENGTH} characters, got ${name.length}`);
    else if (/[\p{Cc}]/u.test(name))
        p.problem('client-name', 'must be one line without control characters');
    else
        return name;
    return undefined;
}
function parseOfferings(p) {
    const value = p.raw('offerings');
    if (!value)
        return undefined;
    const offerings = [];
    for (const item of value.split(/[\s,]+/).filter(Boolean)) {
        const offering = verify_entitlements/* OFFERINGS */.Mx.find((o) => o === item.toUpperCase());
        if (!offering)
            p.problem('offerings', `"${(0,parser/* clip */.$Q)(item)}" is not an offering; expected some of ${verify_entitlements/* OFFERINGS */.Mx.join(', ')}`);
        else if (!offerings.includes(offering))
            offerings.push(offering);
    }
    return offerings;
}
function parseEntitlements(p, offerings) {
    const value = p.raw('entitlements');
    if (!value) {
        p.problem('entitlements', 'required: the entitlements the client needs, comma- or newline-separated, e.g. readUserGroups');
        return undefined;
    }
    const names = value
        .split(/[,\n\r]+/)
        .map((name) => name.trim())
        .filter(Boolean);
    const check = checkEntitlements(names, offerings);
    for (const problem of check.problems)
        p.problem('entitlements', problem);
    if (check.problems.length > 0)
        return undefined;
    if (check.entitlements.length === 0) {
        p.problem('entitlements', 'required: at least one entitlement');
        return undefined;
    }
    return check;
}
function parseStoreInSecret(p) {
    const id = p.raw('store-in-secret');
    if (!id)
        return undefined;
    if (types/* ESV_ID_PATTERN */.iR.test(id))
        return id;
    p.problem('store-in-secret', `"${(0,parser/* clip */.$Q)(id)}" is not an ESV secret id; expected esv- then lower-case letters, digits, _ or - (e.g. esv-crm-client-secret)`);
    return undefined;
}

;// CONCATENATED MODULE: ./src/inputs/connection.ts

/** The credential inputs of one tenant: `prefix` is '' for tenant-url's, 'lower-' for lower-tenant-url's. */
function credentialInputs(prefix) {
    return { accountId: `${prefix}service-account-id`, key: `${prefix}service-account-key`, accessToken: `${prefix}access-token` };
}
function parseAuth(read, problems, prefix = '') {
    const names = credentialInputs(prefix);
    const accountId = read(names.accountId).trim();
    const key = read(names.key).trim();
    const accessToken = read(names.accessToken).trim();
    if (accessToken && (accountId || key)) {
        problems.push(`${names.accessToken}: give either ${names.accessToken} or ${names.accountId} with ${names.key}, not both`);
        return undefined;
    }
    if (accessToken)
        return { kind: 'access-token', accessToken };
    if (!accountId && !key) {
        problems.push(`${names.accountId} / ${names.key}: credentials are required (or give ${names.accessToken})`);
        return undefined;
    }
    if (!accountId)
        problems.push(`${names.accountId}: required with ${names.key}`);
    else if (!/^[A-Za-z0-9._-]{1,128}$/.test(accountId))
        problems.push(`${names.accountId}: expected the service account id (a UUID), got an invalid value`);
    const privateJwk = key ? parsePrivateJwk(key, problems, names.key) : undefined;
    if (!key)
        problems.push(`${names.key}: required with ${names.accountId} (the private JWK, as JSON)`);
    return accountId && privateJwk ? { kind: 'service-account', serviceAccountId: accountId, privateJwk } : undefined;
}
/**
 * The key is secret: no part of it, and no parser message (which quotes the
 * text), may reach an error.
 */
function parsePrivateJwk(text, problems, name = 'service-account-key') {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        problems.push(`${name}: not valid JSON; paste the private JWK downloaded when the service account was created`);
        return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        problems.push(`${name}: expected a JSON object (a JWK)`);
        return undefined;
    }
    const jwk = parsed;
    (0,secrets/* maskJwk */.j4)(jwk);
    if (jwk.kty !== 'RSA') {
        problems.push(`${name}: expected an RSA JWK ("kty": "RSA")`);
        return undefined;
    }
    const missing = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'].filter((member) => typeof jwk[member] !== 'string' || jwk[member] === '');
    if (missing.includes('d')) {
        problems.push(`${name}: this is a public key; the private JWK (with "d") is needed`);
        return undefined;
    }
    if (missing.length > 0) {
        problems.push(`${name}: the JWK lacks ${missing.join(', ')}`);
        return undefined;
    }
    return jwk;
}

;// CONCATENATED MODULE: ./src/inputs/esv-sync.ts
const MAX_CONCURRENCY = 32;
function parseEsvSyncInputs(p, operation) {
    const used = operation === 'set-esvs';
    return {
        file: used ? (p.required('esv-file', 'the YAML or JSON file declaring the ESVs') ?? '') : '',
        prune: p.boolean('prune', false),
        replaceOnTypeChange: p.boolean('replace-on-type-change', false),
        dryRun: p.boolean('dry-run', false),
        concurrency: p.positiveInteger('concurrency', { min: 1, max: MAX_CONCURRENCY }) ?? 8,
        showValues: p.boolean('show-values', false)
    };
}

// EXTERNAL MODULE: ./src/report/fingerprint.ts
var report_fingerprint = __webpack_require__(1938);
;// CONCATENATED MODULE: ./src/inputs/promotion.ts


/** Report and promotion ids are UUIDs on real tenants; anything path-safe is accepted. */
const ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
const MAX_TEXT = 1000;
function parsePromotionInputs(p, operation) {
    const uses = operation !== undefined && PROMOTION_OPERATIONS.has(operation);
    const text = (name) => {
        if (!uses)
            return undefined;
        const value = p.raw(name);
        if (value.length > MAX_TEXT)
            p.problem(name, `at most ${MAX_TEXT} characters, got ${value.length}`);
        return value || undefined;
    };
    const id = (name) => {
        if (!uses)
            return undefined;
        const value = p.raw(name);
        if (value && !ID_PATTERN.test(value))
            p.problem(name, 'expected an id such as da0c66a4-9f37-4f9a-9988-0786ad301b17');
        return value || undefined;
    };
    const inputs = {
        promoter: text('promoter'),
        description: text('description'),
        ticketReference: text('ticket-reference'),
        ignoreEncryptedSecrets: uses && p.boolean('ignore-encrypted-secrets', false),
        unlockAfter: uses ? p.boolean('unlock-after', true) : true,
        promoteEmpty: uses && p.boolean('promote-empty', false),
        approvedFingerprint: undefined,
        requireApproval: uses ? p.boolean('require-approval', true) : true,
        reportId: id('report-id'),
        promotionId: id('promotion-id'),
        force: uses && p.boolean('force', false)
    };
    if (!uses)
        return inputs;
    const fingerprint = p.raw('approved-fingerprint');
    if (fingerprint) {
        inputs.approvedFingerprint = (0,report_fingerprint/* normaliseFingerprint */.Zd)(fingerprint);
        if (!inputs.approvedFingerprint)
            p.problem('approved-fingerprint', 'expected a sha256 fingerprint (64 hex digits, optionally prefixed sha256:)');
    }
    if (operation === 'promote' && inputs.reportId && !fingerprint) {
        p.problem('report-id', 'for promote, give it with approved-fingerprint (the dry run report that backs it)');
    }
    if (operation === 'promote' && inputs.reportId === 'last') {
        p.problem('report-id', "promote needs the dry run's report id, not last");
    }
    if (operation === 'unlock' && !inputs.promotionId && !inputs.force) {
        p.problem('promotion-id', 'required for unlock (the promotion whose lock to release), or set force: true to release the current lock');
    }
    return inputs;
}

// EXTERNAL MODULE: ./src/rotation/secret-values.ts
var secret_values = __webpack_require__(1851);
;// CONCATENATED MODULE: ./src/inputs/rotation.ts


const RETIRE_MODES = ['disable', 'delete', 'none'];
const MAX_KEEP_VERSIONS = 1000;
const MAX_VALUE_LENGTH = 4096;
function parseRotationInputs(p, operation) {
    if (operation !== 'rotate-secret')
        return undefined;
    const secretId = p.required('secret-id', 'the ESV secret to rotate, e.g. esv-signing-key');
    if (secretId && !types/* ESV_ID_PATTERN */.iR.test(secretId))
        p.problem('secret-id', `"${secretId.slice(0, 60)}" is not an ESV secret id; expected esv- then 1 to 124 of a-z, 0-9, _ and -`);
    // secret-value was masked with the other secret inputs before any parsing; no message below quotes it.
    const secretValue = p.raw('secret-value') || undefined;
    const encoding = p.oneOf('encoding', types/* SECRET_ENCODINGS */.q8) ?? 'generic';
    const valueLength = p.positiveInteger('value-length', { min: 1, max: MAX_VALUE_LENGTH });
    const createIfMissing = p.boolean('create-if-missing', false);
    const settings = {
        secretId: secretId ?? '',
        secretValue,
        encoding,
        valueLength,
        createIfMissing,
        retire: p.oneOf('retire', RETIRE_MODES) ?? 'disable',
        keepVersions: p.positiveInteger('keep-versions', { min: 1, max: MAX_KEEP_VERSIONS }) ?? 2,
        outputValue: p.boolean('output-value', false),
        resume: p.boolean('resume', true)
    };
    if (secretValue !== undefined && valueLength !== undefined)
        p.problem('value-length', 'applies only to a generated value; drop it, or drop secret-value to generate one');
    // The encoding input describes only a secret that does not exist yet; an existing one is checked once read.
    if (createIfMissing) {
        const valueProblem = secretValue === undefined ? undefined : (0,secret_values/* secretValueProblem */.dI)(encoding, secretValue);
        if (valueProblem)
            p.problem('secret-value', valueProblem);
        if (secretValue === undefined && encoding === 'pem')
            p.problem('secret-value', `required with encoding pem; ${secret_values/* PEM_NOT_GENERATED */.XB}`);
        else if (valueLength !== undefined && secretValue === undefined) {
            const lengthProblem = (0,secret_values/* valueLengthProblem */.Pb)(encoding, valueLength);
            if (lengthProblem)
                p.problem('value-length', lengthProblem);
        }
    }
    return settings;
}

// EXTERNAL MODULE: ./src/settings/domains.ts
var domains = __webpack_require__(2428);
;// CONCATENATED MODULE: ./src/inputs/tenant-settings.ts



/** CSR subject inputs and the request field each fills, with the most characters X.520 allows. */
const SUBJECT_INPUTS = [
    { input: 'csr-organization', field: 'organization', max: 64 },
    { input: 'csr-organizational-unit', field: 'organizationalUnit', max: 64 },
    { input: 'csr-state', field: 'state', max: 128 },
    { input: 'csr-city', field: 'city', max: 128 },
    { input: 'csr-street-address', field: 'streetAddress', max: 128 },
    { input: 'csr-postal-code', field: 'postalCode', max: 40 },
    { input: 'csr-business-category', field: 'businessCategory', max: 128 },
    { input: 'csr-serial-number', field: 'serialNumber', max: 64 },
    { input: 'csr-jurisdiction-state', field: 'jurisdictionState', max: 128 },
    { input: 'csr-jurisdiction-city', field: 'jurisdictionCity', max: 128 }
];
const COUNTRY = /^[A-Z]{2}$/;
const CSR_ID = /^[A-Za-z0-9_.-]{1,128}$/;
/** prune and dry-run are shared with set-esvs and parsed once there. */
function parseTenantSettingsInputs(p, operation, shared) {
    return {
        settings: operation === 'set-tenant-settings'
            ? {
                file: p.required('settings-file', 'the YAML or JSON file declaring the tenant settings') ?? '',
                ...shared,
                // One minute, as Ping's Terraform provider waits by default (identitycloud_custom_domain_verify).
                domainVerifyTimeoutMs: p.seconds('domain-verify-timeout', 60, { min: 0, max: 6 * 60 * 60 })
            }
            : undefined,
        createCsr: operation === 'create-csr' ? parseCsrRequest(p) : undefined,
        completeCsr: operation === 'complete-csr' ? parseCompleteCsr(p) : undefined
    };
}
function parseCsrRequest(p) {
    const request = { algorithm: p.oneOf('csr-algorithm', types/* CSR_ALGORITHMS */.uL) ?? 'rsa' };
    const commonName = p.raw('csr-common-name');
    if (commonName) {
        const problem = hostnameProblem(commonName);
        if (problem)
            p.problem('csr-common-name', problem);
        else
            request.commonName = commonName.toLowerCase();
    }
    const names = p
        .raw('csr-subject-alternative-names')
        .split(/[\s,]+/)
        .filter(Boolean);
    for (const name of names) {
        const problem = hostnameProblem(name);
        if (problem)
            p.problem('csr-subject-alternative-names', problem);
    }
    // Certificate authorities read names only from the SANs: the common name goes there too.
    const sans = [...new Set([...(request.commonName ? [request.commonName] : []), ...names.map((n) => n.toLowerCase())])];
    // A name given but refused is that one problem, not also "no name given".
    if (sans.length === 0 && !commonName && names.length === 0)
        p.problem('csr-common-name', 'give csr-common-name and/or csr-subject-alternative-names: the domains the certificate will secure');
    request.subjectAlternativeNames = sans;
    for (const input of ['csr-country', 'csr-jurisdiction-country']) {
        const value = p.raw(input);
        if (!value)
            continue;
        if (COUNTRY.test(value))
            request[input === 'csr-country' ? 'country' : 'jurisdictionCountry'] = value;
        else
            p.problem(input, `expected a two-letter ISO 3166 country code in capitals, e.g. US, got "${(0,parser/* clip */.$Q)(value)}"`);
    }
    const email = p.raw('csr-email');
    if (email) {
        if (/^\S+@\S+$/.test(email) && email.length <= 128)
            request.email = email;
        else
            p.problem('csr-email', `expected an email address, got "${(0,parser/* clip */.$Q)(email)}"`);
    }
    for (const { input, field, max } of SUBJECT_INPUTS) {
        const value = p.raw(input);
        if (!value)
            continue;
        if (value.length > max || /[\r\n]/.test(value))
            p.problem(input, `expected one line of at most ${max} characters`);
        else
            request[field] = value;
    }
    return request;
}
/** A DNS name a certificate may secure: a domain, or a wildcard over one. */
function hostnameProblem(name) {
    const domain = name.startsWith('*.') ? name.slice(2) : name;
    const problem = (0,domains/* domainProblem */.iu)(domain, 'custom domain');
    return problem ? problem.replace('custom domain', 'certificate name') : undefined;
}
function parseCompleteCsr(p) {
    const csrId = p.required('csr-id', 'the id create-csr gave, output csr-id');
    if (csrId && !CSR_ID.test(csrId))
        p.problem('csr-id', `"${(0,parser/* clip */.$Q)(csrId)}" is not a CSR id`);
    const certificateFile = p.required('certificate-file', 'the signed certificate, PEM, relative to the workspace');
    if (!csrId || !CSR_ID.test(csrId) || !certificateFile)
        return undefined;
    return { csrId, certificateFile };
}

;// CONCATENATED MODULE: ./src/inputs/index.ts












/** Inputs that hold secrets: masked before anything else reads them. */
const SECRET_INPUTS = [
    'service-account-key',
    'access-token',
    'lower-service-account-key',
    'lower-access-token',
    'github-token',
    'secret-value',
    'verify-client-secret'
];
const MAX_WAIT_SECONDS = 6 * 60 * 60; // a GitHub job's own limit
const MIN_POLL_SECONDS = 0.05;
/**
 * Parses and validates every input at once. All problems are collected and
 * reported together, one line each naming its input; nothing is sent before
 * this succeeds. Secret inputs are masked before anything else reads them.
 */
function parseInputs(read) {
    for (const name of SECRET_INPUTS)
        (0,secrets/* maskSecret */.$l)(read(name));
    const problems = [];
    const p = new parser/* Parser */.iX(read, problems);
    const operation = p.oneOf('operation', OPERATIONS, { required: true });
    const tenant = parseTenant(p, read, problems, operation);
    const lower = parseLowerTenant(p, read, problems, operation, tenant?.connection.url);
    const restart = parseRestartMode(p);
    const waits = {
        restartTimeoutMs: p.seconds('restart-timeout', 900, { min: 1, max: MAX_WAIT_SECONDS }),
        promotionTimeoutMs: p.seconds('promotion-timeout', 3600, { min: 1, max: MAX_WAIT_SECONDS }),
        pollIntervalMs: p.seconds('poll-interval', 10, { min: MIN_POLL_SECONDS, max: 600 })
    };
    const http = {
        requestTimeoutMs: p.seconds('request-timeout', settings/* DEFAULT_HTTP_SETTINGS */.B4.requestTimeoutMs / 1000, { min: 0.1, max: 600 }),
        retryBaseDelayMs: p.seconds('retry-delay', settings/* DEFAULT_HTTP_SETTINGS */.B4.retryBaseDelayMs / 1000, { min: 0.01, max: 60 })
    };
    const github = {
        token: read('github-token').trim() || undefined,
        comment: p.boolean('comment', true),
        prNumber: p.positiveInteger('pr-number')
    };
    // Each area validates its inputs only when the operation uses them.
    const esvSync = parseEsvSyncInputs(p, operation);
    const rotation = parseRotationInputs(p, operation);
    const promotion = parsePromotionInputs(p, operation);
    const apiClient = parseApiClientInputs(p, operation);
    const tenantSettings = parseTenantSettingsInputs(p, operation, { prune: esvSync.prune, dryRun: esvSync.dryRun });
    if (problems.length > 0 || !operation)
        throw new errors/* InputError */.dz(problems);
    // The scopes follow from what the inputs say the operation will do (a dry run only reads).
    const connection = tenant && { ...tenant.connection, scopes: tenant.scopes ?? (0,scopes/* scopesFor */.lN)(operation, { dryRun: esvSync.dryRun, restart }) };
    // The lower tenant answers the same read as the upper one: the same scopes.
    const lowerTenant = lower && connection && { ...lower, scopes: connection.scopes };
    return {
        operation,
        tenant: connection,
        lowerTenant,
        restart,
        waits,
        http,
        github,
        esvSync,
        rotation,
        promotion,
        apiClient,
        tenantSettings
    };
}
/** Whether the operation talks to an Identity Cloud tenant at all. */
function needsTenant(operation, p) {
    return operation !== 'create-api-client' || p.raw('store-in-secret') !== '';
}
function parseTenant(p, read, problems, operation) {
    if (operation && !needsTenant(operation, p))
        return undefined;
    const url = p.tenantUrl('tenant-url');
    const auth = parseAuth(read, problems);
    const scopes = p.scopes('scopes');
    if (!url || !auth || !operation)
        return undefined;
    return { connection: { url, auth }, scopes };
}
/**
 * lower-tenant-url and its own credentials: only promotion-report reads the
 * lower tenant (its provisional report, as peers read it), so anywhere else
 * they are a mistake said up front rather than ignored.
 */
function parseLowerTenant(p, read, problems, operation, upperUrl) {
    const names = credentialInputs('lower-');
    const given = ['lower-tenant-url', names.accountId, names.key, names.accessToken].filter((name) => p.raw(name) !== '');
    if (given.length === 0 || !operation)
        return undefined;
    if (operation !== 'promotion-report') {
        p.problem(given[0] ?? 'lower-tenant-url', `only promotion-report reads the lower tenant; remove ${given.join(', ')} from this ${operation} step`);
        return undefined;
    }
    if (!p.raw('lower-tenant-url')) {
        p.problem(given[0] ?? 'lower-tenant-url', 'given without lower-tenant-url (the lower tenant these credentials are for)');
        return undefined;
    }
    if (p.raw('report-id')) {
        p.problem('lower-tenant-url', 'stored reports (report-id) are read from tenant-url; lower-tenant-url is for the provisional report only');
    }
    const url = p.tenantUrl('lower-tenant-url');
    const auth = parseAuth(read, problems, 'lower-');
    if (url && url === upperUrl)
        p.problem('lower-tenant-url', 'is tenant-url itself; give the lower tenant of the pair (e.g. the development tenant)');
    return url && auth ? { url, auth } : undefined;
}
function parseRestartMode(p) {
    const value = p.oneOf('restart', ['auto', 'always', 'never', 'true', 'false']);
    if (value === 'true')
        return 'auto';
    if (value === 'false')
        return 'never';
    return value ?? 'auto';
}




/***/ }),

/***/ 2750:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   U9: () => (/* binding */ isLoopback),
/* harmony export */   iX: () => (/* binding */ Parser),
/* harmony export */   x0: () => (/* binding */ tenantUrlProblem)
/* harmony export */ });
/* unused harmony exports REPLACEMENT_CHARACTER, NOT_UTF8 */
/** Small typed readers that record a problem instead of throwing. */
class Parser {
    read;
    problems;
    constructor(read, problems) {
        this.read = read;
        this.problems = problems;
    }
    raw(name) {
        const value = this.read(name).trim();
        if (value.includes(REPLACEMENT_CHARACTER))
            this.problem(name, NOT_UTF8);
        return value;
    }
    problem(name, message) {
        this.problems.push(`${name}: ${message}`);
    }
    required(name, what) {
        const value = this.raw(name);
        if (!value)
            this.problem(name, `required (${what})`);
        return value || undefined;
    }
    oneOf(name, allowed, options = {}) {
        const value = this.raw(name);
        if (!value) {
            if (options.required)
                this.problem(name, `required; one of ${allowed.join(', ')}`);
            return undefined;
        }
        if (allowed.includes(value))
            return value;
        this.problem(name, `"${clip(value)}" is not one of ${allowed.join(', ')}`);
        return undefined;
    }
    boolean(name, fallback) {
        const value = this.raw(name).toLowerCase();
        if (!value)
            return fallback;
        if (value === 'true')
            return true;
        if (value === 'false')
            return false;
        this.problem(name, `expected true or false, got "${clip(value)}"`);
        return fallback;
    }
    /** A number of seconds (decimals allowed), returned in milliseconds. */
    seconds(name, fallback, range) {
        const value = this.raw(name);
        if (!value)
            return fallback * 1000;
        const seconds = Number(value);
        if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(seconds) || seconds < range.min || seconds > range.max) {
            this.problem(name, `expected a number of seconds from ${range.min} to ${range.max}, got "${clip(value)}"`);
            return fallback * 1000;
        }
        return Math.round(seconds * 1000);
    }
    positiveInteger(name, range = { min: 1, max: Number.MAX_SAFE_INTEGER }) {
        const value = this.raw(name);
        if (!value)
            return undefined;
        const number = Number(value);
        if (!/^\d+$/.test(value) || number < range.min || number > range.max) {
            this.problem(name, `expected a whole number from ${range.min} to ${range.max}, got "${clip(value)}"`);
            return undefined;
        }
        return number;
    }
    tenantUrl(name) {
        const value = this.raw(name);
        if (!value) {
            this.problem(name, 'required, e.g. https://openam-acme-dev.forgeblocks.com');
            return undefined;
        }
        const problem = tenantUrlProblem(value);
        if (problem) {
            this.problem(name, problem);
            return undefined;
        }
        return new URL(value).origin;
    }
    scopes(name) {
        const value = this.raw(name);
        if (!value)
            return undefined;
        const scopes = value.split(/[\s,]+/).filter(Boolean);
        const bad = scopes.filter((scope) => !/^[A-Za-z0-9:*_.\-/]+$/.test(scope));
        if (bad.length > 0)
            this.problem(name, `invalid scope ${bad.map((s) => `"${clip(s)}"`).join(', ')}`);
        return [...new Set(scopes)];
    }
}
/**
 * Node turns bytes of an environment variable (an input is one) that are not UTF-8 into U+FFFD before
 * the action sees them; a value holding one would be written changed, so it is refused.
 */
const REPLACEMENT_CHARACTER = '\uFFFD';
const NOT_UTF8 = 'holds bytes that are not UTF-8 text (shown as U+FFFD); give the value as UTF-8';
/** https only, except plain http to this machine (the emulator); an origin, nothing more. */
function tenantUrlProblem(value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        return `"${clip(value)}" is not a URL; expected e.g. https://openam-acme-dev.forgeblocks.com`;
    }
    if (url.username || url.password)
        return 'must not contain credentials';
    if (url.protocol === 'http:' && !isLoopback(url.hostname))
        return 'must use https (http is allowed only for a local emulator on a loopback address)';
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return `must use https, got ${url.protocol.replace(':', '')}`;
    if (url.pathname !== '/' && url.pathname !== '')
        return `must be the tenant's base URL without a path (got "${clip(url.pathname)}"); drop it, e.g. ${url.origin}`;
    if (url.search || url.hash)
        return 'must not contain a query or fragment';
    return undefined;
}
function isLoopback(hostname) {
    return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
/** Inputs are echoed in errors only in part, so a long value cannot flood the log. */
function clip(value) {
    return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}


/***/ }),

/***/ 9059:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QP: () => (/* binding */ changeRows),
/* harmony export */   X8: () => (/* binding */ countsBySection),
/* harmony export */   mN: () => (/* binding */ blockers)
/* harmony export */ });
/* unused harmony exports sectionOrder, uniqueSorted */
/* harmony import */ var _tenant_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(589);

/** Sections in the order a tenant sends them (AMConfig, IDMConfig), then any other by name. */
function sectionOrder(report) {
    const known = _tenant_types_js__WEBPACK_IMPORTED_MODULE_0__/* .REPORT_SECTIONS */ .KE;
    const others = Object.keys(report.report ?? {})
        .filter((section) => !known.includes(section))
        .sort();
    return [..._tenant_types_js__WEBPACK_IMPORTED_MODULE_0__/* .REPORT_SECTIONS */ .KE, ...others];
}
function changeRows(report) {
    const rows = [];
    for (const section of sectionOrder(report)) {
        for (const group of report.report?.[section] ?? []) {
            for (const kind of _tenant_types_js__WEBPACK_IMPORTED_MODULE_0__/* .CHANGE_KINDS */ .tO) {
                for (const item of group.configChange?.[kind] ?? []) {
                    rows.push({ section, configItem: group.configItem, kind, name: item.name ?? '', realm: item.realm ?? '', uid: item.uid ?? '' });
                }
            }
        }
    }
    return rows;
}
/** Sorted and without duplicates, so the order a tenant lists them in never matters. */
function uniqueSorted(values) {
    return [...new Set([...values].filter((value) => typeof value === 'string' && value !== ''))].sort();
}
/**
 * Missing ESVs and encrypted secrets, from the report and (after a run) the run's progress. The report's
 * previouslyIgnoredEncryptedSecrets were accepted by an earlier promotion: they are kept apart and never block.
 */
function blockers(report, progress) {
    const previouslyIgnoredEncryptedSecrets = uniqueSorted(report.previouslyIgnoredEncryptedSecrets ?? []);
    return {
        missingEsvs: uniqueSorted([...(report.missingESVs ?? []), ...(progress?.missingESVs ?? [])]),
        encryptedSecrets: uniqueSorted(progress?.encryptedSecrets ?? []).filter((id) => !previouslyIgnoredEncryptedSecrets.includes(id)),
        previouslyIgnoredEncryptedSecrets
    };
}
function countsBySection(rows) {
    const counts = new Map();
    for (const row of rows) {
        const entry = counts.get(row.section) ?? { added: 0, modified: 0, deleted: 0 };
        entry[row.kind] += 1;
        counts.set(row.section, entry);
    }
    return counts;
}


/***/ }),

/***/ 1938:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gb: () => (/* binding */ canonicalDifference),
/* harmony export */   LA: () => (/* binding */ displayFingerprint),
/* harmony export */   Zd: () => (/* binding */ normaliseFingerprint),
/* harmony export */   vF: () => (/* binding */ assessReport),
/* harmony export */   zm: () => (/* binding */ canonicalReport)
/* harmony export */ });
/* unused harmony exports CANONICAL_VERSION, fingerprintOf */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _changes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9059);


/**
 * Bumped if the canonical form ever changes, so old and new fingerprints never match by accident.
 * 2: the blockers (missing ESVs, encrypted secrets) left the form, so fixing them keeps an approval valid.
 */
const CANONICAL_VERSION = 2;
/**
 * The report reduced to the set of changed items that is promoted: independent
 * of report and promotion ids, dates, promoter, and the order the tenant lists
 * things in. Not the items' content (the report has none), and not what blocks
 * the promotion: creating a missing ESV in the upper environment must not
 * invalidate the approval of the same changes; promote still refuses while
 * anything blocks.
 */
function canonicalReport(rows) {
    return { version: CANONICAL_VERSION, changes: canonicalChanges(rows) };
}
/** Sorted, then equal neighbours dropped: the same set as de-duplicating first, without a key per row. */
function canonicalChanges(rows) {
    const tuples = rows.map((row) => [row.section, row.configItem, row.kind, row.uid, row.name]);
    tuples.sort(compareTuples);
    return tuples.filter((tuple, i) => i === 0 || compareTuples(tuple, tuples[i - 1]) !== 0);
}
/** Bytes handed to the hash at a time: few calls, and never the whole (large) form in memory at once. */
const HASH_CHUNK_CHARS = 64 * 1024;
/**
 * sha256 (lower-case hex) of the canonical form serialised as compact JSON in UTF-8: the same hash as
 * JSON.stringify of `{ version, changes }` hashed whole, streamed, as that text is megabytes on a large
 * report and only its hash is needed.
 */
function fingerprintOf({ version, changes }) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    let chunk = `{"version":${JSON.stringify(version)},"changes":[`;
    for (let i = 0; i < changes.length; i++) {
        const json = JSON.stringify(changes[i]);
        chunk += i === 0 ? json : `,${json}`;
        if (chunk.length >= HASH_CHUNK_CHARS) {
            hash.update(chunk, 'utf8');
            chunk = '';
        }
    }
    hash.update(`${chunk}]}`, 'utf8');
    return hash.digest('hex');
}
function assessReport(report, progress) {
    const rows = (0,_changes_js__WEBPACK_IMPORTED_MODULE_1__/* .changeRows */ .QP)(report);
    return {
        report,
        rows,
        ...(0,_changes_js__WEBPACK_IMPORTED_MODULE_1__/* .blockers */ .mN)(report, progress),
        fingerprint: fingerprintOf(canonicalReport(rows)),
        promotionId: report.promotionId ?? progress?.promotionId
    };
}
/** Accepts `sha256:<hex>` or bare hex in any case; undefined when it is not a sha256. */
function normaliseFingerprint(value) {
    const hex = value
        .trim()
        .replace(/^sha256:/i, '')
        .toLowerCase();
    return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}
function displayFingerprint(fingerprint) {
    return `sha256:${fingerprint}`;
}
/** What differs between two canonical reports, one line each: `+ ` now there, `- ` no longer there. */
function canonicalDifference(approved, current) {
    const lines = (c) => c.changes.map(([section, configItem, kind, , name]) => `${section} ${configItem}: ${kind} ${name}`);
    const before = new Set(lines(approved));
    const after = new Set(lines(current));
    return [
        ...[...after].filter((line) => !before.has(line)).map((line) => `+ ${line}`),
        ...[...before].filter((line) => !after.has(line)).map((line) => `- ${line}`)
    ];
}
function compareTuples(a, b) {
    for (let i = 0; i < a.length; i++) {
        const x = a[i] ?? '';
        const y = b[i] ?? '';
        if (x !== y)
            return x < y ? -1 : 1;
    }
    return 0;
}


/***/ }),

/***/ 1851:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GP: () => (/* binding */ toValueBase64),
/* harmony export */   Pb: () => (/* binding */ valueLengthProblem),
/* harmony export */   XB: () => (/* binding */ PEM_NOT_GENERATED),
/* harmony export */   dI: () => (/* binding */ secretValueProblem),
/* harmony export */   xV: () => (/* binding */ generateSecretValue)
/* harmony export */ });
/* unused harmony exports DEFAULT_GENERIC_LENGTH, DEFAULT_HMAC_BYTES, AES_KEY_BYTES, GENERIC_LENGTH_RANGE, HMAC_BYTES_RANGE, looksLikePem */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7194);



/**
 * What a secret's value looks like for each ESV encoding, and how to make one.
 * A value is the text as it would be pasted in the admin console: for
 * base64hmac and base64aes that is the key in base64; on the wire it is
 * base64-encoded once more (`valueBase64`).
 */
const DEFAULT_GENERIC_LENGTH = 32;
const DEFAULT_HMAC_BYTES = 32;
const AES_KEY_BYTES = [16, 24, 32];
const DEFAULT_AES_BYTES = 32;
/** Shorter would be guessable; longer is no stronger and may not fit where the value is used. */
const GENERIC_LENGTH_RANGE = { min: 16, max: 1024 };
const HMAC_BYTES_RANGE = { min: 16, max: 512 };
const PEM_NOT_GENERATED = 'a pem secret cannot be generated: make the key or certificate yourself (e.g. with openssl) and give it as secret-value, from a GitHub secret';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[A-Za-z0-9+/=\s:,-]+?\r?\n-----END \1-----/g;
/** Why value-length does not fit the encoding, or undefined when it does. */
function valueLengthProblem(encoding, length) {
    switch (encoding) {
        case 'generic':
            return inRange(length, GENERIC_LENGTH_RANGE)
                ? undefined
                : `expected ${rangeText(GENERIC_LENGTH_RANGE)} characters for a generic secret`;
        case 'base64hmac':
            return inRange(length, HMAC_BYTES_RANGE) ? undefined : `expected ${rangeText(HMAC_BYTES_RANGE)} bytes for a base64hmac key`;
        case 'base64aes':
            return AES_KEY_BYTES.includes(length) ? undefined : 'expected 16, 24 or 32 bytes for a base64aes key';
        case 'pem':
            return 'a pem secret cannot be generated, so value-length does not apply; give the PEM as secret-value';
    }
}
/**
 * Why a given value does not fit the encoding, or undefined when it does.
 * Never quotes the value: it is secret.
 */
function secretValueProblem(encoding, value) {
    if (value === '')
        return 'is empty';
    switch (encoding) {
        case 'generic':
            return undefined;
        case 'base64hmac':
            return BASE64.test(value)
                ? undefined
                : 'a base64hmac secret takes the key in base64 (e.g. from openssl rand -base64 32), and this is not valid base64';
        case 'base64aes': {
            if (!BASE64.test(value))
                return 'a base64aes secret takes the key in base64 (e.g. from openssl rand -base64 32), and this is not valid base64';
            const bytes = Buffer.from(value, 'base64').length;
            return AES_KEY_BYTES.includes(bytes) ? undefined : `a base64aes key must decode to 16, 24 or 32 bytes, and this decodes to ${bytes}`;
        }
        case 'pem':
            return looksLikePem(value)
                ? undefined
                : 'a pem secret takes PEM text (-----BEGIN ...----- ... -----END ...-----), and this does not look like PEM';
    }
}
/** One or more PEM blocks (a key, a certificate chain) and nothing else but whitespace. */
function looksLikePem(value) {
    const blocks = value.match(PEM_BLOCK);
    return blocks !== null && value.replace(PEM_BLOCK, '').trim() === '';
}
/**
 * A fresh random value fit for the encoding, masked before it is returned.
 * generic: URL-safe characters; base64hmac/base64aes: random key bytes in base64.
 */
function generateSecretValue(encoding, length) {
    const value = randomValue(encoding, length);
    (0,_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .maskSecret */ .$l)(value);
    return value;
}
function randomValue(encoding, length) {
    switch (encoding) {
        case 'generic': {
            const characters = length ?? DEFAULT_GENERIC_LENGTH;
            // base64url gives 4 characters per 3 bytes; ask for enough and cut.
            return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(Math.ceil((characters * 3) / 4))
                .toString('base64url')
                .slice(0, characters);
        }
        case 'base64hmac':
            return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(length ?? DEFAULT_HMAC_BYTES).toString('base64');
        case 'base64aes':
            return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(length ?? DEFAULT_AES_BYTES).toString('base64');
        case 'pem':
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(PEM_NOT_GENERATED);
    }
}
/** The value as the API carries it. */
function toValueBase64(value) {
    return Buffer.from(value, 'utf8').toString('base64');
}
function inRange(value, range) {
    return value >= range.min && value <= range.max;
}
function rangeText(range) {
    return `${range.min} to ${range.max}`;
}


/***/ }),

/***/ 2428:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cF: () => (/* binding */ sameDomains),
/* harmony export */   ih: () => (/* binding */ canonicalDomains),
/* harmony export */   iu: () => (/* binding */ domainProblem)
/* harmony export */ });
/** Problems with a DNS name used as a cookie domain or a custom domain; undefined when fine. */
function domainProblem(value, kind) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
        return `"${value}" is a URL; give the ${kind} alone, e.g. ${hostOf(value)}`;
    if (kind === 'cookie domain' && value.startsWith('.'))
        return `"${value}": write the ${kind} without the leading dot`;
    if (value.includes('*'))
        return `"${value}": a ${kind} cannot be a wildcard`;
    if (/[:/]/.test(value))
        return `"${value}": a ${kind} has no port or path`;
    if (value.length > 253)
        return `"${value.slice(0, 40)}…" is longer than 253 characters`;
    const labels = value.split('.');
    if (labels.length < 2 || !labels.every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label)))
        return `"${value}" is not a domain name (labels of letters, digits and hyphens, separated by dots, e.g. login.acme.example)`;
    return undefined;
}
function hostOf(url) {
    try {
        return new URL(url).hostname;
    }
    catch {
        return 'login.acme.example';
    }
}
/** Lower case, without duplicates, sorted: how two domain lists are compared. */
function canonicalDomains(domains) {
    return [...new Set(domains.map((domain) => domain.toLowerCase()))].sort();
}
function sameDomains(a, b) {
    return JSON.stringify(canonicalDomains(a)) === JSON.stringify(canonicalDomains(b));
}


/***/ }),

/***/ 19:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J0: () => (/* binding */ fullScopeOf),
/* harmony export */   lN: () => (/* binding */ scopesFor),
/* harmony export */   rX: () => (/* binding */ tenantSettingsScopes)
/* harmony export */ });
const ESV_READ = 'fr:idc:esv:read';
const ESV_UPDATE = 'fr:idc:esv:update';
const ESV_RESTART = 'fr:idc:esv:restart';
const PROMOTION = 'fr:idc:promotion:*';
const PROMOTION_READ = 'fr:idc:promotion:read';
const CERTIFICATE = 'fr:idc:certificate:*';
const CERTIFICATE_READ = 'fr:idc:certificate:read';
/**
 * Each settings area's full scope and its read scope (frodo-lib `src/shared/Constants.ts`); a dry run
 * asks only for the read ones. An account that holds only the full scope is asked again with it
 * (ServiceAccountTokens), as whether `:*` grants `:read` is not documented.
 */
const SETTINGS_SCOPES = {
    'content-security-policy': { write: 'fr:idc:content-security-policy:*', read: 'fr:idc:content-security-policy:read' },
    'cookie-domains': { write: 'fr:idc:cookie-domain:*', read: 'fr:idc:cookie-domain:read' },
    'custom-domains': { write: 'fr:idc:custom-domain:*', read: 'fr:idc:custom-domain:read' },
    'federation-enforcement': { write: 'fr:idc:federation:*', read: 'fr:idc:federation:read' },
    'sso-cookie': { write: 'fr:idc:sso-cookie:*', read: 'fr:idc:sso-cookie:read' },
    certificates: { write: CERTIFICATE, read: CERTIFICATE_READ }
};
const ALL_SETTINGS_SCOPES = Object.values(SETTINGS_SCOPES).map((scopes) => scopes.write);
/**
 * The least set of scopes each operation needs from the service account.
 * `create-api-client` talks to the tenant only to store the client secret.
 */
const SCOPES_BY_OPERATION = {
    restart: [ESV_READ, ESV_RESTART],
    'set-esvs': [ESV_READ, ESV_UPDATE, ESV_RESTART],
    'rotate-secret': [ESV_READ, ESV_UPDATE, ESV_RESTART],
    'create-api-client': [ESV_READ, ESV_UPDATE, ESV_RESTART],
    'dry-run-promote': [PROMOTION],
    promote: [PROMOTION],
    rollback: [PROMOTION],
    // Reads reports only (and, with lower-tenant-url, the lower tenant's provisional report).
    'promotion-report': [PROMOTION_READ],
    unlock: [PROMOTION],
    // Until the file is read: every area's; set-tenant-settings then asks only for the areas its file declares.
    'set-tenant-settings': ALL_SETTINGS_SCOPES,
    'create-csr': [CERTIFICATE],
    'complete-csr': [CERTIFICATE]
};
const RESTARTING_OPERATIONS = new Set(['set-esvs', 'rotate-secret', 'create-api-client']);
function scopesFor(operation, uses = {}) {
    if (operation === 'set-esvs' && uses.dryRun)
        return [ESV_READ];
    const scopes = [...SCOPES_BY_OPERATION[operation]];
    if (RESTARTING_OPERATIONS.has(operation) && uses.restart === 'never')
        return scopes.filter((scope) => scope !== ESV_RESTART);
    return scopes;
}
/** The least scopes for the areas a settings file declares; a dry run only reads. */
function tenantSettingsScopes(areas, dryRun) {
    return [...new Set(areas.map((area) => (dryRun ? SETTINGS_SCOPES[area].read : SETTINGS_SCOPES[area].write)))];
}
/** The full scope a read scope belongs to (`fr:idc:esv:read` → `fr:idc:esv:*`); undefined for any other scope. */
function fullScopeOf(scope) {
    return /^(.+):read$/.exec(scope)?.[1]?.concat(':*');
}


/***/ }),

/***/ 589:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A1: () => (/* binding */ CUSTOM_DOMAIN_REALMS),
/* harmony export */   H$: () => (/* binding */ DESCRIPTION_MAX_LENGTH),
/* harmony export */   KE: () => (/* binding */ REPORT_SECTIONS),
/* harmony export */   Ol: () => (/* binding */ FEDERATION_ENFORCEMENT_GROUPS),
/* harmony export */   W1: () => (/* binding */ SSO_COOKIE_NAME_PATTERN),
/* harmony export */   iR: () => (/* binding */ ESV_ID_PATTERN),
/* harmony export */   q8: () => (/* binding */ SECRET_ENCODINGS),
/* harmony export */   tA: () => (/* binding */ EXPRESSION_TYPES),
/* harmony export */   tO: () => (/* binding */ CHANGE_KINDS),
/* harmony export */   uL: () => (/* binding */ CSR_ALGORITHMS),
/* harmony export */   wx: () => (/* binding */ CSP_POLICIES)
/* harmony export */ });
/* unused harmony export SECRET_VERSION_ID_PATTERN */
/**
 * Shapes of the tenant-environment API, as the official OpenAPI description
 * (components/schemas) and recorded real responses define them. Both the
 * action's clients and the emulator use these, so they cannot drift apart.
 */
const EXPRESSION_TYPES = [
    'string',
    'list',
    'array',
    'object',
    'bool',
    'int',
    'number',
    'base64encodedinlined',
    'keyvaluelist'
];
const SECRET_ENCODINGS = ['generic', 'pem', 'base64hmac', 'base64aes'];
const ESV_ID_PATTERN = /^esv-[a-z0-9_-]{1,124}$/;
const SECRET_VERSION_ID_PATTERN = /^latest$|^[0-9]+$/;
const DESCRIPTION_MAX_LENGTH = 1000;
/** The report sections a real tenant sends; others are rendered too, in name order. */
const REPORT_SECTIONS = ['AMConfig', 'IDMConfig'];
const CHANGE_KINDS = ['added', 'modified', 'deleted'];
const CSR_ALGORITHMS = ['rsa', 'ecdsa'];
const CSP_POLICIES = ['enforced', 'report-only'];
const CUSTOM_DOMAIN_REALMS = ['alpha', 'bravo'];
const FEDERATION_ENFORCEMENT_GROUPS = ['none', 'non-global', 'all'];
const SSO_COOKIE_NAME_PATTERN = /^[a-zA-Z0-9]{1,32}$/;


/***/ }),

/***/ 4041:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CH: () => (/* binding */ MANAGE_API_CLIENTS),
/* harmony export */   Mx: () => (/* binding */ OFFERINGS),
/* harmony export */   Ni: () => (/* binding */ findEntitlement),
/* harmony export */   PR: () => (/* binding */ ENTITLEMENTS),
/* harmony export */   hb: () => (/* binding */ SHOWS_CLIENT_SECRETS)
/* harmony export */ });
/* unused harmony export READ_API_CLIENTS_AND_SECRET */
/**
 * The catalogue of API-client entitlements of the identity tenant (IBM Security
 * Verify's `/v1.0/apiclients`), with the offering each needs, as the API-client
 * documentation lists them. Names are case-sensitive. A unit test checks every
 * entry against the documentation; an entry that table lacks names its source.
 */
const OFFERINGS = ['CIC', 'CIV', 'CIA', 'CIG', 'ISC'];
function entitlement(name, description, offerings = [], exception) {
    return exception ? { name, description, offerings, exception } : { name, description, offerings };
}
/** The entitlement an admin client needs to create API clients. */
const MANAGE_API_CLIENTS = 'manageAPIClients';
/** Reads API clients with their secrets; `readAPIClients` alone no longer shows a secret. */
const READ_API_CLIENTS_AND_SECRET = 'readAPIClientsAndClientSecret';
/** The entitlements under which the identity tenant shows a client's secret. */
const SHOWS_CLIENT_SECRETS = [MANAGE_API_CLIENTS, READ_API_CLIENTS_AND_SECRET];
/**
 * The read entitlements that show client secrets, added after the seed documentation's table: the
 * plain read entitlements (readAPIClients, readAppConfig, readSTSClients, readExternalAgents) no
 * longer show them.
 */
const SECURITY_UPDATES_FOR_ENTITLEMENTS = 'IBM Security Verify documentation "Security updates for entitlements" (https://www.ibm.com/docs/en/security-verify?topic=access-security-updates-entitlements)';
/** An entitlement from that page: offered wherever its plain read entitlement is (any offering). */
function secretReader(name, description) {
    return { name, description, offerings: [], source: SECURITY_UPDATES_FOR_ENTITLEMENTS };
}
const ENTITLEMENTS = [
    entitlement('manageDeployment', 'Manage deployment'),
    entitlement('manageCerts', 'Manage certificates'),
    entitlement('readCerts', 'Read certificates'),
    entitlement('manageAPIClients', 'Manage API clients'),
    entitlement('readAPIClients', 'Read API clients'),
    secretReader(READ_API_CLIENTS_AND_SECRET, 'Read API clients and their client secrets'),
    entitlement('manageIdentitySources', 'Manage identity providers'),
    entitlement('readIdentitySources', 'Read identity providers'),
    entitlement('manageMFAMethods', 'Manage second-factor authentication method configuration', ['CIC']),
    entitlement('readMFAMethods', 'Read second-factor authentication method configuration', ['CIC']),
    entitlement('manageEnrollMFAMethodAnyUser', 'Manage second-factor authentication enrollment for all users', ['CIV']),
    entitlement('readEnrollMFAMethodAnyUser', 'Read second-factor authentication enrollment for all users', ['CIV']),
    entitlement('authnAnyUser', 'Authenticate any user', ['CIV']),
    entitlement('manageAuthenticatorsConfig', 'Manage authenticator configuration', ['CIV']),
    entitlement('readAuthenticatorsConfig', 'Read authenticator configuration', ['CIV']),
    entitlement('manageAuthenticatorsAnyUser', 'Manage authenticator registrations for all users', ['CIV']),
    entitlement('readAuthenticatorsAnyUser', 'Read authenticator registrations for all users', ['CIV']),
    entitlement('manageUserGroups', 'Manage users and groups'),
    entitlement('readUserGroups', 'Read users and groups'),
    entitlement('manageAllUserGroups', 'Synchronize users and groups'),
    entitlement('manageUsersPwdReset', 'Manage users and their pwdReset attribute'),
    entitlement('manageUserStandardGroups', 'Manage users and standard groups'),
    entitlement('manageAdminGroup', 'Manage administrator group'),
    entitlement('readAdminGroup', 'Read administrator group'),
    entitlement('managePwdPolicy', 'Manage password policy'),
    entitlement('readPwdPolicy', 'Read password policy'),
    entitlement('AnalyticsDataSyncToCloud', '', ['CIA']),
    entitlement('AnalyticsSatelliteOnBoard', '', ['CIA']),
    entitlement('manageOIDCGrants', 'Manage OAuth tokens'),
    entitlement('readOIDCGrants', 'Read OAuth tokens'),
    entitlement('recoverUsername', 'Recover user name'),
    entitlement('manageFederations', 'Manage federations'),
    entitlement('readFederations', 'Read federations'),
    entitlement('resetPassword', 'Reset password'),
    entitlement('manageAppAccessAdmin', 'Manage application lifecycle'),
    entitlement('manageAppAccessOwner', 'Manage application entitlements'),
    entitlement('manageSubscriptions', 'Manage subscriptions', ['ISC']),
    entitlement('manageAccessPolicies', 'Manage access policies'),
    entitlement('readAccessPolicies', 'Read access policies'),
    entitlement('managePushCreds', 'Manage Push notification credentials'),
    entitlement('readPushCreds', 'Read Push notification credentials'),
    entitlement('manageAccessRequest', 'Manage access request', ['CIG']),
    entitlement('manageAccessWorkflow', 'Manage access request work flows', ['CIG']),
    entitlement('manageOIDCConsents', 'Manage OAuth consents'),
    entitlement('readOIDCConsents', 'Read OAuth consents'),
    entitlement('manageReports', 'Manage reports', [], { note: 'application usage reports can only be exported by CIC.', offering: 'CIC' }),
    entitlement('readReports', 'Read reports', [], { note: 'application usage reports can only be accessed by CIC.', offering: 'CIC' }),
    entitlement('updateAnyUser', 'Update any user'),
    entitlement('resetPasswordAnyUser', 'Reset password of any user'),
    entitlement('readTenantProperties', 'Read tenant properties'),
    entitlement('manageTenantProperties', 'Manage tenant properties'),
    entitlement('manageAttributes', 'Manage attribute sources'),
    entitlement('readAttributes', 'Read attribute sources'),
    entitlement('generateOTP', 'Generate OTP', ['CIV']),
    entitlement('readAppConfig', 'Read application configuration'),
    secretReader('readAppConfigAndClientSecret', 'Read application configuration and client secrets'),
    entitlement('manageTemplates', 'Manage templates and themes'),
    entitlement('readTemplates', 'Read templates and themes'),
    entitlement('reviewCertRecords', 'Review certification records', ['CIG']),
    entitlement('readEntitlements', 'Read configurable entitlements'),
    entitlement('manageNotificationProviders', 'Manage notification providers'),
    entitlement('readNotificationProviders', 'Read notification providers'),
    entitlement('manageCertifications', 'Manage certifications', ['CIG']),
    entitlement('readExternalAgents', 'Read external agents'),
    secretReader('readExternalAgentsAndClientSecret', 'Read external agents and their client secrets'),
    entitlement('manageExternalAgents', 'Manage external agents'),
    entitlement('runExternalAgent', 'Enable external agent runtime functions'),
    entitlement('manageOidcDynamicClient', 'Manage OIDC client registration dynamically'),
    entitlement('readPurpose', 'Read privacy purposes and EULA'),
    entitlement('managePurpose', 'Manage privacy purposes and EULA'),
    entitlement('manageAppPurpose', 'Manage application privacy purposes'),
    entitlement('readPrivacyConsent', 'Read privacy consents'),
    entitlement('managePrivacyConsent', 'Manage privacy consents'),
    entitlement('readPrivacyPolicy', 'Read privacy rules and policy'),
    entitlement('managePrivacyPolicy', 'Manage privacy rules and policy'),
    entitlement('createPrivacyConsent', 'Create privacy consent records'),
    entitlement('performDSP', "Retrieve privacy purposes and associated user's consent"),
    entitlement('performDUA', 'Check for data usage approval'),
    entitlement('certCampaignSupervisor', 'Monitor certification campaigns', ['CIG']),
    entitlement('managePwdVaultAnyUser', 'Manage password vault for all users', ['CIC', 'CIV']),
    entitlement('managePwdVault', 'Manage own password vault', ['CIC', 'CIV']),
    entitlement('readPwdVaultAnyUser', 'Read password vault for all users', ['CIC', 'CIV']),
    entitlement('readPwdVault', 'Read own password vault', ['CIC', 'CIV']),
    entitlement('managePwdVaultConfig', 'Manage password vault configuration', ['CIC', 'CIV']),
    entitlement('readPwdVaultConfig', 'Read password vault configuration', ['CIC', 'CIV']),
    entitlement('mfaPush', 'Send second-factor push notifications', ['CIV']),
    entitlement('readPrivacyProfile', 'Read privacy profiles'),
    entitlement('managePrivacyProfile', 'Manage privacy profiles'),
    entitlement('manageEntitlements', 'Manage entitlements'),
    entitlement('manageDevicesAnyUser', 'Manage devices for all users'),
    entitlement('readDevicesAnyUser', 'Read devices for all users'),
    entitlement('manageDevices', 'Manage only your devices'),
    entitlement('readDevices', 'Read only your devices'),
    entitlement('manageRecaptcha', 'Manage reCAPTCHA configuration'),
    entitlement('readRecaptcha', 'Read reCAPTCHA configuration'),
    entitlement('manageLoginSessions', 'Manage login sessions'),
    entitlement('manageRelyingParty', 'Manage relying party configuration'),
    entitlement('readRelyingParty', 'Read relying party configuration'),
    entitlement('manageWebhooks', 'Manage webhooks'),
    entitlement('readWebhooks', 'Read webhooks'),
    entitlement('readSTSClients', 'Read STS clients and token types'),
    secretReader('readSTSClientsAndClientSecret', 'Read STS clients, token types and client secrets'),
    entitlement('manageSTSClients', 'Manage STS clients and token types'),
    entitlement('manageVerifiableLinks', 'Manage verifiable links configuration'),
    entitlement('readSelfOidcGrants', 'Read your OIDC and OAuth grants'),
    entitlement('manageSelfOidcGrants', 'Manage your OIDC and OAuth grants'),
    entitlement('diManageAgency', 'Manage Decentralized Identity Agency Configuration'),
    entitlement('diReadAgency', 'Read Decentralized Identity Agency Configuration'),
    entitlement('diManageAgentsAny', 'Manage Decentralized Identity Agents'),
    entitlement('diReadAgentsAny', 'Read Decentralized Identity Agents'),
    entitlement('manageMyOrg', 'Manage my organization', ['CIG']),
    entitlement('diIssueCredentials', 'Issue Decentralized Identity Verifiable Credentials', ['CIV']),
    entitlement('diVerifyCredentials', 'Verify Decentralized Identity Verifiable Credentials', ['CIV'])
];
const BY_NAME = new Map(ENTITLEMENTS.map((e) => [e.name, e]));
function findEntitlement(name) {
    return BY_NAME.get(name);
}


/***/ })

};
;