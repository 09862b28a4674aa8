import { setImmediate } from '@n8n-nodes-bentonow/dev-host/runtime';

import nock from 'nock';

import { CLOCK_TEST_BY, LEARNING_IN_FLIGHT } from '../../nodes/Bento/transport/limitState';
import { mockStandInAccount } from '../helpers/fakeLimiter';
import { runBentoNode, TEST_CREDENTIALS, type RunResult } from '../helpers/runNode';
import { useVirtualClock } from '../helpers/virtualClock';

// Many executions on one account in one n8n process, as a burst of webhook-triggered
// executions runs them: each a real n8n-core run, all at once, in virtual time (a wait is a
// timer; time moves only when every execution waits), against the stand-in's limiter.
const MINUTE = 60_000;
// Second 30 of a minute (virtual): the first window has 30 s left, soon enough for the line to
// test the clock-aligned reset (CLOCK_TEST_BY; test/limits/shapes.test.ts tries other seconds).
const START = Date.UTC(2026, 11, 3, 10, 0, 30);
const clock = useVirtualClock(START);

jest.setTimeout(180_000);
afterEach(() => nock.cleanAll());

const createEvents = (options: Record<string, unknown> = {}) => ({
	resource: 'event',
	operation: 'create',
	mappingMode: 'autoMapInputData',
	options: { batchSize: 100, ...options },
});

const event = (id: number) => ({ type: 'order', email: `buyer${id}@example.com`, details: { id } });

interface Finished extends RunResult {
	at: number;
}

/** Starts one single-event execution per id, all at once; each resolves with when it finished. */
function burst(ids: number[], options: Record<string, unknown> = {}, siteUuid?: string) {
	return ids.map((id) =>
		runBentoNode({
			parameters: createEvents(options),
			items: [event(id)],
			...(siteUuid ? { credentials: { siteUuid } } : {}),
		}).then((result): Finished => ({ ...result, at: clock.state.now })),
	);
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('1,000 single-event executions at once on one account (100 a minute, clock-aligned, refused requests counted, no Retry-After)', () => {
	it('all delivered exactly once, none failed, at most 2 refusals a window after the first, within 1.1x the floor', async () => {
		const bento = mockStandInAccount(TEST_CREDENTIALS.siteUuid, {
			shape: 'clock',
			limit: 100,
			windowMs: MINUTE,
		});
		const runs = await clock.run(Promise.all(burst(range(0, 1_000))));

		expect(runs.filter((r) => r.error !== undefined)).toHaveLength(0);
		expect(bento.lostAndDuplicated(range(0, 1_000))).toEqual([0, 0]);
		const windows = bento.windows(MINUTE);
		expect(windows.map((w) => w.accepted)).toEqual(Array(10).fill(100));
		// The first window: the requests in flight when it filled (the budget was not known yet).
		expect(windows[0].refused).toBeLessThanOrEqual(LEARNING_IN_FLIGHT);
		for (const w of windows.slice(1)) expect(w.refused).toBeLessThanOrEqual(2);
		// The floor: the 1,000th request can be accepted at the start of the tenth window.
		const floor = windows[9].start - START;
		const took = Math.max(...runs.map((r) => r.at)) - START;
		expect(took).toBeGreaterThanOrEqual(floor);
		expect(took).toBeLessThanOrEqual(1.1 * floor);
	});
});

describe('fairness: one long job and 300 single-event executions on one account', () => {
	it("the small executions do not wait for the whole long job, and no window's budget is left unused", async () => {
		const bento = mockStandInAccount(TEST_CREDENTIALS.siteUuid, {
			shape: 'clock',
			limit: 100,
			windowMs: MINUTE,
		});
		const long = runBentoNode({
			parameters: createEvents(),
			items: range(100_000, 25_000).map(event),
		}).then((result): Finished => ({ ...result, at: clock.state.now }));
		// The small ones arrive once the long job is sending (building its first batch takes it a
		// moment of real time, none of virtual time).
		while (bento.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
		const small = burst(range(0, 300));
		const [longRun, ...smallRuns] = await clock.run(Promise.all([long, ...small]));

		expect(longRun.error).toBeUndefined();
		expect(smallRuns.filter((r) => r.error !== undefined)).toHaveLength(0);
		expect(bento.lostAndDuplicated([...range(0, 300), ...range(100_000, 25_000)])).toEqual([0, 0]);
		// 550 requests: six windows, each used to its budget. In line by arrival, the small ones
		// are done in the fourth; the long job, sending one request at a time, takes its turn
		// after the requests that arrived before its next one, and then the rest of the windows.
		const lastSmall = Math.max(...smallRuns.map((r) => r.at));
		expect(lastSmall).toBeLessThan(longRun.at);
		expect(lastSmall - START).toBeLessThan(3 * MINUTE);
		expect(bento.windows(MINUTE).map((w) => w.accepted)).toEqual([100, 100, 100, 100, 100, 50]);
		const firstLong = bento.requests.find((r) => r.ids[0] >= 100_000);
		expect(firstLong?.at).toBe(START);
	});
});

describe('a sliding window (at most 100 answered in any 60 s)', () => {
	it('300 executions at once: all delivered once, at most 2 refusals a window after the first', async () => {
		const bento = mockStandInAccount(TEST_CREDENTIALS.siteUuid, {
			shape: 'sliding',
			limit: 100,
			windowMs: MINUTE,
		});
		const runs = await clock.run(Promise.all(burst(range(0, 300))));
		expect(runs.filter((r) => r.error !== undefined)).toHaveLength(0);
		expect(bento.lostAndDuplicated(range(0, 300))).toEqual([0, 0]);
		const refusedIn = (from: number) =>
			bento.requests.filter((r) => r.status === 429 && r.at >= from && r.at < from + MINUTE).length;
		expect(refusedIn(START)).toBeLessThanOrEqual(LEARNING_IN_FLIGHT + 2);
		for (let from = START + MINUTE; from < clock.state.now; from += MINUTE)
			expect(refusedIn(from)).toBeLessThanOrEqual(2);
		// 100 at once, then 100 a window after the first answers, then the last 100; the clock
		// reset 30 s in is tested and refused, and its refusal holds a place for a window (the
		// line counts refusals under a sliding window): the last request waits that much longer.
		expect(clock.state.now - START).toBeLessThan((2 + CLOCK_TEST_BY) * MINUTE + 2_000);
	});
});

describe('no Date header (a proxy dropped it): the window cannot be read from the clock', () => {
	it('300 executions at once against a clock-aligned limit: all delivered once, none failed', async () => {
		const bento = mockStandInAccount(
			TEST_CREDENTIALS.siteUuid,
			{ shape: 'clock', limit: 100, windowMs: MINUTE },
			false,
		);
		const runs = await clock.run(Promise.all(burst(range(0, 300))));
		expect(runs.filter((r) => r.error !== undefined)).toHaveLength(0);
		expect(bento.lostAndDuplicated(range(0, 300))).toEqual([0, 0]);
		const windows = bento.windows(MINUTE);
		for (const w of windows.slice(1)) expect(w.refused).toBeLessThanOrEqual(2);
	});
});

describe('Retry-After', () => {
	it('is waited for by the whole line: nobody sends before it, and all are delivered once', async () => {
		const bento = mockStandInAccount(TEST_CREDENTIALS.siteUuid, {
			shape: 'clock',
			limit: 100,
			windowMs: MINUTE,
			retryAfter: 'auto',
		});
		const runs = await clock.run(Promise.all(burst(range(0, 250))));
		expect(runs.filter((r) => r.error !== undefined)).toHaveLength(0);
		expect(bento.lostAndDuplicated(range(0, 250))).toEqual([0, 0]);
		// Every refusal said "come back at the next minute": no request arrived between a refusal
		// and that time.
		for (const refusal of bento.requests.filter((r) => r.status === 429)) {
			const reset = Math.ceil((refusal.at + 1) / MINUTE) * MINUTE;
			const early = bento.requests.filter((r) => r.at > refusal.at && r.at < reset);
			expect(early.filter((r) => r.status === 200)).toHaveLength(0);
		}
		expect(bento.windows(MINUTE).map((w) => w.accepted)).toEqual([100, 100, 50]);
	});
});

describe('a cancelled execution in the line', () => {
	it('leaves it at once and holds nobody up, also when it was the one waiting for the reset', async () => {
		const bento = mockStandInAccount(TEST_CREDENTIALS.siteUuid, {
			shape: 'clock',
			limit: 100,
			windowMs: MINUTE,
		});
		let cancel = () => {};
		const cancelled = new Promise<void>((resolve) => (cancel = resolve));
		// Those after the first 100 wait for the reset; ten of them (the head of the line among
		// them) are cancelled while they wait.
		const runs = range(0, 300).map((id) =>
			runBentoNode({
				parameters: createEvents(),
				items: [event(id)],
				...(id >= 100 && id < 120 && id % 2 === 0 ? { cancelWhen: cancelled } : {}),
			}).then((result): Finished => ({ ...result, at: clock.state.now })),
		);
		let cancelledAt = 0;
		const results = await clock.run(Promise.all(runs), (now) => {
			if (cancelledAt === 0) {
				cancelledAt = now;
				cancel();
			}
		});
		const gone = range(100, 20).filter((id) => id % 2 === 0);
		for (const id of gone) {
			expect(results[id].run.status === 'canceled' || results[id].error !== undefined).toBe(true);
			expect(bento.delivered.get(id)).toBeUndefined();
		}
		const others = range(0, 300).filter((id) => !gone.includes(id));
		expect(others.filter((id) => results[id].error !== undefined)).toEqual([]);
		expect(bento.lostAndDuplicated(others)).toEqual([0, 0]);
		// 290 requests: the third window takes the last 90, nobody waits a fourth.
		expect(bento.windows(MINUTE).map((w) => w.accepted)).toEqual([100, 100, 90]);
	});
});

describe('two accounts side by side', () => {
	it("one account's line does not delay the other's requests", async () => {
		const busy = mockStandInAccount(TEST_CREDENTIALS.siteUuid, {
			shape: 'clock',
			limit: 100,
			windowMs: MINUTE,
		});
		const other = mockStandInAccount('other-site-uuid', {
			shape: 'clock',
			limit: 100,
			windowMs: MINUTE,
		});
		const busyRuns = burst(range(0, 400));
		const otherRuns = burst(range(1_000, 50), {}, 'other-site-uuid');
		const results = await clock.run(Promise.all([...busyRuns, ...otherRuns]));
		expect(results.filter((r) => r.error !== undefined)).toHaveLength(0);
		expect(busy.lostAndDuplicated(range(0, 400))).toEqual([0, 0]);
		expect(other.lostAndDuplicated(range(1_000, 50))).toEqual([0, 0]);
		// The other account's 50 go in its first window, while the busy one waits for its resets.
		expect(other.requests.every((r) => r.status === 200 && r.at < START + 30_000)).toBe(true);
		expect(Math.max(...results.slice(400).map((r) => r.at))).toBeLessThan(START + 30_000);
	});
});

describe('Max Wait for Rate Limit (Minutes)', () => {
	it('a turn further away fails once the wait has passed (a predicted turn is a guess), naming the limit and when to try; the rest are delivered once', async () => {
		const bento = mockStandInAccount(TEST_CREDENTIALS.siteUuid, {
			shape: 'clock',
			limit: 100,
			windowMs: MINUTE,
		});
		const runs = await clock.run(Promise.all(burst(range(0, 300), { maxRateLimitWait: 1 })));
		const failed = runs.filter((r) => r.error !== undefined);
		// Learning the budget took the first window; the turns two windows away (over a minute)
		// are not had: about a third of the line.
		expect(failed.length).toBeGreaterThan(50);
		expect(failed.length).toBeLessThan(150);
		for (const run of failed) {
			expect(run.error?.message).toMatch(
				/Not sent: its turn under Bento's rate limit is further away than the node waits \(Bento allows 100 requests a minute per account \(\/batch, \/fetch, \/experimental\)\. Try again after \d\d:\d\d:\d\d UTC\.\)$/,
			);
			// Nobody waited longer than the option says.
			expect(run.at - START).toBeLessThanOrEqual(MINUTE);
		}
		// None failed on a predicted turn: each waited its minute, then failed (issue 31).
		for (const run of failed) expect(run.at - START).toBe(MINUTE);
		const sent = runs.map((r, id) => (r.error === undefined ? id : -1)).filter((id) => id >= 0);
		expect(bento.lostAndDuplicated(sent)).toEqual([0, 0]);
		expect(sent.length + failed.length).toBe(300);
	});
});
