// Import Subscribers with data as spreadsheets, databases and AI agents give it (issue 31,
// items 2-4): an Excel CSV's BOM-led first column, a JSON column of tags, pasted addresses.
import nock from 'nock';

import { mockBatch } from '../../helpers/mockAudience';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const autoMap = {
	resource: 'subscriber',
	operation: 'import',
	mappingMode: 'autoMapInputData',
	options: { maxRetries: 0 },
};

describe('Import (Map Automatically)', () => {
	it('reads an Excel CSV row, JSON tags and pasted addresses as the user meant them', async () => {
		const { requests } = mockBatch('/batch/subscribers', 'subscribers');
		const { outputs, error } = await runBentoNode({
			parameters: autoMap,
			items: [
				{ '\ufeffemail': 'Ann Lee <ann@example.com>', first_name: 'Ann', 'plan\u00a0': 'pro' },
				{ '\ufeffemail': '"Doe, Dan" <dan@example.com>', tags: '["vip","customer"]' },
				{ '\ufeffemail': 'mailto:cat@example.com', tags: ['vip'], remove_tags: '["lead"]' },
				{ '\ufeffemail': '<bob@example.com>', tags: 'a, b' },
			],
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].body).toEqual({
			subscribers: [
				{ email: 'ann@example.com', first_name: 'Ann', plan: 'pro' },
				{ email: 'dan@example.com', tags: 'vip,customer' },
				{ email: 'cat@example.com', tags: 'vip', remove_tags: 'lead' },
				{ email: 'bob@example.com', tags: 'a,b' },
			],
		});
		expect(outputs[0].map((o) => o.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
	});

	it('names a key as it came when it still does not match, or when two keys become one', async () => {
		const { requests } = mockBatch('/batch/subscribers', 'subscribers');
		const { outputs } = await runBentoNode({
			parameters: autoMap,
			items: [
				{ '\ufeffEmail': 'ann@example.com' },
				{ email: 'ann@example.com', '\ufeffemail': 'bob@example.com' },
				{ email: 'Ann Lee <ann@example.com', tags: '[vip, customer]' },
				{ email: 'ok@example.com', tags: '["vip","customer"]' },
			],
			onError: 'continueErrorOutput',
		});
		expect(requests.map((r) => r.body)).toEqual([
			{ subscribers: [{ email: 'ok@example.com', tags: 'vip,customer' }] },
		]);
		expect(outputs[1].map((o) => o.json.error)).toEqual([
			'Item 0: email is required and must be text (got missing) (the item has "<U+FEFF>Email"; keys are matched as written, case included)',
			'Item 1: a subscriber item has the keys "email" and "<U+FEFF>email", which are both "email" once spaces and invisible characters are removed at their ends: keep one',
			'Item 2: email "Ann Lee <ann@example.com" is not one address: write it as ann@example.com, Ann Lee <ann@example.com> or mailto:ann@example.com',
		]);
	});
});

describe('Import (Define Below)', () => {
	it('a tag row holding a JSON column is read as its tags', async () => {
		const { requests } = mockBatch('/batch/subscribers', 'subscribers');
		const { error } = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'import',
				mappingMode: 'defineBelow',
				email: '={{ $json.mail }}',
				tags: { values: [{ tag: { __rl: true, mode: 'name', value: '={{ $json.tags }}' } }] },
				options: { maxRetries: 0 },
			},
			items: [{ mail: 'Ann <ann@example.com>', tags: '["vip","customer"]' }],
		});
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({
			subscribers: [{ email: 'ann@example.com', tags: 'vip,customer' }],
		});
	});
});
