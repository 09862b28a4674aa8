// Requests that fit: batches cut by count and by size (MAX_REQUEST_BYTES), a 413 split into
// halves down to one event, nothing sent twice (Retry On Fail included), against the stand-in
// with a body limit smaller than the node's bound.
import nock from 'nock';

import { MAX_REQUEST_BYTES } from '../../nodes/Bento/engines/batchDelivery/batching';
import { BENTO_ORIGIN } from '../helpers/mockBento';
import { WRITE_CASES, type WriteCase } from '../helpers/rerunCases';
import { everythingEmitted, runBentoNode } from '../helpers/runNode';
import { runAgainst, SANDBOX_SECRETS, type Sandbox, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
const LIMIT = 512_000;
const EVENT_BYTES = 1500;

/** Event `i`, padded so that its JSON is EVENT_BYTES long (`pad` more bytes for an oversize one). */
function event(i: number, pad = 0) {
	const base = { type: '$import', email: `user${i}@example.com`, details: { note: '' } };
	const filler = EVENT_BYTES - Buffer.byteLength(JSON.stringify(base)) + pad;
	// Quotes, a line break and an emoji: real details, whose JSON is longer than their text.
	const text = `"Rock" \\ n\n😀 ${'x'.repeat(filler)}`;
	const over =
		Buffer.byteLength(JSON.stringify({ ...base, details: { note: text } })) - EVENT_BYTES - pad;
	return { ...base, details: { note: `"Rock" \\ n\n😀 ${'x'.repeat(filler - over)}` } };
}

const events = (n: number) => Array.from({ length: n }, (_, i) => event(i));

const noRetries = { retryDelay: 0, maxRetries: 0, requestsPerMinute: 0 };

const autoMap = (options: Record<string, unknown> = {}) => ({
	resource: 'event',
	operation: 'create',
	mappingMode: 'autoMapInputData',
	options: { retryDelay: 0, maxRetries: 0, requestsPerMinute: 0, ...options },
});

const posts = (s: Sandbox) => s.state.requests.filter((r) => r.path === '/api/v1/batch/events');
const statuses = (s: Sandbox) => posts(s).map((r) => r.status);

function expectEachOnce(s: Sandbox, n: number) {
	const delivery = s.delivery(n);
	expect(delivery).toMatchObject({
		received: n,
		distinct: n,
		missing: 0,
		duplicated: 0,
		unknown: 0,
	});
	// In input order.
	expect(s.state.events.map((e) => e.email)).toEqual(events(n).map((e) => e.email));
}

beforeEach(() => {
	const s = sandbox();
	s.state.requests.length = 0;
	s.state.events.length = 0;
	s.setFaults([]);
	s.setMaxBodyBytes(undefined);
});

describe('requests that fit', () => {
	it('the test events are 1.5 MB of JSON', () => {
		const items = events(1000);
		expect(items.every((e) => Buffer.byteLength(JSON.stringify(e)) === EVENT_BYTES)).toBe(true);
		expect(event(0, 700_000).details.note.length).toBeGreaterThan(700_000);
	});

	it('cuts 1,000 events of 1.5 MB by size: two requests under the bound, no 413', async () => {
		const s = sandbox();
		s.setMaxBodyBytes(MAX_REQUEST_BYTES);
		const { outputs, error } = await runAgainst(s, { parameters: autoMap(), items: events(1000) });
		expect(error).toBeUndefined();
		expect(statuses(s)).toEqual([200, 200]);
		const sizes = posts(s).map((r) => r.events);
		expect(sizes[0] + sizes[1]).toBe(1000);
		// As many events as fit in MAX_REQUEST_BYTES ({"events":[...]} with commas).
		expect(sizes[0]).toBe(Math.floor((MAX_REQUEST_BYTES - 13 + 1) / (EVENT_BYTES + 1)));
		for (const r of posts(s)) expect(r.bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
		expectEachOnce(s, 1000);
		expect(outputs[0]).toHaveLength(1000);
		expect(outputs[0][999].json.batch).toEqual({
			number: 2,
			count: 2,
			size: sizes[1],
			attempts: 1,
		});
		outputs[0].forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
	});

	it('more records than Batch Size: the plan made while batch 1 is sent numbers every batch', async () => {
		const s = sandbox();
		const { outputs } = await runAgainst(s, { parameters: autoMap(), items: events(1500) });
		const fit = Math.floor((MAX_REQUEST_BYTES - 13 + 1) / (EVENT_BYTES + 1));
		expect(posts(s).map((r) => r.events)).toEqual([fit, fit, 1500 - 2 * fit]);
		expect(outputs[0][0].json.batch).toEqual({ number: 1, count: 3, size: fit, attempts: 1 });
		expect(outputs[0][1499].json.batch).toEqual({
			number: 3,
			count: 3,
			size: 1500 - 2 * fit,
			attempts: 1,
		});
		expectEachOnce(s, 1500);
	});

	it('a later window over the bound: items put out before it was cut get the final count', async () => {
		const s = sandbox();
		// Windows of 100: the first two fit (150 kB each), the third is 1.2 MB and is cut in two,
		// after batch 1's items were put out counting 3 batches.
		const items = Array.from({ length: 300 }, (_, i) => event(i, i >= 200 ? 10_500 : 0));
		const { outputs, error } = await runAgainst(s, {
			parameters: autoMap({ batchSize: 100 }),
			items,
		});
		expect(error).toBeUndefined();
		expect(posts(s).map((r) => r.events)).toEqual([100, 100, 83, 17]);
		expect(outputs[0].map((item) => (item.json.batch as { count: number }).count)).toEqual(
			Array(300).fill(4),
		);
		expect(outputs[0][299].json.batch).toEqual({ number: 4, count: 4, size: 17, attempts: 1 });
		expect(s.delivery(300)).toMatchObject({ received: 300, distinct: 300, duplicated: 0 });
	});

	it("a failure of batch 1 names every batch, with Bento's words from a JSON:API body", async () => {
		const s = sandbox();
		s.setFaults([
			{
				status: 422,
				body: {
					errors: [
						{
							title: 'Invalid event',
							detail: 'Type is reserved',
							source: { pointer: '/events/0/type' },
						},
					],
				},
			},
		]);
		const { error } = await runAgainst(s, {
			parameters: autoMap({ batchSize: 100 }),
			items: events(250),
		});
		expect(error?.message).toBe(
			'Batch 1 of 3 (items 0-99) failed: Bento answered 422: /events/0/type: Invalid event: Type is reserved',
		);
		expect(error?.description).toContain(
			'Delivered: none. Not delivered: batches 1-3 (items 0-249).',
		);
		expect(s.state.events).toHaveLength(0);
	});

	it('Batch Size still cuts first when it is the smaller bound', async () => {
		const s = sandbox();
		await runAgainst(s, { parameters: autoMap({ batchSize: 300 }), items: events(1000) });
		expect(posts(s).map((r) => r.events)).toEqual([300, 300, 300, 100]);
	});

	it('after a 413 from a server with a smaller limit, 1,000 events of 1.5 MB arrive whole, once', async () => {
		const s = sandbox();
		s.setMaxBodyBytes(LIMIT);
		const { outputs, error, run } = await runAgainst(s, {
			parameters: autoMap(),
			items: events(1000),
		});
		expect(error).toBeUndefined();
		// Each batch over the limit was refused whole, then its halves went.
		expect(statuses(s)).toEqual([413, 200, 200, 200]);
		expect(posts(s).map((r) => r.events)).toEqual([0, 333, 333, 334]);
		for (const r of posts(s).filter((p) => p.status === 200))
			expect(r.bytes).toBeLessThanOrEqual(LIMIT);
		expectEachOnce(s, 1000);
		expect(outputs[0]).toHaveLength(1000);
		expect(outputs[0].every((item) => item.json.error === undefined)).toBe(true);
		expect(outputs[0][0].json.batch).toEqual({ number: 1, count: 2, size: 333, attempts: 1 });
		expect(outputs[0][999].json.batch).toEqual({ number: 2, count: 2, size: 334, attempts: 1 });
		const hints = run.data.resultData.runData.Bento[0].hints ?? [];
		expect(hints.map((h) => h.message)).toContainEqual(
			expect.stringContaining('Bento refused 1 request(s) as too large (413)'),
		);
	});

	it('halves again and again, down to what the server takes', async () => {
		const s = sandbox();
		s.setMaxBodyBytes(100_000);
		const { error } = await runAgainst(s, {
			parameters: autoMap({ batchSize: 200 }),
			items: events(200),
		});
		expect(error).toBeUndefined();
		// 200 -> 100 -> 50 (75 KB) each.
		expect(statuses(s)).toEqual([413, 413, 200, 200, 413, 200, 200]);
		expectEachOnce(s, 200);
	});

	describe('one event too large even alone', () => {
		const items = () => [event(0), event(1), event(2), event(3, LIMIT), event(4), event(5)];

		it('with Continue On Fail: that item is an error naming its size, the others go once', async () => {
			const s = sandbox();
			s.setMaxBodyBytes(LIMIT);
			const result = await runAgainst(s, {
				parameters: autoMap(),
				items: items(),
				onError: 'continueErrorOutput',
			});
			const { outputs, error } = result;
			expect(error).toBeUndefined();
			expect(s.state.events.map((e) => e.email)).toEqual(
				[0, 1, 2, 4, 5].map((i) => `user${i}@example.com`),
			);
			expect(outputs[0].map((i) => i.pairedItem)).toEqual(
				[0, 1, 2, 4, 5].map((item) => ({ item })),
			);
			expect(outputs[1]).toHaveLength(1);
			expect(outputs[1][0].pairedItem).toEqual({ item: 3 });
			expect(outputs[1][0].json.error).toBe(
				`Item 3: its event is ${EVENT_BYTES + LIMIT} bytes of JSON, too large for Bento even alone (Bento answered 413: 413 Request Entity Too Large nginx)`,
			);
			expectNoSecret(everythingEmitted(result));
		});

		it('without: the node fails naming the item, and says what was delivered', async () => {
			const s = sandbox();
			s.setMaxBodyBytes(LIMIT);
			const { error } = await runAgainst(s, { parameters: autoMap(), items: items() });
			expect(error?.message).toMatch(
				/^Item 3: its event is \d+ bytes of JSON, too large for Bento/,
			);
			expect(error?.description).toContain(
				'Delivered: items 0-2 (of batch 1). Not delivered: items 3-5 (of batch 1).',
			);
			expect(s.state.events.map((e) => e.email)).toEqual(
				[0, 1, 2].map((i) => `user${i}@example.com`),
			);
		});
	});

	it('Retry On Fail after a split: halves Bento took are not sent again', async () => {
		const s = sandbox();
		s.setMaxBodyBytes(LIMIT);
		// The first half goes; the second is refused with a 521 (never reached Bento, not retried
		// inside the node: Max Retries 0), so the node fails and n8n runs it again.
		s.setFaults([{}, { status: 521 }]);
		const { outputs, error } = await runAgainst(s, {
			parameters: autoMap(),
			items: events(1000),
			retryOnFail: { maxTries: 2, waitBetweenTries: 1 },
		});
		expect(error).toBeUndefined();
		// The next try keeps the cut of what went (events 0-332, given again, not sent) and plans
		// the rest afresh from event 333: 666 under 1 MB (refused, halved), then the last one.
		expect(statuses(s)).toEqual([413, 200, 521, 413, 200, 200, 200]);
		expect(posts(s).map((r) => r.events)).toEqual([0, 333, 0, 0, 333, 333, 1]);
		expectEachOnce(s, 1000);
		expect(outputs[0]).toHaveLength(1000);
	});
});

function expectNoSecret(text: string) {
	for (const secret of SANDBOX_SECRETS) expect(text).not.toContain(secret);
}

describe.each(WRITE_CASES.filter((write) => write.name.includes('batch writer')))(
	'$name: a 413 is split in halves, each record once',
	(write) => {
		beforeAll(() => nock.disableNetConnect());
		afterEach(() => nock.cleanAll());
		// The stand-in's tests after these connect to it again.
		afterAll(() => nock.enableNetConnect('127.0.0.1'));

		it('8 records, a server that takes 2 at most', async () => {
			const items = Array.from({ length: 8 }, (_, i) => write.valid(i));
			// What the node would send for two records, with a little room: three do not fit.
			const seen: Array<{ ids: string[]; status: number }> = [];
			let limit = 0;
			nock(BENTO_ORIGIN)
				.post(`/api/v1${write.path}`)
				.query(true)
				.times(100)
				.reply((_uri, body) => {
					const json = body as Record<string, unknown>;
					const size = Buffer.byteLength(JSON.stringify(json));
					const ids = write.ids(json);
					if (limit === 0) limit = Math.ceil((size / ids.length) * 2.5);
					const status = size > limit ? 413 : 200;
					seen.push({ ids, status });
					return status === 413 ? [413, ''] : [200, { results: ids.length, failed: 0 }];
				});
			const { outputs, error } = await runBentoNode({
				parameters: { ...write.parameters, options: { ...noRetries, batchSize: 8 } },
				items,
			});
			expect(error).toBeUndefined();
			expect(seen.map((r) => [r.ids.length, r.status])).toEqual([
				[8, 413],
				[4, 413],
				[2, 200],
				[2, 200],
				[4, 413],
				[2, 200],
				[2, 200],
			]);
			const delivered = seen.filter((r) => r.status === 200).flatMap((r) => r.ids);
			expect(delivered).toEqual(items.map((item) => write.ids(wrap(write, item))[0]));
			expect(outputs[0].map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
			expect(outputs[0].every((item) => item.json.error === undefined)).toBe(true);
		});
	},
);

/** One input item as the case's request body would carry it, to read its id. */
function wrap(write: WriteCase, item: Record<string, unknown>): Record<string, unknown> {
	const key = write.path === '/fetch/commands' ? 'command' : write.path.split('/').pop()!;
	return { [key]: [item] };
}

describe('a part that fails after a split', () => {
	it('is named as a part of its batch, and the report says what went', async () => {
		const s = sandbox();
		s.setMaxBodyBytes(LIMIT);
		s.setFaults([{}, { status: 422, body: { errors: { events: ['are locked'] } } }]);
		const { error } = await runAgainst(s, { parameters: autoMap(), items: events(1000) });
		expect(error?.message).toBe(
			'Batch 1 of 2 (items 333-665 of 0-665, split after a 413) failed: Bento answered 422: events: are locked',
		);
		expect(error?.description).toContain(
			'Delivered: items 0-332 (of batch 1). Not delivered: items 333-999 (of batches 1-2).',
		);
		expectEachOnce(s, 333);
	});
});
