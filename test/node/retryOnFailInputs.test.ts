import { setImmediate } from '@n8n-nodes-bentonow/dev-host/runtime';

import nock from 'nock';

import { BENTO_ORIGIN, SECRETS } from '../helpers/mockBento';
import { mockBento } from '../helpers/mockSending';
import {
	deliveries,
	expectNoSecrets,
	expectPairing,
	mockCase,
	RETRY,
	WRITE_CASES,
} from '../helpers/rerunCases';
import { runBentoNode, TEST_CREDENTIALS } from '../helpers/runNode';
import { RerunRecord } from '../../nodes/Bento/transport/rerunRecord';

// n8n's Retry On Fail with odd input (none, one, identical items, a thousand batches of one),
// the paged reader, expressions whose value changes between tries, and a busy process.

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const [events, , , emails, subscriberCreate] = WRITE_CASES;

describe('odd input', () => {
	it.each(WRITE_CASES.map((write) => [write.name, write] as const))(
		'%s: no input item is no request and no error',
		async (_name, write) => {
			const { requests } = mockCase(write);
			const result = await runBentoNode({
				parameters: write.parameters,
				items: [],
				onError: 'continueErrorOutput',
				alwaysOutputData: true,
				...RETRY,
			});
			expect(requests).toHaveLength(0);
			expect(result.error).toBeUndefined();
		},
	);

	it.each([events, subscriberCreate].map((write) => [write.name, write] as const))(
		'%s: identical items after an invalid first one go as often as in one run, not once per try',
		async (_name, write) => {
			const same = write.valid(7);
			const items = [write.invalid, same, same, same];
			const { requests } = mockCase(write);
			const result = await runBentoNode({
				parameters: write.parameters,
				items,
				onError: 'continueErrorOutput',
				...RETRY,
			});
			expect(requests).toHaveLength(3);
			expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([
				{ item: 1 },
				{ item: 2 },
				{ item: 3 },
			]);
			expect(result.outputs[1].map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		},
	);

	it('one maybe-sent email, alone: sent once, and the execution fails', async () => {
		const { requests } = mockCase(emails, ['reset']);
		const result = await runBentoNode({
			parameters: emails.parameters,
			items: [emails.valid(0)],
			...RETRY,
		});
		expect(requests).toHaveLength(1);
		expect(result.error?.message).toMatch(/^Batch 1 of 1 \(items 0-0\) may have been sent/);
	});

	it('1,001 events in batches of one, the invalid one first: 1,000 requests in all, each event once', async () => {
		const items = [events.invalid, ...Array.from({ length: 1000 }, (_, i) => events.valid(i))];
		const { requests } = mockCase(events);
		const result = await runBentoNode({
			parameters: events.parameters,
			items,
			onError: 'continueErrorOutput',
			...RETRY,
		});
		const { sent } = deliveries(events, requests);
		expect(requests).toHaveLength(1000);
		expect(sent.size).toBe(1000);
		expect(Math.max(...sent.values())).toBe(1);
		expect(result.outputs[0]).toHaveLength(1000);
		expect(result.outputs[0][999].json.event).toEqual(events.valid(999));
		expect(result.outputs[0][999].pairedItem).toEqual({ item: 1000 });
		expectPairing(result, items.length);
	}, 60_000);
});

describe('the paged reader (Tag Get Many)', () => {
	const tags = [1, 2, 3].map((id) => ({
		id: String(id),
		type: 'tags',
		attributes: { name: `t${id}` },
	}));
	const getAll = {
		resource: 'tag',
		operation: 'getAll',
		returnAll: true,
		options: { retryDelay: 0, maxRetries: 0 },
	};

	it('a failed read, then a good one: one set of entries, paired to each input item', async () => {
		const { requests } = mockBento('GET', '/fetch/tags', [
			[500, { error: 'Boom' }],
			[200, { data: tags }],
		]);
		const result = await runBentoNode({
			parameters: getAll,
			items: [{}, {}],
			onError: 'continueErrorOutput',
			...RETRY,
		});
		// Two items asking the same share one read: one failed read, one good one.
		expect(requests).toHaveLength(2);
		expect(result.outputs[0].map((i) => [i.json.name, i.pairedItem])).toEqual([
			['t1', { item: 0 }],
			['t2', { item: 0 }],
			['t3', { item: 0 }],
			['t1', { item: 1 }],
			['t2', { item: 1 }],
			['t3', { item: 1 }],
		]);
		expect(result.outputs[1]).toEqual([]);
	});

	it('Execute Once + Always Output Data, an empty list: one read, n8n’s one empty item', async () => {
		const { requests } = mockBento('GET', '/fetch/tags', [[200, { data: [] }]]);
		const result = await runBentoNode({
			parameters: getAll,
			items: [{}, {}, {}],
			executeOnce: true,
			alwaysOutputData: true,
			...RETRY,
		});
		expect(requests).toHaveLength(1);
		// n8n pairs its item to every input item, also with Execute Once.
		expect(result.outputs[0]).toEqual([
			{ json: {}, pairedItem: [0, 1, 2].map((item) => ({ item, input: 0 })) },
		]);
	});
});

describe('secrets', () => {
	it('an answer that echoes the keys, given again to the next tries, is masked every time', async () => {
		const echo = `key ${TEST_CREDENTIALS.secretKey} for ${TEST_CREDENTIALS.siteUuid}`;
		const { requests } = mockCase(emails, [[500, { error: echo }]]);
		const result = await runBentoNode({
			parameters: emails.parameters,
			items: [emails.valid(0), emails.valid(1)],
			onError: 'continueErrorOutput',
			...RETRY,
		});
		expect(requests).toHaveLength(2);
		expect(result.outputs[1]).toHaveLength(1);
		expect(String(result.outputs[1][0].json.error)).toMatch(/may have been sent/);
		expectNoSecrets(result);
		expect(SECRETS.length).toBeGreaterThan(0);
	});
});

describe('the record of a run holds across what changes between tries', () => {
	// Found while trying to break it: a record that knew a write by a hash of its body sent it
	// again when an expression computed a new value on each try ($now, a random ID). Writes are
	// now known by the input items they carry.
	it('Create Events with date {{ $now }}: an invalid first item does not send the valid events again', async () => {
		const { requests } = mockBento('POST', '/batch/events', [], (b) => ({
			results: (b.events as unknown[]).length,
		}));
		await runBentoNode({
			parameters: {
				resource: 'event',
				operation: 'create',
				mappingMode: 'defineBelow',
				eventType: 'signup',
				email: '={{ $json.email }}',
				date: '={{ $now.toISO() }}',
				options: { retryDelay: 0 },
			},
			items: [{ email: 'not-an-email' }, { email: 'a@example.com' }],
			onError: 'continueErrorOutput',
			retryOnFail: { maxTries: 3, waitBetweenTries: 5 },
		});
		expect(requests).toHaveLength(1);
	});

	it('events near the 1 MB bound that grow between tries: the batch that went is not sent again', async () => {
		// 1,000 events of about 1,500 bytes: the 1 MB bound cuts batch 1 after 666 of them. Before
		// the next try the first event grows by 2 kB: cut afresh, batch 1 would end one event
		// earlier, be a write no earlier try made, and its 665 events would go twice.
		const items = Array.from({ length: 1000 }, (_, i) => ({
			type: 'signup',
			email: `user${i}@example.com`,
			details: { note: 'x'.repeat(1430) },
		}));
		const received: string[] = [];
		const sizes: number[] = [];
		nock(BENTO_ORIGIN)
			.post('/api/v1/batch/events')
			.query(true)
			.times(3)
			.reply((_uri, body) => {
				const sent = (body as { events: Array<{ email: string }> }).events;
				sizes.push(sent.length);
				if (sizes.length === 2) {
					items[0].details.note += 'y'.repeat(2000);
					// Never reached Bento (Cloudflare's 521): batch 2 surely was not delivered.
					return [521, 'Web server is down'];
				}
				received.push(...sent.map((event) => event.email));
				return [200, { results: sent.length, failed: 0 }];
			});
		const { error, outputs } = await runBentoNode({
			parameters: {
				resource: 'event',
				operation: 'create',
				mappingMode: 'autoMapInputData',
				options: { retryDelay: 0, maxRetries: 0, requestsPerMinute: 0 },
			},
			items,
			retryOnFail: { maxTries: 2, waitBetweenTries: 1 },
		});
		expect(error).toBeUndefined();
		expect(sizes).toEqual([666, 334, 334]);
		expect(received).toHaveLength(1000);
		expect(new Set(received).size).toBe(1000);
		expect(outputs[0]).toHaveLength(1000);
		outputs[0].forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
	});

	// Other runs of Bento nodes in the same process while this node waits between its tries
	// (a busy instance, or a loop) must not push its record out.
	it('200 other runs in the process between two tries do not make the next try send again', async () => {
		const { requests } = mockBento('POST', '/batch/events', [], (body) => {
			// While n8n waits before the next try, other executions run Bento nodes.
			setImmediate(() => {
				for (let k = 0; k < 200; k++) RerunRecord.forRun(`other-${k}`, 'Bento', 0, Date.now());
			});
			return { results: (body.events as unknown[]).length };
		});
		await runBentoNode({
			parameters: events.parameters,
			items: [events.invalid, events.valid(1)],
			onError: 'continueErrorOutput',
			retryOnFail: { maxTries: 2, waitBetweenTries: 50 },
		});
		expect(requests).toHaveLength(1);
	});
});
