import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, entries, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

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
