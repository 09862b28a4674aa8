import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';
import { runAgainst, useSandbox } from '../../helpers/sandbox';

// Stats → Get Ads Stats: GET /stats/ads with its dimension, value, dates and revenue mode; under
// the /stats hourly limit, items asking the same share one request.

afterEach(() => nock.cleanAll());

const ANSWER = {
	dimension: 'source',
	dimensionLabel: 'Source',
	totals: { signups: 42, customers: 8, revenueCents: 129900 },
	chartData: [],
	breakdown: [{ key: 'youtube', label: 'youtube', signups: 42, customers: 8 }],
	revenueTruncated: false,
};
const params = (extra: Record<string, unknown> = {}) => ({
	resource: 'stats',
	operation: 'getAds',
	...extra,
});

describe('Stats > Get Ads Stats', () => {
	it('asks by source by default and puts out the answer as it is', async () => {
		nock.disableNetConnect();
		const { requests } = mockEndpoint('GET', '/stats/ads', [[200, ANSWER]]);
		const { outputs, error } = await runBentoNode({ parameters: params(), items: [{}] });
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expectQuery(requests[0], { dimension: 'source' });
		expect(outputs[0]).toEqual([{ json: ANSWER, pairedItem: { item: 0 } }]);
	});

	it('sends the value, the dates as days in the workflow time zone, and the revenue mode', async () => {
		const { requests } = mockEndpoint('GET', '/stats/ads', [[200, ANSWER]]);
		const { error } = await runBentoNode({
			parameters: params({
				dimension: 'campaign',
				filters: {
					value: ' spring-sale ',
					startDate: '2026-03-01T00:00:00',
					endDate: '={{ $json.end }}',
					revenueMode: 'first_revenue',
				},
			}),
			// A time without an offset is read in New York; one with an offset keeps its own date.
			items: [{ end: '2026-04-01T02:00:00Z' }],
			timezone: 'America/New_York',
		});
		expect(error).toBeUndefined();
		expectQuery(requests[0], {
			dimension: 'campaign',
			value: 'spring-sale',
			start_date: '2026-03-01',
			end_date: '2026-04-01',
			revenue_mode: 'first_revenue',
		});
	});

	it('items asking the same share one request; a different question is its own', async () => {
		const { requests } = mockEndpoint('GET', '/stats/ads', [[200, ANSWER]]);
		const { outputs } = await runBentoNode({
			parameters: params({ dimension: '={{ $json.by }}' }),
			items: [{ by: 'source' }, { by: 'source' }, { by: 'medium' }],
		});
		expect(requests.map((r) => r.query.dimension)).toEqual(['source', 'medium']);
		expect(outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0][0].json).not.toBe(outputs[0][1].json);
	});

	it.each([
		[{ dimension: 'utm_term' }, /^Item 0: Dimension "utm_term" is not one of ad, campaign/],
		[
			{ filters: { startDate: '2026-05-02', endDate: '2026-05-01' } },
			/^Item 0: Start Date 2026-05-02 is after End Date 2026-05-01$/,
		],
		[
			{ filters: { endDate: 'next week' } },
			/^Item 0: End Date: "next week" is not an ISO 8601 date/,
		],
	])(
		'a question that cannot go names the item and the field; nothing is sent (%j)',
		async (extra, message) => {
			const { requests } = mockEndpoint('GET', '/stats/ads', [[200, ANSWER]]);
			const { error } = await runBentoNode({ parameters: params(extra), items: [{}] });
			expect(error?.message).toMatch(message);
			expect(requests).toHaveLength(0);
		},
	);
});

describeErrorClasses('Stats > Get Ads Stats', {
	parameters: params({ dimension: '={{ ["source", "medium"][$json.n] }}' }),
	method: 'GET',
	path: '/stats/ads',
	ok: [200, ANSWER],
	rateLimit: 'hour',
});

describe('Stats > Get Ads Stats against the stand-in', () => {
	const sandbox = useSandbox();

	it("reads the stand-in's breakdown for one value", async () => {
		const result = await runAgainst(sandbox(), {
			parameters: params({ filters: { value: 'youtube', startDate: '2026-01-01' } }),
			items: [{}],
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json).toMatchObject({
			dimension: 'source',
			totals: { signups: 42, customers: 8, revenueCents: 129900 },
		});
		const asked = (sandbox().state.requests as Array<{ path: string; query?: unknown }>).find(
			(r) => r.path === '/api/v1/stats/ads',
		);
		expect(asked?.query).toEqual({
			dimension: 'source',
			value: 'youtube',
			start_date: '2026-01-01',
		});
	});
});
