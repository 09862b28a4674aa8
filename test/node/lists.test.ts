// A list typed into a field that takes one tag, field key or address (issue 24, item 6): split
// into one command each where each name can be its own command, refused naming the item and the
// field where it cannot (see docs/audience.md).
import nock from 'nock';

import { mockEndpoint } from '../helpers/mockEndpoint';
import { mockBatch } from '../helpers/mockAudience';
import { mockBatchEvents } from '../helpers/mockBento';
import { runBentoNode } from '../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const fast = { maxRetries: 0 };
const rl = (value: string) => ({ __rl: true, mode: 'name', value });

describe('Run Command: a tag list is one command per tag, each output paired to its item', () => {
	const defineBelow = (command: string, extra: Record<string, unknown>) => ({
		resource: 'subscriber',
		operation: 'runCommand',
		mappingMode: 'defineBelow',
		command,
		email: '={{ $json.mail }}',
		options: fast,
		...extra,
	});

	it.each(['add_tag', 'add_tag_via_event', 'remove_tag'])('%s "vip, customer"', async (command) => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		const { outputs, error } = await runBentoNode({
			parameters: defineBelow(command, { tag: rl('={{ $json.tags }}') }),
			items: [
				{ mail: 'ann@example.com', tags: 'vip, customer' },
				{ mail: 'bob@example.com', tags: 'lead' },
				{ mail: 'cy@example.com', tags: ' a ,b,\u200bc ' },
			],
		});
		expect(error).toBeUndefined();
		const sent = [
			['ann@example.com', 'vip'],
			['ann@example.com', 'customer'],
			['bob@example.com', 'lead'],
			['cy@example.com', 'a'],
			['cy@example.com', 'b'],
			['cy@example.com', 'c'],
		].map(([email, query]) => ({ command, email, query }));
		expect(requests).toHaveLength(1);
		expect(requests[0].body).toEqual({ command: sent });
		expect(outputs[0].map((o) => [o.json.command, o.pairedItem])).toEqual(
			sent.map((c, k) => [c, { item: [0, 0, 1, 2, 2, 2][k] }]),
		);
	});

	it('remove_field "plan, tier": one command per key', async () => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		const { error } = await runBentoNode({
			parameters: defineBelow('remove_field', { fieldKey: rl('plan, tier') }),
			items: [{ mail: 'ann@example.com' }],
		});
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({
			command: [
				{ command: 'remove_field', email: 'ann@example.com', query: 'plan' },
				{ command: 'remove_field', email: 'ann@example.com', query: 'tier' },
			],
		});
	});

	it('Map Automatically: a query "vip, customer" of a tag command is split too', async () => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		const { outputs } = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'runCommand',
				mappingMode: 'autoMapInputData',
				options: fast,
			},
			items: [
				{ command: 'add_tag', email: 'ann@example.com', query: 'vip,customer' },
				{ command: 'unsubscribe', email: 'bob@example.com' },
			],
		});
		expect((requests[0].body?.command as unknown[]).length).toBe(3);
		expect(outputs[0].map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
	});

	it('with the error output, an invalid item keeps its place between split items', async () => {
		mockBatch('/fetch/commands', 'command');
		const { outputs } = await runBentoNode({
			parameters: defineBelow('add_tag', { tag: rl('={{ $json.tags }}') }),
			items: [
				{ mail: 'ann@example.com', tags: 'vip, customer' },
				{ mail: 'not an address', tags: 'x' },
				{ mail: 'cy@example.com', tags: 'a, b' },
			],
			onError: 'continueErrorOutput',
		});
		expect(outputs[0].map((o) => [o.json.command, o.pairedItem])).toEqual([
			[{ command: 'add_tag', email: 'ann@example.com', query: 'vip' }, { item: 0 }],
			[{ command: 'add_tag', email: 'ann@example.com', query: 'customer' }, { item: 0 }],
			[{ command: 'add_tag', email: 'cy@example.com', query: 'a' }, { item: 2 }],
			[{ command: 'add_tag', email: 'cy@example.com', query: 'b' }, { item: 2 }],
		]);
		expect(outputs[1].map((o) => o.pairedItem)).toEqual([{ item: 1 }]);
	});

	it('a failed batch: every command of a split item becomes an error paired to it', async () => {
		mockBatch('/fetch/commands', 'command', [[422, { error: 'nope' }]]);
		const { outputs } = await runBentoNode({
			parameters: defineBelow('add_tag', { tag: rl('vip, customer') }),
			items: [{ mail: 'ann@example.com' }, { mail: 'bob@example.com' }],
			onError: 'continueErrorOutput',
		});
		expect(outputs[1].map((o) => o.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
		]);
	});

	it.each([
		['vip,,customer', 'tag: name 2 of "vip,,customer" is required'],
		['vip, ', 'tag: name 2 of "vip, " is required'],
	])('an empty name in %p is refused naming the item and the field', async (tags, message) => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		const { error } = await runBentoNode({
			parameters: defineBelow('add_tag', { tag: rl(tags) }),
			items: [{ mail: 'ann@example.com' }],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toContain(`Item 0: ${message}`);
	});

	it.each([
		[
			'add_field',
			{ fieldKey: rl('plan, tier'), fieldValue: 'pro' },
			'fieldKey "plan, tier" holds a list',
		],
		[
			'change_email',
			{ newEmail: 'a@example.com, b@example.com' },
			'newEmail "a@example.com, b@example.com" holds a list',
		],
		['add_tag', { tag: rl('vip') }, 'email "ann@example.com;bob@example.com" holds a list'],
	])('%s: a list is refused, naming the item and the field', async (command, extra, message) => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		const { error } = await runBentoNode({
			parameters: { ...defineBelow(command, extra), email: '={{ $json.mail }}' },
			items: [
				{ mail: command === 'add_tag' ? 'ann@example.com;bob@example.com' : 'ann@example.com' },
			],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toContain(`Item 0: ${message}`);
	});
});

describe('one-value fields elsewhere: a list is refused, naming the item and the field', () => {
	it.each([
		[
			'Tag Create',
			{ resource: 'tag', operation: 'create', name: 'vip, customer' },
			'/fetch/tags',
			'name "vip, customer" holds a list (a comma)',
		],
		[
			'Field Create',
			{ resource: 'field', operation: 'create', key: 'plan,tier' },
			'/fetch/fields',
			'key "plan,tier" holds a list (a comma)',
		],
		[
			'Subscriber Create',
			{ resource: 'subscriber', operation: 'create', email: 'a@example.com, b@example.com' },
			'/fetch/subscribers',
			'email "a@example.com, b@example.com" holds a list',
		],
		[
			'Delete Personal Data',
			{
				resource: 'subscriber',
				operation: 'deletePersonalData',
				email: 'a@example.com,b@example.com',
			},
			'/data_deletion_requests',
			'email "a@example.com,b@example.com" holds a list',
		],
		[
			'Validate Email',
			{ resource: 'utility', operation: 'validateEmail', email: 'a@example.com; b@example.com' },
			'/experimental/validation',
			'email "a@example.com; b@example.com" holds a list',
		],
	])('%s', async (_name, parameters, path, message) => {
		const { requests } = mockEndpoint('POST', path, [[200, {}]]);
		const { error } = await runBentoNode({
			parameters: { ...parameters, options: fast },
			items: [{}],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toContain(`Item 0: ${message}`);
	});

	it.each([
		[
			'by email',
			{ by: 'email', email: 'a@example.com,b@example.com' },
			'email "a@example.com,b@example.com" holds a list',
		],
		['by UUID', { by: 'uuid', uuid: 'u-1, u-2' }, 'uuid "u-1, u-2" holds a list'],
	])('Subscriber Get %s', async (_name, extra, message) => {
		const { requests } = mockEndpoint('GET', '/fetch/subscribers', [[200, {}]]);
		const { error } = await runBentoNode({
			parameters: { resource: 'subscriber', operation: 'get', ...extra, options: fast },
			items: [{}],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toContain(`Item 0: ${message}`);
	});

	it('Create Events: an email list and a field row key list are refused', async () => {
		const { requests } = mockBatchEvents();
		const base = {
			resource: 'event',
			operation: 'create',
			mappingMode: 'defineBelow',
			eventType: 'signed_up',
		};
		const email = await runBentoNode({
			parameters: { ...base, email: 'a@example.com, b@example.com' },
			items: [{}],
		});
		expect(email.error?.message).toContain(
			'Item 0: email "a@example.com, b@example.com" holds a list',
		);
		const rows = await runBentoNode({
			parameters: {
				...base,
				email: 'a@example.com',
				fieldRows: { values: [{ key: rl('plan, tier'), value: 'pro' }] },
			},
			items: [{}],
		});
		expect(rows.error?.message).toContain('Item 0: fieldRows[0].key "plan, tier" holds a list');
		expect(requests).toHaveLength(0);
	});

	it('Send Email: a list in To is refused (Bento sends one email per address given)', async () => {
		const { requests } = mockEndpoint('POST', '/batch/emails', [[200, { results: 1 }]]);
		const { error } = await runBentoNode({
			parameters: { resource: 'email', operation: 'send', mappingMode: 'autoMapInputData' },
			items: [
				{
					to: 'a@example.com,b@example.com',
					from: 'me@example.com',
					subject: 's',
					html_body: '<p>x</p>',
				},
			],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toContain('Item 0: to "a@example.com,b@example.com" holds a list');
	});

	it('Import Subscribers keeps reading a tag list, as Bento does', async () => {
		const { requests } = mockBatch('/batch/subscribers', 'subscribers');
		const { error } = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'import',
				mappingMode: 'autoMapInputData',
				options: fast,
			},
			items: [{ email: 'a@example.com', tags: 'vip, customer' }],
		});
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({
			subscribers: [{ email: 'a@example.com', tags: 'vip,customer' }],
		});
	});
});
