// Found by the tester: Create Broadcasts' guarantee that an approved broadcast Bento may have
// created is never created again, under n8n's Retry On Fail.
import nock from 'nock';

import { mockBento } from '../../helpers/mockSending';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	jest.restoreAllMocks();
});

const creating = (extra: Record<string, unknown> = {}) => ({
	resource: 'broadcast',
	operation: 'create',
	name: '={{ $json.title }}',
	subject: 'News',
	content: '<p>Hi</p>',
	type: 'plain',
	fromEmail: 'news@shop.example',
	batchSizePerHour: 500,
	options: { retryDelay: 0 },
	...extra,
});

describe('Create Broadcasts under Retry On Fail, when an item turns invalid between tries', () => {
	// Was a bug: an item of an earlier maybe-sent batch refused on the next try (its Send At passed
	// while n8n waited) made the rest of that batch a new write, and "Weekly news", approved, was
	// created a second time. Any item an earlier write carried now gets that write's outcome.
	it(
		'an approved broadcast in a batch that may have been created is not created again',
		async () => {
			// The clock moves on a minute while Bento fails to answer (a 503 after taking the body),
			// so on n8n's next try the first row's Send At (30 s ahead at the first try) has passed.
			const realNow = Date.now.bind(Date);
			let shift = 0;
			jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shift);
			const soon = realNow() + 30_000;
			const { requests, scope } = mockBento('POST', '/batch/broadcasts', [[503]]);
			scope.on('request', () => (shift += 60_000));
			const { outputs } = await runBentoNode({
				parameters: creating({ delivery: 'schedule', sendAt: '={{ $json.at }}' }),
				items: [
					{ title: 'Flash sale', at: soon },
					{ title: 'Weekly news', at: '2030-01-08T09:00:00Z' },
				],
				onError: 'continueErrorOutput',
				retryOnFail: { maxTries: 2, waitBetweenTries: 0 },
			});
			expect(
				requests.map((r) => (r.body.broadcasts as Array<{ name: string }>).map((b) => b.name)),
			).toEqual([['Flash sale', 'Weekly news']]);
			// "Weekly news" is reported as may have been sent, with the check to make in Bento.
			expect(outputs[1].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(String(outputs[1][1].json.error)).toMatch(/may have been sent/);
		},
	);
});
