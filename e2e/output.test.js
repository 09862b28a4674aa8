'use strict';
// Output in real n8n 1.x and 2.x against the stand-in: both majors load the node at version 1.2
// with its builder hints (n8n 2.x reads them, 1.x serves the description as it is); a version 1.2
// Broadcast Get Many puts out the simplified entries by default and the full ones with Simplify
// off; a workflow saved at 1.1 puts out what it always did; Delete Personal Data answers
// {deleted: true} at 1.2 and {email, status} at 1.1. E2E_MAJORS=1 or 2 to run one.
const assert = require('node:assert/strict');
const { describe, test } = require('node:test');

const { assertSucceeded, itemsOf, majors, useN8n } = require('./lib/harness');
const { PEOPLE, outputScenarios } = require('./lib/outputWorkflows');

const SIMPLIFIED = ['id', 'name', 'created_at', 'send_at', 'share_url', 'stats'];
const FULL = ['id', 'name', 'share_url', 'template', 'created_at', 'send_at', 'stats'];

for (const major of majors()) {
	describe(`output in n8n ${major}.x`, () => {
		// Ports 7480-7519: n8n on 7481/7482, its task broker on 7500/7510.
		const ctx = useN8n(major, {
			port: 7480 + major,
			brokerPort: 7490 + major * 10,
			workflows: outputScenarios,
		});

		/** The stand-in knows the first person again (a deletion removes them). */
		const seedPerson = () =>
			ctx.sandbox.state.store.subscribers.set(PEOPLE[0].email, {
				id: '901',
				uuid: '00000000-0000-4000-8000-000000000901',
				email: PEOPLE[0].email,
				fields: {},
				tagIds: [],
				unsubscribed_at: null,
			});

		const json = async (id) => {
			const { execution } = assertSucceeded(await ctx.n8n.execute(id));
			return itemsOf(execution, 'Bento').map((item) => item.json);
		};

		test('the node loads at version 1.2 with its builder hints; its AI tool has the Output choice', async () => {
			const res = await fetch(`http://127.0.0.1:${ctx.n8n.port}/types/nodes.json`, {
				headers: { Cookie: ctx.n8n.cookie },
			});
			assert.equal(res.status, 200);
			const types = await res.json();
			const node = types.find((t) => t.name === 'n8n-nodes-bentonow.bento');
			assert.ok(node, 'the Bento node is among the node types');
			assert.deepEqual(node.version, [1, 1.1, 1.2]);
			assert.equal(node.defaultVersion, 1.2);
			assert.match(node.builderHint.searchHint, /^Bento email marketing/);
			const delivery = node.properties.find((p) => p.name === 'delivery');
			assert.match(delivery.builderHint.propertyHint, /^Keep Save as Draft/);
			const tool = types.find((t) => t.name === 'n8n-nodes-bentonow.bentoTool');
			assert.ok(tool, 'n8n made the AI tool variant');
			const output = tool.properties.find((p) => p.name === 'output');
			assert.deepEqual(output.displayOptions.show['@tool'], [true]);
		});

		test('version 1.2: Simplify on by default, off gives the full entries', async () => {
			const simplified = await json('e2eOutBc12');
			assert.equal(simplified.length, 3);
			for (const entry of simplified) assert.deepEqual(Object.keys(entry), SIMPLIFIED);
			const raw = await json('e2eOutBc12Raw');
			for (const entry of raw) assert.deepEqual(Object.keys(entry), FULL);
			assert.deepEqual(
				simplified,
				raw.map(({ template: _template, ...rest }) => rest),
			);
		});

		test('a workflow saved at version 1.1 puts out the full entries, as before', async () => {
			const saved = await json('e2eOutBc11');
			assert.deepEqual(saved, await json('e2eOutBc12Raw'));
		});

		test('Delete Personal Data: {deleted: true} at 1.2, {email, status} at 1.1', async () => {
			seedPerson();
			assert.deepEqual(await json('e2eOutDel11'), [
				{ email: PEOPLE[0].email, status: 'queued' },
				{ email: PEOPLE[1].email, status: 'not_found' },
			]);
			seedPerson();
			assert.deepEqual(await json('e2eOutDel12'), [
				{ deleted: true },
				{ deleted: false, email: PEOPLE[1].email, status: 'not_found' },
			]);
		});
	});
}
