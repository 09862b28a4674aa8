import nock from 'nock';

import { mockEndpoint } from '../helpers/mockEndpoint';
import { describeErrorClasses, entries, expectQuery } from '../helpers/mockLibrary';
import { runBentoNode } from '../helpers/runNode';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
/** Pages of 10 sequences, 23 in all. */
const pages = (request: { query: Record<string, string> }) => {
	const page = Number(request.query.page);
	return [200, { data: entries('sequence_', (page - 1) * 10 + 1, Math.min(page * 10, 23)) }] as [
		number,
		unknown,
	];
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// Frees nock's global interceptor, so that the next test file in this Jest worker gets its own.

describe('Sequences: Get Many', () => {
	it('Return All pages until an empty page, flattening each entry into one item', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/sequences', pages);
		const { outputs, error } = await runBentoNode({
			parameters: { resource: 'sequence', operation: 'getAll', returnAll: true },
			items: [{}],
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.query.page)).toEqual(['1', '2', '3', '4']);
		expectQuery(requests[0], { page: '1' });
		expect(outputs[0]).toHaveLength(23);
		expect(outputs[0][22]).toEqual({
			json: { id: 'sequence_23', name: 'sequence_ 23' },
			pairedItem: { item: 0 },
		});
	});

	it('Limit stops reading once it has enough', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/sequences', pages);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'sequence', operation: 'getAll', returnAll: false, limit: 12 },
			items: [{}],
		});
		expect(requests).toHaveLength(2);
		expect(outputs[0].map((i) => i.json.id)).toEqual(
			Array.from({ length: 12 }, (_, i) => `sequence_${i + 1}`),
		);
	});

	it('items asking the same list share one read; each is paired to its own copy', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/sequences', pages);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'sequence', operation: 'getAll', returnAll: false, limit: 2 },
			items: [{}, {}],
		});
		expect(requests).toHaveLength(1);
		expect(outputs[0].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
		]);
	});

	it('an empty list puts out nothing and says so in a hint', async () => {
		mockEndpoint('GET', '/fetch/sequences', [[200, { data: [] }]]);
		const { outputs, error, run } = await runBentoNode({
			parameters: { resource: 'sequence', operation: 'getAll', returnAll: true },
			items: [{}],
		});
		expect(error).toBeUndefined();
		expect(outputs[0] ?? []).toEqual([]);
		expect(JSON.stringify(run)).toContain('Bento returned no sequences for item 0');
	});
});

describeErrorClasses('Get Many Sequences', {
	parameters: {
		resource: 'sequence',
		operation: 'getAll',
		returnAll: false,
		limit: '={{ $json.n + 1 }}',
	},
	method: 'GET',
	path: '/fetch/sequences',
	ok: [200, { data: entries('s', 1, 2) }],
});

const TEMPLATE = {
	id: '77',
	type: 'email_templates',
	attributes: { name: 'Hi', subject: 'Hi', html: '<p>Hi</p>' },
};
const addEmail = (extra: Record<string, unknown> = {}) => ({
	resource: 'sequence',
	operation: 'addEmail',
	sequenceId: byId('={{ $json.seq }}'),
	subject: '={{ $json.subject }}',
	html: '={{ $json.html }}',
	...extra,
});

describe('Sequences: Add Email', () => {
	it('POSTs the template with only the fields given; HTML exactly as given', async () => {
		const { requests } = mockEndpoint('POST', /^\/fetch\/sequences\/[^/]+\/emails\/templates$/, [
			[201, { data: TEMPLATE }],
		]);
		const html = '  <p>Hello {{ visitor.first_name }}</p>\n';
		const { outputs, error } = await runBentoNode({
			parameters: addEmail({
				additionalFields: {
					delay_interval: 'days',
					delay_interval_count: 2,
					cc: '',
					inbox_snippet: ' Soon ',
				},
			}),
			items: [{ seq: 'sequence_a b', subject: ' Welcome ', html }],
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].path).toBe('/fetch/sequences/sequence_a%20b/emails/templates');
		expectQuery(requests[0]);
		expect(requests[0].body).toEqual({
			email_template: {
				subject: 'Welcome',
				html,
				delay_interval: 'days',
				delay_interval_count: 2,
				inbox_snippet: 'Soon',
			},
		});
		expect(outputs[0]).toEqual([
			{ json: { id: '77', name: 'Hi', subject: 'Hi', html: '<p>Hi</p>' }, pairedItem: { item: 0 } },
		]);
	});

	it('a missing subject or HTML is that item’s error, before anything is sent', async () => {
		const { requests } = mockEndpoint('POST', /emails\/templates$/, [[201, { data: TEMPLATE }]]);
		const { outputs, error } = await runBentoNode({
			parameters: addEmail(),
			items: [
				{ seq: 's1', subject: 'A', html: '<p>a</p>' },
				{ seq: 's1', subject: '', html: '<p>b</p>' },
				{ seq: 's1', subject: 'C', html: '   ' },
			],
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(outputs[1].map((i) => [i.json.error, i.pairedItem])).toEqual([
			['Item 1: subject is required and must be text (got missing)', { item: 1 }],
			['Item 2: html is required and must be text (got a string)', { item: 2 }],
		]);
	});

	it('a 404 says there is no such sequence', async () => {
		mockEndpoint('POST', /emails\/templates$/, [[404, { error: 'Not found' }]]);
		const { error } = await runBentoNode({
			parameters: addEmail(),
			items: [{ seq: 'sequence_x', subject: 'A', html: '<p>a</p>' }],
		});
		expect(error?.message).toBe(
			'Item 0 failed: Bento answered 404: no sequence with ID "sequence_x"',
		);
	});
});

describeErrorClasses('Add Email', {
	parameters: addEmail(),
	method: 'POST',
	path: /emails\/templates$/,
	ok: [201, { data: TEMPLATE }],
	writes: true,
	items: [
		{ seq: 's1', subject: 'A', html: '<p>a</p>' },
		{ seq: 's2', subject: 'B', html: '<p>b</p>' },
	],
});
