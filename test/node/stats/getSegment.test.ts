import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

const COUNTS = { user_count: 195, subscriber_count: 140, unsubscriber_count: 55 };

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Stats: Get Segment Stats', () => {
	it('reads once per distinct segment, in input order, with the segment id on each item', async () => {
		const { requests } = mockEndpoint('GET', '/stats/segment', (request) => [
			200,
			{ ...COUNTS, user_count: request.query.segment_id === 'seg_1' ? 1 : 2 },
		]);
		const { outputs, error } = await runBentoNode({
			parameters: {
				resource: 'stats',
				operation: 'getSegment',
				segmentId: { __rl: true, mode: 'id', value: '={{ $json.segment }}' },
			},
			items: [{ segment: 'seg_1' }, { segment: ' seg_2 ' }, { segment: 'seg_1' }],
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.query.segment_id)).toEqual(['seg_1', 'seg_2']);
		expectQuery(requests[0], { segment_id: 'seg_1' });
		expect(outputs[0].map((i) => [i.json.segment_id, i.json.user_count, i.pairedItem])).toEqual([
			['seg_1', 1, { item: 0 }],
			['seg_2', 2, { item: 1 }],
			['seg_1', 1, { item: 2 }],
		]);
	});

	it('takes the id from the list mode too', async () => {
		const { requests } = mockEndpoint('GET', '/stats/segment', [[200, COUNTS]]);
		await runBentoNode({
			parameters: {
				resource: 'stats',
				operation: 'getSegment',
				segmentId: { __rl: true, mode: 'list', value: 'seg_9', cachedResultName: 'Customers' },
			},
			items: [{}],
		});
		expect(requests[0].query.segment_id).toBe('seg_9');
	});

	it('an empty segment id is an error naming the item and the field; nothing is sent', async () => {
		const { requests } = mockEndpoint('GET', '/stats/segment', [[200, COUNTS]]);
		const { error } = await runBentoNode({
			parameters: { resource: 'stats', operation: 'getSegment', segmentId: byId('={{ $json.s }}') },
			items: [{ s: 'seg_1' }, { s: '' }],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toBe('Item 1: segmentId is required and must be text (got missing)');
	});
});

describeErrorClasses('Get Segment Stats', {
	parameters: { resource: 'stats', operation: 'getSegment', segmentId: byId('={{ $json.s }}') },
	method: 'GET',
	path: '/stats/segment',
	ok: [200, COUNTS],
	items: [{ s: 'a' }, { s: 'b' }],
	rateLimit: 'hour',
});
