'use strict';
// End-to-end at Bento's rate limit: a large job with the node's default options, in real n8n 1.x
// and 2.x, against a stand-in that counts like Rails' usual limiter (100 requests per minute of
// the server's clock, refused ones counted too, 429 without Retry-After). The job spans at least
// three real 60-second windows (about 2 to 3 minutes): it must succeed and deliver every event
// exactly once. Real windows on n8n 1.x only (E2E_RATELIMIT_MAJORS=1,2 for both): the limiter is
// the package's own code, the same in both majors, and test/limits proves its pacing in fake
// time. `npm run test:e2e e2e/ratelimit.test.js` (E2E_MAJORS still narrows the majors).
const assert = require('node:assert/strict');
const { describe, test } = require('node:test');

const { assertSucceeded, itemsOf, majors, runOf, useN8n } = require('./lib/harness');
const { log } = require('./lib/n8n');
const { bento, chain, code, trigger } = require('./lib/workflows');

const EVENTS = 25_000;
const BATCH_SIZE = 100;
// Bento's documented limit for /batch/*: 100 requests a minute; no Retry-After.
const WINDOW_MS = 60_000;
const LIMIT = { limit: 100, windowMs: WINDOW_MS, shape: 'clock' };
const WORKFLOW_ID = 'e2eRateLimit01';

/** 25,000 events numbered 0..24,999 (unique key and email), 250 requests at Batch Size 100. */
const job = () =>
	chain(WORKFLOW_ID, 'E2E at the rate limit', [
		trigger(),
		code(
			`return Array.from({ length: ${EVENTS} }, (_, i) => ({ json: { type: 'rate_limit_test', email: \`customer.\${i}@example.com\`, fields: { n: i }, details: { unique: { key: \`rl-\${i}\` } } } }));`,
		),
		// Default options: only the batch size is set, as a user sending small batches would.
		bento({ mappingMode: 'autoMapInputData', options: { batchSize: BATCH_SIZE } }),
	]);

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

const RATE_LIMIT_MAJORS = (process.env.E2E_RATELIMIT_MAJORS ?? '1').split(',').map(Number);

for (const major of majors().filter((m) => RATE_LIMIT_MAJORS.includes(m))) {
	describe(`n8n ${major}.x at the rate limit`, () => {
		const ctx = useN8n(major, {
			port: 6500 + major,
			brokerPort: 6510 + major * 10,
			sandbox: { secretKey: `sk_e2e_SECRET_rl_${major}_4d3c2b` },
			workflows: () => [job()],
		});

		test(
			`${EVENTS.toLocaleString('en')} events at Batch Size ${BATCH_SIZE}, default options, 100 requests per clock minute without Retry-After: the execution succeeds and every event arrives exactly once`,
			{ timeout: 8 * 60_000 },
			async (t) => {
				ctx.sandbox.setRateLimit(LIMIT);
				const started = Date.now();
				const run = await ctx.n8n.execute(WORKFLOW_ID);
				const { ok, execution } = run;
				const elapsed = Date.now() - started;

				const requests = ctx.sandbox.state.requests;
				const windows = ctx.sandbox.perWindow(WINDOW_MS);
				const delivery = ctx.sandbox.delivery(EVENTS);
				const refused = requests.filter((r) => r.status === 429).length;
				const node = runOf(execution, 'Bento');
				const report = [
					`n8n ${major}.x: ${ok ? 'succeeded' : 'FAILED'} after ${seconds(elapsed)} (Bento node ${node ? seconds(node.executionTime) : '?'})`,
					`${requests.length} requests, ${refused} answered 429`,
					`per window (requests/accepted/429): ${windows.map((w) => `${new Date(w.start).toISOString().slice(11, 16)} ${w.requests}/${w.accepted}/${w.refused}`).join(', ')}`,
					`events: ${delivery.distinct} of ${EVENTS} delivered, ${delivery.missing} missing, ${delivery.duplicated} duplicated`,
				];
				for (const line of report) {
					t.diagnostic(line);
					log(`ratelimit: ${line}`);
				}
				assertSucceeded(run);
				assert.equal(delivery.missing, 0, `missing events, first: ${delivery.firstMissing}`);
				assert.equal(delivery.duplicated, 0, 'events delivered twice');
				assert.equal(delivery.unknown, 0);
				assert.equal(itemsOf(execution, 'Bento').length, EVENTS);
				// The job spans at least three windows of the server's clock.
				assert.ok(
					windows.filter((w) => w.accepted > 0).length >= 3,
					`accepted requests in ${windows.length} window(s) only`,
				);
				// The stand-in held its limit (a check on the test itself).
				assert.ok(windows.every((w) => w.accepted <= LIMIT.limit));
			},
		);
	});
}
