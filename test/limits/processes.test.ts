import { systemClock } from '../../nodes/Bento/transport/clock';
import { Gate } from '../../nodes/Bento/transport/gate';
import { rateLimitFamilyOf } from '../../nodes/Bento/transport/rateLimit';
import { createLimiter, perWindow } from '../../sandbox/rateLimit';
import { useVirtualClock } from '../helpers/virtualClock';

// Several n8n processes on one account (queue-mode workers, or several mains) share nothing:
// each has its own gate and learns from its own answers. Each process here is a Gate of its
// own; its executions ask it for turns as the transport does and send to one stand-in limiter
// (100 a minute, clock-aligned, refused requests counted, no Retry-After), in virtual time.
const MINUTE = 60_000;
const START = Date.UTC(2026, 11, 3, 10, 0, 20);
const clock = useVirtualClock(START);
const LATENCY_MS = 80;

interface Logged {
	at: number;
	status: number;
	process: number;
}

/**
 * `processes` processes, each running `concurrency` executions at once over its share of
 * `jobs` single-request jobs; every job is sent until Bento takes it.
 */
async function run(processes: number, concurrency: number, jobs: number, delayMs = 0) {
	const limiter = createLimiter({ shape: 'clock', limit: 100, windowMs: MINUTE });
	const log: Logged[] = [];
	const delivered = new Map<number, number>();
	const family = rateLimitFamilyOf('/batch/events');
	const work = [];
	for (let p = 0; p < processes; p++) {
		const gate = new Gate(family, systemClock);
		const mine = Array.from({ length: jobs / processes }, (_, i) => p * jobs + i);
		const execution = async () => {
			await systemClock.wait(delayMs);
			for (let job = mine.shift(); job !== undefined; job = mine.shift()) {
				const place = gate.place();
				let refusedAt: number | undefined;
				for (;;) {
					const turn = await gate.turn(place, { maxWaitMs: 30 * MINUTE, now: refusedAt });
					if (!('sentAt' in turn)) throw new Error('no turn');
					await systemClock.wait(LATENCY_MS / 2);
					const arrived = systemClock.now();
					const { allowed } = limiter.check(arrived);
					log.push({ at: arrived, status: allowed ? 200 : 429, process: p });
					await systemClock.wait(LATENCY_MS / 2);
					const serverDateMs = Math.floor(arrived / 1000) * 1000;
					if (allowed) {
						delivered.set(job, (delivered.get(job) ?? 0) + 1);
						gate.settle(turn.sentAt, { kind: 'answered', serverDateMs });
						break;
					}
					refusedAt = systemClock.now();
					gate.settle(turn.sentAt, { kind: 'refused', serverDateMs }, refusedAt);
				}
			}
		};
		for (let e = 0; e < concurrency; e++) work.push(execution());
	}
	await clock.run(Promise.all(work));
	return { log, delivered, took: clock.state.now - START };
}

// From second 30 the clock reset is tested in the first window (CLOCK_TEST_BY) and each process
// keeps to its window's end; from second 20 it is not, each process paces as under a sliding
// window and tries one request more a window, so one process may meet the others' tries too.
it.each([
	['queue mode: 2 workers at concurrency 5', 2, 5, 30, 2],
	['two regular-mode mains, 250 executions at once each', 2, 250, 30, 2],
	['three workers at concurrency 10', 3, 10, 30, 2],
	['three workers at concurrency 10', 3, 10, 20, 3],
	['two regular-mode mains, 250 executions at once each', 2, 250, 20, 3],
])(
	'%s (%i processes, %i executions each), 600 jobs from second %i: each delivered once; after the first window at most %i refusals a window per process',
	async (_name, processes, concurrency, second, most) => {
		const { log, delivered, took } = await run(processes, concurrency, 600, (second - 20) * 1000);
		expect(delivered.size).toBe(600);
		expect([...delivered.values()].every((n) => n === 1)).toBe(true);
		const windows = perWindow(log, MINUTE);
		for (const window of windows.slice(1))
			for (let p = 0; p < processes; p++) {
				const refused = log.filter(
					(r) =>
						r.process === p &&
						r.status === 429 &&
						r.at >= window.start &&
						r.at < window.start + MINUTE,
				).length;
				expect(refused).toBeLessThanOrEqual(most);
			}
		// Processes spread over the window's start do not lose the account's budget: six windows
		// (five full after the first's 40 s), give or take one; paced by sliding windows from
		// second 20, the last hundred may straddle a minute.
		expect(
			windows
				.map((w) => w.accepted)
				.slice(1, -2)
				.every((n) => n >= 90),
		).toBe(true);
		expect(took).toBeLessThan(1.2 * (5 * MINUTE + 40_000));
	},
);
