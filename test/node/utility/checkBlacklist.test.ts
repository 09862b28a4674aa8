import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const blacklist = {
	resource: 'utility',
	operation: 'checkBlacklist',
	domain: '={{ $json.domain }}',
	ip: '={{ $json.ip }}',
};

const LISTED = { query: 'spam.example', description: 'Listed', results: { spamhaus: true } };

describe('Utility: Check Blacklist', () => {
	it('asks /blacklist.json with the domain and/or ip given', async () => {
		const { requests } = mockEndpoint('GET', '/experimental/blacklist.json', [[200, LISTED]]);
		const { outputs } = await runBentoNode({
			parameters: blacklist,
			items: [
				{ domain: 'spam.example', ip: '' },
				{ domain: '', ip: '198.51.100.66' },
			],
		});
		expectQuery(requests[0], { domain: 'spam.example' });
		expectQuery(requests[1], { ip: '198.51.100.66' });
		expect(outputs[0][0].json).toEqual(LISTED);
	});

	it('a 404 on /blacklist.json switches to /blacklist for this and the following items', async () => {
		const json = mockEndpoint('GET', '/experimental/blacklist.json', [
			[404, { error: 'Not found' }],
		]);
		const plain = mockEndpoint('GET', '/experimental/blacklist', [[200, LISTED]]);
		const { outputs, error } = await runBentoNode({
			parameters: blacklist,
			items: [{ domain: 'a.example' }, { domain: 'b.example' }],
		});
		expect(error).toBeUndefined();
		expect(json.requests).toHaveLength(1);
		expect(plain.requests.map((r) => r.query.domain)).toEqual(['a.example', 'b.example']);
		expect(outputs[0]).toHaveLength(2);
	});

	it('a 404 on both paths is the item’s error', async () => {
		mockEndpoint('GET', /^\/experimental\/blacklist(\.json)?$/, [[404, { error: 'Not found' }]]);
		const { error } = await runBentoNode({
			parameters: blacklist,
			items: [{ domain: 'a.example' }],
		});
		expect(error?.message).toBe('Item 0 failed: Bento answered 404: Not found');
	});

	it('neither domain nor ip is an error naming the item', async () => {
		const { error } = await runBentoNode({
			parameters: blacklist,
			items: [{ domain: ' ', ip: '' }],
		});
		expect(error?.message).toBe('Item 0: give a domain, an IP address or both');
	});
});

describeErrorClasses('Check Blacklist', {
	parameters: blacklist,
	method: 'GET',
	path: '/experimental/blacklist.json',
	ok: [200, LISTED],
	items: [{ domain: 'a.example' }, { domain: 'b.example' }],
});
