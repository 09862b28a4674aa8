import nock from 'nock';

import { mockEndpoint } from '../helpers/mockEndpoint';
import { bentoSubscriber, mockBatch } from '../helpers/mockAudience';
import { SECRETS } from '../helpers/mockBento';
import { everythingEmitted, runBentoNode, TEST_CREDENTIALS } from '../helpers/runNode';
import { useFakeClock } from '../helpers/fakeClock';

// 429 waits last a rate-limit window: the transport's clock is faked, so they take no time.
useFakeClock();

const fast = { retryDelay: 0 };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const hintsOf = (run: Awaited<ReturnType<typeof runBentoNode>>['run']) =>
	run.data.resultData.runData.Bento[0].hints ?? [];

describe('Subscriber > Get', () => {
	const byEmail = (options: Record<string, unknown> = {}) => ({
		resource: 'subscriber',
		operation: 'get',
		by: 'email',
		email: '={{ $json.mail }}',
		options: { ...fast, ...options },
	});

	it('looks each item up by email, one request each, and flattens the subscriber', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/subscribers', (request) => [
			200,
			{ data: bentoSubscriber(7, request.query.email) },
		]);
		const { outputs, error } = await runBentoNode({
			parameters: byEmail(),
			items: [{ mail: ' ann@example.com ' }, { mail: 'bob@example.com' }],
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.query)).toEqual([
			{ email: 'ann@example.com', site_uuid: TEST_CREDENTIALS.siteUuid },
			{ email: 'bob@example.com', site_uuid: TEST_CREDENTIALS.siteUuid },
		]);
		expect(requests.every((r) => r.siteUuids.length === 1)).toBe(true);
		expect(outputs[0]).toEqual([
			{
				json: {
					id: '7',
					uuid: 'uuid-7',
					email: 'ann@example.com',
					fields: { first_name: 'Ann' },
					tags: ['1'],
					unsubscribed_at: null,
				},
				pairedItem: { item: 0 },
			},
			expect.objectContaining({ pairedItem: { item: 1 } }),
		]);
	});

	it('looks up by UUID', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/subscribers', [
			[200, { data: bentoSubscriber(3, 'cy@example.com') }],
		]);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'subscriber', operation: 'get', by: 'uuid', uuid: 'uuid-3' },
			items: [{}],
		});
		expect(requests[0].query).toEqual({ uuid: 'uuid-3', site_uuid: TEST_CREDENTIALS.siteUuid });
		expect(outputs[0][0].json.email).toBe('cy@example.com');
	});

	it.each([
		['data: null', [200, { data: null }]],
		['an empty body', [200, '']],
		['an empty object', [200, {}]],
		['a 404', [404, { error: 'Not found' }]],
	])(
		'reads %s as not found: no item for it by default, and a hint naming it',
		async (_what, reply) => {
			const { requests } = mockEndpoint('GET', '/fetch/subscribers', (request) =>
				request.query.email === 'ann@example.com'
					? [200, { data: bentoSubscriber(1, 'ann@example.com') }]
					: (reply as [number, unknown]),
			);
			const { outputs, error, run } = await runBentoNode({
				parameters: byEmail(),
				items: [{ mail: 'ann@example.com' }, { mail: 'nobody@example.com' }],
			});
			expect(error).toBeUndefined();
			expect(requests).toHaveLength(2);
			expect(outputs[0].map((i) => [i.json.email, i.pairedItem])).toEqual([
				['ann@example.com', { item: 0 }],
			]);
			expect(hintsOf(run)).toEqual([
				expect.objectContaining({
					message: expect.stringContaining('No subscriber found for item 1:'),
				}),
			]);
		},
	);

	it('with If Not Found = Return an Error, routes the item to the error output', async () => {
		mockEndpoint('GET', '/fetch/subscribers', (request) => [
			200,
			{
				data:
					request.query.email === 'ann@example.com' ? bentoSubscriber(1, 'ann@example.com') : null,
			},
		]);
		const { outputs } = await runBentoNode({
			parameters: byEmail({ ifNotFound: 'error' }),
			items: [{ mail: 'nobody@example.com' }, { mail: 'ann@example.com' }],
			onError: 'continueErrorOutput',
		});
		const [main, errors] = outputs;
		expect(main.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(errors).toEqual([
			{
				json: {
					mail: 'nobody@example.com',
					error: 'Item 0 failed: No subscriber with email "nobody@example.com"',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('with Return an Error and no Continue On Fail, stops at the item and says what was done', async () => {
		mockEndpoint('GET', '/fetch/subscribers', [[200, { data: null }]]);
		const { error } = await runBentoNode({
			parameters: byEmail({ ifNotFound: 'error' }),
			items: [{ mail: 'a@example.com' }, { mail: 'b@example.com' }],
		});
		expect(error?.message).toBe('Item 0 failed: No subscriber with email "a@example.com"');
		expect(error?.description).toContain('Not sent: item 1');
	});

	it('refuses an invalid email before any request, naming the item and field', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/subscribers', [[200, { data: null }]]);
		const { error } = await runBentoNode({
			parameters: byEmail(),
			items: [{ mail: 'a@example.com' }, { mail: 'nope' }],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toBe('Item 1: email "nope" is not a valid address');
		expect(error?.description).toContain('"email"');
	});

	it('retries a 503 and a 429, not a 401; no secret in the error', async () => {
		const retried = mockEndpoint('GET', '/fetch/subscribers', [
			[503, { error: 'Down' }],
			[429, { error: 'Slow down' }],
			[200, { data: bentoSubscriber(1, 'a@example.com') }],
		]);
		const ok = await runBentoNode({ parameters: byEmail(), items: [{ mail: 'a@example.com' }] });
		expect(ok.error).toBeUndefined();
		expect(retried.requests).toHaveLength(3);
		nock.cleanAll();

		const denied = mockEndpoint('GET', '/fetch/subscribers', [[401, { error: 'Unauthorized' }]]);
		const failed = await runBentoNode({
			parameters: byEmail(),
			items: [{ mail: 'a@example.com' }],
		});
		expect(denied.requests).toHaveLength(1);
		expect(failed.error?.name).toBe('NodeApiError');
		expect(failed.error?.message).toBe('Item 0 failed: Bento answered 401: Unauthorized');
		const emitted = everythingEmitted(failed);
		for (const secret of SECRETS) expect(emitted).not.toContain(secret);
	});
});

describe('Subscriber > Create', () => {
	it('creates one subscriber per item with {subscriber: {email}}', async () => {
		const { requests } = mockEndpoint('POST', '/fetch/subscribers', (request, n) => [
			200,
			{ data: bentoSubscriber(n + 1, (request.body?.subscriber as { email: string }).email) },
		]);
		const { outputs, error } = await runBentoNode({
			parameters: { resource: 'subscriber', operation: 'create', email: '={{ $json.mail }}' },
			items: [{ mail: 'ann@example.com' }, { mail: 'bob@example.com' }],
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.body)).toEqual([
			{ subscriber: { email: 'ann@example.com' } },
			{ subscriber: { email: 'bob@example.com' } },
		]);
		expect(outputs[0].map((i) => [i.json.id, i.json.email, i.pairedItem])).toEqual([
			['1', 'ann@example.com', { item: 0 }],
			['2', 'bob@example.com', { item: 1 }],
		]);
	});

	it('with Continue On Fail, a 422 for one item is its error and the others go on', async () => {
		mockEndpoint('POST', '/fetch/subscribers', (request) =>
			(request.body?.subscriber as { email: string }).email === 'bad@example.com'
				? [422, { errors: [{ field: 'email', message: 'is blocked' }] }]
				: [200, { data: bentoSubscriber(1, 'ok@example.com') }],
		);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'subscriber', operation: 'create', email: '={{ $json.mail }}' },
			items: [{ mail: 'bad@example.com' }, { mail: 'ok@example.com' }],
			onError: 'continueErrorOutput',
		});
		expect(outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(outputs[1][0].json.error).toBe('Item 0 failed: Bento answered 422: email: is blocked');
	});
});

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

const ALL_COMMANDS = [
	{ command: 'add_tag', email: 'a@example.com', query: 'customer' },
	{ command: 'add_tag_via_event', email: 'a@example.com', query: 'vip' },
	{ command: 'remove_tag', email: 'a@example.com', query: 'lead' },
	{ command: 'add_field', email: 'a@example.com', query: { key: 'plan', value: 'pro' } },
	{ command: 'remove_field', email: 'a@example.com', query: 'trial_ends' },
	{ command: 'subscribe', email: 'a@example.com' },
	{ command: 'unsubscribe', email: 'b@example.com' },
	{ command: 'change_email', email: 'b@example.com', query: 'b2@example.com' },
];

describe('Subscriber > Run Command', () => {
	const autoMap = (options: Record<string, unknown> = {}) => ({
		resource: 'subscriber',
		operation: 'runCommand',
		mappingMode: 'autoMapInputData',
		options: { ...fast, ...options },
	});

	it('sends every command as Bento takes it, in one {command: [...]} request', async () => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		const { outputs, error } = await runBentoNode({ parameters: autoMap(), items: ALL_COMMANDS });
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].body).toEqual({ command: ALL_COMMANDS });
		expect(requests[0].siteUuids).toEqual([TEST_CREDENTIALS.siteUuid]);
		expect(outputs[0][3]).toEqual({
			json: {
				command: ALL_COMMANDS[3],
				results: 8,
				failed: null,
				batch: { number: 1, count: 1, size: 8, attempts: 1 },
			},
			pairedItem: { item: 3 },
		});
	});

	const commands = (n: number) =>
		Array.from({ length: n }, (_, i) => ({
			command: 'add_tag',
			email: `u${i}@example.com`,
			query: 'customer',
		}));

	it.each([
		[1, [1]],
		[100, [100]],
		[101, [100, 1]],
		[250, [100, 100, 50]],
	])('sends %i commands in requests of %p (100 per request)', async (count, sizes) => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		const { outputs } = await runBentoNode({ parameters: autoMap(), items: commands(count) });
		expect(requests.map((r) => (r.body?.command as unknown[]).length)).toEqual(sizes);
		expect(requests.flatMap((r) => r.body?.command)).toEqual(commands(count));
		expect(outputs[0]).toHaveLength(count);
	});

	it('honours Batch Size and refuses one above 100', async () => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		await runBentoNode({ parameters: autoMap({ batchSize: 10 }), items: commands(25) });
		expect(requests.map((r) => (r.body?.command as unknown[]).length)).toEqual([10, 10, 5]);
		const { error } = await runBentoNode({
			parameters: autoMap({ batchSize: 101 }),
			items: commands(1),
		});
		expect(error?.message).toContain('Batch Size must be a whole number from 1 to 100');
	});

	it.each([
		['add_tag', { tag: { __rl: true, mode: 'list', value: 'customer' } }, 'customer'],
		[
			'add_tag_via_event',
			{ tag: { __rl: true, mode: 'name', value: '={{ $json.t }}' } },
			'from-expression',
		],
		['remove_tag', { tag: { __rl: true, mode: 'list', value: 'lead' } }, 'lead'],
		[
			'add_field',
			{ fieldKey: { __rl: true, mode: 'list', value: 'plan' }, fieldValue: '={{ $json.n }}' },
			{ key: 'plan', value: 5 },
		],
		['remove_field', { fieldKey: { __rl: true, mode: 'name', value: 'plan' } }, 'plan'],
		['subscribe', {}, undefined],
		['unsubscribe', {}, undefined],
		['change_email', { newEmail: '={{ $json.next }}' }, 'new@example.com'],
	])('Define Below: %s', async (command, parameters, query) => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		const { error } = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'runCommand',
				mappingMode: 'defineBelow',
				command,
				email: '={{ $json.mail }}',
				...parameters,
			},
			items: [{ mail: 'a@example.com', t: 'from-expression', n: 5, next: 'new@example.com' }],
		});
		expect(error).toBeUndefined();
		const sent = { command, email: 'a@example.com', ...(query === undefined ? {} : { query }) };
		expect(requests[0].body).toEqual({ command: [sent] });
	});

	it('names the Define Below parameter that is missing', async () => {
		mockBatch('/fetch/commands', 'command');
		const { error } = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'runCommand',
				mappingMode: 'defineBelow',
				command: 'add_tag',
				email: 'a@example.com',
				tag: { __rl: true, mode: 'name', value: '={{ $json.none }}' },
			},
			items: [{}],
		});
		expect(error?.message).toBe('Item 0: tag is required and must be text (got missing)');
		expect(error?.description).toContain('"tag"');
	});

	it('refuses unknown commands, missing queries and stray keys, item by item', async () => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		const items = [
			{ command: 'add_tags', email: 'a@example.com', query: 'x' },
			{ command: 'add_tag', email: 'a@example.com' },
			{ command: 'add_field', email: 'a@example.com', query: 'plan' },
			{ command: 'add_field', email: 'a@example.com', query: { key: 'plan', value: { a: 1 } } },
			{ command: 'subscribe', email: 'a@example.com', query: 'x' },
			{ command: 'change_email', email: 'a@example.com', query: 'nope' },
			{ command: 'unsubscribe', email: 'a@example.com', extra: 1 },
			{ command: 'unsubscribe', email: 'ok@example.com', query: '' },
		];
		const { outputs } = await runBentoNode({
			parameters: autoMap(),
			items,
			onError: 'continueErrorOutput',
		});
		expect(requests[0].body).toEqual({
			command: [{ command: 'unsubscribe', email: 'ok@example.com' }],
		});
		expect(outputs[1].map((i) => i.json.error)).toEqual([
			'Item 0: unknown command "add_tags": use one of add_tag, add_tag_via_event, remove_tag, add_field, remove_field, subscribe, unsubscribe, change_email',
			'Item 1: query is required and must be text (got missing)',
			'Item 2: query of add_field must be {"key": ..., "value": ...} (got a string)',
			'Item 3: query.value must be text, a number or a boolean (got an object)',
			'Item 4: subscribe takes no query (got a string)',
			'Item 5: query "nope" is not a valid address',
			'Item 6: unknown key "extra": a command item may only hold command, email, query',
		]);
	});

	it('a failed batch stops the run with a report of what was delivered', async () => {
		mockBatch('/fetch/commands', 'command', [
			[200, { results: 100 }],
			[400, { error: 'Bad' }],
		]);
		const { error } = await runBentoNode({ parameters: autoMap(), items: commands(250) });
		expect(error?.message).toBe('Batch 2 of 3 (items 100-199) failed: Bento answered 400: Bad');
		expect(error?.description).toContain(
			'Delivered: batch 1 (items 0-99). Not delivered: batches 2-3 (items 100-249).',
		);
	});
});
