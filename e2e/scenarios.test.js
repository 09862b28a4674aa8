'use strict';
// End-to-end: the packed package inside real n8n 1.x and 2.x, against the Bento sandbox.
// `npm run test:e2e` (E2E_MAJORS=1 or 2 to run one). Installs n8n on first use.
const assert = require('node:assert/strict');
const { beforeEach, describe, test } = require('node:test');

const { checkBulk, checkRetries, checkWrongKeys } = require('./lib/checks');
const { assertSucceeded, itemsOf, majors, useN8n } = require('./lib/harness');
const {
	AUTO_EVENTS,
	CREDENTIAL,
	WRONG_CREDENTIAL,
	credentials,
	scenarios,
} = require('./lib/workflows');

for (const major of majors()) {
	describe(`n8n ${major}.x`, () => {
		const ctx = useN8n(major, {
			port: 5700 + major,
			brokerPort: 5679 + major * 10,
			sandbox: { secretKey: `sk_e2e_SECRET_${major}_9f8e7d` },
			workflows: scenarios,
		});
		const secrets = () => [
			ctx.sandbox.keys.secretKey,
			'sk_wrong_SECRET_e2e_0000',
			ctx.sandbox.keys.siteUuid,
		];

		beforeEach(() => {
			ctx.sandbox.state.requests.length = 0;
			ctx.sandbox.state.events.length = 0;
			ctx.sandbox.setFaults([]);
		});

		test('2,500 items in Define Below mode: 3 requests with the exact events', async () => {
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eBulkDefine01'));
			checkBulk(ctx.sandbox, execution);
		});

		test('Map Automatically: items that already are events go out as they are', async () => {
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eAutoMap01'));
			assert.deepEqual(ctx.sandbox.state.events, AUTO_EVENTS);
			assert.deepEqual(
				itemsOf(execution, 'Bento').map((i) => i.json.event),
				AUTO_EVENTS,
			);
		});

		test('an invalid item goes to the error output; the others are sent', async () => {
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eInvalid01'));
			assert.deepEqual(
				ctx.sandbox.state.events.map((e) => e.email),
				['good1@example.com', 'good2@example.com'],
			);
			assert.equal(itemsOf(execution, 'Sent').length, 2);
			const failed = itemsOf(execution, 'Failed');
			assert.equal(failed.length, 1);
			assert.equal(failed[0].json.email, 'not-an-email');
			assert.match(failed[0].json.error, /^Item 1: email "not-an-email" is not a valid address/);
		});

		test('wrong keys: the run fails with a clear 401 and no secret anywhere', async () => {
			const { ok, execution, output } = await ctx.n8n.execute('e2eWrongKeys01');
			checkWrongKeys(ctx.sandbox, { ok, execution, output }, secrets());
		});

		test('a 429, a dropped connection and a 503 with Retry-After are retried; every event arrives once', async () => {
			await checkRetries(ctx.sandbox, () => ctx.n8n.execute('e2eRetry01'));
		});

		test('the credential test in the running n8n: OK for the right keys, an error for wrong ones', async () => {
			await ctx.n8n.start();
			await ctx.n8n.setupOwner();
			const testCredential = async ({ id, name }) => {
				const stored = credentials(ctx.sandbox).find((c) => c.id === id);
				const res = await ctx.n8n.rest('POST', '/credentials/test', {
					credentials: { id, name, type: 'bentoApi', data: stored.data },
				});
				assert.equal(res.status, 200, res.text);
				return res.json.data;
			};
			const good = await testCredential(CREDENTIAL);
			assert.equal(good.status, 'OK', JSON.stringify(good));
			const tagsRequest = ctx.sandbox.state.requests.find((r) => r.path === '/api/v1/fetch/tags');
			assert.ok(tagsRequest, 'the test request reached GET /fetch/tags');
			assert.equal(tagsRequest.status, 200);
			assert.ok(tagsRequest.userAgent.startsWith('n8n-nodes-bentonow/'));
			const wrong = await testCredential(WRONG_CREDENTIAL);
			assert.equal(wrong.status, 'Error', JSON.stringify(wrong));
			for (const secret of secrets()) assert.ok(!JSON.stringify(wrong).includes(secret));
			await ctx.n8n.stop();
		});
	});
}
