"use strict";
exports.id = 96;
exports.ids = [96];
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

/***/ 1096:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  setEsvs: () => (/* binding */ setEsvs)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 19 modules
var core = __webpack_require__(8079);
// EXTERNAL MODULE: ./src/concurrency.ts
var src_concurrency = __webpack_require__(1532);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/esvs/values.ts
const ok = (text) => ({ ok: true, text });
const bad = (problem) => ({ ok: false, problem });
/**
 * A native YAML/JSON value (from `value`) or text (from an environment
 * variable or a file) serialised as the expressionType expects.
 */
function variableText(type, value) {
    switch (type) {
        case 'string':
            return isScalar(value) ? ok(String(value)) : bad('a string variable needs a scalar value');
        case 'array':
            return jsonOf(value, Array.isArray, 'a JSON array (a YAML sequence or JSON text)');
        case 'object':
            return jsonOf(value, isPlainObject, 'a JSON object (a YAML mapping or JSON text)');
        case 'keyvaluelist':
            return keyValueList(value);
        case 'bool':
            return boolText(value);
        case 'int':
            return numberText(value, true);
        case 'number':
            return numberText(value, false);
        case 'list':
            return listText(value);
        case 'base64encodedinlined':
            return typeof value === 'string' && isBase64(value.trim()) && value.trim() !== ''
                ? ok(value.trim())
                : bad('a base64encodedinlined variable needs base64 text (or a value-file, which is encoded for you)');
    }
}
/** Whether two values of one type mean the same (JSON types compare parsed, so formatting is not a change). */
function sameVariableValue(type, a, b) {
    if (a === b)
        return true;
    if (type === 'array' || type === 'object' || type === 'keyvaluelist') {
        const pa = tryJson(a);
        const pb = tryJson(b);
        return pa.ok && pb.ok && canonicalJson(pa.value) === canonicalJson(pb.value);
    }
    return false;
}
/** Checks a secret's value against its encoding; returns the value unchanged. */
function secretText(encoding, value) {
    if (value === '')
        return bad('the value is empty');
    switch (encoding) {
        case 'generic':
            return ok(value);
        case 'pem':
            return isPem(value) ? ok(value) : bad('a pem secret needs PEM text (-----BEGIN …----- … -----END …-----)');
        case 'base64hmac':
            return isBase64(value.trim()) ? ok(value.trim()) : bad('a base64hmac secret needs base64 text (the key bytes, base64-encoded)');
        case 'base64aes': {
            const trimmed = value.trim();
            if (!isBase64(trimmed))
                return bad('a base64aes secret needs base64 text (the key bytes, base64-encoded)');
            const bytes = Buffer.from(trimmed, 'base64').length;
            return [16, 24, 32].includes(bytes) ? ok(trimmed) : bad(`a base64aes key must be 16, 24 or 32 bytes; this one is ${bytes}`);
        }
    }
}
function isBase64(text) {
    return text.length % 4 === 0 && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text);
}
function isPem(text) {
    return /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]+?\r?\n-----END \1-----/.test(text.trim());
}
function toBase64(text) {
    return Buffer.from(text, 'utf8').toString('base64');
}
function fromBase64(base64) {
    return Buffer.from(base64, 'base64').toString('utf8');
}
function isScalar(value) {
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function tryJson(text) {
    try {
        return { ok: true, value: JSON.parse(text) };
    }
    catch {
        return { ok: false };
    }
}
/** Native structures serialise to JSON; text must already be JSON of the right shape. */
function jsonOf(value, shape, what) {
    if (typeof value === 'string') {
        const parsed = tryJson(value);
        return parsed.ok && shape(parsed.value) ? ok(value) : bad(`expected ${what}`);
    }
    return shape(value) ? ok(JSON.stringify(value)) : bad(`expected ${what}`);
}
function keyValueList(value) {
    const what = 'a mapping of names to scalar values (or JSON text of one)';
    const parsed = typeof value === 'string' ? tryJson(value) : { ok: true, value };
    if (!parsed.ok || !isPlainObject(parsed.value))
        return bad(`expected ${what}`);
    const entries = Object.entries(parsed.value);
    if (!entries.every(([, v]) => isScalar(v)))
        return bad(`expected ${what}`);
    return ok(JSON.stringify(Object.fromEntries(entries.map(([k, v]) => [k, String(v)]))));
}
function boolText(value) {
    if (typeof value === 'boolean')
        return ok(String(value));
    if (typeof value === 'string' && /^(true|false)$/.test(value.trim()))
        return ok(value.trim());
    return bad('expected true or false');
}
function numberText(value, integer) {
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    const pattern = integer ? /^-?\d+$/ : /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
    if (text !== '' && pattern.test(text) && Number.isFinite(Number(text)))
        return ok(text);
    return bad(integer ? 'expected a whole number' : 'expected a number');
}
function listText(value) {
    if (typeof value === 'string')
        return ok(value);
    if (!Array.isArray(value) || !value.every(isScalar))
        return bad('expected a sequence of scalars (or comma-separated text)');
    const items = value.map(String);
    if (items.some((item) => item.includes(',')))
        return bad('list items cannot contain commas (the list is stored comma-separated)');
    return ok(items.join(','));
}
/** JSON with object keys sorted, so equal structures compare equal as text. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (isPlainObject(value)) {
        return `{${Object.keys(value)
            .sort()
            .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
            .join(',')}}`;
    }
    return JSON.stringify(value);
}

;// CONCATENATED MODULE: ./src/esvs/apply.ts

/** Carries out one planned item: one request per write, two for a replacement. */
async function applyItem(esv, item) {
    const change = (action) => ({ id: item.id, kind: item.kind, action });
    switch (item.action) {
        case 'create':
            await create(esv, item.desired, undefined);
            return change('created');
        case 'update':
            await updateVariable(esv, item.desired, item.currentDescription, item.untypedInTenant === true);
            return change('updated');
        case 'update-description':
            await setDescription(esv, item.desired);
            return change('description-updated');
        case 'check-value': {
            const desired = item.desired;
            const { created } = await esv.createVersion(item.id, valueBase64(desired), item.latestVersion);
            if (item.setDescription)
                await setDescription(esv, desired);
            return change(created ? 'updated' : item.setDescription ? 'description-updated' : 'unchanged');
        }
        case 'replace':
            await remove(esv, item.id, item.currentKind);
            await create(esv, item.desired, item.currentDescription);
            return change('replaced');
        case 'delete':
            await remove(esv, item.id, item.currentKind);
            return change('deleted');
        case 'unchanged':
            return change('unchanged');
    }
}
function valueBase64(desired) {
    return toBase64(desired.kind === 'variable' ? desired.text : desired.value);
}
/** The description a write carries: the file's, or else the tenant's (a description the file leaves out is not managed). */
function descriptionField(desired, current) {
    const description = desired.description ?? current;
    return description === undefined ? {} : { description };
}
async function create(esv, desired, currentDescription) {
    const description = descriptionField(desired, currentDescription);
    if (desired.kind === 'variable') {
        await esv.putVariable(desired.id, { expressionType: desired.type, valueBase64: valueBase64(desired), ...description });
    }
    else {
        await esv.createSecret(desired.id, {
            encoding: desired.encoding,
            useInPlaceholders: desired.useInPlaceholders,
            valueBase64: valueBase64(desired),
            ...description
        });
    }
}
/** An untyped variable (`''` in the tenant) is updated without a type: naming one may be refused as a change. */
async function updateVariable(esv, desired, currentDescription, untyped) {
    if (desired.kind !== 'variable')
        throw new Error(`${desired.id}: only variables are updated in place`);
    await esv.putVariable(desired.id, {
        ...(untyped ? {} : { expressionType: desired.type }),
        valueBase64: valueBase64(desired),
        ...descriptionField(desired, currentDescription)
    });
}
async function setDescription(esv, desired) {
    const description = desired.description ?? '';
    if (desired.kind === 'variable')
        await esv.setVariableDescription(desired.id, description);
    else
        await esv.setSecretDescription(desired.id, description);
}
async function remove(esv, id, kind) {
    if (kind === 'variable')
        await esv.deleteVariable(id);
    else
        await esv.deleteSecret(id);
}

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
;// CONCATENATED MODULE: ./src/esvs/file.ts







const REJECTED_LITERAL = '\0rejected-literal-value';
const VARIABLE_FIELDS = ['type', 'value', 'value-from-env', 'value-file', 'description'];
const SECRET_FIELDS = ['encoding', 'value-from-env', 'value-file', 'use-in-placeholders', 'description'];
/**
 * Reads and validates a whole ESV file, collecting every problem with its
 * line and column. Secret values are masked as they are read. Nothing here
 * talks to the tenant.
 */
function loadEsvFile(path, env) {
    const problems = [];
    const at = (position, message) => problems.push({ ...position, message });
    const loaded = (0,yaml_file/* loadYamlMapping */.O)(path, problems, '"variables" and/or "secrets"');
    if (!loaded)
        return { file: undefined, problems };
    const { root, positionOf, toJs } = loaded;
    const reader = new EntryReader(path, env, positionOf, toJs, at);
    const file = { path, variables: [], secrets: [] };
    const seen = new Map();
    for (const pair of root.items) {
        const section = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : '';
        if (section !== 'variables' && section !== 'secrets') {
            at(positionOf(pair.key), `unknown section "${section}"; expected "variables" or "secrets"`);
            continue;
        }
        if (pair.value === null || ((0,dist/* isScalar */.jn)(pair.value) && pair.value.value === null))
            continue;
        if (!(0,dist/* isMap */.jh)(pair.value)) {
            at(positionOf(pair.value), `"${section}" must be a mapping of ESV ids to their settings`);
            continue;
        }
        for (const entry of pair.value.items) {
            const id = (0,dist/* isScalar */.jn)(entry.key) ? String(entry.key.value) : '';
            const position = positionOf(entry.key);
            if (!types/* ESV_ID_PATTERN */.iR.test(id)) {
                at(position, `"${id}" is not a valid ESV id (^esv-[a-z0-9_-]{1,124}$: lower case, digits, _ and -)`);
                continue;
            }
            const other = seen.get(id);
            if (other) {
                at(position, `${id} is declared twice (also under ${other}); an id names one ESV`);
                continue;
            }
            seen.set(id, section);
            if (!(0,dist/* isMap */.jh)(entry.value)) {
                at(position, `${id}: expected a mapping of settings`);
                continue;
            }
            if (section === 'variables') {
                const variable = reader.variable(id, entry.value, position);
                if (variable)
                    file.variables.push(variable);
            }
            else {
                const secret = reader.secret(id, entry.value, position);
                if (secret)
                    file.secrets.push(secret);
            }
        }
    }
    return { file: problems.length === 0 ? file : undefined, problems };
}
/** Reads one entry's settings, reporting each problem where it is. */
class EntryReader {
    path;
    env;
    positionOf;
    toJs;
    at;
    constructor(path, env, positionOf, toJs, at) {
        this.path = path;
        this.env = env;
        this.positionOf = positionOf;
        this.toJs = toJs;
        this.at = at;
    }
    variable(id, settings, position) {
        const fields = this.fields(id, settings, VARIABLE_FIELDS);
        const type = this.enumField(id, fields, 'type', types/* EXPRESSION_TYPES */.tA, 'string');
        const description = this.description(id, fields);
        const source = this.source(id, fields, position, { literalAllowed: true, secret: false, binaryFile: type === 'base64encodedinlined' });
        if (!type || !source)
            return undefined;
        const result = variableText(type, asWritten(fields.get('value')?.node, type) ?? source.value);
        if (!result.ok) {
            this.at(source.position, `${id}: ${result.problem}`);
            return undefined;
        }
        return { kind: 'variable', id, type, text: result.text, description, position };
    }
    secret(id, settings, position) {
        const fields = this.fields(id, settings, SECRET_FIELDS);
        const encoding = this.enumField(id, fields, 'encoding', types/* SECRET_ENCODINGS */.q8, 'generic');
        const description = this.description(id, fields);
        const placeholders = fields.get('use-in-placeholders');
        const useInPlaceholders = placeholders === undefined ? true : placeholders.value;
        if (typeof useInPlaceholders !== 'boolean')
            this.at(this.positionOf(placeholders?.node), `${id}: use-in-placeholders must be true or false`);
        // A key file of raw bytes goes to a base64 secret as those exact bytes; text encodings hold text only.
        const binaryFile = encoding === 'base64hmac' || encoding === 'base64aes';
        const source = this.source(id, fields, position, { literalAllowed: false, secret: true, binaryFile, textOrBytes: true });
        if (!encoding || !source || typeof useInPlaceholders !== 'boolean')
            return undefined;
        // The problem names the encoding, never the value.
        const result = secretText(encoding, String(source.value));
        if (!result.ok) {
            this.at(source.position, `${id}: ${result.problem}`);
            return undefined;
        }
        return { kind: 'secret', id, encoding, value: result.text, useInPlaceholders, description, position };
    }
    fields(id, settings, allowed) {
        const fields = new Map();
        for (const pair of settings.items) {
            const name = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : '';
            const node = (pair.value ?? pair.key);
            if (name === 'value' && !allowed.includes('value')) {
                this.at(this.positionOf(node), `${id}: secrets never hold a literal value in the file; use value-from-env (a GitHub secret) or value-file`);
                // Recorded without its value, so the entry is not also reported as having none.
                fields.set(REJECTED_LITERAL, { node, value: undefined });
                continue;
            }
            if (!allowed.includes(name)) {
                this.at(this.positionOf(pair.key), `${id}: unknown setting "${name}"; expected one of ${allowed.join(', ')}`);
                continue;
            }
            fields.set(name, { node, value: pair.value === null ? null : this.toJs(node) });
        }
        return fields;
    }
    enumField(id, fields, name, allowed, fallback) {
        const field = fields.get(name);
        if (!field)
            return fallback;
        if (typeof field.value === 'string' && allowed.includes(field.value))
            return field.value;
        this.at(this.positionOf(field.node), `${id}: ${name} "${String(field.value)}" is not one of ${allowed.join(', ')}`);
        return undefined;
    }
    description(id, fields) {
        const field = fields.get('description');
        if (!field)
            return undefined;
        if (typeof field.value !== 'string') {
            this.at(this.positionOf(field.node), `${id}: description must be text`);
            return undefined;
        }
        if (field.value.length > types/* DESCRIPTION_MAX_LENGTH */.H$) {
            this.at(this.positionOf(field.node), `${id}: description is ${field.value.length} characters; the limit is ${types/* DESCRIPTION_MAX_LENGTH */.H$}`);
            return undefined;
        }
        return field.value;
    }
    /** Exactly one of value, value-from-env, value-file. */
    source(id, fields, entry, rules) {
        const given = ['value', 'value-from-env', 'value-file'].filter((name) => fields.has(name));
        if (given.length === 0 && fields.has(REJECTED_LITERAL))
            return undefined;
        if (given.length !== 1) {
            const choices = rules.literalAllowed ? 'value, value-from-env or value-file' : 'value-from-env or value-file';
            this.at(entry, given.length === 0 ? `${id}: no value; give ${choices}` : `${id}: give only one of ${given.join(', ')}`);
            return undefined;
        }
        const name = given[0];
        const field = fields.get(name);
        const position = this.positionOf(field.node);
        if (name === 'value')
            return { value: field.value, position };
        if (typeof field.value !== 'string' || field.value === '') {
            this.at(position, `${id}: ${name} must be text`);
            return undefined;
        }
        const value = name === 'value-from-env' ? this.fromEnv(id, field.value, position, rules.secret) : this.fromFile(id, field.value, position, rules);
        return value === undefined ? undefined : { value, position };
    }
    fromEnv(id, name, position, secret) {
        const read = (0,source_file/* readEnvValue */.H5)(this.env, name, secret);
        if (read.ok)
            return read.value;
        this.at(position, `${id}: ${read.problem}`);
        return undefined;
    }
    fromFile(id, relative, position, rules) {
        const resolved = (0,source_file/* resolveBeside */.DH)(this.path, relative);
        if (!resolved.ok) {
            this.at(position, `${id}: value-file ${relative} ${resolved.problem}`);
            return undefined;
        }
        let failure;
        const bytes = (0,source_file/* readSmallFileBytes */.pA)(resolved.path, (message) => (failure = message));
        if (bytes === undefined) {
            this.at(position, `${id}: value-file ${relative}: ${failure ?? 'unreadable'}`);
            return undefined;
        }
        const text = (0,source_file/* utf8Text */.Hp)(bytes);
        // A base64encodedinlined variable inlines the file's bytes, so they are base64-encoded whole. A base64
        // secret's file of raw key bytes (not UTF-8 text) is sent as exactly those bytes, base64-encoded.
        if ((rules.binaryFile && !rules.textOrBytes) || (rules.binaryFile && text === undefined)) {
            const base64 = bytes.toString('base64');
            if (rules.secret)
                (0,secrets/* maskSecret */.$l)(base64);
            return base64;
        }
        if (text === undefined) {
            const hint = rules.secret
                ? "; a generic or pem secret holds text (a binary key belongs in a base64hmac or base64aes secret, which sends the file's bytes)"
                : '';
            this.at(position, `${id}: value-file ${relative} ${source_file/* NOT_UTF8_FILE */.z8}${hint}`);
            return undefined;
        }
        // Editors end files with a newline that is not part of the value.
        const value = text.replace(/\r?\n$/, '');
        if (rules.secret)
            (0,secrets/* maskSecret */.$l)(value);
        return value;
    }
}
/**
 * A number written in the file, as written: YAML reads `1.10` as the number 1.1, `08` as 8 and
 * `12345678901234567890` with digits lost. A string ESV keeps the text; an int or number keeps
 * a plain decimal's digits.
 */
function asWritten(node, type) {
    if (!(0,dist/* isScalar */.jn)(node) || typeof node.value !== 'number' || node.source === undefined)
        return undefined;
    if (type === 'string')
        return node.source;
    if ((type === 'int' || type === 'number') && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(node.source))
        return node.source;
    return undefined;
}

// EXTERNAL MODULE: ./src/files/annotations.ts
var annotations = __webpack_require__(5141);
;// CONCATENATED MODULE: ./src/esvs/plan.ts

/** Compares what the file declares with what the tenant has. Pure. */
function planEsvs(file, current, options) {
    const variables = new Map(current.variables.map((v) => [v._id, v]));
    const secrets = new Map(current.secrets.map((s) => [s._id, s]));
    const items = [];
    const refusals = [];
    const replaceOrRefuse = (item, reason) => {
        if (options.replaceOnTypeChange)
            items.push({ ...item, action: 'replace', reason });
        else
            refusals.push(`${item.id}: ${reason}, which cannot change in place; set replace-on-type-change: true to delete and re-create it`);
    };
    for (const desired of [...file.variables, ...file.secrets]) {
        const variable = variables.get(desired.id);
        const secret = secrets.get(desired.id);
        const base = {
            id: desired.id,
            kind: desired.kind,
            action: 'unchanged',
            setDescription: false,
            desired,
            currentKind: variable ? 'variable' : secret ? 'secret' : undefined,
            latestVersion: secret ? Number(secret.activeVersion) || undefined : undefined,
            currentDescription: variable?.description ?? secret?.description
        };
        if (!variable && !secret) {
            items.push({ ...base, action: 'create' });
        }
        else if (desired.kind === 'variable' && variable) {
            planVariable(desired, variable, base, items, replaceOrRefuse);
        }
        else if (desired.kind === 'secret' && secret) {
            planSecret(desired, secret, base, items, replaceOrRefuse);
        }
        else {
            replaceOrRefuse(base, `it is a ${base.currentKind} in the tenant and a ${desired.kind} in the file`);
        }
    }
    const declared = new Set([...file.variables, ...file.secrets].map((d) => d.id));
    const undeclared = [
        ...current.variables.filter((v) => !declared.has(v._id)).map((v) => ({ id: v._id, kind: 'variable' })),
        ...current.secrets.filter((s) => !declared.has(s._id)).map((s) => ({ id: s._id, kind: 'secret' }))
    ];
    if (options.prune) {
        for (const { id, kind } of undeclared) {
            items.push({ id, kind, action: 'delete', setDescription: false, desired: undefined, currentKind: kind, latestVersion: undefined });
        }
    }
    return { items, refusals, unmanaged: options.prune ? [] : undeclared.map((u) => u.id), pending: pendingIds(current) };
}
function planVariable(desired, current, base, items, replaceOrRefuse) {
    // A variable made before types has expressionType '' and holds text: it matches a string in the file.
    const untyped = current.expressionType === '';
    if (untyped && desired.type !== 'string') {
        replaceOrRefuse(base, `it has no expressionType in the tenant (made before variables had types) and is ${desired.type} in the file`);
        return;
    }
    if (!untyped && current.expressionType !== desired.type) {
        replaceOrRefuse(base, `its expressionType is ${current.expressionType} in the tenant and ${desired.type} in the file`);
        return;
    }
    const item = untyped ? { ...base, untypedInTenant: true } : base;
    const descriptionDiffers = desired.description !== undefined && desired.description !== current.description;
    const valueDiffers = !sameVariableValue(desired.type, fromBase64(current.valueBase64 ?? ''), desired.text);
    if (valueDiffers)
        items.push({ ...item, action: 'update', setDescription: descriptionDiffers });
    else if (descriptionDiffers)
        items.push({ ...item, action: 'update-description', setDescription: true });
    else
        items.push(item);
}
function planSecret(desired, current, base, items, replaceOrRefuse) {
    if (current.encoding !== desired.encoding) {
        replaceOrRefuse(base, `its encoding is ${current.encoding} in the tenant and ${desired.encoding} in the file`);
        return;
    }
    if (current.useInPlaceholders !== desired.useInPlaceholders) {
        replaceOrRefuse(base, `its use-in-placeholders is ${current.useInPlaceholders} in the tenant and ${desired.useInPlaceholders} in the file`);
        return;
    }
    const descriptionDiffers = desired.description !== undefined && desired.description !== current.description;
    items.push({ ...base, action: 'check-value', setDescription: descriptionDiffers });
}
/** ESVs whose last change has not been loaded by a restart yet. */
function pendingIds(current) {
    return [
        ...current.variables.filter((v) => !v.loaded).map((v) => v._id),
        ...current.secrets.filter((s) => !s.loaded || s.loadedVersion !== s.activeVersion).map((s) => s._id)
    ];
}

// EXTERNAL MODULE: ./src/esvs/render.ts
var render = __webpack_require__(3827);
// EXTERNAL MODULE: ./src/outputs.ts
var outputs = __webpack_require__(7729);
// EXTERNAL MODULE: ./src/poller.ts
var poller = __webpack_require__(8105);
// EXTERNAL MODULE: ./src/tenant/esv.ts
var tenant_esv = __webpack_require__(1738);
// EXTERNAL MODULE: ./src/tenant/restart.ts
var restart = __webpack_require__(3199);
// EXTERNAL MODULE: ./src/tenant/startup.ts
var startup = __webpack_require__(3713);
// EXTERNAL MODULE: ./src/operations/context.ts
var operations_context = __webpack_require__(1137);
;// CONCATENATED MODULE: ./src/operations/set-esvs.ts














/**
 * `set-esvs`: make the tenant's ESVs match a file. Validates the whole file
 * before any request, plans per id, writes only differences concurrently,
 * restarts once if needed and checks the changes loaded.
 */
async function setEsvs(context) {
    const options = context.inputs.esvSync;
    const file = loadAndValidate(options.file);
    const tenant = (0,operations_context/* requireTenant */.y)(context);
    const esv = new tenant_esv/* EsvClient */.eL(tenant.client);
    const [variables, secrets] = await Promise.all([esv.listVariables(), esv.listSecrets()]);
    const plan = planEsvs(file, { variables, secrets }, options);
    core/* info */.pq(`Plan for ${options.file} against ${tenant.url}:`);
    for (const line of (0,render/* planLines */.HN)(plan, options.showValues))
        core/* info */.pq(`  ${line}`);
    if (plan.refusals.length > 0) {
        throw new errors/* ActionError */.lZ(`Refused before any write:\n${plan.refusals.map((r) => `  - ${r}`).join('\n')}`);
    }
    if (options.dryRun) {
        const planned = plan.items.filter((item) => item.action !== 'unchanged').map(({ id, kind, action }) => ({ id, kind, action }));
        (0,outputs/* setOutput */.u)('changed', planned);
        (0,outputs/* setOutput */.u)('restart-status', 'skipped');
        context.summary.add((0,render/* planSummary */.MM)(plan, { ...options, dryRun: true }));
        core/* info */.pq('Dry run: nothing was written');
        return;
    }
    const { changes, failure } = await applyPlan(esv, plan, options.concurrency);
    const changed = changes.filter((c) => c.action !== 'unchanged');
    // Written before a failure is raised: what was applied is on record either way.
    (0,outputs/* setOutput */.u)('changed', changed);
    context.summary.add((0,render/* planSummary */.MM)(plan, { ...options, dryRun: false, changes }));
    if (failure)
        throw failure;
    const mode = context.inputs.restart;
    const restartNeeded = mode === 'always' || (mode === 'auto' && (changed.length > 0 || plan.pending.length > 0));
    if (!restartNeeded) {
        core/* info */.pq(changed.length === 0 && plan.pending.length === 0
            ? 'Nothing changed and nothing is pending: no restart'
            : `No restart (restart: ${mode})`);
        (0,outputs/* setOutput */.u)('restart-status', 'skipped');
        return;
    }
    const outcome = await (0,restart/* restartAndWait */.G)(new startup/* StartupClient */.h(tenant.client), context.inputs.waits, { fresh: changed.length > 0 });
    await waitUntilLoaded(esv, changed, context);
    (0,outputs/* setOutput */.u)('restart-status', outcome.status);
    context.summary.add(`Restarted: the tenant is **${outcome.status}** and every change is loaded.`);
}
function loadAndValidate(path) {
    const { file, problems } = loadEsvFile(path, process.env);
    (0,annotations/* failOnFileProblems */.m)('esv-file', path, problems, 'ESV file');
    if (!file)
        throw new errors/* ActionError */.lZ(`esv-file ${path}: unusable; nothing was sent to the tenant`);
    return file;
}
/** Every write runs, even after another fails; then all failures are reported together. */
async function applyPlan(esv, plan, concurrency) {
    const results = await (0,src_concurrency/* runBounded */.B)(plan.items, concurrency, (item) => applyItem(esv, item));
    const failures = results.filter((r) => !r.ok);
    const changes = results.filter((r) => r.ok).map((r) => r.value);
    if (failures.length > 0) {
        const lines = failures.map((f) => `  - ${f.item.id}: ${(0,errors/* errorMessage */.gJ)(f.error)}`);
        const applied = changes.filter((c) => c.action !== 'unchanged').length;
        const failure = new errors/* ActionError */.lZ(`${failures.length} of ${plan.items.length} ESVs failed; ${applied} other changes were applied and wait for a restart (the next run restarts):\n${lines.join('\n')}`);
        return { changes, failure };
    }
    return { changes };
}
/** After the restart, the changed ESVs must report loaded (the tenant may lag a little behind "ready"). */
async function waitUntilLoaded(esv, changed, context) {
    const watched = new Set(changed.filter((c) => c.action !== 'deleted').map((c) => c.id));
    if (watched.size === 0)
        return;
    await (0,poller/* poll */.w)({
        what: 'the changed ESVs to load',
        intervalMs: context.inputs.waits.pollIntervalMs,
        timeoutMs: context.inputs.waits.restartTimeoutMs,
        timeoutInput: 'restart-timeout',
        check: async () => {
            const [variables, secrets] = await Promise.all([esv.listVariables(), esv.listSecrets()]);
            return pendingIds({ variables, secrets }).filter((id) => watched.has(id));
        },
        describe: (pending) => (pending.length === 0 ? 'all loaded' : `${pending.length} not loaded yet`),
        done: (pending) => pending.length === 0
    });
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