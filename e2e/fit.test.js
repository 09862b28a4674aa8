'use strict';
// Requests that fit, in real n8n 1.x and 2.x against the stand-in: 1,000 events of 1.5 MB
// against a body limit (512 KB) below the node's 1 MB bound are delivered whole, once, after
// the 413 split; and an error body in JSON:API's shape shows Bento's words.
// E2E_MAJORS=1 or 2 to run one.
const assert = require('node:assert/strict');
const { beforeEach, describe, test } = require('node:test');

const { assertSucceeded, itemsOf, majors, useN8n } = require('./lib/harness');
const { EVENT_COUNT, fitScenarios } = require('./lib/fitWorkflows');

const LIMIT = 512_000;

for (const major of majors()) {
	describe(`requests that fit in n8n ${major}.x`, () => {
		const ctx = useN8n(major, {
			port: 7300 + major,
			brokerPort: 7350 + major,
			workflows: fitScenarios,
		});

		beforeEach(() => {
			ctx.sandbox.state.requests.length = 0;
			ctx.sandbox.state.events.length = 0;
			ctx.sandbox.setFaults([]);
			ctx.sandbox.setMaxBodyBytes(undefined);
		});

		const posts = () => ctx.sandbox.state.requests.filter((r) => r.path === '/api/v1/batch/events');

		test('1,000 events of 1.5 MB, body limit 512 KB: a 413, then every event once', async () => {
			ctx.sandbox.setMaxBodyBytes(LIMIT);
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eFit1000'));
			const total = posts()
				.filter((r) => r.status === 413)
				.reduce((sum, r) => sum + r.bytes, 0);
			assert.ok(total > LIMIT, 'at least one request over the limit was refused');
			const accepted = posts().filter((r) => r.status === 200);
			assert.ok(accepted.every((r) => r.bytes <= LIMIT));
			assert.ok(
				accepted.reduce((sum, r) => sum + r.bytes, 0) > 1_500_000,
				'the events were 1.5 MB in all',
			);
			assert.deepEqual(
				posts().map((r) => r.status),
				[413, 200, 200, 200],
			);
			const delivery = ctx.sandbox.delivery(EVENT_COUNT);
			assert.deepEqual(
				[delivery.received, delivery.distinct, delivery.missing, delivery.duplicated],
				[EVENT_COUNT, EVENT_COUNT, 0, 0],
			);
			const sent = itemsOf(execution, 'Sent');
			assert.equal(sent.length, EVENT_COUNT);
			assert.equal(itemsOf(execution, 'Not Sent').length, 0);
			assert.equal(sent[999].json.event.email, 'reader999@example.com');
			assert.equal(sent[999].json.event.details.note.slice(0, 24), '"Quoted" \\ line\nbreak 😀');
			assert.deepEqual(sent[999].json.batch, { number: 2, count: 2, size: 336, attempts: 1 });
		});

		test("a JSON:API error body shows Bento's words on the failed items", async () => {
			ctx.sandbox.setFaults([
				{
					status: 422,
					body: {
						errors: [
							{
								title: 'Invalid event',
								detail: 'Details are too deep',
								source: { pointer: '/events/0/details' },
							},
						],
					},
				},
			]);
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eFit1000'));
			const failed = itemsOf(execution, 'Not Sent');
			assert.equal(failed.length, 664);
			assert.equal(
				failed[0].json.error,
				'Batch 1 of 2 (items 0-663) failed: Bento answered 422: /events/0/details: Invalid event: Details are too deep',
			);
			assert.equal(itemsOf(execution, 'Sent').length, EVENT_COUNT - 664);
		});
	});
}
