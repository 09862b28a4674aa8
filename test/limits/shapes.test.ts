import { systemClock } from '../../nodes/Bento/transport/clock';
import type { RateLimit } from '../../sandbox/rateLimit';
import { type SimFinish, simulatedAccount } from '../helpers/lineSim';
import { useVirtualClock } from '../helpers/virtualClock';

// Every limiter that gives the whole budget back after a quiet window (issue 31), 100 requests
// per 60 s: the account's line, through the transport's whole sending path (Sender, LinePlace,
// Gate) in virtual time, reaches the limit's rate and fails no execution on a guess. Bursts of
// 300 and 1,000 single-request executions at once, and a long job of 250 requests with 300
// single-request executions arriving 10 s after it.
const MINUTE = 60_000;
// Second 20 of a minute (virtual): a clock-aligned first window has 40 s left.
const START = Date.UTC(2026, 11, 3, 10, 0, 20);
const clock = useVirtualClock(START);

jest.setTimeout(120_000);

const SHAPES: Array<[string, RateLimit]> = [
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
 * one after another; a clock-aligned first window is cut short by the second it starts at.
 */
function floorOf(limit: RateLimit, n: number, firstAt: number) {
	const later = (Math.ceil(n / limit.limit) - 1) * limit.windowMs;
	return limit.shape === 'clock' ? later - (firstAt % limit.windowMs) : later;
}

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

/** What every run must show: none failed, each execution's requests accepted exactly once. */
function expectAllOnce(
	sim: ReturnType<typeof simulatedAccount>,
	runs: SimFinish[],
	sizes: number[],
) {
	expect(runs.filter((r) => r.error !== undefined).map((r) => r.error)).toEqual([]);
	expect(runs.map((r) => sim.accepted(r.execution))).toEqual(sizes);
}

/** Took / floor, from the first request's arrival to the last execution's end. */
function ratio(sim: ReturnType<typeof simulatedAccount>, limit: RateLimit, runs: SimFinish[]) {
	const first = sim.requests[0].at;
	const accepted = sim.requests.filter((r) => r.status === 200).length;
	return (Math.max(...runs.map((r) => r.at)) - first) / floorOf(limit, accepted, first);
}

// The most time / floor each shape may take. A sliding window that counts refused requests
// costs a window when the count is exactly full: the request that tested whether the window was
// aligned to the clock holds its place for a whole window, so the 300th request needs a fourth.
const BOUND: Record<string, { burst300: number; burst1000: number; mixed: number }> = {
	'sliding, refused requests counted': { burst300: 1.55, burst1000: 1.15, mixed: 1.1 },
};
const bound = (name: string) => BOUND[name] ?? { burst300: 1.1, burst1000: 1.05, mixed: 1.1 };

describe.each(SHAPES)('%s, 100 per 60 s', (name, limit) => {
	it.each([300, 1_000])(
		'%i single-request executions at once: none failed, all once, at most 3 refusals a window after the first, within the bound of the floor',
		async (n) => {
			const sim = simulatedAccount(limit);
			const runs = await clock.run(Promise.all(range(n).map((id) => sim.execution(id))));
			expectAllOnce(sim, runs, Array(n).fill(1));
			const windows = sim.windows();
			for (const w of windows.slice(1)) expect(w.refused).toBeLessThanOrEqual(3);
			expect(ratio(sim, limit, runs)).toBeLessThanOrEqual(
				n === 300 ? bound(name).burst300 : bound(name).burst1000,
			);
		},
	);

	it('a job of 250 requests and, 10 s later, 300 single-request executions: all once, the singles done before the job, the total within the bound', async () => {
		const sim = simulatedAccount(limit);
		const bulk = sim.execution(0, 250);
		const singles = (async () => {
			await systemClock.wait(10_000);
			return await Promise.all(range(300, 1).map((id) => sim.execution(id)));
		})();
		const [bulkRun, singleRuns] = await clock.run(Promise.all([bulk, singles]));
		expectAllOnce(sim, [bulkRun, ...singleRuns], [250, ...Array(300).fill(1)]);
		expect(Math.max(...singleRuns.map((r) => r.at))).toBeLessThan(bulkRun.at);
		expect(ratio(sim, limit, [bulkRun, ...singleRuns])).toBeLessThanOrEqual(bound(name).mixed);
	});
});

describe('a block longer than the window (2 minutes)', () => {
	it('300 at once: none failed, all once; the block the first refusal set is waited out once', async () => {
		const limit: RateLimit = { shape: 'block', limit: 100, windowMs: MINUTE, blockMs: 2 * MINUTE };
		const sim = simulatedAccount(limit);
		const runs = await clock.run(Promise.all(range(300).map((id) => sim.execution(id))));
		expectAllOnce(sim, runs, Array(300).fill(1));
		// Two windows' worth after the first, one more for the block: 3 minutes, a few refusals.
		expect(Math.max(...runs.map((r) => r.at)) - sim.requests[0].at).toBeLessThan(3.1 * MINUTE);
		expect(sim.requests.filter((r) => r.status === 429).length).toBeLessThan(20);
	});
});

describe('Max Wait for Rate Limit without Retry-After', () => {
	it('a turn predicted past it is waited for, not failed at once: a request fails only once its wait has passed', async () => {
		const limit: RateLimit = { shape: 'clock', limit: 100, windowMs: MINUTE };
		const sim = simulatedAccount(limit, { maxWaitMinutes: 1 });
		const runs = await clock.run(Promise.all(range(300).map((id) => sim.execution(id))));
		const failed = runs.filter((r) => r.error !== undefined);
		expect(failed.length).toBeGreaterThan(0);
		for (const run of failed) {
			expect(run.error).toMatch(/^Not sent: its turn under Bento's rate limit is further away/);
			// It waited its minute (from when it asked, at the start) before failing.
			expect(run.at - START).toBeGreaterThanOrEqual(MINUTE);
		}
		const sent = runs.filter((r) => r.error === undefined);
		expect(sent.map((r) => sim.accepted(r.execution))).toEqual(Array(sent.length).fill(1));
		expect(failed.every((r) => sim.accepted(r.execution) === 0)).toBe(true);
	});

	it('a Retry-After past it fails at once, as Bento said so', async () => {
		const limit: RateLimit = {
			shape: 'clock',
			limit: 100,
			windowMs: MINUTE,
			retryAfter: 600,
		};
		const sim = simulatedAccount(limit, { maxWaitMinutes: 1 });
		const runs = await clock.run(Promise.all(range(150).map((id) => sim.execution(id))));
		const failed = runs.filter((r) => r.error !== undefined);
		expect(failed.length).toBeGreaterThanOrEqual(40);
		// None waited for a time Bento said was ten minutes away.
		expect(Math.max(...failed.map((r) => r.at)) - START).toBeLessThan(MINUTE);
	});
});
