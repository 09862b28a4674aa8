// Create Events under n8n's Retry On Fail when an item of a batch an earlier try sent is refused
// on the next try: its batch mates get that batch's outcome and are not sent again.
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { BENTO_ORIGIN } from '../../helpers/mockBento';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const EVENTS = {
	resource: 'event',
	operation: 'create',
	mappingMode: 'autoMapInputData',
	options: { retryDelay: 0, maxRetries: 0, requestsPerMinute: 0, batchSize: 3 },
};

const sixEvents = (): IDataObject[] =>
	Array.from({ length: 6 }, (_, i) => ({ type: 'signup', email: `user${i}@example.com` }));

/**
 * Create Events over `items` with Batch Size 3, Continue On Fail (error output) and Retry On
 * Fail; Bento takes request n with `replies[n]` (the last repeats), and `beforeRetry` runs while
 * request `changeAt` is handled. Returns the run and each request's emails.
 */
async function run(
	items: IDataObject[],
	replies: Array<[number, IDataObject]>,
	changeAt: number,
	beforeRetry: () => void,
) {
	const requests: string[][] = [];
	nock(BENTO_ORIGIN)
		.post('/api/v1/batch/events')
		.query(true)
		.times(10)
		.reply((_uri, body) => {
			const sent = (body as { events: Array<{ email: string }> }).events;
			requests.push(sent.map((event) => event.email));
			if (requests.length === changeAt) beforeRetry();
			return replies[Math.min(requests.length, replies.length) - 1];
		});
	const result = await runBentoNode({
		parameters: EVENTS,
		items,
		onError: 'continueErrorOutput',
		retryOnFail: { maxTries: 2, waitBetweenTries: 0 },
	});
	return { ...result, requests };
}

describe('Create Events under Retry On Fail, when an item turns invalid between tries', () => {
	it('a batch that may have been delivered (503): its other events are not sent again', async () => {
		const items = sixEvents().slice(0, 3);
		const { error, outputs, requests } = await run(items, [[503, { error: 'busy' }]], 1, () => {
			items[0].email = 'not-an-email';
		});
		expect(error).toBeUndefined();
		expect(requests).toEqual([['user0@example.com', 'user1@example.com', 'user2@example.com']]);
		// Item 0 is refused now; items 1 and 2 get the earlier batch's failure, not a second send.
		expect(outputs[1].map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(String(outputs[1][0].json.error)).toMatch(/email/i);
		for (const item of outputs[1].slice(1)) {
			expect(String(item.json.error)).toMatch(/Items 1-2 \(sent by an earlier try/);
			expect(String(item.json.error)).toMatch(/503|busy|unavailable/i);
		}
	});

	it('a delivered batch: its other events are reported delivered by the earlier try, not sent again', async () => {
		const items = sixEvents();
		// Try 1: batch [0, 3) never reached Bento (521), batch [3, 6) was delivered.
		const replies: Array<[number, IDataObject]> = [
			[521, { error: 'down' }],
			[200, { results: 3, failed: 0 }],
			[200, { results: 3, failed: 0 }],
		];
		const { error, outputs, requests } = await run(items, replies, 2, () => {
			items[4].email = 'not-an-email';
		});
		expect(error).toBeUndefined();
		expect(requests).toEqual([
			['user0@example.com', 'user1@example.com', 'user2@example.com'],
			['user3@example.com', 'user4@example.com', 'user5@example.com'],
			['user0@example.com', 'user1@example.com', 'user2@example.com'],
		]);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 5].map((item) => ({ item })),
		);
		for (const item of outputs[0].slice(0, 3))
			expect(item.json.deliveredByEarlierTry).toBeUndefined();
		for (const item of outputs[0].slice(3)) {
			expect(item.json.deliveredByEarlierTry).toBe(true);
			expect(String(item.json.note)).toMatch(/earlier try.*not sent again/);
			expect(item.json.results).toBe(3);
		}
		expect((outputs[0][4].json.event as IDataObject).email).toBe('user5@example.com');
		expect(outputs[1].map((item) => item.pairedItem)).toEqual([{ item: 4 }]);
	});
});
