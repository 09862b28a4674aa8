'use strict';
// Create Broadcasts in real n8n 1.x and 2.x against the stand-in, in a New York workflow: a
// broadcast scheduled at a local time reaches Bento approved with the right UTC send_at; a draft
// carries neither; under Retry On Fail, a batch Bento took before the connection dropped is never
// created again; a dry run sends nothing. E2E_MAJORS=1 or 2 to run one.
const assert = require('node:assert/strict');
const { beforeEach, describe, test } = require('node:test');

const { assertSucceeded, itemsOf, majors, runOf, useN8n } = require('./lib/harness');
const { ISSUES, broadcastScenarios } = require('./lib/broadcastWorkflows');

for (const major of majors()) {
	describe(`broadcasts in n8n ${major}.x`, () => {
		// Ports 7400-7439: n8n on 7401/7402, its task broker on 7420/7430.
		const ctx = useN8n(major, {
			port: 7400 + major,
			brokerPort: 7410 + major * 10,
			workflows: broadcastScenarios,
		});

		let seeded = 0;
		beforeEach(() => {
			ctx.sandbox.state.requests.length = 0;
			ctx.sandbox.setFaults([]);
			seeded = ctx.sandbox.state.store.broadcasts.length;
		});

		const created = () => ctx.sandbox.state.store.broadcasts.slice(seeded);
		const posts = () =>
			ctx.sandbox.state.requests
				.filter((r) => r.path === '/api/v1/batch/broadcasts')
				.map((r) => r.status);

		test('scheduled at 09:00 New York time: approved, send_at in UTC (winter and summer)', async () => {
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eBcSchedule1'));
			assert.deepEqual(posts(), [200]);
			assert.deepEqual(
				created().map((b) => [b.name, b.approved, b.send_at, b.status]),
				ISSUES.map((issue) => [issue.title, true, issue.utc, 'scheduled']),
			);
			const out = itemsOf(execution, 'Bento');
			assert.deepEqual(
				out.map((i) => [i.json.created, i.json.broadcast.send_at]),
				ISSUES.map((issue) => [true, issue.utc]),
			);
		});

		test('a draft carries neither approved nor send_at', async () => {
			assertSucceeded(await ctx.n8n.execute('e2eBcDraft01'));
			assert.deepEqual(posts(), [200]);
			for (const b of created()) {
				assert.equal('approved' in b, false);
				assert.equal('send_at' in b, false);
				assert.equal(b.status, 'draft');
			}
			assert.equal(created().length, 2);
		});

		test('Retry On Fail after Bento took the batch and the connection dropped: created once, never again', async () => {
			// Any later request would be accepted: a second creation would show here.
			ctx.sandbox.setFaults([{ accept: true, drop: true }]);
			const { ok, execution, output } = await ctx.n8n.execute('e2eBcSendRetry');
			assert.equal(ok, false, 'the execution must end with an error');
			assert.deepEqual(posts(), ['accepted, then dropped']);
			assert.deepEqual(
				created().map((b) => [b.name, b.approved, b.status]),
				ISSUES.map((issue) => [issue.title, true, 'sending']),
			);
			const error = runOf(execution, 'Bento')?.error ?? execution?.data?.resultData?.error;
			const message = error?.message ?? output;
			assert.match(message, /^Batch 1 of 1 \(items 0-1\) may have been sent: /);
			assert.match(message, /Check Bento's Broadcasts for "Tuesday news", "Summer news"/);
		});

		test('a dry run sends no request and shows each broadcast as it would go', async () => {
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eBcDryRun01'));
			assert.deepEqual(ctx.sandbox.state.requests, []);
			assert.equal(created().length, 0);
			const out = itemsOf(execution, 'Bento');
			assert.deepEqual(
				out.map((i) => [
					i.json.dryRun,
					i.json.wouldSend.endpoint,
					i.json.broadcast.approved,
					i.json.broadcast.send_at,
					i.json.batch.number,
				]),
				ISSUES.map((issue) => [true, '/batch/broadcasts', true, issue.utc, 1]),
			);
		});
	});
}
