"use strict";
exports.id = 637;
exports.ids = [637,349];
exports.modules = {

/***/ 9556:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L7: () => (/* binding */ readGitHubContext),
/* harmony export */   Vp: () => (/* binding */ runUrl),
/* harmony export */   gn: () => (/* binding */ eventPullRequestNumber)
/* harmony export */ });
/* unused harmony export DEFAULT_API_URL */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8079);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);



const DEFAULT_API_URL = 'https://api.github.com';
function readGitHubContext(env = process.env) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    return {
        owner: owner || undefined,
        repo: repo || undefined,
        apiUrl: (env.GITHUB_API_URL || DEFAULT_API_URL).replace(/\/+$/, ''),
        serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
        runId: env.GITHUB_RUN_ID || undefined,
        actor: env.GITHUB_ACTOR || undefined,
        eventName: env.GITHUB_EVENT_NAME || undefined,
        sha: env.GITHUB_SHA || undefined,
        event: readEvent(env.GITHUB_EVENT_PATH)
    };
}
function runUrl(context) {
    if (!context.owner || !context.repo || !context.runId)
        return undefined;
    return `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}`;
}
/** The PR the event is about (pull_request, pull_request_target, a PR's issue_comment), if any. */
function eventPullRequestNumber(context) {
    const { event } = context;
    const candidate = event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
    return typeof candidate === 'number' && Number.isInteger(candidate) && candidate > 0 ? candidate : undefined;
}
function readEvent(path) {
    if (!path)
        return {};
    try {
        const parsed = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'));
        return typeof parsed === 'object' && parsed !== null ? parsed : {};
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(`Could not read the event payload at GITHUB_EVENT_PATH: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`);
        return {};
    }
}


/***/ }),

/***/ 4329:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ renderMarker),
/* harmony export */   g: () => (/* binding */ parseMarker)
/* harmony export */ });
const PREFIX = '<!-- tenant-pilot:promotion';
function renderMarker(marker) {
    const { tenant, ...data } = marker;
    // Escaped so that no value can end the HTML comment early.
    const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
    return `${PREFIX} tenant=${encodeURI(tenant)} ${json} -->`;
}
/** The marker in a comment body, if the body has one for this tenant. */
function parseMarker(body, tenant) {
    const pattern = /<!-- tenant-pilot:promotion tenant=(\S+) (\{[^\n]*?\}) -->/g;
    for (const match of body.matchAll(pattern)) {
        if (match[1] !== encodeURI(tenant))
            continue;
        const data = parseJsonObject(match[2] ?? '');
        if (!data)
            continue;
        return {
            tenant,
            operation: data.operation,
            status: data.status,
            fingerprint: stringOrUndefined(data.fingerprint),
            reportId: stringOrUndefined(data.reportId),
            dryRun: dryRunOf(data.dryRun)
        };
    }
    return undefined;
}
function dryRunOf(value) {
    if (typeof value !== 'object' || value === null)
        return undefined;
    const { fingerprint, reportId, table } = value;
    if (typeof fingerprint !== 'string' || typeof reportId !== 'string')
        return undefined;
    return typeof table === 'string' ? { fingerprint, reportId, table } : { fingerprint, reportId };
}
function stringOrUndefined(value) {
    return typeof value === 'string' ? value : undefined;
}
function parseJsonObject(text) {
    try {
        const parsed = JSON.parse(text);
        return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 7648:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ findStickyComment),
/* harmony export */   q: () => (/* binding */ upsertStickyComment)
/* harmony export */ });
/* harmony import */ var _marker_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4329);

/**
 * The one comment per PR and upper tenant: written by this token's own user
 * and carrying the hidden marker for the tenant. Someone quoting the marker
 * in their own comment does not make it ours.
 */
async function findStickyComment(api, issue, tenant, login) {
    for (const comment of await api.listComments(issue)) {
        if (comment.user?.login !== login)
            continue;
        const marker = (0,_marker_js__WEBPACK_IMPORTED_MODULE_0__/* .parseMarker */ .g)(comment.body ?? '', tenant);
        if (marker)
            return { comment, marker };
    }
    return undefined;
}
/** Updates the sticky comment in place, or creates it; never a second one. */
async function upsertStickyComment(api, issue, tenant, login, body) {
    const existing = await findStickyComment(api, issue, tenant, login);
    if (existing)
        return api.updateComment(existing.comment.id, body);
    // The create may land without an answer: look before posting again, or the PR gets two comments.
    return api.sendOnce('Posting the PR comment', () => api.createComment(issue, body), async () => {
        const landed = await findStickyComment(api, issue, tenant, login);
        return landed && api.updateComment(landed.comment.id, body);
    });
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

/***/ 7277:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yP: () => (/* binding */ openPromotionSession),
  vW: () => (/* binding */ promotionRequest),
  mk: () => (/* binding */ publish),
  I6: () => (/* binding */ rollbackRequest)
});

// EXTERNAL MODULE: ./src/github/context.ts
var github_context = __webpack_require__(9556);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 19 modules
var core = __webpack_require__(8079);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/inputs/parser.ts
var parser = __webpack_require__(2750);
// EXTERNAL MODULE: ./src/http/client.ts
var client = __webpack_require__(3329);
// EXTERNAL MODULE: ./src/http/settings.ts
var settings = __webpack_require__(5259);
// EXTERNAL MODULE: ./src/tenant/auth.ts
var auth = __webpack_require__(5168);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/github/client.ts




/** GitHub answers in seconds; a hung request must not hold a promotion's cleanup. */
const GITHUB_TIMEOUT_MS = 30_000;
const GITHUB_HEADERS = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
/** The GitHub REST API through the one HTTP layer: the same retries, errors and masking as tenant calls. */
function connectGitHub(apiUrl, token, http) {
    const timing = (0,settings/* clientTiming */.Iv)(http);
    return new client/* JsonHttpClient */.mO({
        baseUrl: apiUrl,
        userAgent: version/* USER_AGENT */._,
        ...timing,
        timeoutMs: Math.min(timing.timeoutMs, GITHUB_TIMEOUT_MS),
        tokens: new auth/* StaticToken */.A9(token),
        label: 'GitHub'
    });
}

;// CONCATENATED MODULE: ./src/github/api.ts



/** GitHub's own maximum page size. */
const PER_PAGE = 100;
/** 100 pages of 100 comments: far beyond any real PR, and a guard against a server that pages forever. */
const MAX_PAGES = 100;
/** Who an Actions token (GITHUB_TOKEN) posts as; such a token cannot read /user. */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
/** The repository's issue comments and PR lookups, through the shared HTTP layer. */
class GitHubApi {
    http;
    repoPath;
    constructor(http, owner, repo) {
        this.http = http;
        this.repoPath = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
    }
    /** Sends a create at most once in effect; see JsonHttpClient.sendOnce. */
    sendOnce(what, send, look) {
        return this.http.sendOnce(what, send, look);
    }
    /** The token's own login: its comments are the only ones the action updates. */
    async ownLogin() {
        try {
            return (await this.http.request({ method: 'GET', path: '/user', headers: GITHUB_HEADERS })).body.login;
        }
        catch (error) {
            // An installation token (GITHUB_TOKEN) gets 403 on /user: it posts as the Actions bot.
            if (error instanceof errors/* ApiError */.hD && (error.status === 403 || error.status === 404))
                return ACTIONS_BOT_LOGIN;
            throw error;
        }
    }
    /** Every comment of an issue or PR, 100 a page, following the Link header to the last page. */
    async listComments(issue) {
        const comments = [];
        for (let page = 1; page <= MAX_PAGES; page++) {
            const res = await this.http.request({
                method: 'GET',
                path: `${this.repoPath}/issues/${issue}/comments`,
                query: { per_page: PER_PAGE, page },
                headers: GITHUB_HEADERS
            });
            comments.push(...res.body);
            if (!hasNextPage(res.headers.link) || res.body.length === 0)
                return comments;
        }
        core/* warning */.$e(`PR #${issue} has more than ${MAX_PAGES * PER_PAGE} comments; only the first ${MAX_PAGES * PER_PAGE} were searched`);
        return comments;
    }
    async createComment(issue, body) {
        const json = { body };
        return (await this.http.request({
            method: 'POST',
            path: `${this.repoPath}/issues/${issue}/comments`,
            headers: GITHUB_HEADERS,
            json,
            idempotent: false,
            hint: commentHint
        })).body;
    }
    /** Setting the same body twice leaves the same comment: safe to repeat. */
    async updateComment(id, body) {
        const json = { body };
        return (await this.http.request({
            method: 'PATCH',
            path: `${this.repoPath}/issues/comments/${id}`,
            headers: GITHUB_HEADERS,
            json,
            idempotent: true,
            hint: commentHint
        })).body;
    }
    async pullRequestsOfCommit(sha) {
        if (!/^[0-9a-f]{7,64}$/i.test(sha))
            throw new errors/* ActionError */.lZ(`GITHUB_SHA "${sha.slice(0, 40)}" is not a commit id`);
        const res = await this.http.request({
            method: 'GET',
            path: `${this.repoPath}/commits/${sha}/pulls`,
            headers: GITHUB_HEADERS
        });
        return res.body;
    }
}
function hasNextPage(link) {
    const value = Array.isArray(link) ? link.join(', ') : (link ?? '');
    return /<[^>]*>\s*;\s*rel="?next"?/.test(value);
}
function commentHint(status) {
    if (status === 403)
        return 'The token may not write to the PR (a fork PR gets a read-only token); grant pull-requests: write.';
    if (status === 422)
        return 'GitHub refused the comment body.';
    return undefined;
}

;// CONCATENATED MODULE: ./src/github/pull-request.ts






/**
 * The PR is the `pr-number` input, else the event's pull request, else (on a
 * push, e.g. a merge to main) the PR the pushed commit belongs to.
 */
async function resolvePullRequest(settings, context, http) {
    if (!context.owner || !context.repo)
        return { link: undefined, reason: 'GITHUB_REPOSITORY is not set (not running in GitHub Actions?)' };
    if (!settings.token)
        return { link: undefined, reason: 'github-token is empty' };
    const apiProblem = apiUrlProblem(context.apiUrl);
    if (apiProblem)
        return { link: undefined, reason: `GITHUB_API_URL ${apiProblem}` };
    const api = new GitHubApi(connectGitHub(context.apiUrl, settings.token, http), context.owner, context.repo);
    const number = settings.prNumber ?? (0,github_context/* eventPullRequestNumber */.gn)(context) ?? (await pullRequestOfPush(api, context));
    if (number === undefined)
        return { link: undefined, reason: 'the run is not tied to a pull request (set pr-number)' };
    return { link: { api, number } };
}
async function pullRequestOfPush(api, context) {
    if (context.eventName !== 'push' || !context.sha)
        return undefined;
    try {
        const pulls = await api.pullRequestsOfCommit(context.sha);
        // Only a merged PR's approval counts for a push: an open PR's dry run was never approved for the branch.
        const merged = pulls.find((pull) => pull.merged_at);
        if (merged)
            core/* info */.pq(`Commit ${context.sha.slice(0, 7)} belongs to the merged PR #${merged.number}`);
        else if (pulls.length > 0)
            core/* info */.pq(`Commit ${context.sha.slice(0, 7)} belongs to no merged PR (open: ${pulls.map((p) => `#${p.number}`).join(', ')})`);
        return merged?.number;
    }
    catch (error) {
        core/* warning */.$e(`Could not look up the pull request of commit ${context.sha.slice(0, 7)}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return undefined;
    }
}
function apiUrlProblem(value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        return 'is not a URL';
    }
    if (url.protocol === 'https:')
        return undefined;
    if (url.protocol === 'http:' && (0,parser/* isLoopback */.U9)(url.hostname))
        return undefined;
    return 'must use https';
}

// EXTERNAL MODULE: ./src/operations/context.ts
var operations_context = __webpack_require__(1137);
// EXTERNAL MODULE: ./src/tenant/promotion.ts
var promotion = __webpack_require__(9349);
// EXTERNAL MODULE: ./src/github/marker.ts
var github_marker = __webpack_require__(4329);
// EXTERNAL MODULE: ./src/github/sticky-comment.ts
var sticky_comment = __webpack_require__(7648);
// EXTERNAL MODULE: ./src/outputs.ts
var outputs = __webpack_require__(7729);
// EXTERNAL MODULE: ./src/report/render.ts
var report_render = __webpack_require__(6340);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/report/fingerprint.ts
var fingerprint = __webpack_require__(1938);
;// CONCATENATED MODULE: ./src/promotion/report-file.ts





/**
 * The whole report as JSON under RUNNER_TEMP, for a later step or an upload:
 * the tenant's report, what blocks it, the canonical form and its fingerprint.
 */
function writeReportFile(assessed, env = process.env) {
    const folder = (0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'tenant-pilot');
    (0,external_node_fs_.mkdirSync)(folder, { recursive: true });
    const safeId = assessed.report.reportId.replace(/[^A-Za-z0-9._-]/g, '_') || 'provisional';
    const path = (0,external_node_path_.join)(folder, `promotion-report-${safeId}.json`);
    const content = {
        fingerprint: `sha256:${assessed.fingerprint}`,
        missingESVs: assessed.missingEsvs,
        encryptedSecrets: assessed.encryptedSecrets,
        previouslyIgnoredEncryptedSecrets: assessed.previouslyIgnoredEncryptedSecrets,
        canonical: (0,fingerprint/* canonicalReport */.zm)(assessed.rows),
        report: assessed.report
    };
    (0,external_node_fs_.writeFileSync)(path, (0,secrets/* redact */.E$)(JSON.stringify(content, null, 2)) + '\n');
    return path;
}

;// CONCATENATED MODULE: ./src/promotion/publish.ts









/** GitHub refuses comment bodies over 65,536 characters. */
const COMMENT_LIMIT = 65_536;
/** Summaries are cut at 1 MiB in bytes by JobSummary; rows are cut cleanly well before, counted in bytes too. */
const SUMMARY_BYTE_LIMIT = 900_000;
/**
 * Every outcome is shown the same way: outputs, the report file, the job
 * summary (always), and the sticky PR comment (when there is a PR and a token
 * that may write; otherwise a warning, never a failure).
 */
async function publishOutcome(publication) {
    const { assessed } = publication;
    let reportFile;
    if (assessed) {
        reportFile = writeReportFile(assessed);
        (0,outputs/* setOutput */.u)('report-id', assessed.report.reportId);
        if (assessed.promotionId)
            (0,outputs/* setOutput */.u)('promotion-id', assessed.promotionId);
        (0,outputs/* setOutput */.u)('report-fingerprint', `sha256:${assessed.fingerprint}`);
        (0,outputs/* setOutput */.u)('report-file', reportFile);
        (0,outputs/* setOutput */.u)('has-changes', assessed.rows.length > 0);
    }
    const view = {
        status: publication.status,
        tenantUrl: publication.tenantUrl,
        assessed,
        failure: publication.failure,
        runUrl: (0,github_context/* runUrl */.Vp)(publication.github),
        at: new Date(),
        source: publication.source
    };
    publication.summary.add((0,report_render/* renderReport */.B1)({ ...view, fullReportHint: `The full report is in the report file${reportFile ? ` (${reportFile})` : ''}.` }, SUMMARY_BYTE_LIMIT, '', report_render/* utf8Bytes */.dy));
    const url = await postComment(publication, (marker, keptApproval) => (0,secrets/* redact */.E$)((0,report_render/* renderReport */.B1)({
        ...view,
        fullReportHint: 'The full report is in the job summary and in the report file (step output report-file).',
        markApproved: publication.approval === 'set' && assessed !== undefined,
        keptApproval
    }, COMMENT_LIMIT, (0,github_marker/* renderMarker */.B)(marker))));
    if (url)
        (0,outputs/* setOutput */.u)('comment-url', url);
}
async function postComment(publication, render) {
    if (!publication.commentEnabled)
        return undefined;
    const { pr } = publication;
    if (!pr.link) {
        core/* warning */.$e(`No PR comment: ${pr.reason}. The report is in the job summary.`);
        return undefined;
    }
    const { api, number } = pr.link;
    try {
        const login = await api.ownLogin();
        const existing = publication.approval === 'keep' ? await (0,sticky_comment/* findStickyComment */.o)(api, number, publication.tenantUrl, login) : undefined;
        const marker = {
            tenant: publication.tenantUrl,
            operation: publication.operation,
            status: publication.status,
            fingerprint: publication.assessed?.fingerprint,
            reportId: publication.assessed?.report.reportId,
            dryRun: dryRunOf(publication, existing?.marker)
        };
        // A kept approval stays visible as it was approved: promote compares that table with the stored report.
        const keptTable = marker.dryRun && existing ? (0,report_render/* approvedTableIn */.hc)(existing.comment.body ?? '') : undefined;
        const keptApproval = marker.dryRun && keptTable ? { reportId: marker.dryRun.reportId, table: keptTable } : undefined;
        const comment = await (0,sticky_comment/* upsertStickyComment */.q)(api, number, publication.tenantUrl, login, render(marker, keptApproval));
        core/* info */.pq(`Updated the promotion comment on PR #${number}: ${comment.html_url}`);
        return comment.html_url;
    }
    catch (error) {
        const why = error instanceof errors/* ApiError */.hD && error.status === 403
            ? 'the token may not write to the PR (a fork PR gets a read-only token)'
            : (0,errors/* errorMessage */.gJ)(error);
        core/* warning */.$e(`Could not post the PR comment on #${number}: ${why}. The report is in the job summary.`);
        return undefined;
    }
}
function dryRunOf(publication, existing) {
    if (publication.approval === 'keep')
        return existing?.dryRun;
    if (publication.approval === 'set' && publication.assessed) {
        const { fingerprint, report, rows } = publication.assessed;
        return { fingerprint, reportId: report.reportId, table: (0,report_render/* changeTableHash */.nm)(rows) };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/promotion/session.ts





async function openPromotionSession(context) {
    const tenant = (0,operations_context/* requireTenant */.y)(context);
    const github = (0,github_context/* readGitHubContext */.L7)();
    return {
        context,
        client: new promotion.PromotionClient(tenant.client),
        tenantUrl: tenant.url,
        github,
        pr: await resolvePullRequest(context.inputs.github, github, context.inputs.http)
    };
}
function publish(session, status, assessed, approval, failure, source) {
    return publishOutcome({
        operation: session.context.inputs.operation,
        tenantUrl: session.tenantUrl,
        status,
        assessed,
        failure,
        approval,
        github: session.github,
        pr: session.pr,
        commentEnabled: session.context.inputs.github.comment,
        summary: session.context.summary,
        source
    });
}
/** The run's record in the tenant: who (default the GitHub actor), why, and the ticket. */
function rollbackRequest(session, unlockAfter) {
    const { promotion } = session.context.inputs;
    const request = {
        promoter: promotion.promoter ?? session.github.actor ?? 'tenant-pilot',
        unlockEnvironmentsAfterPromotion: unlockAfter
    };
    if (promotion.description)
        request.promotionDescription = promotion.description;
    if (promotion.ticketReference)
        request.zendeskTicketReference = promotion.ticketReference;
    return request;
}
function promotionRequest(session, dryRun, unlockAfter) {
    return {
        dryRun,
        ignoreEncryptedSecrets: session.context.inputs.promotion.ignoreEncryptedSecrets,
        ...rollbackRequest(session, unlockAfter)
    };
}


/***/ }),

/***/ 6340:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B1: () => (/* binding */ renderReport),
/* harmony export */   LC: () => (/* binding */ showsChangeTable),
/* harmony export */   dy: () => (/* binding */ utf8Bytes),
/* harmony export */   hc: () => (/* binding */ approvedTableIn),
/* harmony export */   nm: () => (/* binding */ changeTableHash)
/* harmony export */ });
/* unused harmony exports APPROVED_TABLE_OPEN, APPROVED_TABLE_CLOSE, renderChangeTable, approvedTable */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _github_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2935);
/* harmony import */ var _tenant_types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(589);
/* harmony import */ var _changes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9059);
/* harmony import */ var _fingerprint_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1938);





/** Around the table of the approved dry run in a PR comment; promote compares what is between them. */
const APPROVED_TABLE_OPEN = '<!-- tenant-pilot:approved-changes -->';
const APPROVED_TABLE_CLOSE = '<!-- /tenant-pilot:approved-changes -->';
const HEADLINES = {
    'dry-run': '🔎 Promotion dry run',
    promoted: '✅ Promoted',
    'nothing-to-promote': '✅ Nothing to promote',
    'rolled-back': '↩️ Rolled back',
    report: '📄 Promotion report',
    failed: '❌ Promotion failed'
};
const ROW_HEADERS = ['config item', 'change', 'name', 'realm'];
const characters = (text) => text.length;
/** The job summary's limit is in bytes: a name in another script takes up to three per character. */
const utf8Bytes = (text) => Buffer.byteLength(text, 'utf8');
/**
 * The report as markdown: a status line, counts per section and kind,
 * warnings, a collapsible table per section, and the fingerprint. When the
 * whole does not fit in `limit` (as `size` measures: characters for a PR
 * comment, UTF-8 bytes for the job summary), rows are dropped from the end
 * (never cut in half) and a note says where the full report is; the header,
 * warnings and fingerprint always stay. The table is always
 * renderChangeTable's, whole or its first rows, so promote can render it again.
 */
function renderReport(view, limit, prefix = '', size = characters) {
    const head = [prefix, headline(view), counts(view), warnings(view)].filter(Boolean).join('\n\n');
    const tail = [keptApproval(view), footer(view)].filter(Boolean).join('\n\n');
    const rows = view.assessed?.rows ?? [];
    // Rows are rendered when first needed, once: a report far over the limit renders only the rows that fit.
    const sections = sectionBlocks(rows);
    const table = (shown) => view.markApproved ? approvedTableOf(sections, rows.length, shown) : changeTableOf(sections, shown);
    if (!rowsAloneExceed(sections, limit, size)) {
        const full = joinBlocks([head, table(rows.length), tail]);
        if (size(full) <= limit)
            return full;
    }
    const shown = rowsThatFit(sections, limit - size(head) - size(tail) - size(table(0)), view.fullReportHint, rows.length, size);
    return joinBlocks([head, table(shown), cutNote(shown, rows.length, view.fullReportHint), tail]);
}
/** Whether the rows alone pass the limit, so the whole cannot fit: rendering stops as soon as they do. */
function rowsAloneExceed(sections, limit, size) {
    let total = 0;
    for (const section of sections) {
        for (let i = 0; i < section.count; i++) {
            total += size(section.row(i));
            if (total > limit)
                return true;
        }
    }
    return false;
}
/**
 * The one rendering of a report's change table (its first `shown` rows): a
 * collapsible block per section, each counting the whole section. Pure, so a
 * stored report renders to the same text whenever it is rendered.
 */
function renderChangeTable(rows, shown = rows.length) {
    return changeTableOf(sectionBlocks(rows), shown);
}
function changeTableOf(sections, shown) {
    const blocks = [];
    let left = shown;
    for (const section of sections) {
        if (left <= 0)
            break;
        const count = Math.min(section.count, left);
        left -= count;
        const lines = [section.open];
        for (let i = 0; i < count; i++)
            lines.push(section.row(i));
        lines.push(section.close);
        blocks.push(lines.join('\n'));
    }
    return blocks.join('\n\n');
}
/** sha256 (hex) of the whole change table's rendering: what the marker records of an approved dry run. */
function changeTableHash(rows) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(renderChangeTable(rows), 'utf8').digest('hex');
}
/**
 * The change table of an approvable dry run as a comment shows it: between
 * the markers, and saying inside them when it is cut, so the table is whole
 * wherever it is copied (a kept approval), and promote can render it again.
 */
function approvedTable(rows, shown = rows.length) {
    return approvedTableOf(sectionBlocks(rows), rows.length, shown);
}
function approvedTableOf(sections, total, shown) {
    const cut = shown < total ? `\n\n_Cut to fit: the first ${shown} of ${total} changed items._` : '';
    return `${APPROVED_TABLE_OPEN}\n${changeTableOf(sections, shown)}${cut}\n${APPROVED_TABLE_CLOSE}`;
}
/** The approved table a comment body shows (between the markers), or undefined when it shows none. */
function approvedTableIn(body) {
    const start = body.indexOf(APPROVED_TABLE_OPEN);
    if (start < 0)
        return undefined;
    const end = body.indexOf(APPROVED_TABLE_CLOSE, start);
    return end < 0 ? undefined : body.slice(start, end + APPROVED_TABLE_CLOSE.length);
}
/**
 * Whether the approved table a comment shows is exactly approvedTable of these
 * rows: all of them, or (cut to fit, and saying so) their first rows.
 */
function showsChangeTable(body, rows) {
    const shownTable = approvedTableIn(body);
    if (shownTable === undefined)
        return false;
    const lines = shownTable.split('\n');
    // Each section block has two header lines (the names and the ---) before its rows.
    const shown = lines.filter((line) => line.startsWith('|')).length - 2 * lines.filter((line) => line.startsWith('<details>')).length;
    return shown >= 0 && shown <= rows.length && shownTable === approvedTable(rows, shown);
}
/** How many rows fit in `room` (as `size` measures) with the cut note; whole rows only, in order. */
function rowsThatFit(sections, room, hint, total, size) {
    // A generous estimate of the note (its numbers have at most 10 digits), so adding it never breaks the limit.
    let used = size(cutNote(total, total, hint)) + 8;
    let shown = 0;
    for (const section of sections) {
        const fixed = size(section.open) + size(section.close) + 4;
        if (used + fixed + size(section.count > 0 ? section.row(0) : '') + 1 > room)
            break;
        used += fixed;
        for (let i = 0; i < section.count; i++) {
            const rowSize = size(section.row(i)) + 1;
            if (used + rowSize > room)
                return shown;
            used += rowSize;
            shown += 1;
        }
    }
    return shown;
}
function joinBlocks(blocks) {
    return blocks.filter(Boolean).join('\n\n');
}
function headline(view) {
    const report = view.assessed?.report;
    const what = report?.dryRun === false ? (report.type === 'rollback' ? 'rollback' : 'promotion') : 'dry run';
    const changes = view.assessed ? `${view.assessed.rows.length} change${view.assessed.rows.length === 1 ? '' : 's'}` : 'no report';
    const run = view.runUrl ? ` · [workflow run](${view.runUrl})` : '';
    const lines = [`### ${HEADLINES[view.status]} · \`${view.tenantUrl}\``, `${changes} (${what} report) · ${view.at.toISOString()}${run}`];
    if (view.source)
        lines.push('', oneLine(view.source));
    if (view.status === 'failed' && view.failure)
        lines.push('', `> [!CAUTION]\n> ${oneLine(view.failure)}`);
    return lines.join('\n');
}
function counts(view) {
    const rows = view.assessed?.rows;
    if (!rows)
        return '';
    if (rows.length === 0)
        return 'The lower and upper environments hold the same configuration: nothing to promote.';
    const bySection = (0,_changes_js__WEBPACK_IMPORTED_MODULE_3__/* .countsBySection */ .X8)(rows);
    return (0,_github_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .markdownTable */ .Qj)(['section', ..._tenant_types_js__WEBPACK_IMPORTED_MODULE_4__/* .CHANGE_KINDS */ .tO], [...bySection].map(([section, n]) => [section, ..._tenant_types_js__WEBPACK_IMPORTED_MODULE_4__/* .CHANGE_KINDS */ .tO.map((kind) => String(n[kind]))]));
}
function warnings(view) {
    const assessed = view.assessed;
    if (!assessed)
        return '';
    const lines = [];
    if (assessed.missingEsvs.length > 0)
        lines.push(`> **Missing ESVs** in the upper environment (create them there before promoting): ${codeList(assessed.missingEsvs)}`);
    if (assessed.encryptedSecrets.length > 0)
        lines.push(`> **Encrypted secrets** in config (promoting needs ignore-encrypted-secrets: true): ${codeList(assessed.encryptedSecrets)}`);
    const warning = lines.length > 0 ? `> [!WARNING]\n${lines.join('\n>\n')}` : '';
    const accepted = assessed.previouslyIgnoredEncryptedSecrets.length > 0
        ? `> [!NOTE]\n> **Encrypted secrets accepted by an earlier promotion** (ignore-encrypted-secrets; they do not block): ${codeList(assessed.previouslyIgnoredEncryptedSecrets)}`
        : '';
    return [warning, accepted].filter(Boolean).join('\n\n');
}
function keptApproval(view) {
    const kept = view.keptApproval;
    if (!kept)
        return '';
    return [
        `#### Approved dry run (report \`${kept.reportId.replace(/`/g, "'")}\`)`,
        'What promote holds the lower environment to, as the dry run showed it:',
        kept.table
    ].join('\n\n');
}
function footer(view) {
    if (!view.assessed)
        return '';
    const { report, fingerprint } = view.assessed;
    const ids = [`report \`${report.reportId}\``, report.promotionId ? `promotion \`${report.promotionId}\`` : ''].filter(Boolean).join(', ');
    return `Fingerprint: \`${(0,_fingerprint_js__WEBPACK_IMPORTED_MODULE_2__/* .displayFingerprint */ .LA)(fingerprint)}\` (${ids})`;
}
function sectionBlocks(rows) {
    const bySection = new Map();
    for (const row of rows) {
        const sectionRows = bySection.get(row.section);
        // Pushing, not copying: a copy per row made rendering quadratic in the report's size.
        if (sectionRows)
            sectionRows.push(row);
        else
            bySection.set(row.section, [row]);
    }
    return [...bySection].map(([section, sectionRows]) => {
        const rendered = [];
        return {
            open: `<details><summary>${escapeHtml(section)}: ${sectionRows.length} change${sectionRows.length === 1 ? '' : 's'}</summary>\n\n${(0,_github_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .markdownTable */ .Qj)(ROW_HEADERS, [])}`,
            count: sectionRows.length,
            row: (index) => (rendered[index] ??= renderRow(sectionRows[index])),
            close: '\n</details>'
        };
    });
}
function renderRow(row) {
    return (0,_github_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .markdownRow */ .Kw)([row.configItem, row.kind, row.name, row.realm].map(escapeHtml));
}
function cutNote(shown, total, hint) {
    return `> [!NOTE]\n> Cut to fit: this shows ${shown} of ${total} changed items. ${hint} The fingerprint covers every changed item.`;
}
function codeList(values) {
    return values.map((value) => `\`${value.replace(/`/g, "'")}\``).join(', ');
}
/** Names come from the tenant: they must not open HTML (or end the hidden marker) in the comment. */
function escapeHtml(text) {
    // Most names hold none of these; testing first saves three passes per cell on large reports.
    if (!/[&<>]/.test(text))
        return text;
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function oneLine(text) {
    return text.replace(/\s*\n\s*/g, ' ');
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

/***/ 9349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PromotionClient: () => (/* binding */ PromotionClient)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _api_versions_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7404);


const BASE = '/environment/promotion';
function tenantDate(header) {
    const value = Array.isArray(header) ? header[0] : header;
    const ms = value === undefined ? Number.NaN : Date.parse(value);
    return Number.isFinite(ms) ? ms : undefined;
}
/**
 * `/environment/promotion`: every call goes to the upper tenant, which locks
 * and reads its lower partner itself. Starting calls are not idempotent: the
 * callers look at the state before sending one again.
 */
class PromotionClient {
    http;
    constructor(http) {
        this.http = http;
    }
    /** Sends a starting call at most once in effect; see JsonHttpClient.sendOnce. The callers know how to look. */
    sendOnce(what, send, look) {
        return this.http.sendOnce(what, send, look);
    }
    async lockState() {
        return this.get(`${BASE}/lock/state`);
    }
    /** 202 `locking` with the new promotion id; 409 when a lock or promotion exists. */
    async lock() {
        return (await this.http.request({ method: 'POST', path: `${BASE}/lock`, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h, idempotent: false })).body;
    }
    /** 202 while unlocking, 200 when already unlocked; 409 while locking, unlocking or running. Repeating it is harmless. */
    async unlock(promotionId) {
        const path = `${BASE}/lock/${encodeURIComponent(promotionId)}`;
        return (await this.http.request({ method: 'DELETE', path, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h })).body;
    }
    async startPromotion(request) {
        return this.post(`${BASE}/promote`, request);
    }
    async startRollback(request) {
        return this.post(`${BASE}/rollback`, request);
    }
    async progress() {
        return this.get(`${BASE}/promote`);
    }
    async lastReport() {
        return this.get(`${BASE}/report`);
    }
    /**
     * The last report (none: the tenant answers 404) and the tenant's own time of the answer (its `Date`
     * header, whole seconds), the tenant-side floor a later report's `createdDate` is held to.
     */
    async lastReportSeen() {
        try {
            const answer = await this.http.request({ method: 'GET', path: `${BASE}/report`, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h });
            return { report: answer.body, tenantTime: tenantDate(answer.headers.date) };
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD && error.status === 404)
                return { report: undefined, tenantTime: undefined };
            throw error;
        }
    }
    async report(reportId) {
        return this.get(`${BASE}/report/${encodeURIComponent(reportId)}`);
    }
    async provisionalReport() {
        return this.get(`${BASE}/report/provisional`);
    }
    async provisionalRollbackReport() {
        return this.get(`${BASE}/report/provisional-rollback`);
    }
    async reports() {
        return this.get(`${BASE}/reports`);
    }
    async get(path) {
        return (await this.http.request({ method: 'GET', path, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h })).body;
    }
    async post(path, json) {
        return (await this.http.request({ method: 'POST', path, headers: _api_versions_js__WEBPACK_IMPORTED_MODULE_1__/* .API_V1 */ .h, json, idempotent: false })).body;
    }
}


/***/ })

};
;