// Create Events without JSON: Fields rows, Details rows and Purchase parameters, as a user fills
// them by dragging values from the input panel.
import nock from 'nock';

import { mockBatchEvents } from '../../helpers/mockBento';
import { runBentoNode } from '../../helpers/runNode';

const field = (key: string, value: unknown, mode = 'list') => ({
	key: { __rl: true, mode, value: key },
	value,
});

const base = (extra: Record<string, unknown>) => ({
	resource: 'event',
	operation: 'create',
	mappingMode: 'defineBelow',
	eventType: '$purchase',
	email: '={{ $json.email }}',
	...extra,
});

const purchase = (values: Record<string, unknown>) => ({ purchase: { values } });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Create Events: Fields and Details rows', () => {
	it('sends field rows (picked or by name) merged over the JSON, a row winning', async () => {
		const { requests } = mockBatchEvents();
		const { outputs, error } = await runBentoNode({
			parameters: base({
				eventType: '$update_fields',
				fieldRows: {
					values: [
						field('first_name', '={{ $json.first }}'),
						field('plan', '={{ $json.plan }}', 'name'),
						field('seats', '={{ $json.seats }}', 'name'),
					],
				},
				fields: '={{ { plan: "free", company: $json.company } }}',
				detailRows: { values: [{ key: 'source', value: '={{ $json.source }}' }] },
				details: '{"source": "json", "page": {"path": "/pricing"}}',
			}),
			items: [
				{
					email: 'ann@example.com',
					first: 'Ann',
					plan: 'pro',
					seats: 3,
					company: 'Acme',
					source: 'form',
				},
			],
		});
		expect(error).toBeUndefined();
		const event = {
			type: '$update_fields',
			email: 'ann@example.com',
			fields: { plan: 'pro', company: 'Acme', first_name: 'Ann', seats: 3 },
			details: { source: 'form', page: { path: '/pricing' } },
		};
		expect(requests.map((r) => r.body.events)).toEqual([[event]]);
		expect(outputs[0].map((item) => [item.json.event, item.pairedItem])).toEqual([
			[event, { item: 0 }],
		]);
	});

	it('sends rows alone, with the JSON parameters left at {}', async () => {
		const { requests } = mockBatchEvents();
		await runBentoNode({
			parameters: base({
				eventType: 'signed_up',
				fieldRows: { values: [field('first_name', '={{ $json.first }}')] },
				detailRows: { values: [{ key: 'plan', value: 'pro' }] },
			}),
			items: [{ email: 'bob@example.com', first: 'Bob' }],
		});
		expect(requests[0].body.events).toEqual([
			{
				type: 'signed_up',
				email: 'bob@example.com',
				fields: { first_name: 'Bob' },
				details: { plan: 'pro' },
			},
		]);
	});

	it.each([
		[
			'an empty key',
			{ fieldRows: { values: [field('={{ $json.none }}', 'x', 'name')] } },
			'Item 0: fieldRows[0].key is required and must be text (got missing)',
		],
		[
			'a nested field value',
			{ fieldRows: { values: [field('address', '={{ { city: "Oslo" } }}', 'name')] } },
			'Item 0: fields.address is an object; profile fields must be flat text, number or boolean values',
		],
		[
			'a detail row without a key',
			{ detailRows: { values: [{ key: ' ', value: 'x' }] } },
			'Item 0: detailRows[0].key is required and must be text (got only spaces or invisible characters)',
		],
		[
			'bad JSON beside rows',
			{ fields: '{"a":', fieldRows: { values: [field('b', '1', 'name')] } },
			'Item 0: fields is not valid JSON',
		],
	])('refuses %s before sending anything', async (_what, extra, message) => {
		const { requests } = mockBatchEvents();
		const { error } = await runBentoNode({
			parameters: base({ eventType: 'x', ...extra }),
			items: [{ email: 'ann@example.com' }],
		});
		expect(error?.message).toBe(message);
		expect(requests).toHaveLength(0);
	});
});

describe('Create Events: Purchase', () => {
	it('sends a purchase in major units with its order id and cart', async () => {
		const { requests } = mockBatchEvents();
		const { error } = await runBentoNode({
			parameters: base({
				...purchase({
					orderId: '={{ $json.order }}',
					amount: '={{ $json.total }}',
					amountUnit: 'major',
					currency: '={{ $json.currency }}',
					cartItems: {
						items: [{ sku: '={{ $json.sku }}', name: 'T-shirt', quantity: '={{ $json.qty }}' }],
					},
				}),
				details:
					'{"cart": {"abandoned_checkout_url": "https://shop.example/c/1"}, "channel": "web"}',
			}),
			items: [
				{
					email: 'ann@example.com',
					order: 'A-1',
					total: '80.00',
					currency: 'usd',
					sku: 'TEE-M',
					qty: 2,
				},
				{ email: 'bob@example.com', order: 1043, total: 4500, currency: 'JPY', sku: 'MUG', qty: 1 },
				{ email: 'cy@example.com', order: 'K-9', total: 1.5, currency: 'KWD', sku: 'PEN', qty: 3 },
			],
		});
		expect(error).toBeUndefined();
		const sent = requests[0].body.events;
		expect(sent.map((e) => e.details)).toEqual([
			{
				channel: 'web',
				cart: {
					abandoned_checkout_url: 'https://shop.example/c/1',
					items: [{ product_sku: 'TEE-M', product_name: 'T-shirt', quantity: 2 }],
				},
				unique: { key: 'A-1' },
				value: { amount: 8000, currency: 'USD' },
			},
			{
				channel: 'web',
				cart: {
					abandoned_checkout_url: 'https://shop.example/c/1',
					items: [{ product_sku: 'MUG', product_name: 'T-shirt', quantity: 1 }],
				},
				unique: { key: '1043' },
				value: { amount: 4500, currency: 'JPY' },
			},
			{
				channel: 'web',
				cart: {
					abandoned_checkout_url: 'https://shop.example/c/1',
					items: [{ product_sku: 'PEN', product_name: 'T-shirt', quantity: 3 }],
				},
				unique: { key: 'K-9' },
				value: { amount: 1500, currency: 'KWD' },
			},
		]);
		expect(sent.map((e) => [e.type, e.email])).toEqual([
			['$purchase', 'ann@example.com'],
			['$purchase', 'bob@example.com'],
			['$purchase', 'cy@example.com'],
		]);
	});

	it('takes cents as given (the default unit) and the option Unique Key instead of an Order ID', async () => {
		const { requests } = mockBatchEvents();
		await runBentoNode({
			parameters: base({
				...purchase({ amount: '={{ $json.cents }}', currency: 'EUR' }),
				options: { uniqueKey: '={{ $json.id }}' },
			}),
			items: [{ email: 'ann@example.com', cents: 1999, id: 'o-7' }],
		});
		expect(requests[0].body.events[0].details).toEqual({
			value: { amount: 1999, currency: 'EUR' },
			unique: { key: 'o-7' },
		});
	});

	it('accepts the same key from Order ID and Unique Key', async () => {
		const { requests } = mockBatchEvents();
		await runBentoNode({
			parameters: base({
				...purchase({ orderId: 'o-7', amount: '100', currency: 'USD' }),
				options: { uniqueKey: 'o-7' },
			}),
			items: [{ email: 'ann@example.com' }],
		});
		expect(requests[0].body.events[0].details).toEqual({
			unique: { key: 'o-7' },
			value: { amount: 100, currency: 'USD' },
		});
	});

	it.each([
		[
			{ orderId: 'o', amount: '80.00', currency: 'USD' },
			'purchase.amount',
			'must be a whole number',
		],
		[
			{ orderId: 'o', amount: '80.001', amountUnit: 'major', currency: 'USD' },
			'purchase.amount',
			'USD has at most 2 decimals',
		],
		[
			{ orderId: 'o', amount: '500.5', amountUnit: 'major', currency: 'JPY' },
			'purchase.amount',
			'JPY has no decimals',
		],
		[
			{ orderId: 'o', amount: '1,000', amountUnit: 'major', currency: 'USD' },
			'purchase.amount',
			'not a plain number',
		],
		[{ orderId: 'o', amount: '', currency: 'USD' }, 'purchase.amount', 'is required'],
		[
			{ orderId: 'o', amount: '10', currency: 'XYZ' },
			'purchase.currency',
			'is not an ISO 4217 currency code',
		],
		[
			{ orderId: 'o', amount: '10', currency: '={{ $json.none }}' },
			'purchase.currency',
			'is required',
		],
		[{ amount: '10', currency: 'USD' }, 'purchase.orderId', 'is required'],
	])('an item with %p fails alone, naming %s', async (values, field, text) => {
		const { requests } = mockBatchEvents();
		const { outputs, error } = await runBentoNode({
			parameters: base({
				...purchase({
					...values,
					amount: `={{ $json.bad ? ${JSON.stringify(values.amount)} : "100" }}`,
				}),
			}),
			items: [{ email: 'ok@example.com' }, { email: 'bad@example.com', bad: true }],
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		// The good item is sent; the bad one leaves by the error output, naming the parameter.
		if (field === 'purchase.amount') {
			expect(requests[0].body.events.map((e) => e.email)).toEqual(['ok@example.com']);
			expect(outputs[1]).toHaveLength(1);
			expect(outputs[1][0].pairedItem).toEqual({ item: 1 });
			expect(String(outputs[1][0].json.error)).toContain(`Item 1: ${field}`);
			expect(String(outputs[1][0].json.error)).toContain(text);
		} else {
			// A bad currency or a missing order id is in every item here: nothing is sent.
			expect(requests).toHaveLength(0);
			expect(outputs[1]).toHaveLength(2);
			expect(String(outputs[1][1].json.error)).toContain(text);
		}
	});

	it('refuses an Order ID and a Unique Key that differ', async () => {
		const { requests } = mockBatchEvents();
		const { error } = await runBentoNode({
			parameters: base({
				...purchase({ orderId: 'o-1', amount: '100', currency: 'USD' }),
				options: { uniqueKey: 'o-2' },
			}),
			items: [{ email: 'ann@example.com' }],
		});
		expect(error?.message).toBe(
			'Item 0: purchase.orderId "o-1" and the option Unique Key "o-2" differ: set only one',
		);
		expect(requests).toHaveLength(0);
	});
});
