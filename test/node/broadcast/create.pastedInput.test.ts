// Create Broadcasts with a pasted sender and a JSON column of tags (issue 31, items 2 and 3).
import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const tag = (value: string) => ({ tag: { __rl: true, mode: 'name', value } });

describe('Create Broadcasts', () => {
	it('reads a pasted From Email and JSON arrays of tags', async () => {
		const { requests } = mockEndpoint('POST', '/batch/broadcasts', [[200, { results: 1 }]]);
		const { error } = await runBentoNode({
			parameters: {
				resource: 'broadcast',
				operation: 'create',
				name: 'May',
				subject: 'News',
				content: '<p>x</p>',
				type: 'raw',
				fromEmail: '={{ $json.sender }}',
				fromName: 'News',
				inclusiveTags: { tags: [tag('={{ $json.tags }}'), tag('beta')] },
				exclusiveTags: { tags: [tag('={{ $json.skip }}')] },
				batchSizePerHour: 500,
				options: { retryDelay: 0 },
			},
			items: [{ sender: 'News <news@shop.example>', tags: '["vip","customer"]', skip: ['lead'] }],
		});
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({
			broadcasts: [
				{
					name: 'May',
					subject: 'News',
					content: '<p>x</p>',
					type: 'raw',
					from: { email: 'news@shop.example', name: 'News' },
					inclusive_tags: 'vip,customer,beta',
					exclusive_tags: 'lead',
					batch_size_per_hour: 500,
				},
			],
		});
	});
});
