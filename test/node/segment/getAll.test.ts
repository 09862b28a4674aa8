import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

const SEGMENT = {
	id: 'seg_1',
	name: 'Customers',
	description: 'Bought once',
	visitor_event_query: {},
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

// Frees nock's global interceptor, so that the next test file in this Jest worker gets its own.

describe('Segments: Get Many', () => {
	it('reads flat entries; an endpoint that ignores page costs one extra request, no duplicates', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/segments', [
			[200, { data: [SEGMENT, { ...SEGMENT, id: 'seg_2' }] }],
		]);
		const { outputs, error } = await runBentoNode({
			parameters: { resource: 'segment', operation: 'getAll', returnAll: true },
			items: [{}],
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.query.page)).toEqual(['1', '2']);
		expectQuery(requests[0], { page: '1' });
		expect(outputs[0].map((i) => i.json)).toEqual([SEGMENT, { ...SEGMENT, id: 'seg_2' }]);
	});

	it('Limit cuts the list', async () => {
		mockEndpoint('GET', '/fetch/segments', [
			[200, { data: [SEGMENT, { ...SEGMENT, id: 'seg_2' }] }],
		]);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'segment', operation: 'getAll', returnAll: false, limit: 1 },
			items: [{}],
		});
		expect(outputs[0].map((i) => i.json.id)).toEqual(['seg_1']);
	});
});

describeErrorClasses('Get Many Segments', {
	parameters: {
		resource: 'segment',
		operation: 'getAll',
		returnAll: false,
		limit: '={{ $json.n + 1 }}',
	},
	method: 'GET',
	path: '/fetch/segments',
	ok: [200, { data: [SEGMENT, { ...SEGMENT, id: 'seg_2' }] }],
});
