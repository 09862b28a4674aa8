import type { RateLimit } from '../../sandbox/rateLimit';
import {
	BOUND,
	burstAt,
	expectAllOnce,
	range,
	ratio,
	SECONDS,
	SHAPES,
} from '../helpers/limitShapes';
import { simulatedAccount } from '../helpers/lineSim';
import { useVirtualClock } from '../helpers/virtualClock';

// Every limiter that gives the whole budget back after a quiet window (issue 31), 100 requests
// per 60 s: the account's line, through the transport's whole sending path (Sender, LinePlace,
// Gate) in virtual time, reaches the limit's rate and fails no execution on a guess. Bursts of
// 300 and 1,000 single-request executions at once (a long job beside singles:
// shapes.mixed.test.ts), each started at several seconds of the server's minute: where its
// clock-aligned reset falls decides what the line can tell.
const MINUTE = 60_000;
const START = Date.UTC(2026, 11, 3, 10, 0, 0);
const clock = useVirtualClock(START);

jest.setTimeout(120_000);

describe.each(SHAPES)('%s, 100 per 60 s', (name, limit) => {
	const cases = [
		...SECONDS.map((second) => [300, second]),
		...[20, 30].map((second) => [1_000, second]),
	];
	it.each(cases)(
		'%i single-request executions at once from second %d: none failed, all once, at most 3 refusals a window after the first, within the bound of the floor',
		async (n, second) => {
			const sim = simulatedAccount(limit, { siteUuid: `${name} ${n} ${second}` });
			const runs = await clock.run(burstAt(sim, n, second));
			expectAllOnce(sim, runs, Array(n).fill(1));
			// After the window of the first refusals (the learning ones), at most 3 a window.
			const windows = sim.windows();
			const learning = windows.findIndex((w) => w.refused > 0);
			for (const w of windows.slice(learning + 1)) expect(w.refused).toBeLessThanOrEqual(3);
			expect(ratio(sim, limit, runs)).toBeLessThanOrEqual(
				n === 300 ? BOUND.burst300 : BOUND.burst1000,
			);
		},
	);
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
