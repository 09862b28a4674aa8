// Found by the tester: Get Ads Stats sends its dates as days; an instant given without an
// offset (epoch milliseconds, a JS Date from an expression) has no date of its own, and must
// be read as the day it is in the workflow's time zone, as the field's description says.
import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Stats > Get Ads Stats: dates given as instants', () => {
	it('epoch milliseconds and a JS Date are the day they fall on in the workflow time zone', async () => {
		const { requests } = mockEndpoint('GET', '/stats/ads', [[200, {}]]);
		// 2026-03-01 22:00 in New York is 2026-03-02 03:00 UTC.
		const evening = Date.parse('2026-03-01T22:00:00-05:00');
		const { error } = await runBentoNode({
			parameters: {
				resource: 'stats',
				operation: 'getAds',
				filters: {
					startDate: '={{ $json.since }}',
					endDate: '={{ new Date($json.since + 7 * 86400000) }}',
				},
			},
			items: [{ since: evening }],
			timezone: 'America/New_York',
		});
		expect(error).toBeUndefined();
		expectQuery(requests[0], {
			dimension: 'source',
			start_date: '2026-03-01',
			end_date: '2026-03-08',
		});
	});
});
