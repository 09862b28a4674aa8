import nock from 'nock';

import { useFakeClock } from '../../helpers/fakeClock';
import { mockBatch } from '../../helpers/mockAudience';
import { runBentoNode, TEST_CREDENTIALS } from '../../helpers/runNode';

// 429 waits last a rate-limit window: the transport's clock is faked, so they take no time.
useFakeClock();

const fast = { retryDelay: 0 };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

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
