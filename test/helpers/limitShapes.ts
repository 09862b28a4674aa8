import { systemClock } from '../../nodes/Bento/transport/clock';
import type { RateLimit } from '../../sandbox/rateLimit';
import { type SimFinish, simulatedAccount } from './lineSim';

// The limiter shapes and bounds test/limits/shapes*.test.ts try the account's line against
// (issue 31), and how a run is measured against the limit's floor.
const MINUTE = 60_000;

export const SHAPES: Array<[string, RateLimit]> = [
	['clock-aligned, refused requests counted', { shape: 'clock', limit: 100, windowMs: MINUTE }],
	['a window from the first request', { shape: 'from-first', limit: 100, windowMs: MINUTE }],
	['sliding, refused requests not counted', { shape: 'sliding', limit: 100, windowMs: MINUTE }],
	[
		'sliding, refused requests counted',
		{ shape: 'sliding', limit: 100, windowMs: MINUTE, countRefused: true },
	],
	['blocked for a window once exceeded', { shape: 'block', limit: 100, windowMs: MINUTE }],
];

/**
 * The least time the limit allows `n` requests from the first one (ms): ceil(n / 100) windows
 * one after another; a clock-aligned first window ends at the server's next minute, and holds
 * what it took (a burst that starts half a second before the minute cannot fill it).
 */
function floorOf(limit: RateLimit, n: number, firstAt: number, inFirstMinute: number) {
	if (limit.shape !== 'clock') return (Math.ceil(n / limit.limit) - 1) * limit.windowMs;
	const rest = n - inFirstMinute;
	const windows = Math.ceil(rest / limit.limit) - 1;
	return rest <= 0 ? 0 : limit.windowMs - (firstAt % limit.windowMs) + windows * limit.windowMs;
}

export const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

/** What every run must show: none failed, each execution's requests accepted exactly once. */
export function expectAllOnce(
	sim: ReturnType<typeof simulatedAccount>,
	runs: SimFinish[],
	sizes: number[],
) {
	expect(runs.filter((r) => r.error !== undefined).map((r) => r.error)).toEqual([]);
	expect(runs.map((r) => sim.accepted(r.execution))).toEqual(sizes);
}

/** Took / floor, from the first request's arrival to the last execution's end. */
export function ratio(
	sim: ReturnType<typeof simulatedAccount>,
	limit: RateLimit,
	runs: SimFinish[],
) {
	const first = sim.requests[0].at;
	const ok = sim.requests.filter((r) => r.status === 200);
	const inFirstMinute = ok.filter((r) => Math.floor(r.at / MINUTE) === Math.floor(first / MINUTE));
	const floor = floorOf(limit, ok.length, first, inFirstMinute.length);
	return (Math.max(...runs.map((r) => r.at)) - first) / floor;
}

// The most time / floor any shape may take, whatever the second. A burst that fills its windows
// exactly pays once for what the line cannot know in the first window: a clock reset tested and
// refused holds a place for a window under a sliding window that counts refusals, and one left
// untested costs a clock-aligned limit the rest of that window (CLOCK_TEST_BY keeps both < 1.3).
export const BOUND = { burst300: 1.3, burst1000: 1.1, mixed: 1.15 };
// Seconds of the server's minute the first request leaves at: the minute itself (a schedule at
// :00), a clock reset too late to test (20), one tested (30), and a burst across the minute.
export const SECONDS = [0, 20, 30, 59.5];

/** `n` single-request executions at once (ids from `from`), from second `second` of the minute. */
export async function burstAt(
	sim: ReturnType<typeof simulatedAccount>,
	n: number,
	second: number,
	from = 0,
) {
	await systemClock.wait(second * 1000);
	return await Promise.all(range(n, from).map((id) => sim.execution(id)));
}

/**
 * A long job of 250 requests and, 10 s after it, 300 single-request executions on one account,
 * under every shape, from each of `seconds` of the server's minute (in virtual time: `run` is
 * the file's useVirtualClock run): all delivered once, the singles done before the job, the
 * total within BOUND.mixed of the floor. Split over files, as each case takes a few seconds.
 */
export function describeJobBesideSingles(
	seconds: number[],
	run: <T>(work: Promise<T>) => Promise<T>,
): void {
	describe.each(SHAPES)('%s, 100 per 60 s', (name, limit) => {
		it.each(seconds)(
			'a job of 250 requests from second %d and, 10 s later, 300 single-request executions: all once, the singles done before the job, the total within the bound',
			async (second) => {
				const sim = simulatedAccount(limit, { siteUuid: `${name} mixed ${second}` });
				const bulk = sim.execution(0, 250, second * 1000);
				const singles = burstAt(sim, 300, second + 10, 1);
				const [bulkRun, singleRuns] = await run(Promise.all([bulk, singles]));
				expectAllOnce(sim, [bulkRun, ...singleRuns], [250, ...Array(300).fill(1)]);
				expect(Math.max(...singleRuns.map((r) => r.at))).toBeLessThan(bulkRun.at);
				expect(ratio(sim, limit, [bulkRun, ...singleRuns])).toBeLessThanOrEqual(BOUND.mixed);
			},
		);
	});
}
