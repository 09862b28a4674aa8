import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { BENTO_ORIGIN } from '../helpers/mockBento';
import { runBentoNode } from '../helpers/runNode';

// Retry On Fail against the batch plan: what an earlier try sent must be known again on the next
// try even when the records moved the 1 MB cut, whatever failed before it.

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const EVENTS = {
	resource: 'event',
	operation: 'create',
	mappingMode: 'autoMapInputData',
	options: { retryDelay: 0, maxRetries: 0, requestsPerMinute: 0 },
};

// 1,000 events of about 1,500 bytes: the 1 MB bound cuts batch 1 after 666 of them.
const bigEvents = () =>
	Array.from({ length: 1000 }, (_, i) => ({
		type: 'signup',
		email: `user${i}@example.com`,
		details: { note: 'x'.repeat(1430) },
	}));

describe('Retry On Fail with Continue On Fail: a first batch that failed', () => {
	it('batch 1 refused (422), batch 2 delivered; the first event grows before the next try: batch 2 is not sent again', async () => {
		const items = bigEvents();
		const received: string[] = [];
		const sizes: number[] = [];
		nock(BENTO_ORIGIN)
			.post('/api/v1/batch/events')
			.query(true)
			.times(4)
			.reply((_uri, body) => {
				const sent = (body as { events: Array<{ email: string }> }).events;
				sizes.push(sent.length);
				if (sizes.length === 1) return [422, { error: 'refused' }];
				if (sizes.length === 2) items[0].details.note += 'y'.repeat(2000);
				received.push(...sent.map((event) => event.email));
				return [200, { results: sent.length, failed: 0 }];
			});
		const { error, outputs } = await runBentoNode({
			parameters: EVENTS,
			items,
			onError: 'continueRegularOutput',
			retryOnFail: { maxTries: 2, waitBetweenTries: 1 },
		});
		expect(error).toBeUndefined();
		// Try 1: [0, 666) refused, [666, 1000) delivered. Try 2: only [0, 666) is left to send.
		expect(sizes.slice(0, 2)).toEqual([666, 334]);
		expect(new Set(received).size).toBe(1000);
		expect(received).toHaveLength(1000);
		expect(outputs[0]).toHaveLength(1000);
		outputs[0].forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
	});

	it('an invalid first item becomes valid on the next try: the batches that went are not sent again', async () => {
		// Try 1: item 0 invalid (error item first, so n8n tries again), items 1-5 go in batches of
		// two: [1, 2], [3, 4], [5]. Try 2: item 0 is valid, the batches of two would be [0, 1],
		// [2, 3], [4, 5]: writes no earlier try made.
		const items: Array<{ type: string; email: string }> = Array.from({ length: 6 }, (_, i) => ({
			type: 'signup',
			email: `user${i}@example.com`,
		}));
		items[0].email = 'not an address';
		const received: string[] = [];
		nock(BENTO_ORIGIN)
			.post('/api/v1/batch/events')
			.query(true)
			.times(10)
			.reply((_uri, body) => {
				const sent = (body as { events: Array<{ email: string }> }).events;
				received.push(...sent.map((event) => event.email));
				if (received.length >= 5) items[0].email = 'user0@example.com';
				return [200, { results: sent.length, failed: 0 }];
			});
		const { error, outputs } = await runBentoNode({
			parameters: { ...EVENTS, options: { ...EVENTS.options, batchSize: 2 } },
			items,
			onError: 'continueRegularOutput',
			retryOnFail: { maxTries: 2, waitBetweenTries: 1 },
		});
		expect(error).toBeUndefined();
		expect(received.slice(0, 5)).toEqual([1, 2, 3, 4, 5].map((i) => `user${i}@example.com`));
		// Each address reached Bento once.
		expect(received.filter((email) => email !== 'user0@example.com')).toHaveLength(5);
		expect(outputs[0]).toHaveLength(6);
		outputs[0].forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
	});
});

describe('Retry On Fail with the error output and an item invalid on every try', () => {
	it('items grow between tries: the cuts of the earlier try are kept, nothing goes twice, pairing holds', async () => {
		const items: IDataObject[] = bigEvents();
		items.unshift({ type: 'signup', email: 'not an address' });
		const received: string[] = [];
		const sizes: number[] = [];
		nock(BENTO_ORIGIN)
			.post('/api/v1/batch/events')
			.query(true)
			.times(6)
			.reply((_uri, body) => {
				const sent = (body as { events: Array<{ email: string }> }).events;
				sizes.push(sent.length);
				received.push(...sent.map((event) => event.email));
				// Before the next try every event grows: cut afresh, batch 1 would end earlier.
				if (sizes.length === 2)
					for (const item of items.slice(1))
						(item.details as { note: string }).note += 'y'.repeat(40);
				return [200, { results: sent.length, failed: 0 }];
			});
		const { error, outputs } = await runBentoNode({
			parameters: EVENTS,
			items,
			onError: 'continueErrorOutput',
			retryOnFail: { maxTries: 3, waitBetweenTries: 1 },
		});
		expect(error).toBeUndefined();
		expect(sizes).toEqual([666, 334]);
		expect(new Set(received).size).toBe(1000);
		expect(outputs[0]).toHaveLength(1000);
		outputs[0].forEach((item, i) => expect(item.pairedItem).toEqual({ item: i + 1 }));
		expect(outputs[1].map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	});
});

describe('Retry On Fail with Run Command tag lists', () => {
	/**
	 * Add Tag with the list "a, b, c" for three people, Batch Size 4: batch 1 goes, batch 2 fails
	 * with a 521 (never reached Bento), `beforeRetry` may change the items, n8n runs the node again.
	 * Returns the run and every command Bento accepted, as `email:tag`.
	 */
	async function tagListRun(beforeRetry: (items: IDataObject[]) => void = () => undefined) {
		const items: IDataObject[] = ['a, b, c', 'a, b, c', 'a, b, c'].map((query, i) => ({
			command: 'add_tag',
			email: `user${i}@example.com`,
			query,
		}));
		const received: string[] = [];
		let calls = 0;
		nock(BENTO_ORIGIN)
			.post('/api/v1/fetch/commands')
			.query(true)
			.times(6)
			.reply((_uri, body) => {
				calls++;
				const sent = (body as { command: Array<{ email: string; query: string }> }).command;
				if (calls === 2) {
					beforeRetry(items);
					return [521, 'Web server is down'];
				}
				received.push(...sent.map((c) => `${c.email}:${c.query}`));
				return [200, { results: sent.length, failed: 0 }];
			});
		const run = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'runCommand',
				mappingMode: 'autoMapInputData',
				options: { retryDelay: 0, maxRetries: 0, requestsPerMinute: 0, batchSize: 4 },
			},
			items,
			retryOnFail: { maxTries: 2, waitBetweenTries: 1 },
		});
		return { ...run, received };
	}

	it('the same tag lists: batch 1 went, batch 2 failed (521); the next try sends only batch 2 on', async () => {
		const { error, outputs, received } = await tagListRun();
		expect(error).toBeUndefined();
		expect(received).toHaveLength(9);
		expect(new Set(received).size).toBe(9);
		expect(outputs[0].map((o) => o.pairedItem)).toEqual(
			[0, 0, 0, 1, 1, 1, 2, 2, 2].map((item) => ({ item })),
		);
		expect(outputs[0].map((o) => (o.json.batch as { count: number }).count)).toEqual(
			Array(9).fill(3),
		);
	});

	// A known limit (docs/limits-and-retries.md): a write is known by its input items in a row, and
	// an item whose list gives another number of commands on the next try no longer matches the
	// earlier write it was in. That write's commands go again; this pins how far that goes.
	it('item 0 loses a tag between tries: batch 1 no longer matches and goes again (a known limit)', async () => {
		const { error, outputs, received } = await tagListRun((items) => {
			items[0].query = 'a, b';
		});
		expect(error).toBeUndefined();
		// Try 1 delivered user0:a, user0:b, user0:c, user1:a. Try 2 finds no write of [0, 0, 0, 1]
		// among its commands (item 0 now gives two) and sends all eight of them.
		expect(received.slice(0, 4)).toEqual([
			'user0@example.com:a',
			'user0@example.com:b',
			'user0@example.com:c',
			'user1@example.com:a',
		]);
		expect(received).toHaveLength(12);
		const twice = received.filter((c, k) => received.indexOf(c) !== k);
		expect(twice).toEqual(['user0@example.com:a', 'user0@example.com:b', 'user1@example.com:a']);
		expect(outputs[0].map((o) => o.pairedItem)).toEqual(
			[0, 0, 1, 1, 1, 2, 2, 2].map((item) => ({ item })),
		);
	});
});
