import nock from 'nock';

import { CLOCK_TEST_BY } from '../../nodes/Bento/transport/limitState';

import { useFakeClock } from '../helpers/fakeClock';
import { mockBatchEvents } from '../helpers/mockBento';
import { mockBento } from '../helpers/mockSending';
import { mockLimitedEvents } from '../helpers/fakeLimiter';
import { runBentoNode } from '../helpers/runNode';

// Bento's limit in the transport's fake time: a minute-long wait takes no real time. Each test
// checks what the stand-in saw (every event exactly once, the 429s) and how long the node took
// against the least time the limit allows.
const clock = useFakeClock();

const MINUTE = 60_000;

const createEvents = (options: Record<string, unknown> = {}) => ({
	resource: 'event',
	operation: 'create',
	mappingMode: 'autoMapInputData',
	options: { batchSize: 100, ...options },
});

const events = (n: number) =>
	Array.from({ length: n }, (_, id) => ({
		type: 'signup',
		email: `user${id}@example.com`,
		details: { id },
	}));

/** Starts the fake clock at `secondOfMinute` past a whole minute. */
function startAt(secondOfMinute: number) {
	const now = Date.now() + clock.offsetMs;
	const minute = Math.ceil(now / MINUTE) * MINUTE;
	clock.offsetMs += minute + secondOfMinute * 1000 - now;
	return minute + secondOfMinute * 1000;
}

const elapsed = (start: number) => Date.now() + clock.offsetMs - start;

/** Real time a run took (the node's own work and the mock's): it adds to the faked time. */
function realTime() {
	const started = Date.now();
	return () => Date.now() - started;
}

afterEach(() => nock.cleanAll());

describe('a clock-aligned window, every request counted, no Retry-After (Rack::Attack)', () => {
	it.each([5, 30, 55])(
		'250 requests starting at second %i: all delivered once, one 429 per window, within the floor plus 1.3 s per window',
		async (second) => {
			const bento = mockLimitedEvents({ kind: 'clock', limit: 100, windowMs: MINUTE });
			const start = startAt(second);
			const real = realTime();
			const result = await runBentoNode({ parameters: createEvents(), items: events(25_000) });

			expect(result.error).toBeUndefined();
			expect(bento.lostAndDuplicated(25_000)).toEqual([0, 0]);
			expect(result.outputs[0]).toHaveLength(25_000);
			// Windows: [start, next minute) takes 100, the next minute 100, the one after 50.
			const floor = MINUTE - second * 1000 + MINUTE;
			// A clock reset later than CLOCK_TEST_BY into the window is not tested: the line waits
			// for the window to slide past its first request instead, `second` s more.
			const untested = MINUTE - second * 1000 > CLOCK_TEST_BY * MINUTE ? second * 1000 : 0;
			expect(bento.refusals().length).toBeLessThanOrEqual(2);
			expect(elapsed(start)).toBeGreaterThanOrEqual(floor);
			expect(elapsed(start)).toBeLessThan(floor + untested + 2 * 1300 + real());
			// Max Retries is untouched by 429s: the default 5 would have failed at the first window.
			expect(result.outputs[0][24_999].json.batch).toMatchObject({ number: 250, attempts: 1 });
		},
	);

	it('a saved fixed Requests Per Minute still paces evenly, and a 429 still waits for the window', async () => {
		const bento = mockLimitedEvents({ kind: 'clock', limit: 5, windowMs: MINUTE });
		startAt(10);
		const result = await runBentoNode({
			parameters: createEvents({ requestsPerMinute: 10 }),
			items: events(800),
		});
		expect(result.error).toBeUndefined();
		expect(bento.lostAndDuplicated(800)).toEqual([0, 0]);
		const paced = clock.waits.filter((w) => w > 5_000 && w <= 6_000);
		expect(paced.length).toBeGreaterThanOrEqual(4);
		expect(bento.refusals().length).toBeGreaterThan(0);
	});
});

describe('a sliding window (at most 100 in any 60 s)', () => {
	it.each([5, 50])(
		'250 requests starting at second %i: all delivered once, at most one 429 a window after learning, within the floor plus 1.3 s per window',
		async (second) => {
			const bento = mockLimitedEvents({ kind: 'sliding', limit: 100, windowMs: MINUTE });
			const start = startAt(second);
			const real = realTime();
			const result = await runBentoNode({ parameters: createEvents(), items: events(25_000) });

			expect(result.error).toBeUndefined();
			expect(bento.lostAndDuplicated(25_000)).toEqual([0, 0]);
			// 100 at once, the next 100 a minute after the first, the last 50 a minute after that.
			const floor = 2 * MINUTE;
			expect(elapsed(start)).toBeGreaterThanOrEqual(floor);
			expect(elapsed(start)).toBeLessThan(floor + 2 * 1300 + real());
			// The first refusal and at most one more while telling the window's shape; after that at
			// most the one request a window that tries whether Bento allows one more (issue 17's
			// target: at most 2 refused a window after the first).
			const refusedIn = (from: number) =>
				bento.refusals().filter((r) => r.at >= from && r.at < from + MINUTE).length;
			expect(refusedIn(start)).toBeLessThanOrEqual(2);
			expect(refusedIn(start + MINUTE)).toBeLessThanOrEqual(1);
			expect(refusedIn(start + 2 * MINUTE)).toBeLessThanOrEqual(1);
		},
	);
});

describe('Retry-After', () => {
	it('in seconds: waited exactly, and not counted as a retry', async () => {
		const bento = mockLimitedEvents({
			kind: 'retryAfter',
			refuse: [1, 2],
			retryAfter: () => '7',
		});
		const result = await runBentoNode({
			parameters: createEvents({ maxRetries: 0 }),
			items: events(300),
		});
		expect(result.error).toBeUndefined();
		expect(bento.lostAndDuplicated(300)).toEqual([0, 0]);
		expect(clock.waits).toEqual([7000, 7000]);
	});

	it('as an HTTP date: waited until then', async () => {
		const bento = mockLimitedEvents({
			kind: 'retryAfter',
			refuse: [0],
			retryAfter: (now) => new Date(Math.floor(now / 1000) * 1000 + 42_000).toUTCString(),
		});
		const result = await runBentoNode({ parameters: createEvents(), items: events(100) });
		expect(result.error).toBeUndefined();
		expect(bento.lostAndDuplicated(100)).toEqual([0, 0]);
		expect(clock.waits).toHaveLength(1);
		expect(clock.waits[0]).toBeGreaterThan(40_000);
		expect(clock.waits[0]).toBeLessThanOrEqual(42_000);
	});

	it('on a 503 too: its Retry-After replaces the backoff, and it is one of Max Retries', async () => {
		const { requests } = mockBatchEvents([
			[503, { error: 'Busy' }, { 'Retry-After': '4' }],
			[503, { error: 'Busy' }, { 'Retry-After': '4' }],
		]);
		const result = await runBentoNode({
			parameters: createEvents({ maxRetries: 1 }),
			items: events(10),
		});
		expect(requests).toHaveLength(2);
		expect(clock.waits).toEqual([4000]);
		expect(result.error?.message).toMatch(/Bento answered 503: Busy \(after 2 attempts\)$/);
	});

	it('beyond the wait cap: not slept through; the batch fails at once naming the limit and when', async () => {
		const bento = mockLimitedEvents({
			kind: 'retryAfter',
			refuse: [1],
			retryAfter: () => '3600',
		});
		const result = await runBentoNode({ parameters: createEvents(), items: events(300) });
		expect(clock.waits).toEqual([]);
		expect(bento.requests).toHaveLength(2);
		expect(result.error?.message).toMatch(
			/^Batch 2 of 3 \(items 100-199\) failed: Bento answered 429: Too many requests \(Bento allows 100 requests a minute per account \(\/batch, \/fetch, \/experimental\)\. Try again after \d\d:\d\d:\d\d UTC\.\)$/,
		);
		expect(result.error?.description).toContain(
			'Delivered: batch 1 (items 0-99). Not delivered: batches 2-3 (items 100-299).',
		);
	});
});

describe('cancellation', () => {
	it('a cancelled execution stops waiting at once and sends nothing more', async () => {
		const bento = mockLimitedEvents({
			kind: 'retryAfter',
			refuse: [1],
			retryAfter: () => '120',
		});
		clock.holdWaitsFrom = 60_000;
		const result = await runBentoNode({
			parameters: createEvents(),
			items: events(300),
			cancelAfterMs: 300,
		});
		expect(bento.requests).toHaveLength(2);
		expect(clock.waits).toEqual([120_000]);
		expect(result.run.status === 'canceled' || result.error !== undefined).toBe(true);
	});
});

describe("a limit whose window outlasts the wait cap (Bento's daily one for data deletion)", () => {
	it('with Continue On Fail, every later item fails at once naming the limit; nothing sleeps past the cap', async () => {
		const date = { Date: 'Mon, 30 Nov 2026 10:00:00 GMT' };
		const { requests } = mockBento('POST', '/data_deletion_requests', [
			[202, {}, date],
			[202, {}, date],
			[429, { error: 'Too many' }, date],
		]);
		const result = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'deletePersonalData',
				email: '={{ $json.email }}',
				options: { retryDelay: 0 },
			},
			items: Array.from({ length: 6 }, (_, i) => ({ email: `p${i}@example.com` })),
			onError: 'continueRegularOutput',
		});
		expect(clock.waits.every((w) => w <= 5 * 60_000)).toBe(true);
		expect(clock.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4 * 5 * 60_000);
		const out = result.outputs[0];
		expect(out.slice(0, 2).map((i) => i.json.status)).toEqual(['queued', 'queued']);
		for (const item of out.slice(2))
			expect(String(item.json.error)).toMatch(/Bento allows 1,000 data deletion requests a day/);
		// Items after the first refusal are not all sent: the limiter holds them back.
		expect(requests.length).toBeLessThanOrEqual(6);
	});
});
