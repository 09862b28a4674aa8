'use strict';
// Stats, sequences, workflows, email templates, segments, forms and the utility checks in real
// n8n 1.x and 2.x against the stand-in, in one execution. E2E_MAJORS=1 or 2 to run one.
const assert = require('node:assert/strict');
const { describe, test } = require('node:test');

const { assertSucceeded, itemsOf: runItems, majors, useN8n } = require('./lib/harness');
const { ITEMS, NEW_HTML, libraryScenarios } = require('./lib/libraryWorkflows');

const itemsOf = (execution, node) => runItems(execution, node).map((i) => i.json);

for (const major of majors()) {
	describe(`library in n8n ${major}.x`, () => {
		const ctx = useN8n(major, {
			port: 6200 + major,
			brokerPort: 6210 + major * 10,
			workflows: libraryScenarios,
		});

		test('every operation in one workflow: stats spared, lists paged, a template updated, checks answered', async () => {
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eLibrary01'));
			const count = (path) =>
				ctx.sandbox.state.requests.filter((r) => r.path === `/api/v1${path}`).length;
			assert.ok(
				ctx.sandbox.state.requests.every(
					(r) => r.status !== 401 && r.userAgent.startsWith('n8n-nodes-bentonow/'),
				),
			);

			// Stats: site once for 3 items, segments once per distinct id.
			assert.equal(count('/stats/site'), 1);
			assert.equal(count('/stats/segment'), 2);
			const site = { user_count: 195, subscriber_count: 140, unsubscriber_count: 55 };
			assert.deepEqual(itemsOf(execution, 'Site Stats'), [site, site, site]);
			assert.deepEqual(
				itemsOf(execution, 'Segment Stats').map((j) => [j.segment_id, j.user_count]),
				[
					['seg_1', 120],
					['seg_1', 120],
					['seg_2', 45],
				],
			);
			assert.equal(itemsOf(execution, 'Report Stats')[0].report_name, 'Sign-ups per week');

			// Lists: 23 sequences over pages 1-3 (and the empty page 4); a limit; segments unpaged.
			assert.equal(count('/fetch/sequences'), 4);
			const sequences = itemsOf(execution, 'Sequences');
			assert.equal(sequences.length, 23);
			assert.deepEqual(Object.keys(sequences[0]).sort(), [
				'created_at',
				'email_templates',
				'id',
				'name',
			]);
			assert.equal(count('/fetch/workflows'), 1);
			assert.deepEqual(
				itemsOf(execution, 'Workflows').map((w) => w.id),
				['workflow_1', 'workflow_2', 'workflow_3', 'workflow_4', 'workflow_5'],
			);
			assert.deepEqual(
				itemsOf(execution, 'Segments').map((s) => s.name),
				['Customers', 'Trial users', 'Churned'],
			);
			assert.equal(itemsOf(execution, 'Form Responses').length, 2);
			assert.match(
				itemsOf(execution, 'Missing Segment')[0].error,
				/^Item 0 failed: Bento answered 404: no segment with ID "seg_404"/,
			);

			// Writes: the template changed exactly as given; the new email is in the sequence.
			const template = ctx.sandbox.state.store.templates.get('1001');
			assert.equal(template.subject, 'Welcome aboard');
			assert.equal(template.html, NEW_HTML);
			assert.equal(itemsOf(execution, 'Get Template')[0].html, NEW_HTML);
			const added = itemsOf(execution, 'Add Email')[0];
			assert.equal(added.subject, 'Day 3');
			assert.equal(added.delay_interval_count, 3);
			const sequence2 = ctx.sandbox.state.store.sequences.find((s) => s.id === 'sequence_2');
			assert.deepEqual(
				sequence2.email_templates.map((t) => t.subject),
				['Sequence 2, email 1', 'Day 3'],
			);

			// Utilities: one request per distinct input; an empty geolocation is an answer.
			assert.equal(count('/experimental/validation'), 2);
			assert.deepEqual(
				itemsOf(execution, 'Validate').map((j) => [j.email, j.valid]),
				ITEMS.map((item) => [item.email, item.email === 'ann@example.com']),
			);
			assert.deepEqual(itemsOf(execution, 'Strict Validate')[0].reasons, [
				'Email provider is free',
			]);
			assert.deepEqual(itemsOf(execution, 'Moderate')[0].reasons, ['profanity']);
			assert.deepEqual(itemsOf(execution, 'Gender')[0], {
				name: 'Ann',
				gender: 'female',
				confidence: 0.98,
			});
			assert.deepEqual(itemsOf(execution, 'Geolocate'), [{ ip: '10.0.0.1', located: false }]);
			assert.equal(count('/experimental/blacklist.json'), 2);
			assert.deepEqual(
				itemsOf(execution, 'Blacklist').map((j) => j.results.spamhaus),
				[true, false, false],
			);
		});
	});
}
