'use strict';
// n8n's own Retry On Fail (3 tries, 1000 ms) in real n8n 1.x and 2.x: whatever n8n re-runs,
// every event and every email reaches the stand-in exactly once, and no address with an
// invisible character reaches it. Counts what the stand-in received, not what the node says.
// E2E_MAJORS=1 or 2 to run one.
const assert = require('node:assert/strict');
const { beforeEach, describe, test } = require('node:test');

const { assertSucceeded, itemsOf, majors, runOf, useN8n } = require('./lib/harness');
const { EMAILS, onceScenarios } = require('./lib/onceWorkflows');

for (const major of majors()) {
	describe(`exactly once under Retry On Fail in n8n ${major}.x`, () => {
		const ctx = useN8n(major, {
			port: 6600 + major,
			brokerPort: 6610 + major * 10,
			workflows: onceScenarios,
		});

		beforeEach(() => {
			ctx.sandbox.state.requests.length = 0;
			ctx.sandbox.state.store.events.length = 0;
			ctx.sandbox.state.store.emails.length = 0;
			ctx.sandbox.setFaults([]);
		});

		const received = () => ctx.sandbox.state.requests.map((r) => [r.path, r.status]);

		test('an invalid first item on the error output: one request, each valid event once', async () => {
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eOnceEvents01'));
			assert.deepEqual(received(), [['/api/v1/batch/events', 200]]);
			assert.deepEqual(
				ctx.sandbox.state.store.events.map((e) => e.email),
				['once1@example.com', 'once2@example.com'],
			);
			const sent = itemsOf(execution, 'Bento', 0);
			assert.deepEqual(
				sent.map((i) => [i.json.event.email, i.pairedItem]),
				[
					['once1@example.com', { item: 1 }],
					['once2@example.com', { item: 2 }],
				],
			);
			const failed = itemsOf(execution, 'Bento', 1);
			assert.equal(failed.length, 1);
			assert.deepEqual(failed[0].pairedItem, { item: 0 });
			assert.match(failed[0].json.error, /^Item 0: email "not-an-email" is not a valid address/);
			assert.equal(itemsOf(execution, 'Sent').length, 2);
			assert.equal(itemsOf(execution, 'Failed').length, 1);
		});

		for (const [what, fault, status] of [
			[
				'Bento takes the batch, then the connection drops',
				{ accept: true, drop: true },
				'accepted, then dropped',
			],
			['Bento answers 500', { status: 500 }, 500],
		]) {
			test(`emails: ${what}: each email reaches the stand-in once and the execution fails`, async () => {
				// Later requests would be accepted: a resend would show up as a second request.
				ctx.sandbox.setFaults([fault]);
				const { ok, execution, output } = await ctx.n8n.execute('e2eOnceEmails01');
				assert.equal(ok, false, 'the execution must end with an error');
				assert.deepEqual(received(), [['/api/v1/batch/emails', status]]);
				const stored = ctx.sandbox.state.store.emails.map((e) => e.to);
				assert.deepEqual(stored, fault.accept ? EMAILS.map((e) => e.to) : []);
				// n8n prints the run data on failure too; when it does, the node's error says why.
				const error = runOf(execution, 'Bento')?.error ?? execution?.data?.resultData?.error;
				const message = error?.message ?? output;
				assert.match(message, /Batch 1 of 1 \(items 0-2\) may have been sent/);
			});
		}

		test('a per-item write (Add Email to Sequence) after an invalid first item: each email added once', async () => {
			const templates = () =>
				[...ctx.sandbox.state.store.templates.values()].filter((t) =>
					String(t.subject).startsWith('Once step'),
				);
			const before = templates().length;
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eOnceSequence01'));
			const path = '/api/v1/fetch/sequences/sequence_3/emails/templates';
			assert.deepEqual(received(), [
				[path, 200],
				[path, 200],
			]);
			assert.deepEqual(
				templates()
					.slice(before)
					.map((t) => t.subject),
				['Once step 1', 'Once step 2'],
			);
			// The answers given again to the next tries come out as the first try's did: flattened.
			const sent = itemsOf(execution, 'Bento', 0);
			assert.deepEqual(
				sent.map((i) => [i.json.subject, i.json.id !== undefined, 'data' in i.json, i.pairedItem]),
				[
					['Once step 1', true, false, { item: 1 }],
					['Once step 2', true, false, { item: 2 }],
				],
			);
			const failed = itemsOf(execution, 'Bento', 1);
			assert.deepEqual(
				failed.map((i) => i.pairedItem),
				[{ item: 0 }],
			);
			assert.match(failed[0].json.error, /^Item 0: subject is required/);
		});

		// {{ $now }} differs on each try: the write is still known by the items it carries.
		test('events dated {{ $now }} after an invalid first item: the valid event once', async () => {
			assertSucceeded(await ctx.n8n.execute('e2eOnceDatedNow01'));
			assert.deepEqual(
				ctx.sandbox.state.store.events.map((e) => e.email),
				['dated1@example.com'],
			);
		});

		test('addresses: invisible ends are removed before sending; one inside is refused naming item and field', async () => {
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eOnceAddress01'));
			assert.deepEqual(received(), [['/api/v1/batch/events', 200]]);
			assert.deepEqual(
				ctx.sandbox.state.store.events.map((e) => e.email),
				['User@Example.com'],
			);
			const sent = itemsOf(execution, 'Bento', 0);
			assert.deepEqual(
				sent.map((i) => [i.json.event.email, i.pairedItem]),
				[['User@Example.com', { item: 1 }]],
			);
			const failed = itemsOf(execution, 'Bento', 1);
			assert.equal(failed.length, 1);
			assert.deepEqual(failed[0].pairedItem, { item: 0 });
			assert.match(
				failed[0].json.error,
				/^Item 0: email "us<U\+200B>er@example\.com" contains U\+200B \(zero width space\) at character 3/,
			);
		});
	});
}
