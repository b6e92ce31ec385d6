"use strict";
exports.id = 428;
exports.ids = [428];
exports.modules = {

/***/ 1428:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  promote: () => (/* binding */ promote)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 19 modules
var core = __webpack_require__(8079);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/github/context.ts
var github_context = __webpack_require__(9556);
// EXTERNAL MODULE: ./src/github/sticky-comment.ts
var sticky_comment = __webpack_require__(7648);
// EXTERNAL MODULE: ./src/report/fingerprint.ts
var report_fingerprint = __webpack_require__(1938);
// EXTERNAL MODULE: ./src/report/render.ts
var render = __webpack_require__(6340);
;// CONCATENATED MODULE: ./src/promotion/approval.ts




/**
 * Events promote never runs on: a pull request's own run would approve itself
 * with its own dry-run comment, and a workflow_run may follow a fork's
 * workflow, which is no merge.
 */
const REFUSED_EVENTS = new Set(['pull_request', 'pull_request_target', 'workflow_run']);
/** At most this many lines of difference in the error; the comment and summary show the whole report. */
const MAX_DIFFERENCE_LINES = 20;
/** Before anything is sent anywhere. */
function refuseEventForPromote(eventName) {
    if (!eventName || !REFUSED_EVENTS.has(eventName))
        return;
    throw new errors/* PromotionError */.g1(`promote does not run on ${eventName} events (a PR's own dry-run comment is no approval, and a workflow_run may follow a fork's workflow, which is no merge); ` +
        'nothing was sent to the tenant. Run promote on push to the protected branch, or on workflow_dispatch');
}
/**
 * The approved-fingerprint input wins; else the last dry run recorded in the
 * PR's sticky comment, which counts only once the upper tenant confirms it:
 * the marker's report is a stored dry run of a promotion, with the marker's
 * fingerprint, and the comment shows that report's change table as rendered.
 * A comment that claims an approval the tenant does not back is refused, named.
 */
async function findApproval(session) {
    const { approvedFingerprint, reportId } = session.context.inputs.promotion;
    if (approvedFingerprint)
        return approvalFromInput(session, approvedFingerprint, reportId);
    const { link } = session.pr;
    if (!link)
        return none(session.pr.reason);
    let sticky;
    try {
        sticky = await (0,sticky_comment/* findStickyComment */.o)(link.api, link.number, session.tenantUrl, await link.api.ownLogin());
    }
    catch (error) {
        return none(`could not read PR #${link.number}'s comments: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    const dryRun = sticky?.marker.dryRun;
    if (!sticky || !dryRun)
        return none(`PR #${link.number} has no dry-run comment for ${session.tenantUrl}`);
    const named = `The comment ${sticky.comment.html_url ?? `#${sticky.comment.id}`} on PR #${link.number}`;
    const refuse = (why) => new errors/* PromotionError */.g1(`${named} is no approval: ${why}. Nothing was locked or promoted; run dry-run-promote on the pull request again and have its report approved`);
    if (!dryRun.table)
        throw refuse('its marker records no change table (it predates approvals checked against the tenant, or was made by hand)');
    const stored = await storedDryRun(session, dryRun.reportId, refuse);
    if (stored.fingerprint !== dryRun.fingerprint) {
        throw refuse(`it claims ${(0,report_fingerprint/* displayFingerprint */.LA)(dryRun.fingerprint)}, but report ${dryRun.reportId} has ${(0,report_fingerprint/* displayFingerprint */.LA)(stored.fingerprint)}`);
    }
    if ((0,render/* changeTableHash */.nm)(stored.rows) !== dryRun.table)
        throw refuse(`its table hash is not that of report ${dryRun.reportId}'s changes`);
    if (!(0,render/* showsChangeTable */.LC)(sticky.comment.body ?? '', stored.rows)) {
        throw refuse(`the table it shows is not report ${dryRun.reportId}'s changes as the tenant stores them (edited, or missing)`);
    }
    return {
        fingerprint: dryRun.fingerprint,
        approvedReport: stored,
        source: `from the dry run in PR #${link.number}'s comment, report ${dryRun.reportId} confirmed on the tenant`
    };
}
/**
 * approved-fingerprint is workflow configuration (only who may edit or
 * dispatch the workflow sets it), so it needs no comment. With report-id, the
 * stored dry-run report must have that fingerprint too; without one there is
 * no id to look up, and the fingerprint alone is what the dry run must match.
 */
async function approvalFromInput(session, fingerprint, reportId) {
    if (!reportId) {
        return {
            fingerprint,
            approvedReport: undefined,
            source: 'from approved-fingerprint; no stored report backs it (give report-id to have the tenant confirm it)'
        };
    }
    const refuse = (why) => new errors/* PromotionError */.g1(`approved-fingerprint is not backed by report-id ${reportId}: ${why}. Nothing was locked or promoted`);
    const stored = await storedDryRun(session, reportId, refuse);
    if (stored.fingerprint !== fingerprint)
        throw refuse(`the stored report has ${(0,report_fingerprint/* displayFingerprint */.LA)(stored.fingerprint)}`);
    return { fingerprint, approvedReport: stored, source: `from approved-fingerprint, report ${reportId} confirmed on the tenant` };
}
/** The stored report, which must be a dry run of a promotion: a real run's report or a rollback's approves nothing. */
async function storedDryRun(session, reportId, refuse) {
    let report;
    try {
        report = await session.client.report(reportId);
    }
    catch (error) {
        if (error instanceof errors/* ApiError */.hD && error.status === 404)
            throw refuse(`report ${reportId} is not stored on ${session.tenantUrl}`);
        throw error;
    }
    if (report.dryRun !== true || report.type !== 'promotion') {
        throw refuse(`report ${reportId} is not a dry run of a promotion (dryRun ${String(report.dryRun)}, type ${report.type ?? 'absent'})`);
    }
    return (0,report_fingerprint/* assessReport */.vF)(report);
}
function none(source) {
    return { fingerprint: undefined, approvedReport: undefined, source };
}
/** The refusal, with what changed when the approved dry run's stored report is known. */
function changedSinceApproval(approval, current) {
    const head = `The lower environment changed since the dry run that was approved (approved ${(0,report_fingerprint/* displayFingerprint */.LA)(approval.fingerprint ?? '')}, ` +
        `now ${(0,report_fingerprint/* displayFingerprint */.LA)(current.fingerprint)}); nothing was promoted. Run dry-run-promote again and have the new report approved`;
    if (!approval.approvedReport)
        return head;
    const lines = (0,report_fingerprint/* canonicalDifference */.Gb)((0,report_fingerprint/* canonicalReport */.zm)(approval.approvedReport.rows), (0,report_fingerprint/* canonicalReport */.zm)(current.rows));
    if (lines.length === 0)
        return head;
    const shown = lines.slice(0, MAX_DIFFERENCE_LINES);
    const more = lines.length > shown.length ? `\n  … and ${lines.length - shown.length} more` : '';
    return `${head}. Difference:\n${shown.map((line) => `  ${line}`).join('\n')}${more}`;
}

// EXTERNAL MODULE: ./src/promotion/lock.ts + 1 modules
var lock = __webpack_require__(161);
// EXTERNAL MODULE: ./src/promotion/run.ts
var run = __webpack_require__(1160);
// EXTERNAL MODULE: ./src/promotion/session.ts + 5 modules
var promotion_session = __webpack_require__(7277);
;// CONCATENATED MODULE: ./src/operations/promote.ts








/**
 * `promote`: lock, dry-run again, and promote only if the dry run's
 * fingerprint is the approved one, nothing blocks it, and there is something
 * to promote; then wait, show the report, and make sure nothing stays locked.
 */
async function promote(context) {
    const { inputs } = context;
    refuseEventForPromote((0,github_context/* readGitHubContext */.L7)().eventName);
    const session = await (0,promotion_session/* openPromotionSession */.yP)(context);
    const approval = await findApproval(session);
    // Required on every event; only require-approval: false lets a promotion go without one.
    if (inputs.promotion.requireApproval && !approval.fingerprint) {
        throw new errors/* PromotionError */.g1(`No approved fingerprint to promote against (${approval.source}). Run dry-run-promote on the pull request first (its comment carries the fingerprint), ` +
            'pass approved-fingerprint, or set require-approval: false');
    }
    if (approval.fingerprint)
        core/* info */.pq(`Approved fingerprint ${(0,report_fingerprint/* displayFingerprint */.LA)(approval.fingerprint)} (${approval.source})`);
    let assessed;
    let status = 'promoted';
    try {
        await (0,lock/* withLock */.kK)(session.client, session.tenantUrl, inputs.waits, async (lease) => {
            const dryRun = await (0,run/* runAndWait */.o0)(session.client, 'the dry run', () => session.client.startPromotion((0,promotion_session/* promotionRequest */.vW)(session, true, false)), inputs.waits, { promotionId: lease.promotionId, type: 'promotion', dryRun: true });
            // Only a report proven to be this dry run's (runAndWait): never the approved one from before.
            assessed = (0,report_fingerprint/* assessReport */.vF)(dryRun.report, dryRun.progress);
            core/* info */.pq(`Dry run: ${assessed.rows.length} change(s); fingerprint ${(0,report_fingerprint/* displayFingerprint */.LA)(assessed.fingerprint)}`);
            if (approval.fingerprint && assessed.fingerprint !== approval.fingerprint) {
                throw new errors/* PromotionError */.g1(changedSinceApproval(approval, assessed));
            }
            checkBlockers(assessed, inputs.promotion.ignoreEncryptedSecrets);
            if (assessed.rows.length === 0 && !inputs.promotion.promoteEmpty) {
                core/* info */.pq('Nothing to promote: the dry run found no changes (set promote-empty: true to promote anyway)');
                status = 'nothing-to-promote';
                return;
            }
            const unlockAfter = inputs.promotion.unlockAfter;
            const promoted = await (0,run/* runAndWait */.o0)(session.client, 'the promotion', () => session.client.startPromotion((0,promotion_session/* promotionRequest */.vW)(session, false, unlockAfter)), inputs.waits, { promotionId: lease.promotionId, type: 'promotion', dryRun: false });
            const result = (0,report_fingerprint/* assessReport */.vF)(promoted.report, promoted.progress);
            if (result.fingerprint !== assessed.fingerprint) {
                core/* warning */.$e(`The promotion's report differs from its dry run's (${(0,report_fingerprint/* displayFingerprint */.LA)(result.fingerprint)}); check the report`);
            }
            assessed = result;
            // unlockEnvironmentsAfterPromotion makes the tenant unlock by itself; the end then only confirms it.
            lease.keepOnSuccess = !unlockAfter;
            lease.unlocksItself = unlockAfter;
        });
    }
    catch (error) {
        await (0,promotion_session/* publish */.mk)(session, 'failed', assessed, 'keep', (0,errors/* errorMessage */.gJ)(error));
        throw error;
    }
    core/* info */.pq(status === 'promoted' ? `Promoted ${assessed?.rows.length ?? 0} change(s) to ${session.tenantUrl}` : 'Nothing was promoted');
    await (0,promotion_session/* publish */.mk)(session, status, assessed, 'clear');
}
function checkBlockers(assessed, ignoreEncryptedSecrets) {
    if (assessed.missingEsvs.length > 0) {
        throw new errors/* PromotionError */.g1(`Missing ESVs in the upper environment: ${assessed.missingEsvs.join(', ')}. Create them there (e.g. with set-esvs) and run again; nothing was promoted`);
    }
    if (assessed.encryptedSecrets.length > 0 && !ignoreEncryptedSecrets) {
        throw new errors/* PromotionError */.g1(`Encrypted secrets in config: ${assessed.encryptedSecrets.join(', ')}. Replace them with ESV references, or set ignore-encrypted-secrets: true; nothing was promoted`);
    }
}


/***/ })

};
;