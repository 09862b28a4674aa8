'use strict';
// Create Events without JSON and erasure requests, in real n8n 1.x and 2.x against the stand-in:
// purchases filled from field rows and Purchase parameters (amounts in major units of USD, JPY
// and KWD) arrive as the exact events; a data deletion request reaches the stand-in, and an
// unknown address comes back as "not_found". E2E_MAJORS=1 or 2 to run one.
const assert = require('node:assert/strict');
const { describe, test } = require('node:test');

const { assertSucceeded, itemsOf, majors, useN8n } = require('./lib/harness');
const { bento, code, trigger } = require('./lib/workflows');

const rl = (mode, value) => ({ __rl: true, mode, value });
const ORDERS = [
	{
		email: 'ann@example.com',
		first: 'Ann',
		plan: 'pro',
		order: 'A-1001',
		total: '80.00',
		currency: 'usd',
		sku: 'TEE-M',
		qty: 2,
	},
	{
		email: 'bob@example.com',
		first: 'Bob',
		plan: 'free',
		order: 1002,
		total: 4500,
		currency: 'JPY',
		sku: 'MUG',
		qty: 1,
	},
	{
		email: 'cy@example.com',
		first: 'Cy',
		plan: 'pro',
		order: 'K-3',
		total: '1.5',
		currency: 'KWD',
		sku: 'PEN',
		qty: 3,
	},
];
const AMOUNTS = [8000, 4500, 1500];
const CURRENCIES = ['USD', 'JPY', 'KWD'];

/** The events the workflow must send, in order: what a user gets without writing JSON. */
const EXPECTED_EVENTS = ORDERS.map((o, i) => ({
	type: '$purchase',
	email: o.email,
	fields: { first_name: o.first, plan: o.plan },
	details: {
		channel: 'web',
		unique: { key: String(o.order) },
		value: { amount: AMOUNTS[i], currency: CURRENCIES[i] },
		cart: { items: [{ product_sku: o.sku, product_name: 'Item', quantity: o.qty }] },
	},
}));

function at(node, name, column) {
	return {
		...node,
		id: name.toLowerCase().replace(/\W+/g, '-'),
		name,
		position: [column * 220, 0],
	};
}

const connect = (to) => [{ node: to, type: 'main', index: 0 }];

const dragDrop = () => ({
	id: 'e2eDragDrop01',
	name: 'E2E drag and drop',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		at(trigger(), 'Start', 0),
		at(code(`return ${JSON.stringify(ORDERS)}.map((json) => ({ json }));`), 'Orders', 1),
		at(
			bento({
				resource: 'event',
				operation: 'create',
				mappingMode: 'defineBelow',
				eventType: '$purchase',
				email: '={{ $json.email }}',
				// As the editor saves dragged values: an expression per field, no JSON.
				fieldRows: {
					values: [
						{ key: rl('list', 'first_name'), value: '={{ $json.first }}' },
						{ key: rl('name', 'plan'), value: '={{ $json.plan }}' },
					],
				},
				purchase: {
					values: {
						orderId: '={{ $json.order }}',
						amount: '={{ $json.total }}',
						amountUnit: 'major',
						currency: '={{ $json.currency }}',
						cartItems: {
							items: [{ sku: '={{ $json.sku }}', name: 'Item', quantity: '={{ $json.qty }}' }],
						},
					},
				},
				detailRows: { values: [{ key: 'channel', value: 'web' }] },
			}),
			'Track Purchases',
			2,
		),
		{
			...at(
				code(
					"return [{ json: { email: 'bob@example.com' } }, { json: { email: 'nobody@example.com' } }];",
				),
				'Erasure Requests',
				3,
			),
			executeOnce: true,
		},
		at(
			bento({
				resource: 'subscriber',
				operation: 'deletePersonalData',
				email: '={{ $json.email }}',
			}),
			'Delete Personal Data',
			4,
		),
	],
	connections: {
		Start: { main: [connect('Orders')] },
		Orders: { main: [connect('Track Purchases')] },
		'Track Purchases': { main: [connect('Erasure Requests')] },
		'Erasure Requests': { main: [connect('Delete Personal Data')] },
	},
});

for (const major of majors()) {
	describe(`drag and drop in n8n ${major}.x`, () => {
		const ctx = useN8n(major, {
			port: 6700 + major,
			brokerPort: 6710 + major * 10,
			workflows: () => [dragDrop()],
		});

		test('field rows and a purchase send the exact events; an erasure reaches the stand-in', async () => {
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eDragDrop01'));

			assert.deepEqual(
				ctx.sandbox.state.requests.map((r) => [r.method, r.path.replace('/api/v1', ''), r.status]),
				[
					['POST', '/batch/events', 200],
					['POST', '/data_deletion_requests', 202],
					['POST', '/data_deletion_requests', 404],
				],
			);
			const sent = itemsOf(execution, 'Track Purchases').map((item) => item.json.event);
			assert.deepEqual(sent, EXPECTED_EVENTS);
			// The stand-in kept them, Bob's anonymised by his erasure.
			const anonymised = { ...EXPECTED_EVENTS[1], email: 'anonymized@bento.invalid' };
			assert.deepEqual(ctx.sandbox.state.events, [
				EXPECTED_EVENTS[0],
				anonymised,
				EXPECTED_EVENTS[2],
			]);

			const { store } = ctx.sandbox.state;
			assert.deepEqual(
				store.deletionRequests.map((r) => [r.email, r.contentType]),
				[['bob@example.com', 'application/json']],
			);
			assert.deepEqual(
				itemsOf(execution, 'Delete Personal Data').map((item) => [item.json, item.pairedItem]),
				[
					[{ email: 'bob@example.com', status: 'queued' }, { item: 0 }],
					[{ email: 'nobody@example.com', status: 'not_found' }, { item: 1 }],
				],
			);
		});
	});
}
