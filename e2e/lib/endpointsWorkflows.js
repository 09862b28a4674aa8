'use strict';
// Tag Delete, Subscriber Search and Get Ads Stats: two manual workflows (the operations as a
// user wires them) and one served by n8n's MCP Server Trigger with the three as tools, their
// parameters filled by the model through $fromAI().
const { CREDENTIAL, code, trigger } = require('./workflows');

const MCP_PATH = 'bento-endpoints';
const PEOPLE = ['ann@example.com', 'bob@example.com'];
const byName = (value) => ({ __rl: true, mode: 'name', value });
const fromAi = (key, description) => `={{ $fromAI('${key}', '${description}', 'string') }}`;

function bentoNode(name, i, parameters, extra = {}) {
	return {
		id: `endpoints${i}`,
		name,
		type: 'n8n-nodes-bentonow.bento',
		typeVersion: 1.1,
		position: [660, i * 140],
		parameters,
		credentials: { bentoApi: CREDENTIAL },
		...extra,
	};
}

/** Nodes after Start (or after `from`), each fed by it: name -> node. */
function workflow(id, name, nodes, from = 'Start', head = [trigger()]) {
	const connections = {
		[from]: { main: [nodes.map((n) => ({ node: n.name, type: 'main', index: 0 }))] },
	};
	if (from !== 'Start') connections.Start = { main: [[{ node: from, type: 'main', index: 0 }]] };
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [...head, ...nodes],
		connections,
	};
}

/** The writes and the refused search, before the account has Enterprise. */
const firstRun = () =>
	workflow('e2eEndpoints01', 'E2E endpoints: delete, ads, search refused', [
		bentoNode('Delete Tag', 0, { resource: 'tag', operation: 'delete', tag: byName('customer') }),
		bentoNode('Delete Gone Tag', 1, {
			resource: 'tag',
			operation: 'delete',
			tag: byName('never-was'),
		}),
		bentoNode('Ads', 2, {
			resource: 'stats',
			operation: 'getAds',
			dimension: 'source',
			filters: { value: 'youtube', startDate: '2026-01-01', revenueMode: 'first_revenue' },
		}),
		bentoNode(
			'Search Refused',
			3,
			{ resource: 'subscriber', operation: 'search', returnAll: true },
			{ onError: 'continueRegularOutput' },
		),
	]);

/** Two people imported, then searched for (Execute Once: one search for both items). */
const searchRun = () => {
	const people = code(`return ${JSON.stringify(PEOPLE)}.map((email) => ({ json: { email } }));`);
	const wf = workflow(
		'e2eEndpoints02',
		'E2E endpoints: import then search',
		[
			bentoNode('Import', 0, {
				resource: 'subscriber',
				operation: 'import',
				mappingMode: 'defineBelow',
				email: '={{ $json.email }}',
			}),
		],
		'Code',
		[trigger(), people],
	);
	const search = bentoNode(
		'Search',
		1,
		{
			resource: 'subscriber',
			operation: 'search',
			filters: { createdAfter: '2020-01-01T00:00:00' },
			returnAll: true,
		},
		{ executeOnce: true },
	);
	wf.nodes.push(search);
	wf.connections.Import = { main: [[{ node: 'Search', type: 'main', index: 0 }]] };
	return wf;
};

function toolNode(name, i, parameters) {
	return {
		...bentoNode(name, i, parameters),
		id: `endpointsTool${i}`,
		type: 'n8n-nodes-bentonow.bentoTool',
	};
}

/** The three operations as tools of n8n's MCP Server Trigger (`/mcp/bento-endpoints`). */
const mcpServer = () => {
	const tools = [
		toolNode('Delete Tag', 0, {
			resource: 'tag',
			operation: 'delete',
			tag: byName(fromAi('tag_name', 'The name of the tag to delete')),
		}),
		toolNode('Search Subscribers', 1, {
			resource: 'subscriber',
			operation: 'search',
			filters: {
				createdAfter: fromAi('created_after', 'Only subscribers created after this ISO 8601 time'),
			},
			returnAll: true,
		}),
		toolNode('Ads Stats', 2, {
			resource: 'stats',
			operation: 'getAds',
			dimension: fromAi('dimension', 'source, campaign, medium, content or ad'),
			filters: { value: fromAi('value', 'Only this value of the dimension') },
		}),
	];
	const server = {
		id: 'mcpTrigger',
		name: 'MCP Server Trigger',
		type: '@n8n/n8n-nodes-langchain.mcpTrigger',
		typeVersion: 2,
		position: [0, 0],
		webhookId: 'a6c1f0de-5b7e-4b0e-9a51-7440e2e00001',
		parameters: { authentication: 'none', path: MCP_PATH },
	};
	const connections = Object.fromEntries(
		tools.map((t) => [t.name, { ai_tool: [[{ node: server.name, type: 'ai_tool', index: 0 }]] }]),
	);
	return {
		id: 'e2eEndpointsMcp',
		name: 'E2E endpoints as MCP tools',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [server, ...tools],
		connections,
	};
};

module.exports = {
	MCP_PATH,
	PEOPLE,
	endpointsScenarios: () => [firstRun(), searchRun(), mcpServer()],
};
