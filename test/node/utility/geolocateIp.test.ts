import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Utility: Geolocate IP', () => {
	it('GETs with the ip in the query; an empty answer is an item with located false', async () => {
		const place = { ip: '203.0.113.7', city_name: 'Melbourne', country_code2: 'AU' };
		const { requests } = mockEndpoint('GET', '/experimental/geolocation', (request) =>
			request.query.ip === '203.0.113.7' ? [200, place] : [200, {}],
		);
		const { outputs, error } = await runBentoNode({
			parameters: { resource: 'utility', operation: 'geolocateIp', ip: '={{ $json.ip }}' },
			items: [{ ip: '203.0.113.7' }, { ip: '10.0.0.1' }],
		});
		expect(error).toBeUndefined();
		expectQuery(requests[0], { ip: '203.0.113.7' });
		expect(requests[0].body).toBeUndefined();
		expect(outputs[0].map((i) => i.json)).toEqual([
			{ ...place, located: true },
			{ ip: '10.0.0.1', located: false },
		]);
	});
});

describeErrorClasses('Geolocate IP', {
	parameters: { resource: 'utility', operation: 'geolocateIp', ip: '={{ $json.ip }}' },
	method: 'GET',
	path: '/experimental/geolocation',
	ok: [200, {}],
	items: [{ ip: '1.1.1.1' }, { ip: '2.2.2.2' }],
});
