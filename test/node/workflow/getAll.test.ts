import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, entries, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

// Frees nock's global interceptor, so that the next test file in this Jest worker gets its own.

describe('Workflows: Get Many', () => {
	it('pages to the end and flattens status and email templates', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/workflows', (request) => {
			if (request.query.page !== '1') return [200, { data: [] }];
			return [
				200,
				{
					data: [
						{
							id: 'wf_1',
							type: 'workflows',
							attributes: {
								name: 'Onboarding',
								status: 'live',
								email_templates: [{ id: 5, subject: 'Hi' }],
							},
						},
					],
				},
			];
		});
		const { outputs, error } = await runBentoNode({
			parameters: { resource: 'workflow', operation: 'getAll', returnAll: true },
			items: [{}],
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.query.page)).toEqual(['1', '2']);
		expectQuery(requests[1], { page: '2' });
		expect(outputs[0]).toEqual([
			{
				json: {
					id: 'wf_1',
					name: 'Onboarding',
					status: 'live',
					email_templates: [{ id: 5, subject: 'Hi' }],
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('stops when Bento ignores page and answers the same page again', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/workflows', [
			[200, { data: entries('wf_', 1, 3) }],
		]);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'workflow', operation: 'getAll', returnAll: true },
			items: [{}],
		});
		expect(requests).toHaveLength(2);
		expect(outputs[0]).toHaveLength(3);
	});

	it('Limit 1 reads one page and puts out one item', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/workflows', [
			[200, { data: entries('wf_', 1, 3) }],
		]);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'workflow', operation: 'getAll', returnAll: false, limit: 1 },
			items: [{}],
		});
		expect(requests).toHaveLength(1);
		expect(outputs[0].map((i) => i.json.id)).toEqual(['wf_1']);
	});
});

describeErrorClasses('Get Many Workflows', {
	parameters: {
		resource: 'workflow',
		operation: 'getAll',
		returnAll: false,
		limit: '={{ $json.n + 1 }}',
	},
	method: 'GET',
	path: '/fetch/workflows',
	ok: [200, { data: entries('wf_', 1, 2) }],
});
