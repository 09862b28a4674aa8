'use strict';
// Emails and broadcasts in real n8n 1.x and 2.x against the stand-in: exact batches, and a batch
// Bento took before the connection dropped is reported as maybe sent and never resent.
// E2E_MAJORS=1 or 2 to run one.
const assert = require('node:assert/strict');
const { beforeEach, describe, test } = require('node:test');

const { assertSucceeded, itemsOf, majors, useN8n } = require('./lib/harness');
const { EMAIL_COUNT, expectedEmail, sendingScenarios } = require('./lib/sendingWorkflows');

for (const major of majors()) {
	describe(`sending in n8n ${major}.x`, () => {
		const ctx = useN8n(major, {
			port: 6100 + major,
			brokerPort: 6110 + major * 10,
			workflows: sendingScenarios,
		});

		beforeEach(() => {
			ctx.sandbox.state.requests.length = 0;
			ctx.sandbox.state.store.emails.length = 0;
			ctx.sandbox.setFaults([]);
		});

		test('130 receipts: 3 requests (60, 60, 10) with the exact emails', async () => {
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eEmails130'));
			assert.deepEqual(
				ctx.sandbox.state.requests.map((r) => [r.path, r.status, r.emails]),
				[60, 60, 10].map((n) => ['/api/v1/batch/emails', 200, n]),
			);
			assert.deepEqual(
				ctx.sandbox.state.store.emails,
				Array.from({ length: EMAIL_COUNT }, (_, i) => expectedEmail(i)),
			);
			const sent = itemsOf(execution, 'Sent');
			assert.equal(sent.length, EMAIL_COUNT);
			assert.deepEqual(sent[129].json.batch, { number: 3, count: 3, size: 10, attempts: 1 });
			assert.equal(itemsOf(execution, 'Not Sent').length, 0);
		});

		test('a batch dropped after Bento took it is reported as maybe sent and never resent', async () => {
			ctx.sandbox.setFaults([{}, { accept: true, drop: true }, { status: 429 }]);
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eEmails130'));
			assert.deepEqual(
				ctx.sandbox.state.requests.map((r) => r.status),
				[200, 'accepted, then dropped', 429, 200],
			);
			// Every email accepted exactly once: the dropped batch was not resent, the 429 was.
			const tos = ctx.sandbox.state.store.emails.map((e) => e.to);
			assert.equal(tos.length, EMAIL_COUNT);
			assert.equal(new Set(tos).size, EMAIL_COUNT);
			assert.equal(itemsOf(execution, 'Sent').length, 70);
			const notSent = itemsOf(execution, 'Not Sent');
			assert.equal(notSent.length, 60);
			assert.equal(notSent[0].json.email, 'buyer60@example.com');
			assert.match(notSent[0].json.error, /^Batch 2 of 3 \(items 60-119\) may have been sent: /);
		});

		test('broadcasts: two drafts created, then every sent broadcast read page by page', async () => {
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eBroadcast01'));
			const created = ctx.sandbox.state.store.broadcasts.slice(-2);
			assert.deepEqual(created, [
				{
					name: 'May news',
					subject: 'May news: what is new',
					content: '<p>Hello {{ visitor.first_name }}</p>',
					type: 'plain',
					from: { email: 'news@shop.example', name: 'Shop News' },
					inclusive_tags: 'customer',
					segment_id: 'seg_42',
					batch_size_per_hour: 250,
					status: 'draft',
				},
				{
					name: 'June news',
					subject: 'June news: what is new',
					content: '<p>Hello {{ visitor.first_name }}</p>',
					type: 'plain',
					from: { email: 'news@shop.example', name: 'Shop News' },
					inclusive_tags: 'customer',
					batch_size_per_hour: 250,
					status: 'draft',
				},
			]);
			const bento = itemsOf(execution, 'Bento');
			assert.deepEqual(
				bento.map((i) => [i.json.created, i.json.name]),
				[
					[true, 'May news'],
					[true, 'June news'],
				],
			);
			const pages = ctx.sandbox.state.requests.filter((r) => r.path === '/api/v1/fetch/broadcasts');
			assert.equal(pages.length, 4, 'pages 1-3 of 10, 10 and 3, then an empty page 4');
			const listed = itemsOf(execution, 'List Sent');
			assert.equal(listed.length, 23);
			assert.equal(listed[0].json.name, 'sent broadcast 1');
		});
	});
}
