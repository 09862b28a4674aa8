import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const SEGMENT = {
	id: 'seg_1',
	name: 'Customers',
	description: 'Bought once',
	visitor_event_query: {},
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Segments: Get', () => {
	it('reads one segment by id, enveloped or flat', async () => {
		const { requests } = mockEndpoint('GET', /^\/fetch\/segments\/.+$/, (request) =>
			request.path.endsWith('seg_1')
				? [200, { data: { id: 'seg_1', type: 'segments', attributes: { name: 'Customers' } } }]
				: [200, { ...SEGMENT, id: 'seg_2' }],
		);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'segment', operation: 'get', segmentId: byId('={{ $json.s }}') },
			items: [{ s: 'seg_1' }, { s: 'seg_2' }],
		});
		expect(requests.map((r) => r.path)).toEqual(['/fetch/segments/seg_1', '/fetch/segments/seg_2']);
		expectQuery(requests[0]);
		expect(outputs[0].map((i) => i.json)).toEqual([
			{ id: 'seg_1', name: 'Customers' },
			{ ...SEGMENT, id: 'seg_2' },
		]);
	});

	it('a 404 says there is no such segment; with Continue On Fail the others go on', async () => {
		mockEndpoint('GET', /^\/fetch\/segments\/.+$/, (request) =>
			request.path.endsWith('nope') ? [404, { error: 'Not found' }] : [200, { data: SEGMENT }],
		);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'segment', operation: 'get', segmentId: byId('={{ $json.s }}') },
			items: [{ s: 'nope' }, { s: 'seg_1' }],
			onError: 'continueErrorOutput',
		});
		expect(outputs[1].map((i) => i.json.error)).toEqual([
			'Item 0 failed: Bento answered 404: no segment with ID "nope"',
		]);
		expect(outputs[0].map((i) => [i.json.id, i.pairedItem])).toEqual([['seg_1', { item: 1 }]]);
	});
});

describeErrorClasses('Get Segment', {
	parameters: { resource: 'segment', operation: 'get', segmentId: byId('={{ $json.s }}') },
	method: 'GET',
	path: /^\/fetch\/segments\/.+$/,
	ok: [200, { data: SEGMENT }],
	items: [{ s: 'a' }, { s: 'b' }],
});
