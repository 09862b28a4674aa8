'use strict';
// Many executions, one account (issue 23): 300 webhook calls at once in regular mode start 300
// executions in one n8n process, each sending one event (Webhook → Bento Create Events, default
// options), against the stand-in at Bento's limit (100 requests per minute of its clock, refused
// ones counted too, no Retry-After): at least three real windows. Every event must arrive
// exactly once and no execution may fail. About 3 to 4 minutes; n8n 1.x by default
// (E2E_BURST_MAJORS=1,2 adds 2.x). `npm run test:e2e e2e/burst.test.js`.
const assert = require('node:assert/strict');
const { before, describe, test } = require('node:test');

const {
	burstWorkflow,
	executionError,
	fireBurst,
	waitForExecutions,
	waitForWebhook,
} = require('./lib/burst');
const { assertStatuses, useN8n } = require('./lib/harness');
const { log } = require('./lib/n8n');
const { CREDENTIAL } = require('./lib/workflows');

const EXECUTIONS = 300;
const WINDOW_MS = 60_000;
const LIMIT = { limit: 100, windowMs: WINDOW_MS, shape: 'clock' };
const WORKFLOW_ID = 'e2eBurst01';
// Most 429s allowed in one window after the one where the process learned the limit (a count,
// not a time). In that window itself, what was in flight when the first 429 came back is refused
// too: LEARNING_IN_FLIGHT requests at most, plus those the window took before the 429s arrived.
const MAX_LATER_REFUSED = 10;
const { LEARNING_IN_FLIGHT } = require('../dist/nodes/Bento/transport/limitState');
const HOOK = 'e2e-burst';

const majors = (process.env.E2E_BURST_MAJORS ?? '1').split(',').map(Number);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

for (const major of majors) {
	describe(`n8n ${major}.x: a burst of single-event executions on one account`, () => {
		const ctx = useN8n(major, {
			port: 7080 + major,
			brokerPort: 7090 + major,
			sandbox: { secretKey: `sk_e2e_SECRET_burst_${major}_7a6b5c` },
			workflows: () => [burstWorkflow({ id: WORKFLOW_ID, path: HOOK, credential: CREDENTIAL })],
		});

		before(async () => {
			// The suite's n8n is already serving (useN8n): activate over REST, which registers the
			// webhook in the running process (the CLI would only change the database).
			await ctx.n8n.activate(WORKFLOW_ID);
			await waitForWebhook(ctx.n8n.port, HOOK);
		});

		test(
			`${EXECUTIONS} webhook calls at once, 100 requests per clock minute without Retry-After: every event arrives exactly once and no execution fails`,
			{ timeout: 15 * 60_000 },
			async (t) => {
				ctx.sandbox.setRateLimit(LIMIT);
				const fired = await fireBurst(ctx.n8n.port, HOOK, EXECUTIONS);
				assert.deepEqual(fired.statuses, { 200: EXECUTIONS }, 'n8n accepted every call');
				// A deadline for a hung run only, far past any useful pace; never a timed assertion.
				const done = await waitForExecutions(ctx.n8n, WORKFLOW_ID, EXECUTIONS, {
					timeoutMs: 13 * 60_000,
				});

				const windows = ctx.sandbox.perWindow(WINDOW_MS);
				const delivery = ctx.sandbox.delivery(EXECUTIONS);
				const refused = ctx.sandbox.state.requests.filter((r) => r.status === 429).length;
				const firstAt = windows[0]?.first ?? 0;
				const failure = done.firstFailedId
					? await executionError(ctx.n8n, done.firstFailedId)
					: undefined;
				const report = [
					`n8n ${major}.x: ${done.finished} executions finished, ${done.failed} failed, ${seconds(done.at - firstAt)} from the first request`,
					`${ctx.sandbox.state.requests.length} requests, ${refused} answered 429`,
					`per window (requests/accepted/429): ${windows.map((w) => `${new Date(w.start).toISOString().slice(11, 16)} ${w.requests}/${w.accepted}/${w.refused}`).join(', ')}`,
					`events: ${delivery.distinct} of ${EXECUTIONS} delivered, ${delivery.missing} missing, ${delivery.duplicated} duplicated`,
					...(failure ? [`first failure: ${failure}`] : []),
				];
				for (const line of report) {
					t.diagnostic(line);
					log(`burst: ${line}`);
				}

				await assertStatuses(ctx.n8n, done.failures, 'success', {
					what: `${done.failed} of ${done.finished} executions failed; the newest`,
				});
				assert.equal(delivery.missing, 0, `missing events, first: ${delivery.firstMissing}`);
				assert.equal(delivery.duplicated, 0, 'events delivered twice');
				assert.equal(delivery.unknown, 0);
				// The burst spans at least three windows of the server's clock.
				assert.ok(
					windows.filter((w) => w.accepted > 0).length >= 3,
					`accepted requests in ${windows.length} window(s) only`,
				);
				// Refusals stay few once the executions share what they learn of the window (issue 23
				// asks for at most 2 a window after the first; the bound here leaves room for a
				// loaded machine). Each execution learning the limit alone had 300 in one window.
				// The limit is learned in the first window that refuses anything: the first window,
				// or the second when a loaded n8n took long to start the executions.
				const learned = Math.max(
					0,
					windows.findIndex((w) => w.refused > 0),
				);
				assert.ok(
					windows[learned].refused <= LEARNING_IN_FLIGHT + MAX_LATER_REFUSED,
					`429s in the window that taught the limit: ${windows[learned].refused}`,
				);
				const later = windows.slice(learned + 1).map((w) => w.refused);
				assert.ok(
					later.every((r) => r <= MAX_LATER_REFUSED),
					`429s per window after the one that taught the limit: ${later.join(', ')}`,
				);
				// The stand-in held its limit (a check on the test itself).
				assert.ok(windows.every((w) => w.accepted <= LIMIT.limit));
			},
		);
	});
}
