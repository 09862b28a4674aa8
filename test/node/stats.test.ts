import nock from 'nock';

import { mockEndpoint } from '../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../helpers/mockLibrary';
import { runBentoNode } from '../helpers/runNode';

const COUNTS = { user_count: 195, subscriber_count: 140, unsubscriber_count: 55 };
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

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

describe('Stats: Get Report Stats', () => {
	it('puts out the report as Bento answers it, with the report id; one request per distinct id', async () => {
		const report = {
			data: [{ g: 'signups', x: '2024-05-01', y: 12 }],
			chart_style: 'line',
			report_type: 'subscribers',
			report_name: 'Sign-ups',
		};
		const { requests } = mockEndpoint('GET', '/stats/report', [[200, report]]);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'stats', operation: 'getReport', reportId: '={{ $json.r }}' },
			items: [{ r: 'rep_1' }, { r: 'rep_1' }],
		});
		expect(requests).toHaveLength(1);
		expectQuery(requests[0], { report_id: 'rep_1' });
		expect(outputs[0].map((i) => i.json)).toEqual([
			{ report_id: 'rep_1', ...report },
			{ report_id: 'rep_1', ...report },
		]);
	});
});

describeErrorClasses('Get Report Stats', {
	parameters: { resource: 'stats', operation: 'getReport', reportId: '={{ $json.r }}' },
	method: 'GET',
	path: '/stats/report',
	ok: [200, { data: [] }],
	items: [{ r: 'a' }, { r: 'b' }],
	rateLimit: 'hour',
});
