'use strict';
// Tag Delete, Subscriber Search and Get Ads Stats in real n8n 1.x and 2.x against the stand-in:
// as nodes of a manual workflow, and as tools of n8n's MCP Server Trigger (the tool list shows
// them with their $fromAI parameters; a call reaches the stand-in). Ports 7440-7479.
// E2E_MAJORS=1 or 2 to run one.
const assert = require('node:assert/strict');
const { describe, test } = require('node:test');

const { MCP_PATH, PEOPLE, endpointsScenarios } = require('./lib/endpointsWorkflows');
const { assertSucceeded, itemsOf: runItems, majors, useN8n } = require('./lib/harness');

const itemsOf = (execution, node) => runItems(execution, node).map((i) => i.json);

/** One JSON-RPC message to the MCP server (Streamable HTTP); its answer, JSON or one SSE event. */
async function mcp(port, message, session) {
	const res = await fetch(`http://127.0.0.1:${port}/mcp/${MCP_PATH}`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			Accept: 'application/json, text/event-stream',
			...(session ? { 'mcp-session-id': session } : {}),
		},
		body: JSON.stringify({ jsonrpc: '2.0', ...message }),
	});
	const text = await res.text();
	let json;
	if (text.trim().startsWith('{')) json = JSON.parse(text);
	else
		json = text
			.split('\n')
			.filter((line) => line.startsWith('data: '))
			.map((line) => JSON.parse(line.slice(6)))
			.find((m) => m.id === message.id);
	return { status: res.status, session: res.headers.get('mcp-session-id'), json, text };
}

/** A signed-in MCP session: initialize, then the initialized notification. */
async function mcpSession(port) {
	const init = await mcp(port, {
		id: 1,
		method: 'initialize',
		params: {
			protocolVersion: '2025-03-26',
			capabilities: {},
			clientInfo: { name: 'bento-e2e', version: '1.0.0' },
		},
	});
	assert.equal(init.status, 200, init.text);
	assert.ok(init.session, 'the server gave a session id');
	await mcp(port, { method: 'notifications/initialized' }, init.session);
	let id = 1;
	return {
		call: async (method, params) =>
			(await mcp(port, { id: ++id, method, params }, init.session)).json,
	};
}

const toolText = (result) => (result?.content ?? []).map((c) => c.text ?? '').join('\n');

for (const major of majors()) {
	describe(`endpoints in n8n ${major}.x`, () => {
		const ctx = useN8n(major, {
			port: 7440 + major,
			brokerPort: 7450 + major,
			workflows: endpointsScenarios,
			// n8n 2.x fetches its MCP registry from api.n8n.io at start; 1.x rejects that module name.
			env: major === 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {},
		});
		const path = (p) => `/api/v1${p}`;

		test('Tag Delete, Get Ads Stats and a search refused without Enterprise, as nodes', async () => {
			const { execution, output } = assertSucceeded(await ctx.n8n.execute('e2eEndpoints01'));
			const { store, requests } = ctx.sandbox.state;

			assert.deepEqual(itemsOf(execution, 'Delete Tag'), [
				{ deleted: true, id: '1', name: 'customer', alreadyDeleted: false },
			]);
			assert.deepEqual(itemsOf(execution, 'Delete Gone Tag'), [
				{ deleted: true, id: null, name: 'never-was', alreadyDeleted: true },
			]);
			assert.deepEqual(store.tagDeletes, [{ id: '1', name: 'customer', restored: false }]);
			assert.ok(store.tags[0].discarded_at);
			assert.equal(requests.filter((r) => r.method === 'DELETE').length, 1);

			const ads = itemsOf(execution, 'Ads');
			assert.equal(ads.length, 1);
			assert.deepEqual(
				ads[0].breakdown.map((row) => row.key),
				['youtube'],
			);
			const asked = requests.find((r) => r.path === path('/stats/ads'));
			assert.deepEqual(asked.query, {
				dimension: 'source',
				value: 'youtube',
				start_date: '2026-01-01',
				revenue_mode: 'first_revenue',
			});

			const [refused] = itemsOf(execution, 'Search Refused');
			assert.match(
				refused.error,
				/Subscriber Search needs a Bento Enterprise account: Bento refused it \(403\)/,
			);
			for (const secret of [ctx.sandbox.keys.secretKey, ctx.sandbox.keys.publishableKey])
				assert.ok(!output.includes(secret), 'no key in the log or run data');
		});

		test('with Enterprise, the search finds the people imported just before', async () => {
			ctx.sandbox.setEnterprise(true);
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eEndpoints02'));
			const found = itemsOf(execution, 'Search');
			assert.deepEqual(found.map((s) => s.email).sort(), [...PEOPLE].sort());
			assert.ok(found.every((s) => s.navigation_url.startsWith('https://app.bentonow.com/')));
			const searches = ctx.sandbox.state.requests.filter((r) => r.path === path('/fetch/search'));
			assert.deepEqual(
				searches.slice(-2).map((r) => r.search),
				[
					{ page: 1, filters: ['created_at'] },
					{ page: 2, filters: ['created_at'] },
				],
			);
		});

		test("the MCP Server Trigger lists the three tools with their parameters, and a call reaches Bento's stand-in", async () => {
			const port = ctx.n8n.port;
			const session = await mcpSession(port);
			const { tools } = (await session.call('tools/list', {})).result;
			const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
			assert.deepEqual(Object.keys(byName).sort(), [
				'Ads_Stats',
				'Delete_Tag',
				'Search_Subscribers',
			]);
			const parameters = (name) => Object.keys(byName[name].inputSchema?.properties ?? {}).sort();
			assert.deepEqual(parameters('Delete_Tag'), ['tag_name']);
			assert.deepEqual(parameters('Search_Subscribers'), ['created_after']);
			assert.deepEqual(parameters('Ads_Stats'), ['dimension', 'value']);
			for (const tool of tools) assert.ok(tool.description, `${tool.name} has a description`);

			ctx.sandbox.state.store.tags.push({
				name: 'spring-2024',
				created_at: '2024-01-01T00:00:00Z',
				discarded_at: null,
			});
			const deleted = await session.call('tools/call', {
				name: 'Delete_Tag',
				arguments: { tag_name: 'spring-2024' },
			});
			assert.ok(!deleted.result.isError, toolText(deleted.result));
			assert.match(toolText(deleted.result), /"deleted":\s*true/);
			assert.deepEqual(ctx.sandbox.state.store.tagDeletes.at(-1), {
				id: String(ctx.sandbox.state.store.tags.length),
				name: 'spring-2024',
				restored: false,
			});

			const found = await session.call('tools/call', {
				name: 'Search_Subscribers',
				arguments: { created_after: '2020-01-01T00:00:00Z' },
			});
			assert.ok(!found.result.isError, toolText(found.result));
			for (const email of PEOPLE) assert.ok(toolText(found.result).includes(email));

			const ads = await session.call('tools/call', {
				name: 'Ads_Stats',
				arguments: { dimension: 'campaign', value: 'newsletter' },
			});
			assert.ok(!ads.result.isError, toolText(ads.result));
			assert.match(toolText(ads.result), /"dimension":\s*"campaign"/);

			// A value the node refuses comes back as the tool's error, naming the field.
			const refused = await session.call('tools/call', {
				name: 'Ads_Stats',
				arguments: { dimension: 'utm_term', value: 'x' },
			});
			assert.ok(refused.result?.isError || refused.error, JSON.stringify(refused));
			assert.match(JSON.stringify(refused), /Dimension \\?"utm_term\\?" is not one of/);
		});
	});
}
