import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

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
