import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

const COUNTS = { user_count: 195, subscriber_count: 140, unsubscriber_count: 55 };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

// Frees nock's global interceptor, so that the next test file in this Jest worker gets its own.

describe('Stats: Get Site Stats', () => {
	it('reads once per execution, whatever the number of items; each item gets its own copy', async () => {
		const { requests } = mockEndpoint('GET', '/stats/site', [[200, COUNTS]]);
		const { outputs, error } = await runBentoNode({
			parameters: { resource: 'stats', operation: 'getSite' },
			items: [{ a: 1 }, { a: 2 }, { a: 3 }],
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expectQuery(requests[0]);
		expect(outputs[0]).toEqual([0, 1, 2].map((item) => ({ json: COUNTS, pairedItem: { item } })));
		outputs[0][0].json.user_count = 0;
		expect(outputs[0][1].json.user_count).toBe(195);
	});

	it('unwraps a {data: counts} envelope', async () => {
		mockEndpoint('GET', '/stats/site', [[200, { data: COUNTS }]]);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'stats', operation: 'getSite' },
			items: [{}],
		});
		expect(outputs[0][0].json).toEqual(COUNTS);
	});

	it('zero items: no request', async () => {
		const { requests } = mockEndpoint('GET', '/stats/site', [[200, COUNTS]]);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'stats', operation: 'getSite' },
			items: [],
		});
		expect(requests).toHaveLength(0);
		expect(outputs[0] ?? []).toEqual([]);
	});
});

describeErrorClasses('Get Site Stats', {
	parameters: { resource: 'stats', operation: 'getSite' },
	method: 'GET',
	path: '/stats/site',
	ok: [200, COUNTS],
	shared: true,
	rateLimit: 'hour',
});
