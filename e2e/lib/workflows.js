'use strict';
// Workflow and credential JSON for the end-to-end scenarios, built here so that each scenario
// reads as what it does. Node types and parameter names are the public ones users save.

const CREDENTIAL = { id: 'bentoSandbox01', name: 'Bento sandbox' };
const WRONG_CREDENTIAL = { id: 'bentoWrongKey01', name: 'Bento with wrong keys' };

function credentials(sandbox) {
	const data = { ...sandbox.keys, baseUrl: sandbox.baseUrl };
	return [
		{ ...CREDENTIAL, type: 'bentoApi', data },
		{
			...WRONG_CREDENTIAL,
			type: 'bentoApi',
			data: { ...data, secretKey: 'sk_wrong_SECRET_e2e_0000' },
		},
	];
}

const position = (i) => [i * 220, 0];

const trigger = () => ({
	id: 'start',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: position(0),
	parameters: {},
});

const code = (jsCode) => ({
	id: 'code',
	name: 'Code',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: position(1),
	parameters: { jsCode },
});

const noOp = (name, i) => ({
	id: name.toLowerCase(),
	name,
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: position(i),
	parameters: {},
});

function bento(parameters, { credential = CREDENTIAL, onError } = {}) {
	return {
		id: 'bento',
		name: 'Bento',
		type: 'n8n-nodes-bentonow.bento',
		typeVersion: 1,
		position: position(2),
		parameters: { resource: 'event', operation: 'create', ...parameters },
		credentials: { bentoApi: credential },
		...(onError ? { onError } : {}),
	};
}

function chain(id, name, nodes, extraConnections = {}) {
	const connections = {};
	for (let i = 0; i < 2; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return {
		id,
		name,
		active: false,
		settings: {},
		nodes,
		connections: { ...connections, ...extraConnections },
	};
}

/** 2,500 items from a Code node, mapped with expressions in Define Below mode. */
const bulkDefineBelow = () =>
	chain('e2eBulkDefine01', 'E2E bulk define below', [
		trigger(),
		code(
			"return Array.from({ length: 2500 }, (_, i) => ({ json: { kind: i % 10 === 0 ? '$purchase' : 'signed_up', mail: `person${i}@example.com`, name: `Person ${i}`, order: `order-${i}`, cents: 100 + i, at: Date.UTC(2024, 4, 1) + i * 1000 } }));",
		),
		bento({
			mappingMode: 'defineBelow',
			eventType: '={{ $json.kind }}',
			email: '={{ $json.mail }}',
			fields: '={{ JSON.stringify({ first_name: $json.name }) }}',
			details: '={{ { value: { amount: $json.cents, currency: "USD" } } }}',
			date: '={{ $json.at }}',
			options: { uniqueKey: '={{ $json.order }}' },
		}),
	]);

const AUTO_EVENTS = [
	{ type: '$subscribe', email: 'ann@example.com', fields: { first_name: 'Ann', plan: 'pro' } },
	{
		type: '$purchase',
		email: 'bob@example.com',
		details: {
			unique: { key: 'o-77' },
			value: { amount: 8000, currency: 'EUR' },
			cart: { items: [{ sku: 'A1', quantity: 2 }] },
		},
	},
	{ type: 'webinar_attended', email: 'cy@example.com', date: '2024-05-01T10:30:00+02:00' },
];

/** Items that already are events, in Map Automatically mode. */
const autoMap = (credential) =>
	chain(credential === WRONG_CREDENTIAL ? 'e2eWrongKeys01' : 'e2eAutoMap01', 'E2E auto map', [
		trigger(),
		code(`return ${JSON.stringify(AUTO_EVENTS)}.map((json) => ({ json }));`),
		bento({ mappingMode: 'autoMapInputData' }, { credential }),
	]);

/** One invalid item, Continue On Fail with the error output wired to its own node. */
const invalidWithErrorOutput = () => {
	const nodes = [
		trigger(),
		code(
			"return [{ json: { type: 'ok', email: 'good1@example.com' } }, { json: { type: 'ok', email: 'not-an-email' } }, { json: { type: 'ok', email: 'good2@example.com' } }];",
		),
		bento({ mappingMode: 'autoMapInputData' }, { onError: 'continueErrorOutput' }),
		noOp('Sent', 3),
		noOp('Failed', 3),
	];
	nodes[4].position = [660, 200];
	return chain('e2eInvalid01', 'E2E invalid item', nodes, {
		Bento: {
			main: [
				[{ node: 'Sent', type: 'main', index: 0 }],
				[{ node: 'Failed', type: 'main', index: 0 }],
			],
		},
	});
};

/** Five events, sent while the sandbox plays a script of faults. */
const retry = () =>
	chain('e2eRetry01', 'E2E retry', [
		trigger(),
		code(
			"return Array.from({ length: 5 }, (_, i) => ({ json: { type: 'retried', email: `r${i}@example.com` } }));",
		),
		bento({ mappingMode: 'autoMapInputData', options: { retryDelay: 50 } }),
	]);

module.exports = {
	AUTO_EVENTS,
	CREDENTIAL,
	WRONG_CREDENTIAL,
	credentials,
	// Building blocks for other areas' scenario files.
	bento,
	chain,
	code,
	noOp,
	position,
	trigger,
	scenarios: () => [
		bulkDefineBelow(),
		autoMap(CREDENTIAL),
		autoMap(WRONG_CREDENTIAL),
		invalidWithErrorOutput(),
		retry(),
	],
};
