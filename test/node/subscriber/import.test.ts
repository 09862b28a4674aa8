import nock from 'nock';

import { useFakeClock } from '../../helpers/fakeClock';
import { mockBatch } from '../../helpers/mockAudience';
import { SECRETS } from '../../helpers/mockBento';
import { everythingEmitted, runBentoNode } from '../../helpers/runNode';

// 429 waits last a rate-limit window: the transport's clock is faked, so they take no time.
useFakeClock();

const fast = { retryDelay: 0 };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const subscribers = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ email: `user${i}@example.com`, plan: 'pro' }));

describe('Subscriber > Import', () => {
	const autoMap = (options: Record<string, unknown> = {}) => ({
		resource: 'subscriber',
		operation: 'import',
		mappingMode: 'autoMapInputData',
		options: { ...fast, ...options },
	});

	it.each([
		[1, [1]],
		[1000, [1000]],
		[1001, [1000, 1]],
		[2500, [1000, 1000, 500]],
	])('sends %i subscribers in requests of %p, in input order', async (count, sizes) => {
		const { requests } = mockBatch('/batch/subscribers', 'subscribers');
		const { outputs, error } = await runBentoNode({
			parameters: autoMap(),
			items: subscribers(count),
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => (r.body?.subscribers as unknown[]).length)).toEqual(sizes);
		expect(requests.flatMap((r) => r.body?.subscribers)).toEqual(subscribers(count));
		expect(requests.every((r) => r.siteUuids.length === 1)).toBe(true);
		expect(outputs[0]).toHaveLength(count);
		outputs[0].forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		const last = outputs[0][count - 1].json;
		expect(last.subscriber).toEqual(subscribers(count)[count - 1]);
		expect(last.batch).toEqual({
			number: sizes.length,
			count: sizes.length,
			size: sizes[sizes.length - 1],
			attempts: 1,
		});
	});

	it('sends the record as Bento takes it: tags joined, empty values left out, custom fields flat', async () => {
		const { requests } = mockBatch('/batch/subscribers', 'subscribers', [[200, { result: 2 }]]);
		const { outputs } = await runBentoNode({
			parameters: autoMap(),
			items: [
				{
					email: ' Ann@Example.com ',
					first_name: 'Ann',
					last_name: '',
					tags: ['customer', ' vip '],
					remove_tags: 'lead, trial',
					plan: 'pro',
					seats: 3,
					active: true,
					note: null,
					empty: '',
				},
				{ email: 'bob@example.com', tags: '' },
			],
		});
		expect(requests[0].body).toEqual({
			subscribers: [
				{
					email: 'Ann@Example.com',
					first_name: 'Ann',
					tags: 'customer,vip',
					remove_tags: 'lead,trial',
					plan: 'pro',
					seats: 3,
					active: true,
				},
				{ email: 'bob@example.com' },
			],
		});
		// `result` (singular) is read like `results`.
		expect(outputs[0][0].json.results).toBe(2);
	});

	it('reads Define Below parameters, tag pickers and field pickers in both modes', async () => {
		const { requests } = mockBatch('/batch/subscribers', 'subscribers');
		const { error } = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'import',
				mappingMode: 'defineBelow',
				email: '={{ $json.mail }}',
				firstName: '={{ $json.first }}',
				lastName: '',
				tags: {
					values: [
						{ tag: { __rl: true, mode: 'list', value: 'customer' } },
						{ tag: { __rl: true, mode: 'name', value: '={{ $json.segment }}' } },
					],
				},
				removeTags: { values: [{ tag: { __rl: true, mode: 'list', value: 'lead' } }] },
				customFields: {
					values: [
						{ key: { __rl: true, mode: 'list', value: 'plan' }, value: '={{ $json.plan }}' },
						{ key: { __rl: true, mode: 'name', value: 'seats' }, value: '={{ $json.seats }}' },
					],
				},
			},
			items: [{ mail: 'ann@example.com', first: 'Ann', segment: 'vip', plan: 'pro', seats: 3 }],
		});
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({
			subscribers: [
				{
					email: 'ann@example.com',
					first_name: 'Ann',
					tags: 'customer,vip',
					remove_tags: 'lead',
					plan: 'pro',
					seats: 3,
				},
			],
		});
	});

	const bad = [
		{ email: 'a@example.com' },
		{ email: 'not-an-email' },
		{ email: 'c@example.com', address: { city: 'Oslo' } },
		{ email: 'd@example.com', tags: 'a,,b' },
		{ email: 'e@example.com', tags: ['a', 7] },
		{ email: 'f@example.com', first_name: 42 },
		{ email: 'g@example.com' },
	];

	it('fails before sending anything, naming the item and the field', async () => {
		const { requests } = mockBatch('/batch/subscribers', 'subscribers');
		const { error } = await runBentoNode({ parameters: autoMap(), items: bad });
		expect(requests).toHaveLength(0);
		expect(error?.message).toBe('Item 1: email "not-an-email" is not a valid address');
	});

	it('with the error output, routes each invalid item there and sends the rest', async () => {
		const { requests } = mockBatch('/batch/subscribers', 'subscribers');
		const { outputs } = await runBentoNode({
			parameters: autoMap(),
			items: bad,
			onError: 'continueErrorOutput',
		});
		expect(requests.map((r) => r.body?.subscribers)).toEqual([
			[{ email: 'a@example.com' }, { email: 'g@example.com' }],
		]);
		expect(outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 6 }]);
		expect(outputs[1].map((i) => i.json.error)).toEqual([
			'Item 1: email "not-an-email" is not a valid address',
			'Item 2: address is an object; custom fields must be flat text, number or boolean values, each at the top level of the item',
			'Item 3: tags has an empty name at position 2; tag names must be text',
			'Item 4: tags has a number at position 2; tag names must be text',
			'Item 5: first_name must be text (got a number)',
		]);
	});

	it('names an empty tag picked in Define Below mode and a reserved custom field key', async () => {
		mockBatch('/batch/subscribers', 'subscribers');
		const base = {
			resource: 'subscriber',
			operation: 'import',
			mappingMode: 'defineBelow',
			email: 'a@example.com',
		};
		const emptyTag = await runBentoNode({
			// An empty pick is refused by n8n itself; an expression can still come out empty.
			parameters: {
				...base,
				tags: { values: [{ tag: { __rl: true, mode: 'name', value: '={{ $json.none }}' } }] },
			},
			items: [{}],
		});
		expect(emptyTag.error?.message).toBe(
			'Item 0: tags has an empty name at position 1; tag names must be text',
		);
		const reserved = await runBentoNode({
			parameters: {
				...base,
				customFields: {
					values: [{ key: { __rl: true, mode: 'name', value: 'email' }, value: 'x' }],
				},
			},
			items: [{}],
		});
		expect(reserved.error?.message).toBe(
			'Item 0: custom field "email" is not a custom field: use its own parameter',
		);
	});

	it.each([
		[400, 1],
		[401, 1],
		[422, 1],
		[503, 3],
	])('a %i is retried only when transient (%i requests with 2 retries)', async (status, count) => {
		const { requests } = mockBatch('/batch/subscribers', 'subscribers', [
			[status, { error: 'Nope' }],
		]);
		const result = await runBentoNode({
			parameters: autoMap({ maxRetries: 2 }),
			items: subscribers(3),
		});
		expect(requests).toHaveLength(count);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(
			new RegExp(`^Batch 1 of 1 \\(items 0-2\\) failed: Bento answered ${status}: Nope`),
		);
		expect(result.error?.description).toContain('Not delivered: batch 1 (items 0-2)');
		const emitted = everythingEmitted(result);
		for (const secret of SECRETS) expect(emitted).not.toContain(secret);
	});

	it('with the error output, a failed batch leaves by it and the other batches are delivered', async () => {
		const { requests } = mockBatch('/batch/subscribers', 'subscribers', [
			[200, { results: 2 }],
			[500, { error: 'Boom' }],
			[200, { results: 1 }],
		]);
		const { outputs, error } = await runBentoNode({
			parameters: autoMap({ batchSize: 2, maxRetries: 0 }),
			items: subscribers(5),
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(3);
		expect(outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 4 }]);
		expect(outputs[1].map((i) => [i.pairedItem, i.json.email])).toEqual([
			[{ item: 2 }, 'user2@example.com'],
			[{ item: 3 }, 'user3@example.com'],
		]);
		expect(outputs[1][0].json.error).toBe(
			'Batch 2 of 3 (items 2-3) failed: Bento answered 500: Boom',
		);
	});

	it('refuses a batch size above 1000', async () => {
		const { requests } = mockBatch('/batch/subscribers', 'subscribers');
		const { error } = await runBentoNode({
			parameters: autoMap({ batchSize: 1001 }),
			items: subscribers(1),
		});
		expect(error?.message).toContain('Batch Size must be a whole number from 1 to 1000');
		expect(requests).toHaveLength(0);
	});
});
