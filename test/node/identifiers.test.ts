// Identifiers pasted with invisible characters, through n8n's real engine: what Bento receives
// and which items are refused (helpers/identifiers.ts).
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { mockEndpoint } from '../helpers/mockEndpoint';
import { mockBatch } from '../helpers/mockAudience';
import { runBentoNode } from '../helpers/runNode';

const fast = { requestsPerMinute: 0, retryDelay: 0 };
const PASTED = ' User@Example.com\u200b';
const INSIDE = 'a\u200bb@example.com';

interface Case {
	name: string;
	path: string;
	bodyKey: string;
	/** The field that holds the address, as the error names it. */
	field: string;
	parameters: Record<string, unknown>;
	item: (address: string, i: number) => IDataObject;
	/** Where the address is in a record Bento received. */
	sent: (record: Record<string, unknown>) => unknown;
}

const CASES: Case[] = [
	{
		name: 'Create Events (Define Below)',
		path: '/batch/events',
		bodyKey: 'events',
		field: 'email',
		parameters: {
			resource: 'event',
			operation: 'create',
			mappingMode: 'defineBelow',
			eventType: '={{ $json.kind }}',
			email: '={{ $json.mail }}',
			fields: '={{ JSON.stringify($json.fields) }}',
			details: '',
			date: '',
			options: fast,
		},
		item: (mail, i) => ({ kind: '\ufeffsigned_up ', mail, fields: { [` plan\u2060`]: `p${i}` } }),
		sent: (record) => record.email,
	},
	{
		name: 'Subscriber Import (Map Automatically)',
		path: '/batch/subscribers',
		bodyKey: 'subscribers',
		field: 'email',
		parameters: {
			resource: 'subscriber',
			operation: 'import',
			mappingMode: 'autoMapInputData',
			options: fast,
		},
		item: (email, i) => ({ email, tags: 'vip\u200b, new', [`plan\u200b`]: `p${i}` }),
		sent: (record) => record.email,
	},
	{
		name: 'Send Emails (Map Automatically)',
		path: '/batch/emails',
		bodyKey: 'emails',
		field: 'to',
		parameters: {
			resource: 'email',
			operation: 'send',
			mappingMode: 'autoMapInputData',
			options: fast,
		},
		item: (to, i) => ({
			to,
			from: '\u200border@shop.example',
			subject: `Receipt ${i}`,
			html_body: '<p>Hi</p>',
			transactional: true,
		}),
		sent: (record) => record.to,
	},
];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe.each(CASES)('$name: addresses with invisible characters', (spec) => {
	it(`sends "${JSON.stringify(PASTED)}" as "User@Example.com"`, async () => {
		const { requests } = mockBatch(spec.path, spec.bodyKey);
		const { outputs, error } = await runBentoNode({
			parameters: spec.parameters,
			items: [spec.item(PASTED, 0)],
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		const [record] = requests[0].body?.[spec.bodyKey] as Array<Record<string, unknown>>;
		expect(spec.sent(record)).toBe('User@Example.com');
		expect(JSON.stringify(requests[0].body)).not.toMatch(/[\u200b\u2060\ufeff]/);
		expect(outputs[0]).toHaveLength(1);
	});

	it('refuses an invisible character inside an address for that item only (Continue On Fail)', async () => {
		const { requests } = mockBatch(spec.path, spec.bodyKey);
		const { outputs, error } = await runBentoNode({
			parameters: spec.parameters,
			items: [
				spec.item('ann@example.com', 0),
				spec.item(INSIDE, 1),
				spec.item('bob@example.com', 2),
			],
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		const records = requests[0].body?.[spec.bodyKey] as Array<Record<string, unknown>>;
		expect(records.map(spec.sent)).toEqual(['ann@example.com', 'bob@example.com']);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(outputs[1]).toHaveLength(1);
		expect(outputs[1][0].pairedItem).toEqual({ item: 1 });
		expect(outputs[1][0].json.error).toBe(
			`Item 1: ${spec.field} "a<U+200B>b@example.com" contains U+200B (zero width space) at character 2; an address must not hold spaces or invisible characters (often pasted from a web page or a spreadsheet): remove it`,
		);
	});

	it('stops before sending anything without Continue On Fail, naming item and field', async () => {
		const { requests } = mockBatch(spec.path, spec.bodyKey);
		const { error } = await runBentoNode({
			parameters: spec.parameters,
			items: [spec.item('ann@example.com', 0), spec.item(INSIDE, 1)],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toMatch(new RegExp(`^Item 1: ${spec.field} ".*" contains U\\+200B`));
		expect(error?.description).toContain(`Fix "${spec.field}" for this item`);
	});
});

describe('other identifiers, cleaned the same way', () => {
	it('Create Events: event type and field keys are cleaned at the ends', async () => {
		const { requests } = mockBatch('/batch/events', 'events');
		await runBentoNode({ parameters: CASES[0].parameters, items: [CASES[0].item(PASTED, 0)] });
		expect(requests[0].body).toEqual({
			events: [{ type: 'signed_up', email: 'User@Example.com', fields: { plan: 'p0' } }],
		});
	});

	it('Import: tag names and custom field keys are cleaned at the ends', async () => {
		const { requests } = mockBatch('/batch/subscribers', 'subscribers');
		await runBentoNode({ parameters: CASES[1].parameters, items: [CASES[1].item(PASTED, 0)] });
		expect(requests[0].body).toEqual({
			subscribers: [{ email: 'User@Example.com', tags: 'vip,new', plan: 'p0' }],
		});
	});

	it('Run Command: an invisible character inside a tag name is that item’s error, named by its parameter', async () => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		const { outputs, error } = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'runCommand',
				mappingMode: 'defineBelow',
				command: 'add_tag',
				email: '={{ $json.email }}',
				tag: { __rl: true, mode: 'name', value: '={{ $json.tag }}' },
				options: fast,
			},
			items: [
				{ email: ' Ann@Example.com\u200b', tag: '\u200bvip ' },
				{ email: 'bob@example.com', tag: 'v\u200bip' },
			],
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].body?.command).toEqual([
			{ command: 'add_tag', email: 'Ann@Example.com', query: 'vip' },
		]);
		expect(outputs[1][0].json.error).toMatch(/^Item 1: tag "v<U\+200B>ip" contains U\+200B/);
	});

	it('Run Command change_email: the new address is checked like every address', async () => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		const { outputs } = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'runCommand',
				mappingMode: 'defineBelow',
				command: 'change_email',
				email: 'old@example.com',
				newEmail: '={{ $json.to }}',
				options: fast,
			},
			items: [{ to: '\u2060New@Example.com ' }, { to: INSIDE }],
			onError: 'continueErrorOutput',
		});
		expect(requests[0].body?.command).toEqual([
			{ command: 'change_email', email: 'old@example.com', query: 'New@Example.com' },
		]);
		expect(outputs[1][0].json.error).toMatch(/^Item 1: newEmail "a<U\+200B>b@example.com"/);
	});

	it('Tag Create: the name is cleaned at the ends; one inside is refused before any request', async () => {
		const { requests } = mockEndpoint('POST', '/fetch/tags', [[200, { data: {} }]]);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'tag', operation: 'create', name: '={{ $json.name }}' },
			items: [{ name: '\ufeffVIP customers\u200b' }, { name: 'VIP\u00a0customers' }],
			onError: 'continueErrorOutput',
		});
		expect(requests.map((r) => r.body)).toEqual([{ tag: { name: 'VIP customers' } }]);
		expect(outputs[1][0].json.error).toMatch(
			/^Item 1: name "VIP<U\+00A0>customers" contains U\+00A0 \(no-break space\) at character 4/,
		);
	});
});
