import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

const RESPONSES = {
	data: [
		{ id: 'r1', type: 'responses', attributes: { uuid: 'u1', data: { email: 'ann@example.com' } } },
		{ id: 'r2', type: 'responses', attributes: { uuid: 'u2', data: { email: 'bob@example.com' } } },
	],
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

// Frees nock's global interceptor, so that the next test file in this Jest worker gets its own.

describe('Forms: Get Responses', () => {
	it('one read per form (page 2 repeats page 1 and ends it), one item per response', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/responses', [[200, RESPONSES]]);
		const { outputs, error } = await runBentoNode({
			parameters: {
				resource: 'form',
				operation: 'getResponses',
				formId: '={{ $json.form }}',
				returnAll: true,
			},
			items: [{ form: 'newsletter' }, { form: 'newsletter' }],
		});
		expect(error).toBeUndefined();
		// Read as the Form Response Trigger reads it: paged, in case Bento pages this list.
		expect(requests).toHaveLength(2);
		expectQuery(requests[0], { id: 'newsletter', page: '1' });
		expectQuery(requests[1], { id: 'newsletter', page: '2' });
		expect(outputs[0].map((i) => [i.json, i.pairedItem])).toEqual([
			[{ id: 'r1', uuid: 'u1', data: { email: 'ann@example.com' } }, { item: 0 }],
			[{ id: 'r2', uuid: 'u2', data: { email: 'bob@example.com' } }, { item: 0 }],
			[{ id: 'r1', uuid: 'u1', data: { email: 'ann@example.com' } }, { item: 1 }],
			[{ id: 'r2', uuid: 'u2', data: { email: 'bob@example.com' } }, { item: 1 }],
		]);
	});

	it('Limit cuts; a form without responses gives no item and a hint', async () => {
		mockEndpoint('GET', '/fetch/responses', (request) =>
			request.query.id === 'empty' ? [200, { data: [] }] : [200, RESPONSES],
		);
		const { outputs, run } = await runBentoNode({
			parameters: {
				resource: 'form',
				operation: 'getResponses',
				formId: '={{ $json.form }}',
				limit: 1,
			},
			items: [{ form: 'newsletter' }, { form: 'empty' }],
		});
		expect(outputs[0].map((i) => [i.json.id, i.pairedItem])).toEqual([['r1', { item: 0 }]]);
		expect(JSON.stringify(run)).toContain('Bento returned no responses for item 1');
	});

	it('a missing form id names the item and the field', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/responses', [[200, RESPONSES]]);
		const { error } = await runBentoNode({
			parameters: { resource: 'form', operation: 'getResponses', formId: '={{ $json.form }}' },
			items: [{ form: ' ' }],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toBe(
			'Item 0: formId is required and must be text (got only spaces or invisible characters)',
		);
	});
});

describeErrorClasses('Get Form Responses', {
	parameters: {
		resource: 'form',
		operation: 'getResponses',
		formId: '={{ $json.form }}',
		limit: 2,
	},
	method: 'GET',
	path: '/fetch/responses',
	ok: [200, RESPONSES],
	items: [{ form: 'a' }, { form: 'b' }],
});
