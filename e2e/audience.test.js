'use strict';
// Subscribers, commands and tags in real n8n 1.x and 2.x against the stand-in: 2,500 imports in 3
// requests, 251 commands in 3, a lookup found / not found (error output), the tag list.
// E2E_MAJORS=1 or 2 to run one.
const assert = require('node:assert/strict');
const { describe, test } = require('node:test');

const { EXPECTED_COMMANDS, PEOPLE, audienceScenarios } = require('./lib/audienceWorkflows');
const { assertSucceeded, itemsOf, majors, useN8n } = require('./lib/harness');

for (const major of majors()) {
	describe(`audience in n8n ${major}.x`, () => {
		const ctx = useN8n(major, {
			port: 6000 + major,
			brokerPort: 6010 + major * 10,
			workflows: audienceScenarios,
		});

		test('import 2,500, run 251 commands, get found and not found, list tags', async () => {
			const started = Date.now();
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eAudience01'));
			process.stderr.write(`[audience e2e] n8n ${major}.x execute: ${Date.now() - started} ms\n`);

			assert.deepEqual(
				ctx.sandbox.state.requests.map((r) => [
					r.method,
					r.path.replace('/api/v1', ''),
					r.status,
					r.events,
				]),
				[
					...[1000, 1000, 500].map((n) => ['POST', '/batch/subscribers', 200, n]),
					...[100, 100, 51].map((n) => ['POST', '/fetch/commands', 200, n]),
					...[0, 0, 0].map(() => ['GET', '/fetch/subscribers', 200, 0]),
					['GET', '/fetch/tags', 200, 0],
				],
			);
			const { store } = ctx.sandbox.state;
			assert.equal(store.subscribers.size, PEOPLE);
			assert.deepEqual(store.commands, EXPECTED_COMMANDS);
			const tagNames = store.tags.map((t) => t.name);
			const idOf = (name) => String(tagNames.indexOf(name) + 1);
			const p3 = store.subscribers.get('person3@example.com');
			assert.deepEqual(p3.fields, { first_name: 'Person 3', plan: 'free' });
			assert.deepEqual(p3.tagIds, [idOf('customer'), idOf('odd'), idOf('vip')]);
			assert.deepEqual(store.subscribers.get('person1@example.com').tagIds, [idOf('customer')]);
			assert.equal(store.subscribers.get('person0@example.com').fields.seats, 0);
			assert.ok(store.subscribers.get('person2@example.com').unsubscribed_at);

			const imported = itemsOf(execution, 'Import');
			assert.equal(imported.length, PEOPLE);
			assert.deepEqual(imported[7].json.subscriber, {
				email: 'person7@example.com',
				first_name: 'Person 7',
				tags: 'customer,odd',
				plan: 'pro',
			});
			assert.deepEqual(imported[2499].json.batch, { number: 3, count: 3, size: 500, attempts: 1 });
			assert.deepEqual(imported[2499].pairedItem, { item: 2499 });
			assert.equal(itemsOf(execution, 'Run Commands').length, EXPECTED_COMMANDS.length);

			const found = itemsOf(execution, 'Get');
			assert.deepEqual(
				found.map((i) => [i.json.email, i.pairedItem]),
				[
					['person3@example.com', { item: 0 }],
					['renamed@example.com', { item: 2 }],
				],
			);
			assert.deepEqual(found[0].json.tags, p3.tagIds);
			const notFound = itemsOf(execution, 'Not Found');
			assert.equal(notFound.length, 1);
			assert.equal(notFound[0].json.email, 'nobody@example.com');
			assert.equal(
				notFound[0].json.error,
				'Item 1 failed: No subscriber with email "nobody@example.com"',
			);

			// Two found subscribers: one shared tag request, the list once per item.
			const tags = itemsOf(execution, 'Tags');
			assert.deepEqual(
				tags.map((t) => t.json.name),
				[...tagNames, ...tagNames],
			);
			assert.deepEqual(tagNames, ['customer', 'even', 'odd', 'vip', 'webinar']);
		});
	});
}
