import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

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
